#!/usr/bin/env node
// Prints deploy/nginx.conf.template filled in for one site: where dist/ was
// copied, the sub-path, the listen address, the Content-Security-Policy
// computed from that copy (deploy/csp.mjs), each platform's upstream and,
// for RyzeAPI and Altegio, the root-only file holding the token the proxy
// adds itself (connections with "auth": "proxy" in config.json).
//
//   node deploy/nginx-site.mjs --root /srv/www [--sub-path /tools/unplug/] [--listen 80]
//     [--server-name portal.example.com] [--frame-ancestors "https://portal.example.com"]
//     [--rocketchat https://chat.example.com] [--ryze https://ryzeapi.cloud] [--altegio https://app.alteg.io]
//     [--ryze-token-file /etc/nginx/unplug/ryze-token.conf] [--altegio-token-file /etc/nginx/unplug/altegio-token.conf]
//     [--brotli]
//
// dist/ must already be at <root><sub-path> with the host's config.json in
// it. Beside each wasm, JS and CSS file there, this writes its gzip (.gz,
// level 9), which nginx sends as it is (gzip_static); with --brotli also its
// brotli (.br), for a host with Debian's libnginx-mod-http-brotli-static
// (brotli_static). config.json is left to on-the-fly gzip: a .gz beside it
// would go stale, and be sent instead, the moment the host edits it. A
// platform given no upstream gets no proxy location. A token file must
// exist, be readable by its owner only (mode 600), and hold one line:
//
//   proxy_set_header Authorization "Bearer <partner token>";   (Altegio)
//   proxy_set_header token "<account token>";                  (RyzeAPI)
//
// which this writes, mode 600, from a token read on standard input:
//
//   node deploy/nginx-site.mjs --write-token-file altegio /etc/nginx/unplug/altegio-token.conf
import {
  closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { policyForBuild, runAsCommand, sourceList } from './csp.mjs';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template');
export const PLATFORMS = ['rocketchat', 'ryze', 'altegio'];
const DEFAULT_SUB_PATH = '/tools/unplug/';

/** The header each platform's proxy sets from its token file, as `value(token)`. */
export const TOKEN_HEADERS = {
  ryze: { name: 'token', value: (token) => token },
  altegio: { name: 'Authorization', value: (token) => `Bearer ${token}` },
};

// RFC 7235's token68 characters: what API tokens are made of, and nothing
// nginx would read as syntax ("", ;, $ variables, spaces).
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;
// A path nginx's `include` takes as it stands.
const INCLUDE_PATH = /^\/[A-Za-z0-9._+/@-]+$/;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one line of a platform's token file. */
export function tokenFileContent(platform, token) {
  const header = TOKEN_HEADERS[platform];
  if (!header) throw new Error(`only ${Object.keys(TOKEN_HEADERS).join(' and ')} take a token file, not ${platform}`);
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw new Error(`the ${platform} token must be letters, digits and ._~+/=- only (read from standard input, one line)`);
  }
  return `proxy_set_header ${header.name} "${header.value(token)}";\n`;
}

/**
 * Checks a token file the site will include: an absolute path, a regular
 * file, no permission at all for group or others, and (when this process
 * can read it, which it cannot when it is root's and this is not root) the
 * one line `tokenFileContent` writes. Returns the path.
 */
export function checkTokenFile(platform, file) {
  const flag = `--${platform}-token-file`;
  if (!TOKEN_HEADERS[platform]) throw new Error(`only ${Object.keys(TOKEN_HEADERS).join(' and ')} take a token file, not ${platform}`);
  if (typeof file !== 'string' || !INCLUDE_PATH.test(file)) {
    throw new Error(`${flag} must be an absolute path of letters, digits and ._+/@- only, not ${file}`);
  }
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new Error(`${flag} ${file}: ${error.code === 'ENOENT' ? 'no such file (write it with --write-token-file)' : error.message}`);
  }
  if (!stats.isFile()) throw new Error(`${flag} ${file} is not a regular file`);
  const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
  if ((stats.mode & 0o077) !== 0) {
    throw new Error(`${flag} ${file} is open to group or others (mode ${mode}) and holds the ${platform} token: chown root:root and chmod 600 it`);
  }
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'EACCES') return file; // root's, mode 600: nginx (root) reads it, `nginx -t` checks it
    throw error;
  }
  const { name, value } = TOKEN_HEADERS[platform];
  const line = new RegExp(`^proxy_set_header ${name} "${escapeRegExp(value('\u0000')).replace('\u0000', '[A-Za-z0-9._~+/=-]+')}";\\n?$`);
  if (!line.test(text)) {
    throw new Error(`${flag} ${file} must hold exactly one line: ${tokenFileContent(platform, 'TOKEN').trim()}`);
  }
  return file;
}

