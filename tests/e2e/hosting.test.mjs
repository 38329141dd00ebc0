// The built console hosted the way the README's "Deploy" section says: dist/
// copied under the sub-path /tools/unplug/ of a site served by Debian's nginx
// with the config deploy/nginx-site.mjs generates, the full
// Content-Security-Policy sent as a header, and the three platforms reached
// through nginx's same-origin proxy (config.json with relative baseUrls), so
// no call is cross-origin. The console must work there with no CSP violation.
//
// Environment: UNPLUG_E2E_DIST, the build to host (default dist/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { policyForBuild } from '../../deploy/csp.mjs';
import { nginxSite, PLATFORMS } from '../../deploy/nginx-site.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import {
  API_URL, ROOT, httpRequest, launchChromium, newBrowserContext, openBrowser, resetSandbox, startSandbox, startServer,
} from './support/harness.mjs';
import { rocketChatList } from './support/platforms.mjs';

const DIST = path.resolve(process.env.UNPLUG_E2E_DIST ?? path.join(ROOT, 'dist'));
const SUB_PATH = '/tools/unplug/';

const hosting = { dir: null, sandbox: null, nginx: null, chromium: null, context: null, origin: null, csp: null };
const appUrl = (rest = '') => `${hosting.origin}${SUB_PATH}${rest}`;

/** A loopback port nothing listens on (the kernel's pick, released again). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The site: `<dir>/site/tools/unplug/` holds all of dist/ with the host's
 * config.json, whose connections reach the platforms through nginx
 * ("api/rocketchat" relative to the page).
 */
