// What the two benchmark peers (bench/plain/, bench/react/) share with each
// other, and mirror from the console, so that only the rendering differs:
// the same config.json and remembered sessions, the same list requests, the
// same rows (the console's `finding::filter::Row`), the same search and
// status counts, and the same windowing rule (`views/inventory/window.rs`).
// An ES module: the plain page loads it as it is, esbuild bundles it into React's.

export const PLATFORM = { rocketchat: 'Rocket.Chat', ryze: 'RyzeAPI', altegio: 'Altegio' };
const RC_PAGE = 100;
const ALTEGIO_PAGE = 200;
/** The status word of a card whose status has not been read (`model::NOT_READ_YET`). */
const NOT_READ_YET = 'not read yet';

/** `model::Status::ALL`, in the order the counts show them, with their labels. */
export const STATUSES = [
  ['active', 'Active'], ['disabled', 'Disabled'], ['paused', 'Paused'], ['pending', 'Pending'],
  ['frozen', 'Frozen'], ['error', 'Error'], ['unknown', 'Unknown'],
];
const STATUS_LABEL = Object.fromEntries(STATUSES);

/** Each platform's logo letters (`components/logo.rs`); its shape and colour are in style/main.css. */
export const LOGO_LETTERS = { rocketchat: 'R', ryze: 'Ry', altegio: 'A' };

function join(base, path) {
  return base.replace(/\/+$/, '') + path;
}

async function getJson(url, headers) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/**
 * A field (`model::Field`) and where it shows (`model::FieldRole`): a card shows its facts,
 * the rest wait in the detail panel; search reads them all.
 */
const field = (label, value, role = 'detail') => ({ label, value: String(value), role });
const fact = (label, value) => field(label, value, 'fact');
const idField = (label, value) => field(label, value, 'id');

function item(connection, { id, name, kind, status, word, createdBy = null, fields }) {
  return {
    key: `${connection.id}/${id}`, platform: connection.platform, id, name, kind, status, word, createdBy, fields,
  };
}

/**
 * The host a URL points at (`rocket_chat::convert::host`): no scheme, user info, port, path or
 * query, so nothing a URL may carry as a credential.
 */