/**
 * Writes `file` (mode 600, owned by whoever runs this: run it as root) with
 * the line for `token`: to a new file beside it first, then renamed over it,
 * so the token is never in a file anyone else can read.
 */
export function writeTokenFile(platform, file, token) {
  const content = tokenFileContent(platform, token);
  if (typeof file !== 'string' || !INCLUDE_PATH.test(file)) {
    throw new Error(`the token file must be an absolute path of letters, digits and ._+/@- only, not ${file}`);
  }
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return checkTokenFile(platform, file);
}

/** What is sent precompressed: the build's own files, which change only with a new build. */
const PRECOMPRESSED = /\.(wasm|js|css)$/;

/**
 * Writes `<file>.gz` (gzip level 9) beside every wasm, JS and CSS file under
 * `dir`, and `<file>.br` (brotli, quality 11) too when `brotli`; each with
 * its file's modification time, and anew each run, so a redeployed file never
 * keeps an old compressed copy. Returns the files written.
 */
export function precompress(dir, { brotli = false } = {}) {
  const written = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !PRECOMPRESSED.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    const { atimeMs, mtimeMs } = statSync(file);
    const copies = [[`${file}.gz`, () => gzipSync(bytes, { level: 9 })]];
    if (brotli) {
      copies.push([`${file}.br`, () => brotliCompressSync(bytes, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      })]);
    }
    for (const [copy, compress] of copies) {
      writeFileSync(copy, compress());
      utimesSync(copy, atimeMs / 1000, mtimeMs / 1000);
      written.push(copy);
    }
  }
  return written;
}

/**
 * Lines of the block (from its opening line to its closing brace) that
 * encloses each line, by line index: `[start, end]`, or undefined at the top.
 */
