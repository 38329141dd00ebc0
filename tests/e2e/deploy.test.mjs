// deploy/csp.mjs and deploy/nginx-site.mjs on their own, without a browser or
// a server: the policy text, the script hashes, the API origins, the command
// line, the nginx site they fill in, and the compressed copies nginx-site.mjs
// writes beside the build's files. hosting.test.mjs runs them for real.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { apiOrigins, contentSecurityPolicy, frameAncestor, hashSource, inlineScripts, sourceList } from '../../deploy/csp.mjs';
import { checkTokenFile, nginxSite, tokenFileContent } from '../../deploy/nginx-site.mjs';
import { ROOT } from './support/harness.mjs';

// Trunk's shape: an inline module loader, a stylesheet link, a preload.
const LOADER = "\nimport init from './unplug-0123456789abcdef.js';\nawait init({ module_or_path: './unplug-0123456789abcdef_bg.wasm' });\n";
const INDEX = `<!doctype html><html><head><title>Unplug</title>
<script type="module">${LOADER}</script>
<link rel="stylesheet" href="./main-0123456789abcdef.css"/>
<script src="./other.js"></script>
<SCRIPT>alert('Hello, world.');</SCRIPT>
</head><body></body></html>`;
const CONFIG = {
  connections: [
    { id: 'rc', platform: 'rocketchat', baseUrl: 'https://chat.example.com/' },
    { id: 'rc2', platform: 'rocketchat', baseUrl: 'https://chat.example.com:443/other' },
    { id: 'ryze', platform: 'ryze', baseUrl: 'api/ryze' },
    { id: 'altegio', platform: 'altegio', baseUrl: 'https://app.alteg.io', applicationId: 1 },
  ],
};
const POLICY = "default-src 'none'; "
  + `script-src 'self' 'wasm-unsafe-eval' ${hashSource(LOADER)} 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='; `
  + "style-src 'self'; connect-src 'self' https://chat.example.com https://app.alteg.io; img-src 'self' data:; "
  + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'";

let dir;
let app;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'unplug-deploy-'));
  app = path.join(dir, 'tools/unplug');
  await mkdir(app, { recursive: true });
  await writeFile(path.join(app, 'index.html'), INDEX);
  await writeFile(path.join(app, 'config.json'), JSON.stringify(CONFIG));
});
after(() => rm(dir, { recursive: true, force: true }));

function run(script, ...args) {
  return spawnSync(process.execPath, [path.join(ROOT, 'deploy', script), ...args], { encoding: 'utf8' });
}

/** nginx-site.mjs with `input` on its standard input. */
function runWithInput(input, ...args) {
  return spawnSync(process.execPath, [path.join(ROOT, 'deploy/nginx-site.mjs'), ...args], { encoding: 'utf8', input });
}

/** The site's directives: its lines without comments or blank lines. */
function directives(site) {
  return site.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line !== '').join('\n');
}

