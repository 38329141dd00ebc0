// Groups twiggy's items by where their bytes come from, for bench/size-report.sh.
// Reads `twiggy top --retained -f json` on stdin (every item with its own and
// retained bytes) and prints the file by group and subgroup (each item's own
// bytes, so the groups add up to the file), then the top items by retained size.
//
//   twiggy top --retained -f json WASM | node bench/lib/size-groups.mjs [TOP_N]
//
// An item's group is the crate its name starts with; for a trait impl
// (`<A as B>::f`) the crate of A, or of B when A is a type parameter or a
// primitive. So a generic function of Leptos, serde_json or core instantiated
// for one of Unplug's closures or types counts where its code was written
// (Leptos, serde_json, core), although Unplug's use is why it exists: drop glue
// and closure shims for Unplug's types land in core.

import { readFileSync } from 'node:fs';

const topN = Number(process.argv[2] ?? 40);
const items = JSON.parse(readFileSync(0, 'utf8'));

const GROUPS = {
  names: 'name and custom sections (not shipped: wasm-opt drops them)',
  leptos: 'leptos, tachys, reactive_graph and their helpers',
  unplug: "unplug's own code, by module",
  derives: "unplug's derived serde impls (Deserialize, Serialize)",
  std: 'core, alloc, std (fmt apart)',
  fmt: 'core, alloc, std: fmt (formatting, float printing)',
  data: 'data segments (text, translation tables, vtables, panic locations)',
  serde: 'serde, serde_json',
  bindgen: 'wasm-bindgen, js-sys, web-sys',
  gloo: 'gloo-net, wasm-streams, http',
  futures: 'futures and async helpers',
  wasm: 'wasm tables, types, imports, exports',
  hook: 'console_error_panic_hook',
  other: 'other crates',
};

const CRATES = {
  leptos: [
    'leptos', 'leptos_dom', 'leptos_macro', 'leptos_server', 'leptos_config', 'tachys', 'reactive_graph',
    'reactive_stores', 'any_spawner', 'throw_error', 'oco_ref', 'or_poisoned', 'hydration_context', 'server_fn',
    'next_tuple', 'send_wrapper', 'slotmap', 'drain_filter_polyfill', 'guardian', 'either_of', 'rustc_hash',
    'indexmap', 'linear_map',
  ],
  serde: ['serde', 'serde_core', 'serde_json', 'itoa', 'ryu', 'memchr', 'zmij'],
  gloo: ['gloo_net', 'gloo_utils', 'gloo_timers', 'gloo_events', 'wasm_streams', 'http', 'bytes'],
  bindgen: ['wasm_bindgen', 'js_sys', 'web_sys', 'wasm_bindgen_futures'],
  // hashbrown is std's HashMap (and reactive_graph's).
  std: ['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins', 'hashbrown', 'equivalent'],
  futures: [
    'futures', 'futures_util', 'futures_core', 'futures_channel', 'futures_executor', 'futures_task',
    'futures_sink', 'futures_io', 'pin_project_lite', 'pin_project', 'async_lock', 'event_listener',
    'event_listener_strategy', 'concurrent_queue', 'parking_lot', 'lock_api', 'once_cell', 'slab', 'pin_utils',
  ],
  hook: ['console_error_panic_hook'],
};
const GROUP_OF_CRATE = new Map(Object.entries(CRATES).flatMap(([group, crates]) => crates.map((c) => [c, group])));

const PRIMITIVE = /^(\(\)|u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|bool|char|str|f32|f64|[A-Z][A-Za-z]?)$/;

/**
 * The path an item's name starts with: for `<A as B>::f` A, or B when A is generic or
 * primitive, or when A is a std type and B is not a std trait (the orphan rule puts that impl,
 * `<PhantomData<T> as serde::de::DeserializeSeed>` say, in B's crate).
 */
function leadingPath(name) {
  if (!name.startsWith('<')) return name;
  let depth = 0;
  for (let i = 1; i < name.length; i++) {
    const c = name[i];
    if (c === '<') depth++;
    else if (c === '>') {
      if (depth === 0) return name.slice(1, i);
      depth--;
    } else if (depth === 0 && name.startsWith(' as ', i)) {
      const self = name.slice(1, i).replace(/^(&mut |&|\*const |\*mut )+/, '');
      const trait = name.slice(i + 4);
      const isStd = (path) => /^(core|alloc|std)(\[[0-9a-f]+\])?::/.test(path);
      return PRIMITIVE.test(self) || (isStd(self) && !isStd(trait)) ? trait : self;
    }
  }
  return name.slice(1);
}

function crateOf(name) {
  const path = leadingPath(name).replace(/^(&mut |&|\*const |\*mut |dyn |\[)+/, '');
  const crate = path.split('::')[0].replace(/\[[0-9a-f]+\]$/, '').replace(/[<;\]].*$/, '');
  // `<char>::to_lowercase`, `<[T]>::to_vec`: inherent methods of primitives live in core.
  return PRIMITIVE.test(crate) ? 'core' : crate;
}

/** What a core/alloc/std item does, as a subgroup. */
function stdPart(name) {
  const parts = [
    [/drop_in_place/, 'drop glue'],
    [/vtable\.shim|ops::function/, 'closure call shims'],
    [/slice::sort/, 'sorting'],
    [/iter::|Iterator>|FromIterator|SpecFromIter|SpecExtend|Extend</, 'iterators'],
    [/btree|hash_map|hash_set|hash::|hashbrown|vec_deque/, 'collections (BTreeMap for JSON objects, HashMap, VecDeque)'],
    [/dlmalloc|raw_vec|alloc::alloc|vec::Vec|boxed::Box|sync::Arc|rc::Rc|Clone>::clone|to_vec|to_owned/, 'allocator, Vec, Box, Arc, clones'],
    [/dec2flt|FromStr|from_str_radix|num::/, 'number parsing'],
    [/str::|String|unicode|char::|<char>|<str>/, 'str, String, unicode'],
    [/panic|Location|unwrap_failed|expect_failed|assert_failed|slice_.*_fail|index_out_of_bounds/, 'panics'],
    [/^(__|mem|fmax|fmin)/, 'compiler builtins'],
  ];
  return parts.find(([pattern]) => pattern.test(name))?.[1] ?? 'the rest';
}

