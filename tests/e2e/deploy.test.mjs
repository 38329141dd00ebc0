// deploy/csp.mjs and deploy/nginx-site.mjs on their own, without a browser or
// a server: the policy text, the script hashes, the API origins, the command
// line, and the nginx site they fill in. hosting.test.mjs runs them for real.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { apiOrigins, contentSecurityPolicy, hashSource, inlineScripts } from '../../deploy/csp.mjs';
import { nginxSite } from '../../deploy/nginx-site.mjs';
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
  + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
  assert.match(site, /^\s*location \/tools\/unplug\/api\/rocketchat\/ \{ proxy_pass https:\/\/chat\.example\.com\/; \}$/m);
  assert.match(site, /^\s*location \/tools\/unplug\/api\/altegio\/ +\{ proxy_pass https:\/\/app\.alteg\.io\/; \}$/m);
  assert.doesNotMatch(site, /api\/ryze|@@[A-Z]/);
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
  assert.match(good.stdout, /location \/tools\/unplug\/api\/ryze\/ +\{ proxy_pass https:\/\/ryzeapi\.cloud\/; \}/);
});