/** The lines of `site` from `opening` (a location line) to its closing brace. */
function block(site, opening) {
  const lines = site.split('\n');
  const start = lines.findIndex((line) => line.trim() === opening);
  assert.notEqual(start, -1, `no line ${opening}`);
  const indent = lines[start].match(/^\s*/)[0];
  const end = lines.findIndex((line, index) => index > start && line === `${indent}}`);
  return lines.slice(start + 1, end).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

test('every inline script is found with its exact text; scripts with src are not', () => {
  assert.deepEqual(inlineScripts(INDEX), [LOADER, "alert('Hello, world.');"]);
});

test('a hash source is the base64 sha256 of the text (MDN\'s example)', () => {
  assert.equal(hashSource("alert('Hello, world.');"), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
});

test('connect-src gets each distinct origin of an absolute baseUrl; relative ones need nothing', async () => {
  assert.deepEqual(apiOrigins(CONFIG), ['https://chat.example.com', 'https://app.alteg.io']);
  const shipped = JSON.parse(await readFile(path.join(ROOT, 'public/config.json'), 'utf8'));
  assert.deepEqual(apiOrigins(shipped), ['http://127.0.0.1:8787']);
  assert.deepEqual(apiOrigins({ connections: [{ id: 'a', baseUrl: '/proxy/rc' }, { id: 'b', baseUrl: '../api' }] }), []);
});

test('a baseUrl without a scheme or with another scheme is refused, naming the connection', () => {
  assert.throws(() => apiOrigins({ connections: [{ id: 'rc', baseUrl: '//chat.example.com' }] }), /connection "rc": write the scheme/);
  assert.throws(() => apiOrigins({ connections: [{ id: 'rc', baseUrl: 'ftp://chat.example.com' }] }), /connection "rc": "baseUrl" must be http\(s\) or relative/);
});

test('the whole policy, with frame-ancestors \'none\' or the portals given', () => {
  assert.equal(contentSecurityPolicy(INDEX, CONFIG), POLICY);
  assert.equal(
    contentSecurityPolicy(INDEX, CONFIG, { frameAncestors: ['https://portal.example.com', "'self'"] }),
    POLICY.replace("frame-ancestors 'none'", "frame-ancestors https://portal.example.com 'self'"),
  );
});

test('--frame-ancestors takes origins as browsers write them, \'self\' and \'none\'', () => {
  assert.deepEqual(sourceList('https://portal.example.com'), ['https://portal.example.com']);
  assert.deepEqual(sourceList("  'self'   https://a.example:8443 http://127.0.0.1:38090 http://[::1]:8080 "), [
    "'self'", 'https://a.example:8443', 'http://127.0.0.1:38090', 'http://[::1]:8080',
  ]);
  assert.deepEqual(sourceList('https://a.example https://a.example'), ['https://a.example'], 'each once');
  assert.deepEqual(sourceList("'none'"), [], "'none' is the default policy's");
  for (const origin of ['https://portal.example.com', 'http://localhost:8080', "'self'", "'none'"]) assert.equal(frameAncestor(origin), origin);
});

test('--frame-ancestors refuses a wildcard and anything that is not an origin, saying why', () => {
  const refusals = [
    ['*', /\* is a wildcard, which lets any matching site frame the console/],
    ['https://*.example.com', /is a wildcard/],
    ['https://*', /is a wildcard/],
    ['https://portal.example.com/', /https:\/\/portal\.example\.com\/ is not an origin \(its origin is https:\/\/portal\.example\.com\)/],
    ['https://portal.example.com/tools/', /is not an origin \(its origin is https:\/\/portal\.example\.com\)/],
    ['https://Portal.Example.com', /is not an origin \(its origin is https:\/\/portal\.example\.com\)/],
    ['https://portal.example.com:443', /is not an origin \(its origin is https:\/\/portal\.example\.com\)/],
    ['https://user@portal.example.com', /is not an origin/],
    ['https://portal.example.com?x', /is not an origin/],
    ['portal.example.com', /portal\.example\.com is not an origin; give origins as browsers write them \(https:\/\/portal\.example\.com/],
    ['https:', /is not an origin/],
    ['data:', /is not an origin/],
    ['ftp://portal.example.com', /is not an origin/],
    ["'unsafe-inline'", /is not an origin/],
    ['self', /write 'self' with its single quotes/],
    ['none', /write 'none' with its single quotes/],
    ["'none' https://portal.example.com", /'none' stands alone/],
    ['', /needs an origin, 'self' or 'none'/],
  ];
  for (const [value, message] of refusals) {
    assert.throws(() => sourceList(value), message, JSON.stringify(value));
    assert.throws(() => sourceList(value), /^Error: --frame-ancestors/, JSON.stringify(value));
  }
  assert.throws(() => contentSecurityPolicy(INDEX, CONFIG, { frameAncestors: ['*'] }), /is a wildcard/, 'the function checks too');
  assert.throws(() => contentSecurityPolicy(INDEX, CONFIG, { frameAncestors: ["'none'", "'self'"] }), /'none'/);
});

test('an index.html with an inline style is refused: style-src \'self\' would block it', () => {
  assert.throws(() => contentSecurityPolicy(INDEX.replace('<body>', '<body style="margin:0">'), CONFIG), /inline style/);
  assert.throws(() => contentSecurityPolicy(INDEX.replace('</head>', '<style>p{}</style></head>'), CONFIG), /inline style/);
});

test('csp.mjs prints only the policy for an index.html and the config.json beside it', () => {
  const plain = run('csp.mjs', path.join(app, 'index.html'));
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(plain.stdout, `${POLICY}\n`);
  const framed = run('csp.mjs', path.join(app, 'index.html'), '--frame-ancestors', 'https://a.example https://b.example');
  assert.equal(framed.stdout, `${POLICY.replace("'none'; base-uri", "https://a.example https://b.example; base-uri")}\n`);
  const self = run('csp.mjs', path.join(app, 'index.html'), '--frame-ancestors', "'self'");
  assert.equal(self.stdout, `${POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'")}\n`);
  const none = run('csp.mjs', path.join(app, 'index.html'), '--frame-ancestors', "'none'");
  assert.equal(none.stdout, `${POLICY}\n`);
  for (const [value, message] of [['*', /is a wildcard/], ['https://portal.example.com/', /is not an origin/]]) {
    const refused = run('csp.mjs', path.join(app, 'index.html'), '--frame-ancestors', value);
    assert.equal(refused.status, 1, value);
    assert.equal(refused.stdout, '', `${value}: no policy is printed`);
    assert.match(refused.stderr, /^csp\.mjs: --frame-ancestors: /, value);
    assert.match(refused.stderr, message, value);
    const site = run('nginx-site.mjs', '--root', dir, '--frame-ancestors', value);
    assert.equal(site.status, 1, `nginx-site.mjs ${value}`);
    assert.equal(site.stdout, '', `nginx-site.mjs ${value}: no site is printed`);
    assert.match(site.stderr, message, `nginx-site.mjs ${value}`);
  }
  const missing = run('csp.mjs', path.join(dir, 'nothing/index.html'));
  assert.equal(missing.status, 1);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^csp\.mjs: .*nothing\/index\.html/);
});

test('the nginx site serves the sub-path with the policy and proxies only the platforms given', () => {
  const site = nginxSite({ root: dir, listen: '8080', upstreams: { rocketchat: 'https://chat.example.com/', altegio: 'https://app.alteg.io' } });
  assert.match(site, /^\s*root \/.*unplug-deploy-[^/]+;$/m);
  assert.match(site, /^\s*location \/tools\/unplug\/ \{$/m);
  assert.ok(site.includes(`add_header Content-Security-Policy "${POLICY}" always;`));
  assert.deepEqual(block(site, 'location /tools/unplug/api/rocketchat/ {'), [
    'if ($unplug_proxy_refusal) { return 403 $unplug_proxy_refusal; }',
    'proxy_set_header Origin "";',
    'proxy_set_header Cookie "";',
    'proxy_set_header X-Unplug-Request "";',
    'proxy_pass https://chat.example.com/;',
  ]);
  // Without a token file the browser's own Authorization passes: no line touches it.
  assert.deepEqual(block(site, 'location /tools/unplug/api/altegio/ {'), [
    'if ($unplug_proxy_refusal) { return 403 $unplug_proxy_refusal; }',
    'proxy_set_header Origin "";',
    'proxy_set_header Cookie "";',
    'proxy_set_header X-Unplug-Request "";',
    'proxy_pass https://app.alteg.io/;',
  ]);
  assert.doesNotMatch(directives(site), /api\/ryze|@@[A-Z]|include|token/i);
});

test('every proxy refuses a call without X-Unplug-Request: 1 or from another site, and answers no-store without CORS', () => {
  const site = nginxSite({ root: dir, upstreams: { rocketchat: 'https://chat.example.com', ryze: 'https://ryzeapi.cloud', altegio: 'https://app.alteg.io' } });
  // The verdict, keyed on the header and Sec-Fetch-Site: only "1" with no
  // Sec-Fetch-Site (a script) or same-origin passes.
  const map = site.slice(site.indexOf('map "$http_x_unplug_request:$http_sec_fetch_site" $unplug_proxy_refusal {'));
  assert.deepEqual(map.slice(0, map.indexOf('}')).split('\n').slice(1, -1).map((line) => line.trim().split(/\s{2,}/)), [
    ['"1:"', '"";'],
    ['"1:same-origin"', '"";'],
    ['"~^1:"', '"Refused: a request from another site (Sec-Fetch-Site is not same-origin).\\n";'],
    ['default', '"Refused: the X-Unplug-Request: 1 header is missing.\\n";'],
  ]);
  for (const platform of ['rocketchat', 'ryze', 'altegio']) {
    const location = block(site, `location /tools/unplug/api/${platform}/ {`);
    assert.equal(location[0], 'if ($unplug_proxy_refusal) { return 403 $unplug_proxy_refusal; }', platform);
    assert.ok(location.includes('proxy_set_header X-Unplug-Request "";'), `${platform} does not pass the marker on`);
  }
  const api = block(site, 'location /tools/unplug/api/ {');
  for (const line of [
    'default_type "text/plain; charset=utf-8";',
    'add_header Cache-Control "no-store" always;',
    'proxy_hide_header Cache-Control;',
    'proxy_hide_header Set-Cookie;',
    'proxy_hide_header Access-Control-Allow-Origin;',
    'proxy_hide_header Access-Control-Allow-Headers;',
    'proxy_hide_header Access-Control-Allow-Methods;',
    'proxy_hide_header Access-Control-Allow-Credentials;',
  ]) {
    assert.ok(api.includes(line), line);
  }
  assert.equal(api.at(-1), 'return 404 "No such API here.\\n";');
  assert.doesNotMatch(site, /add_header Access-Control/);
});

test('a token file is one proxy_set_header line, written mode 600 from standard input', async () => {
  assert.equal(tokenFileContent('altegio', 'abc123'), 'proxy_set_header Authorization "Bearer abc123";\n');
  assert.equal(tokenFileContent('ryze', 'a.b-c_d~e+f/g='), 'proxy_set_header token "a.b-c_d~e+f/g=";\n');
  for (const bad of ['', 'a b', 'a"b', 'a;b', '$host', 'a\\b', 'a{b}']) {
    assert.throws(() => tokenFileContent('altegio', bad), /the altegio token must be letters, digits and \._~\+\/=- only/, JSON.stringify(bad));
  }
  assert.throws(() => tokenFileContent('rocketchat', 'abc'), /only ryze and altegio take a token file/);

  const file = path.join(dir, 'altegio-token.conf');
  const written = runWithInput('partner-token-1\n', '--write-token-file', 'altegio', file);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /^wrote .*altegio-token\.conf \(mode 600\)/);
  assert.equal(await readFile(file, 'utf8'), 'proxy_set_header Authorization "Bearer partner-token-1";\n');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  // Rewriting replaces it, still 600, even over a file that was wider open.
  await chmod(file, 0o644);
  const again = runWithInput('partner-token-2', '--write-token-file', 'altegio', file);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(await readFile(file, 'utf8'), 'proxy_set_header Authorization "Bearer partner-token-2";\n');
  assert.equal((await stat(file)).mode & 0o777, 0o600);

  const ryze = path.join(dir, 'ryze-token.conf');
  assert.equal(runWithInput('account-token\n', '--write-token-file', 'ryze', ryze).status, 0);
  assert.equal(await readFile(ryze, 'utf8'), 'proxy_set_header token "account-token";\n');

  for (const [input, message] of [['', /on one line/], ['a\nb\n', /on one line/], ['a b\n', /letters, digits/]]) {
    const refused = runWithInput(input, '--write-token-file', 'ryze', path.join(dir, 'refused.conf'));
    assert.equal(refused.status, 1, JSON.stringify(input));
    assert.match(refused.stderr, message);
  }
  assert.match(runWithInput('t', '--write-token-file', 'ryze', 'relative.conf').stderr, /absolute path/);
  assert.match(runWithInput('t', '--write-token-file', 'rocketchat', path.join(dir, 'rc.conf')).stderr, /only ryze and altegio/);
  await assert.rejects(stat(path.join(dir, 'refused.conf')), { code: 'ENOENT' });
});

test('with a token file the proxy sends the platform\'s token itself and never the browser\'s', async () => {
  const altegio = path.join(dir, 'altegio-site-token.conf');
  const ryze = path.join(dir, 'ryze-site-token.conf');
  await writeFile(altegio, tokenFileContent('altegio', 'partner'), { mode: 0o600 });
  await writeFile(ryze, tokenFileContent('ryze', 'account'), { mode: 0o600 });
  const site = nginxSite({
    root: dir,
    upstreams: { rocketchat: 'https://chat.example.com', ryze: 'https://ryzeapi.cloud', altegio: 'https://app.alteg.io' },
    tokenFiles: { ryze, altegio },
  });
  // Altegio: its file sets Authorization, and the browser's token header is
  // blanked; RyzeAPI: the other way round. nginx passes no browser header
  // that a proxy_set_header of the location names.
  assert.deepEqual(block(site, 'location /tools/unplug/api/altegio/ {').slice(4), [
    `proxy_set_header token ""; include ${altegio};`,
    'proxy_pass https://app.alteg.io/;',
  ]);
  assert.deepEqual(block(site, 'location /tools/unplug/api/ryze/ {').slice(4), [
    `proxy_set_header Authorization ""; include ${ryze};`,
    'proxy_pass https://ryzeapi.cloud/;',
  ]);
  assert.doesNotMatch(block(site, 'location /tools/unplug/api/rocketchat/ {').join('\n'), /include|Authorization|token/);
  assert.doesNotMatch(directives(site), /partner|account"/, 'the site itself holds no token');

  // Only Altegio's: RyzeAPI passes the browser's headers.
  const one = nginxSite({ root: dir, upstreams: { ryze: 'https://ryzeapi.cloud', altegio: 'https://app.alteg.io' }, tokenFiles: { altegio } });
  assert.match(one, /include .*altegio-site-token\.conf;/);
  assert.doesNotMatch(block(one, 'location /tools/unplug/api/ryze/ {').join('\n'), /include|Authorization|token/);

  const cli = run('nginx-site.mjs', '--root', dir, '--altegio', 'https://app.alteg.io', '--altegio-token-file', altegio);
  assert.equal(cli.status, 0, cli.stderr);
  assert.ok(cli.stdout.includes(`proxy_set_header token ""; include ${altegio};`));
});

test('a token file open to group or others, missing, relative, malformed or without its proxy is refused', async () => {
  const file = path.join(dir, 'checked-token.conf');
  await writeFile(file, tokenFileContent('altegio', 'partner'), { mode: 0o600 });
  assert.equal(checkTokenFile('altegio', file), file);
  for (const mode of [0o640, 0o604, 0o644, 0o620, 0o602]) {
    await chmod(file, mode);
    assert.throws(() => checkTokenFile('altegio', file), new RegExp(`is open to group or others \\(mode ${mode.toString(8)}\\) and holds the altegio token: chown root:root and chmod 600 it`));
    const cli = run('nginx-site.mjs', '--root', dir, '--altegio', 'https://app.alteg.io', '--altegio-token-file', file);
    assert.equal(cli.status, 1);
    assert.equal(cli.stdout, '', 'no site is printed');
    assert.match(cli.stderr, /--altegio-token-file .* is open to group or others/);
  }
  await chmod(file, 0o400);
  assert.equal(checkTokenFile('altegio', file), file, 'read-only for its owner is fine');
  await chmod(file, 0o600);

  assert.throws(() => checkTokenFile('altegio', path.join(dir, 'missing.conf')), /no such file \(write it with --write-token-file\)/);
  assert.throws(() => checkTokenFile('altegio', 'altegio.conf'), /must be an absolute path/);
  assert.throws(() => checkTokenFile('altegio', `${dir}/a b.conf`), /must be an absolute path/);
  assert.throws(() => checkTokenFile('altegio', dir), /is not a regular file/);
  // The other platform's line, a bare token, two lines: not what nginx should include.
  for (const content of [tokenFileContent('ryze', 'x'), 'partner\n', `${tokenFileContent('altegio', 'a')}${tokenFileContent('altegio', 'b')}`]) {
    await writeFile(file, content, { mode: 0o600 });
    assert.throws(() => checkTokenFile('altegio', file), /must hold exactly one line: proxy_set_header Authorization "Bearer TOKEN";/);
  }
  await writeFile(file, tokenFileContent('altegio', 'partner'), { mode: 0o600 });
  assert.throws(() => nginxSite({ root: dir, tokenFiles: { altegio: file } }), /--altegio-token-file needs --altegio/);
  assert.match(run('nginx-site.mjs', '--root', dir, '--rocketchat', 'https://chat.example.com', '--rocketchat-token-file', file).stderr, /unknown option --rocketchat-token-file/);
});

test('nginx-site.mjs refuses a sub-path without slashes and an unknown option', () => {
  const badPath = run('nginx-site.mjs', '--root', dir, '--sub-path', '/tools/unplug');
  assert.equal(badPath.status, 1);
  assert.match(badPath.stderr, /--sub-path must start and end with "\/"/);
  const unknown = run('nginx-site.mjs', '--root', dir, '--slack', 'https://slack.example.com');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /unknown option --slack/);
  const good = run('nginx-site.mjs', '--root', dir, '--ryze', 'https://ryzeapi.cloud');
  assert.equal(good.status, 0, good.stderr);
  assert.equal(block(good.stdout, 'location /tools/unplug/api/ryze/ {').at(-1), 'proxy_pass https://ryzeapi.cloud/;');
  assert.doesNotMatch(directives(good.stdout), /api\/(rocketchat|altegio)/);
});

test('the console\'s location sends the .gz beside a file, else gzips wasm, JS, CSS and JSON on the fly; brotli only with --brotli', () => {
  const site = block(nginxSite({ root: dir }), 'location /tools/unplug/ {');
  for (const line of ['gzip_static on;', 'gzip on;', 'gzip_vary on;']) assert.ok(site.includes(line), line);
  const types = site.find((line) => line.startsWith('gzip_types ')).replace(/;$/, '').split(/\s+/).slice(1);
  for (const type of ['application/wasm', 'application/javascript', 'text/css', 'application/json']) {
    assert.ok(types.includes(type), `gzip_types has ${type}`);
  }
  assert.ok(!site.some((line) => line.startsWith('brotli')), 'no brotli directive without --brotli: stock nginx has no brotli module');
  assert.ok(block(nginxSite({ root: dir, brotli: true }), 'location /tools/unplug/ {').includes('brotli_static on;'));
});

test('nginx-site.mjs writes a .gz (and with --brotli a .br) beside each wasm, JS and CSS file, never beside config.json', async () => {
  const root = path.join(dir, 'compressed');
  const copy = path.join(root, 'tools/unplug');
  await mkdir(path.join(copy, 'snippets'), { recursive: true });
  await writeFile(path.join(copy, 'index.html'), INDEX);
  await writeFile(path.join(copy, 'config.json'), JSON.stringify(CONFIG));
  const files = {
    'unplug-0123456789abcdef_bg.wasm': Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, ...Array(4000).fill(7)]),
    'unplug-0123456789abcdef.js': 'export default async function init() {}\n'.repeat(50),
    'main-0123456789abcdef.css': '.unplug { color: red; }\n'.repeat(50),
    'snippets/inline0.js': 'export const x = 1;\n'.repeat(50),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(copy, name), content);

  const gzipOnly = run('nginx-site.mjs', '--root', root);
  assert.equal(gzipOnly.status, 0, gzipOnly.stderr);
  assert.match(gzipOnly.stderr, /wrote 4 compressed copies/);
  assert.match(gzipOnly.stdout, /gzip_static on;/);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(copy, name);
    assert.deepEqual(gunzipSync(await readFile(`${file}.gz`)), Buffer.from(content), `${name}.gz`);
    const [copyTime, fileTime] = [(await stat(`${file}.gz`)).mtimeMs, (await stat(file)).mtimeMs];
    assert.ok(Math.abs(copyTime - fileTime) < 1, `${name}.gz keeps its file's time (${copyTime} ≠ ${fileTime})`);
    assert.equal(existsSync(`${file}.br`), false, `${name}.br needs --brotli`);
  }
  for (const name of ['config.json', 'index.html']) assert.equal(existsSync(path.join(copy, `${name}.gz`)), false, `${name}.gz`);

  const both = run('nginx-site.mjs', '--root', root, '--brotli');
  assert.equal(both.status, 0, both.stderr);
  assert.match(both.stderr, /wrote 8 compressed copies/);
  assert.match(both.stdout, /brotli_static on;/);
  for (const [name, content] of Object.entries(files)) {
    assert.deepEqual(brotliDecompressSync(await readFile(path.join(copy, `${name}.br`))), Buffer.from(content), `${name}.br`);
  }
});
