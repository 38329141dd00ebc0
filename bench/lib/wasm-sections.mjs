// Each section of a wasm file with its bytes and its bytes gzipped alone (level 9), for
// bench/size-report.sh: how the shipped transfer splits between code and data.
//   node bench/lib/wasm-sections.mjs FILE.wasm [LARGEST_N]

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const bytes = readFileSync(process.argv[2]);
let at = 8;
const leb = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value >>> 0;
};
const sections = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const name = NAMES[id] ?? `section ${id}`;
  const body = bytes.subarray(at, at + size);
  const entry = sections.get(name) ?? { raw: 0, parts: [] };
  entry.raw += size;
  entry.parts.push(body);
  sections.set(name, entry);
  at += size;
}
console.log(`  ${'section'.padEnd(10)} ${'bytes'.padStart(9)} ${'gzip alone'.padStart(11)}`);
const largest = Number(process.argv[3] ?? Infinity);
for (const [name, { raw, parts }] of [...sections].sort((a, b) => b[1].raw - a[1].raw).slice(0, largest)) {
  const gzip = gzipSync(Buffer.concat(parts), { level: 9 }).length;
  console.log(`  ${name.padEnd(10)} ${raw.toLocaleString('en-US').padStart(9)} ${gzip.toLocaleString('en-US').padStart(11)}`);
}