/** [group, subgroup] for one twiggy item. */
function groupOf(name) {
  if (/name" subsection$|names" subsection$|^custom section/.test(name)) return ['names', ''];
  if (/^data segment|^data\[/.test(name)) return ['data', ''];
  if (/^(table|elem|type|global|memory)\[|^import |^export |section headers$|^wasm magic bytes$/.test(name)) {
    return ['wasm', ''];
  }
  if (/^__wb|^__externref|externref shim$|^[A-Z][A-Za-z0-9]*\(.* -> |^[A-Z][A-Za-z0-9]* -> /.test(name)) {
    return ['bindgen', 'generated glue'];
  }
  if (/^(__rustc|__multi3|__powidf2|memcmp|memcpy|memmove|memset|fmax|fmin)\b/.test(name)) return ['std', 'compiler builtins'];
  // The wasm-bindgen exports: `main` and `mount_into` are Unplug's; `intounderlying*` are
  // wasm-streams' (the body reader gloo-net uses).
  if (/^intounderlying/.test(name)) return ['gloo', 'wasm_streams'];
  if (name === 'main' || name === 'mount_into') return ['unplug', 'main.rs, lib.rs exports'];
  if (/^code\[\d+\]$/.test(name)) return ['other', 'unnamed functions'];
  const crate = crateOf(name);
  if (crate === 'unplug') {
    if (/serde(_core)?::(de|ser)::|__Visitor|__FieldVisitor|__Field\b/.test(name)) return ['derives', ''];
    const path = leadingPath(name).replace(/<.*$/, '').split('::');
    // Two levels where a module is a folder of several (api::altegio, views::inventory).
    const module = ['api', 'views', 'state', 'components'].includes(path[1]) && /^[a-z_]+$/.test(path[2] ?? '')
      ? `${path[1]}::${path[2]}`
      : path[1];
    return ['unplug', `unplug::${module}`];
  }
  const group = GROUP_OF_CRATE.get(crate) ?? 'other';
  if (group === 'std') {
    if (/fmt::|Display>::fmt|Debug>::fmt|float_to_decimal|format_inner|flt2dec/.test(name)) return ['fmt', ''];
    return ['std', stdPart(name)];
  }
  return [group, crate];
}

const groups = new Map();
let fileBytes = 0;
for (const item of items) {
  const [group, sub] = groupOf(item.name);
  fileBytes += item.shallow_size;
  const entry = groups.get(group) ?? { bytes: 0, subs: new Map() };
  entry.bytes += item.shallow_size;
  if (sub) entry.subs.set(sub, (entry.subs.get(sub) ?? 0) + item.shallow_size);
  groups.set(group, entry);
}
const shippedBytes = fileBytes - (groups.get('names')?.bytes ?? 0);

const fmtBytes = (n) => n.toLocaleString('en-US').padStart(9);
const pct = (n) => `${((n * 100) / shippedBytes).toFixed(1).padStart(5)} %`;
const byBytes = (a, b) => b[1] - a[1];

console.log(`Bytes by origin, before wasm-opt: each item's own bytes (twiggy's shallow size), so the groups add up.`);
console.log(`Shares are of the ${shippedBytes.toLocaleString('en-US')} bytes left without the name section.`);
console.log(`  ${'bytes'.padStart(9)}  ${'share'.padStart(7)}  group`);
for (const [group, { bytes, subs }] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
  console.log(`  ${fmtBytes(bytes)}  ${group === 'names' ? '      -' : pct(bytes)}  ${GROUPS[group]}`);
  const shown = group === 'unplug' ? 12 : 6;
  const list = [...subs].sort(byBytes);
  for (const [sub, subBytes] of list.slice(0, shown)) {
    console.log(`  ${''.padStart(9)}  ${pct(subBytes)}      ${sub} ${subBytes.toLocaleString('en-US')}`);
  }
  if (list.length > shown) {
    const rest = list.slice(shown).reduce((sum, [, b]) => sum + b, 0);
    console.log(`  ${''.padStart(9)}  ${pct(rest)}      ${list.length - shown} more ${rest.toLocaleString('en-US')}`);
  }
}
console.log(`  ${fmtBytes(fileBytes)}           the whole file`);

console.log();
console.log(`Top ${topN} items by retained size (the item and what only it reaches, so they overlap):`);
// twiggy lets one function that reads the data segment "retain" all of it; such an item is
// left out rather than shown as weighing the data.
const dataBytes = groups.get('data')?.bytes ?? 0;
const skip = new Set(['table[0]', 'elem[0]']);
const top = items
  .filter((item) => !skip.has(item.name) && !/names" subsection$/.test(item.name))
  .filter((item) => /^data segment/.test(item.name) || item.retained_size - item.shallow_size < dataBytes)
  .sort((a, b) => b.retained_size - a.retained_size)
  .slice(0, topN);
console.log(`  ${'retained'.padStart(9)}  ${'own'.padStart(9)}  item`);
for (const item of top) {
  const name = item.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
  const shown = name.length > 140 ? `${name.slice(0, 137)}...` : name;
  console.log(`  ${fmtBytes(item.retained_size)}  ${fmtBytes(item.shallow_size)}  ${shown}`);
}