function host(url) {
  const scheme = url.indexOf('://');
  if (scheme < 0) return null;
  const authority = url.slice(scheme + 3).split(/[/?#]/)[0];
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  let name;
  if (hostAndPort.startsWith('[')) {
    const end = hostAndPort.indexOf(']');
    if (end < 0) return null;
    name = hostAndPort.slice(0, end + 1);
  } else {
    name = hostAndPort.split(':')[0];
  }
  return name || null;
}

/** Rocket.Chat's channel: one name or several. */
function channels(channel) {
  if (typeof channel === 'string') return channel || null;
  const names = Array.isArray(channel) ? channel.filter((name) => typeof name === 'string') : [];
  return names.length ? names.join(', ') : null;
}

async function rocketChat(connection, session) {
  const headers = { 'X-User-Id': session.user_id, 'X-Auth-Token': session.auth_token };
  const items = [];
  for (;;) {
    const url = join(connection.baseUrl, `/api/v1/integrations.list?offset=${items.length}&count=${RC_PAGE}`);
    const page = await getJson(url, headers);
    for (const wire of page.integrations) {
      const fields = [idField('Integration id', wire._id)];
      const channel = channels(wire.channel);
      if (channel) fields.push(fact('Channel', channel));
      const target = wire.urls?.length ? host(wire.urls[0]) : null;
      if (target) fields.push(fact('Target host', target));
      if (wire.username) fields.push(field('Posts as', wire.username));
      if (wire.event) fields.push(field('Event', wire.event));
      if (wire.urls?.length) fields.push(field('URLs', wire.urls.join(', ')));
      if (wire.triggerWords?.length) fields.push(field('Trigger words', wire.triggerWords.join(', ')));
      if (typeof wire.scriptEnabled === 'boolean') fields.push(field('Script', wire.scriptEnabled ? 'enabled' : 'disabled'));
      items.push(item(connection, {
        id: wire._id,
        name: wire.name,
        kind: wire.type === 'webhook-outgoing' ? 'Outgoing webhook' : 'Incoming webhook',
        status: wire.enabled ? 'active' : 'disabled',
        word: wire.enabled ? 'enabled' : 'disabled',
        createdBy: wire._createdBy?.username ?? null,
        fields,
      }));
    }
    if (items.length >= page.total || page.integrations.length === 0) return items;
  }
}

async function ryze(connection, session) {
  const list = await getJson(join(connection.baseUrl, '/api/instance/list'), { token: session.token });
  const known = { active: 'active', paused: 'paused', error: 'error' };
  return list.data
    .filter((instance) => instance.chatwoot?.enabled !== false)
    .map((instance) => {
      const chatwoot = instance.chatwoot ?? {};
      const word = chatwoot.status || NOT_READ_YET;
      const fields = [idField('Instance', instance.instanceName)];
      if (instance.connection?.state) fields.push(field('WhatsApp', instance.connection.state));
      if (chatwoot.chatwoot_inbox_name) fields.push(fact('Chatwoot inbox', chatwoot.chatwoot_inbox_name));
      if (chatwoot.bridge_integration_id) fields.push(idField('Bridge integration id', chatwoot.bridge_integration_id));
      if (instance.profile?.name) fields.push(field('WhatsApp profile', instance.profile.name));
      return item(connection, {
        id: instance.instanceName, name: instance.instanceName, kind: 'Chatwoot on instance',
        status: known[word] ?? 'unknown', word, fields,
      });
    });
}

const ALTEGIO_STATUS = { active: 'active', pending: 'pending', freezed: 'frozen' };

/** Every location, its status not read yet (read later, one by one, as the console does). */
async function altegio(connection, session) {
  const headers = altegioHeaders(session);
  const app = session.application_id;
  const items = [];
  for (let page = 1; ; page += 1) {
    const url = join(connection.baseUrl, `/marketplace/application/${app}/salons?page=${page}&count=${ALTEGIO_PAGE}`);
    const salons = (await getJson(url, headers)).data;
    for (const salon of salons) {
      const fields = [idField('Location id', salon.id), idField('Application id', app)];
      const optional = [
        ['Public title', salon.public_title], ['City', salon.city, 'fact'], ['Address', salon.address],
        ['Phone', salon.phone], ['Time zone', salon.timezone_name],
      ];
      for (const [label, value, role] of optional) if (value != null) fields.push(field(label, value, role));
      items.push(item(connection, {
        id: String(salon.id), name: salon.title, kind: 'App on location', status: 'unknown', word: NOT_READ_YET, fields,
      }));
    }
    if (salons.length < ALTEGIO_PAGE) return items;
  }
}

const altegioHeaders = (session) => ({ Authorization: `Bearer ${session.token}`, Accept: 'application/vnd.api.v2+json' });

/** A location's status (`altegio::convert::with_status`); an unreadable answer leaves it "unknown". */
async function altegioStatus(connection, session, entry) {
  const url = join(connection.baseUrl, `/marketplace/salon/${entry.id}/application/${session.application_id}`);
  const status = await getJson(url, altegioHeaders(session)).then((answer) => answer.data.connection_status, () => null);
  if (!status) return { ...entry, word: 'unknown' };
  return { ...entry, status: ALTEGIO_STATUS[status.status] ?? 'unknown', word: status.status };
}

const LOADERS = { rocketchat: rocketChat, ryze, altegio };
/** The follow-up read of a card listed without its status, where the platform needs one. */
const COMPLETIONS = { altegio: altegioStatus };
/** Cards completed between two updates of the list (`state::connections::COMPLETED_PER_UPDATE`). */
const COMPLETED_PER_UPDATE = 12;
/** The console's pace where config.json gives none (`config.rs`). */
const DEFAULT_LIMITS = {
  rocketchat: { requests: 10, perMs: 60_000 },
  ryze: { requests: 100, perMs: 60_000 },
  altegio: { requests: 5, perMs: 1_000 },
};

/**
 * `api::pacing::Pacer` without its backoff: a sliding log in which no window of
 * `perMs` plus a margin holds more than `requests` sends. Resolves when the next may go.
 */
function pacer({ requests, perMs }) {
  const window = perMs + perMs / 20 + 50;
  const sent = [];
  return async () => {
    if (sent.length >= requests) {
      const wait = sent[0] + window - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    sent.push(performance.now());
    while (sent.length > requests) sent.shift();
  };
}

/**
 * `Status::is_said_by`: whether a platform's own word says no more than the shared status
 * (the same word in any case, or `enabled` for Active).
 */
function isSaidBy(status, word) {
  const lower = word.toLowerCase();
  return lower === status || (status === 'active' && lower === 'enabled');
}

/** `card::status_text` at rest: the shared word, and the platform's own only where it says more. */
const statusText = (status, word) => (isSaidBy(status, word) ? STATUS_LABEL[status] : `${STATUS_LABEL[status]} (${word})`);

/** `RowControls::switch_action`: Disable or Enable for Rocket.Chat's webhooks, by status; none elsewhere. */
function switchLabel(entry) {
  if (entry.platform !== 'rocketchat') return null;
  return { active: 'Disable', disabled: 'Enable' }[entry.status] ?? null;
}

/**
 * A row as `finding::filter::Row` builds it, once per load: the item, its
 * connection's label, the lower-cased text search reads (every field, shown
 * or not), and the sort key; with what its card shows.
 */
function row(connection, entry) {
  const haystack = [entry.name, entry.id, connection.label, entry.kind, entry.word];
  for (const { value } of entry.fields) haystack.push(value);
  if (entry.createdBy !== null) haystack.push(entry.createdBy);
  return {
    ...entry,
    label: connection.label,
    facts: entry.fields.filter((one) => one.role === 'fact'),
    statusText: statusText(entry.status, entry.word),
    switchLabel: switchLabel(entry),
    renderKey: `${entry.key}\u001f${entry.word}\u001f${entry.name}`,
    haystack: haystack.join('\n').toLowerCase(),
    nameKey: entry.name.toLowerCase(),
  };
}

/**
 * Reads config.json and, for every connection with a remembered session,
 * its whole list. `onRows(connection, rows)` gives a connection's rows each
 * time they change: once its list is read to the end (as the console shows a
 * connection's cards), then after every few follow-up reads, which run one at
 * a time at the connection's pace, as the console's do.
 */
export async function loadConnections(configUrl, onRows) {
  const config = await getJson(configUrl, {});
  await Promise.all(config.connections.map(async (connection) => {
    const stored = sessionStorage.getItem(`unplug.session.${connection.id}`);
    const load = LOADERS[connection.platform];
    if (!stored || !load) return;
    const session = JSON.parse(stored);
    const entries = await load(connection, session);
    const show = () => onRows(connection, entries.map((entry) => row(connection, entry)));
    show();
    const complete = COMPLETIONS[connection.platform];
    if (!complete) return;
    const paced = pacer(connection.rateLimit ?? DEFAULT_LIMITS[connection.platform]);
    let completed = 0;
    for (const [index, entry] of entries.entries()) {
      if (entry.word !== NOT_READ_YET) continue;
      await paced();
      entries[index] = await complete(connection, session, entry);
      completed += 1;
      if (completed % COMPLETED_PER_UPDATE === 0) show();
    }
    if (completed % COMPLETED_PER_UPDATE !== 0) show();
  }));
}

const terms = (search) => search.toLowerCase().split(/\s+/).filter(Boolean);
const matches = (candidate, words) => words.every((word) => candidate.haystack.includes(word));

/** `filter::select` with the default query (no filter but search, sorted by name, then key). */
export function select(rows, search) {
  const words = terms(search);
  return rows
    .filter((candidate) => matches(candidate, words))
    .sort((a, b) => compareText(a.nameKey, b.nameKey) || compareText(a.key, b.key));
}

/** Rust's `str::cmp`: by code unit here, close enough for the ASCII the sandbox serves. */
function compareText(a, b) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** `filter::status_counts`: `[slug, label, count]` for every status, Unknown only when some have it. */
export function statusCounts(rows, search) {
  const words = terms(search);
  const counts = Object.fromEntries(STATUSES.map(([slug]) => [slug, 0]));
  for (const candidate of rows) if (matches(candidate, words)) counts[candidate.status] += 1;
  return STATUSES
    .filter(([slug]) => slug !== 'unknown' || counts[slug] > 0)
    .map(([slug, label]) => [slug, label, counts[slug]]);
}

/** `i18n::number` in English. */
export const formatNumber = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// --- Windowing, as `views/inventory/window.rs` and `results.rs` do it. ---

/** Up to this many items everything is rendered. */
export const RENDER_ALL_UP_TO = 40;
const OVERSCAN_ROWS = 1;
/** Sizes in rem of windowed cards, equal to `results.rs`'s (a card's estimated height with room to spare). */
const CARD_MIN_WIDTH_REM = 18;
const CARD_HEIGHT_REM = 15;
const GAP_REM = 1;
/** Until the first measurement: a screenful, never everything. */
export const GUESS = { top: 0, viewportHeight: 1200, columns: 1, rowPitch: 300 };

/** Columns of at least `minWidth` that fit in `width`, with `gap` between them. */
function columns(width, minWidth, gap) {
  if (width <= 0 || minWidth <= 0) return 1;
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

function rootFontPx() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** The grid's geometry as measured in the browser. */
export function measure(grid) {
  const rem = rootFontPx();
  return {
    top: grid.getBoundingClientRect().top,
    viewportHeight: window.innerHeight || 800,
    columns: columns(grid.clientWidth, CARD_MIN_WIDTH_REM * rem, GAP_REM * rem),
    rowPitch: (CARD_HEIGHT_REM + GAP_REM) * rem,
  };
}

export const sameGeometry = (a, b) => a.top === b.top && a.viewportHeight === b.viewportHeight
  && a.columns === b.columns && a.rowPitch === b.rowPitch;

/** `window::visible`: the items to render and the padding that stands for the rest. */
export function visible(count, geometry) {
  if (count <= RENDER_ALL_UP_TO || geometry.rowPitch <= 0) return { start: 0, end: count, beforePx: 0, afterPx: 0 };
  const cols = Math.max(1, geometry.columns);
  const rows = Math.ceil(count / cols);
  const scrolled = Math.max(0, -geometry.top);
  const firstVisible = Math.floor(scrolled / geometry.rowPitch);
  const lastVisible = Math.ceil((scrolled + Math.max(0, geometry.viewportHeight)) / geometry.rowPitch);
  const startRow = Math.min(rows, Math.max(0, firstVisible - OVERSCAN_ROWS));
  const endRow = Math.max(startRow, Math.min(rows, lastVisible + OVERSCAN_ROWS));
  return {
    start: Math.min(count, startRow * cols),
    end: Math.min(count, endRow * cols),
    beforePx: startRow * geometry.rowPitch,
    afterPx: (rows - endRow) * geometry.rowPitch,
  };
}

/** The grid's inline geometry (`CardGrid`'s effect): CSSOM properties, or '' to remove one. */
export function gridStyle(count, slice, geometry) {
  const windowed = count > RENDER_ALL_UP_TO;
  return {
    windowed,
    gridTemplateColumns: windowed && slice.end > slice.start ? `repeat(${geometry.columns}, minmax(0, 1fr))` : '',
    paddingTop: windowed ? `${slice.beforePx}px` : '',
    paddingBottom: windowed ? `${slice.afterPx}px` : '',
  };
}

/** `tf("Showing {shown} of {total}")`. */
export const summary = (shown, total) => `Showing ${formatNumber(shown)} of ${formatNumber(total)}`;

/** The query in the URL, replaced in place as the console does for each keystroke of a search. */
export function writeSearch(search) {
  const url = new URL(location.href);
  if (search) url.searchParams.set('q', search);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}