async function buildSite(dir) {
  const site = path.join(dir, 'site');
  const app = path.join(site, SUB_PATH);
  await mkdir(app, { recursive: true });
  await cp(DIST, app, { recursive: true });
  const config = JSON.parse(await readFile(path.join(DIST, 'config.json'), 'utf8'));
  for (const connection of config.connections) connection.baseUrl = `api/${connection.platform}`;
  await writeFile(path.join(app, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return site;
}

/**
 * nginx as the test runs it: the generated site inside a minimal nginx.conf
 * whose pid, logs and temp files stay in `dir`, one process (no workers to
 * orphan), in the foreground.
 */
async function startNginx(dir, site, port) {
  const upstreams = Object.fromEntries(PLATFORMS.map((platform) => [platform, `${API_URL}/${platform}`]));
  await writeFile(path.join(dir, 'unplug.conf'), nginxSite({ root: site, subPath: SUB_PATH, listen: `127.0.0.1:${port}`, upstreams }));
  await mkdir(path.join(dir, 'temp'));
  const temp = (kind) => `${kind}_temp_path ${path.join(dir, 'temp', kind)};`;
  await writeFile(path.join(dir, 'nginx.conf'), [
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')};`,
    'master_process off;',
    'daemon off;',
    'events {}',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${path.join(dir, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${temp(kind)}`),
    `  include ${path.join(dir, 'unplug.conf')};`,
    '}',
    '',
  ].join('\n'));
  return startServer('nginx', 'nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`, '-e', path.join(dir, 'error.log')], [port]);
}

before(async () => {
  if (spawnSync('nginx', ['-v']).error) {
    throw new Error('nginx is not installed: `bash scripts/setup.sh` installs Debian\'s nginx (apt-get install nginx)');
  }
  hosting.dir = await mkdtemp(path.join(os.tmpdir(), 'unplug-hosting-'));
  await chmod(hosting.dir, 0o755); // readable by nginx whatever user it serves as
  const site = await buildSite(hosting.dir);
  hosting.csp = policyForBuild(path.join(site, SUB_PATH, 'index.html'));
  const port = await freePort();
  hosting.origin = `http://127.0.0.1:${port}`;
  hosting.sandbox = await startSandbox();
  hosting.nginx = await startNginx(hosting.dir, site, port);
  hosting.chromium = await launchChromium();
  hosting.context = await newBrowserContext(hosting.chromium);
});

after(async () => {
  // Each step runs whatever failed before it.
  for (const step of [
    () => hosting.chromium?.close(),
    () => hosting.nginx?.stop(),
    () => hosting.sandbox?.stop(),
    () => hosting.dir && rm(hosting.dir, { recursive: true, force: true }),
  ]) {
    await Promise.resolve().then(step).catch((error) => console.error(`cleanup: ${error.message}`));
  }
});

/**
 * Runs `body(hosted)` in a fresh tab on the hosted console that records every
 * CSP violation twice over: the `securitypolicyviolation` events the page
 * sees (listening from before its first script) and Chromium's console lines
 * naming the policy; it also records each response (URL and status). Then
 * asserts no violation and no console or page error. A failure inside
 * `body` is reported with the violations, which explain most of them (a
 * refused loader leaves a blank page to time out on). The tab is always closed.
 */
async function withHostedPage(body) {
  const browser = await openBrowser(hosting.context);
  const { page } = browser;
  const hosted = { browser, page, ui: new ConsolePage({ page, browser }), violations: [], consoleReports: [], responses: [] };
  try {
    await page.exposeFunction('unplugTestViolation', (report) => hosted.violations.push(report));
    await page.addInitScript(() => {
      window.addEventListener('securitypolicyviolation', (event) => {
        window.unplugTestViolation(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
      }, true);
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) hosted.consoleReports.push(message.text());
    });
    page.on('response', (response) => hosted.responses.push({ url: response.url(), status: response.status() }));
    try {
      await body(hosted);
    } catch (error) {
      const reports = [...hosted.violations, ...hosted.consoleReports];
      if (reports.length === 0) throw error;
      throw new Error(`${error.message}\nCSP violations:\n${reports.join('\n')}`, { cause: error });
    }
    assert.deepEqual(hosted.violations, [], 'securitypolicyviolation events');
    assert.deepEqual(hosted.consoleReports, [], 'console lines about the Content Security Policy');
    assert.deepEqual(browser.errors, [], 'console or page errors');
  } finally {
    await browser.close();
  }
}

function assertHeaders(answer, url) {
  assert.equal(answer.status, 200, `${url} answered ${answer.status}`);
  assert.equal(answer.headers['content-security-policy'], hosting.csp, `${url} carries the policy`);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff', url);
  assert.equal(answer.headers['referrer-policy'], 'no-referrer', url);
}

test('the policy names the loader\'s hash and nothing unsafe', () => {
  assert.match(hosting.csp, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'$/);
  assert.doesNotMatch(hosting.csp, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/);
});

test('the sub-path, index.html and a deep link serve the app with the headers; assets are typed and cached by name', async () => {
  const index = await readFile(path.join(DIST, 'index.html'), 'utf8');
  for (const url of [appUrl(), appUrl('index.html'), appUrl('?q=x&view=table')]) {
    const answer = await httpRequest('GET', url);
    assertHeaders(answer, url);
    assert.equal(answer.text, index, `${url} is the built index.html`);
    assert.match(answer.headers['content-type'], /^text\/html/, url);
    assert.equal(answer.headers['cache-control'], 'no-cache', url);
  }

  const config = await httpRequest('GET', appUrl('config.json'));
  assertHeaders(config, 'config.json');
  assert.equal(config.headers['content-type'], 'application/json');
  assert.equal(config.headers['cache-control'], 'no-cache');
  assert.deepEqual(config.json.connections.map(({ baseUrl }) => baseUrl), ['api/rocketchat', 'api/ryze', 'api/altegio']);

  const assets = [...index.matchAll(/(?:href|module_or_path:)\s*=?\s*["']\.\/([^"']+)["']/g)].map(([, file]) => file);
  const types = { wasm: /^application\/wasm$/, js: /^(text|application)\/javascript/, css: /^text\/css/ };
  assert.deepEqual([...new Set(assets.map((file) => path.extname(file).slice(1)))].sort(), ['css', 'js', 'wasm']);
  for (const file of assets) {
    const answer = await httpRequest('HEAD', appUrl(file));
    assertHeaders(answer, file);
    assert.match(answer.headers['content-type'], types[path.extname(file).slice(1)], file);
    assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', file);
  }

  // unplug.js, the stable loader for script embedding (when the build has one), is not hashed.
  if (existsSync(path.join(DIST, 'unplug.js'))) {
    const loader = await httpRequest('HEAD', appUrl('unplug.js'));
    assertHeaders(loader, 'unplug.js');
    assert.equal(loader.headers['cache-control'], 'no-cache', 'unplug.js');
  }

  const bare = await httpRequest('GET', `${hosting.origin}${SUB_PATH.replace(/\/$/, '')}`);
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, SUB_PATH);
});

test('behind nginx under the policy, the console signs in, lists and disconnects with no violation', { timeout: 90_000 }, async () => {
  await resetSandbox();
  await withHostedPage(async ({ browser, page, ui, violations, consoleReports, responses }) => {
    const answer = await page.goto(appUrl());
    assert.equal(answer.headers()['content-security-policy'], hosting.csp, 'the document came with the policy');
    await ui.tab('Integrations').waitFor();
    await ui.signInAllWithDemo(); // through the proxy: each connection's cards all load

    await ui.disconnect('GitHub pushes');
    await ui.outcome('GitHub pushes').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
    assert.ok(!(await rocketChatList()).integrations.some(({ _id }) => _id === 'NBTm56xe8Rh5cF47X'), 'gone from the platform');

    assert.ok(responses.some(({ url, status }) => url === appUrl('config.json') && status === 200), 'config.json came from the sub-path');
    const offSite = responses.filter(({ url }) => !url.startsWith(appUrl()));
    assert.deepEqual(offSite, [], 'every request stayed on the site\'s origin and sub-path');
    for (const platform of PLATFORMS) {
      assert.ok(responses.some(({ url }) => url.startsWith(appUrl(`api/${platform}/`))), `${platform} was called through the proxy`);
    }
    assert.deepEqual([violations, consoleReports], [[], []], 'no CSP violation while the console worked');

    // The policy is enforced, not bypassed: an inline script the page did not
    // ship is refused, and both watches report it. Its reports are then let go.
    browser.allowErrors(/^console error: Executing inline script violates the following Content Security Policy directive/);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.unplugTestInlineRan = true;';
      document.head.append(script);
      return window.unplugTestInlineRan === true;
    });
    assert.equal(ran, false, 'the injected inline script did not run');
    // The event and the console line arrive a moment later.
    for (const deadline = Date.now() + 5_000; violations.length === 0 || consoleReports.length === 0;) {
      assert.ok(Date.now() < deadline, 'the injected inline script was reported by both watches');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(violations.length, 1);
    assert.match(violations[0], /^script-src-elem refused inline/);
    assert.equal(consoleReports.length, 1);
    violations.length = 0;
    consoleReports.length = 0;
  });
});

test('index.html and a deep link with a query open the console under the sub-path with no violation', { timeout: 60_000 }, async () => {
  await withHostedPage(async ({ page, ui }) => {
    const index = await page.goto(appUrl('index.html'));
    assert.equal(index.headers()['content-security-policy'], hosting.csp);
    await ui.tab('Integrations').waitFor();

    const answer = await page.goto(appUrl('?q=x&view=table'));
    assert.equal(answer.headers()['content-security-policy'], hosting.csp);
    await ui.tab('Integrations').waitFor();
    await ui.signInWithDemo(CONNECTIONS.ryze);
    await ui.show('Integrations');
    await ui.waitForLoaded(CONNECTIONS.ryze, 4);
    assert.equal(await ui.search().inputValue(), 'x');
    const table = ui.inventory().getByRole('group', { name: 'View', exact: true }).getByRole('button', { name: 'Table', exact: true });
    assert.equal(await table.getAttribute('aria-pressed'), 'true');
    assert.equal(new URL(page.url()).pathname, SUB_PATH);
    assert.deepEqual(await ui.query(), { q: 'x', view: 'table' });
  });
});