function enclosingBlocks(lines) {
  const open = [];
  const ends = new Map();
  const starts = lines.map((line, index) => {
    const start = open.at(-1);
    for (const char of line.replace(/#.*$/, '')) {
      if (char === '{') open.push(index);
      else if (char === '}') ends.set(open.pop(), index);
    }
    return start;
  });
  return starts.map((start) => (start === undefined ? undefined : [start, ends.get(start)]));
}

/** Placeholders of lines that only some sites have: without a value the line is dropped alone. */
const OPTIONAL = ['BROTLI'];

/**
 * The template with every @@NAME@@ from `values`. A line naming an absent
 * platform is dropped with the block around it (its location); a line naming
 * an absent token file (@@RYZE_TOKEN_FILE@@) or option (@@BROTLI@@) is
 * dropped alone.
 */
export function fillTemplate(template, values) {
  const lines = template.split('\n');
  const blocks = enclosingBlocks(lines);
  const dropped = new Set();
  lines.forEach((line, index) => {
    for (const [, name] of line.matchAll(/@@([A-Z_]+)@@/g)) {
      if (values[name] !== undefined) continue;
      const platform = name.toLowerCase();
      if (PLATFORMS.includes(platform)) {
        const block = blocks[index] ?? [index, index];
        for (let i = block[0]; i <= block[1]; i++) dropped.add(i);
      } else if (platform.endsWith('_token_file') && PLATFORMS.includes(platform.replace(/_token_file$/, ''))) {
        dropped.add(index);
      } else if (OPTIONAL.includes(name)) {
        dropped.add(index);
      }
    }
  });
  return lines.filter((_, index) => !dropped.has(index)).join('\n').replace(/@@([A-Z_]+)@@/g, (placeholder, name) => {
    if (values[name] === undefined) throw new Error(`no value for ${placeholder}`);
    return values[name];
  });
}

/**
 * The site's configuration. `root` holds dist/ at `subPath`;
 * `upstreams` maps platform → URL (no trailing slash needed);
 * `tokenFiles` maps ryze or altegio → its token file (see `checkTokenFile`);
 * `brotli` sends the .br copies (nginx needs the brotli_static module).
 */
export function nginxSite({
  root, subPath = DEFAULT_SUB_PATH, listen = '80', serverName = '_', frameAncestors = [], upstreams = {}, tokenFiles = {},
  brotli = false,
}) {
  if (!root || !path.isAbsolute(root)) throw new Error('--root must be an absolute directory');
  if (!subPath.startsWith('/') || !subPath.endsWith('/')) throw new Error(`--sub-path must start and end with "/", not ${subPath}`);
  const csp = policyForBuild(path.join(root, subPath, 'index.html'), { frameAncestors });
  if (csp.includes('"')) throw new Error('the policy holds a double quote, which the nginx string cannot');
  const values = { LISTEN: listen, SERVER_NAME: serverName, ROOT: root.replace(/\/+$/, ''), SUB_PATH: subPath, CSP: csp };
  if (brotli) values.BROTLI = 'on';
  for (const [platform, url] of Object.entries(upstreams)) {
    if (!PLATFORMS.includes(platform)) throw new Error(`unknown platform ${platform}`);
    if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`--${platform} must be an http(s) URL, not ${url}`);
    values[platform.toUpperCase()] = url.replace(/\/+$/, '');
  }
  for (const [platform, file] of Object.entries(tokenFiles)) {
    if (!upstreams[platform]) throw new Error(`--${platform}-token-file needs --${platform} (the proxy that adds the token)`);
    values[`${platform.toUpperCase()}_TOKEN_FILE`] = checkTokenFile(platform, file);
  }
  return fillTemplate(readFileSync(TEMPLATE, 'utf8'), values);
}

/** Command-line options → the object `nginxSite` takes. */
export function parseArguments(args) {
  const options = { upstreams: {}, tokenFiles: {} };
  const names = { '--root': 'root', '--sub-path': 'subPath', '--listen': 'listen', '--server-name': 'serverName' };
  const rest = [...args];
  while (rest.length > 0) {
    const flag = rest.shift();
    if (flag === '--brotli') {
      options.brotli = true;
      continue;
    }
    const value = rest.shift();
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const tokenFile = /^--([a-z]+)-token-file$/.exec(flag)?.[1];
    if (names[flag]) options[names[flag]] = value;
    else if (flag === '--frame-ancestors') options.frameAncestors = sourceList(value);
    else if (PLATFORMS.includes(flag.slice(2))) options.upstreams[flag.slice(2)] = value;
    else if (TOKEN_HEADERS[tokenFile]) options.tokenFiles[tokenFile] = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/**
 * `--write-token-file <platform> <file>`, the token on standard input; or the
 * site, once the copy's files are precompressed.
 */
function main(args) {
  if (args[0] === '--write-token-file') {
    if (args.length !== 3) throw new Error('usage: --write-token-file ryze|altegio /absolute/file.conf (the token on standard input)');
    const [, platform, file] = args;
    const lines = readFileSync(0, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length !== 1) throw new Error('give the token on standard input, on one line');
    writeTokenFile(platform, file, lines[0].trim());
    return `wrote ${file} (mode 600): include it with --${platform}-token-file ${file}\n`;
  }
  const options = parseArguments(args);
  const site = nginxSite(options);
  const written = precompress(path.join(options.root, options.subPath ?? DEFAULT_SUB_PATH), options);
  console.error(`nginx-site.mjs: wrote ${written.length} compressed copies beside the files they compress`);
  return site;
}

runAsCommand(import.meta.url, main);
