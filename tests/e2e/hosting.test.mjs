// The built console hosted the way the README's "Deploy" section says: dist/
// copied under the sub-path /tools/unplug/ of a site served by Debian's nginx
// with the config deploy/nginx-site.mjs generates, the full
// Content-Security-Policy sent as a header, and the three platforms reached
// through nginx's same-origin proxy (config.json with relative baseUrls), so
// no call is cross-origin. The console must work there with no CSP violation.
//
// RyzeAPI and Altegio are "auth": "proxy" connections: nginx adds their
// tokens itself, from mode 600 files written by nginx-site.mjs, so the page
// signs in with nothing typed and sends no token; every proxied call carries
// X-Unplug-Request: 1, and the proxy refuses any call without it or marked by
// the browser as coming from another site (issue 10).
//
// As nginx-site.mjs does when it prints the site, the copy's wasm, JS and CSS
// get their .gz beside them; nginx sends those, and gzips config.json on the
// fly, so the bytes on the wire are what bench/bundle-size.sh counts (issue 11).
//
// Environment: UNPLUG_E2E_DIST, the build to host (default dist/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { policyForBuild } from '../../deploy/csp.mjs';
import { nginxSite, PLATFORMS, precompress, writeTokenFile } from '../../deploy/nginx-site.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import {
  API_URL, ROOT, httpRequest, launchChromium, newBrowserContext, openBrowser, resetSandbox, sandboxRequest, startSandbox, startServer,
} from './support/harness.mjs';
import { CREDENTIALS, altegioStatus, rocketChatList } from './support/platforms.mjs';

const DIST = path.resolve(process.env.UNPLUG_E2E_DIST ?? path.join(ROOT, 'dist'));
const SUB_PATH = '/tools/unplug/';
/** The connections whose token the proxy adds ("auth": "proxy"), with that token. */
const PROXY_TOKENS = { ryze: CREDENTIALS.ryzeAccountToken, altegio: CREDENTIALS.altegioPartnerToken };
const PROXIED = Object.keys(PROXY_TOKENS);
const REFUSED_UNMARKED = 'Refused: the X-Unplug-Request: 1 header is missing.\n';
const REFUSED_CROSS_SITE = 'Refused: a request from another site (Sec-Fetch-Site is not same-origin).\n';

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
 * ("api/rocketchat" relative to the page), RyzeAPI and Altegio with
 * `"auth": "proxy"`.
 */
async function buildSite(dir) {
  const site = path.join(dir, 'site');
  const app = path.join(site, SUB_PATH);
  await mkdir(app, { recursive: true });
  await cp(DIST, app, { recursive: true });
  const config = JSON.parse(await readFile(path.join(DIST, 'config.json'), 'utf8'));
  for (const connection of config.connections) {
    connection.baseUrl = `api/${connection.platform}`;
    if (PROXIED.includes(connection.platform)) connection.auth = 'proxy';
  }
  // Sent at once, as in every test not about the undo window.
  config.undoSeconds = 0;
  await writeFile(path.join(app, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  precompress(app);
  return site;
}

/**
 * nginx as the test runs it: the generated site inside a minimal nginx.conf
 * whose pid, logs and temp files stay in `dir`, one process (no workers to
 * orphan), in the foreground. The RyzeAPI and Altegio tokens are in mode 600
 * files in `dir` (this user's: nginx runs as this user here, not as root).
 */
async function startNginx(dir, site, port) {
  const upstreams = Object.fromEntries(PLATFORMS.map((platform) => [platform, `${API_URL}/${platform}`]));
  const tokenFiles = Object.fromEntries(Object.entries(PROXY_TOKENS).map(([platform, token]) => (
    [platform, writeTokenFile(platform, path.join(dir, `${platform}-token.conf`), token)]
  )));
  await writeFile(
    path.join(dir, 'unplug.conf'),
    nginxSite({ root: site, subPath: SUB_PATH, listen: `127.0.0.1:${port}`, upstreams, tokenFiles }),
  );
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
 * naming the policy; it also records each response (URL, status, headers)
 * and each request (`hosted.requests()`: URL, method, every header sent).
 * Then asserts no violation and no console or page error. A failure inside
 * `body` is reported with the violations, which explain most of them (a
 * refused loader leaves a blank page to time out on). The tab is always closed.
 */
async function withHostedPage(body) {
  const browser = await openBrowser(hosting.context);
  const { page } = browser;
  const requests = [];
  const hosted = {
    browser,
    page,
    ui: new ConsolePage({ page, browser }),
    violations: [],
    consoleReports: [],
    responses: [],
    requests: () => Promise.all(requests),
  };
  try {
    await page.exposeFunction('unplugTestViolation', (report) => hosted.violations.push(report));
    await page.addInitScript(() => {
      window.addEventListener('securitypolicyviolation', (event) => {
        window.unplugTestViolation(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
      }, true);
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted/i.test(message.text())) hosted.consoleReports.push(message.text());
    });
    page.on('request', (request) => {
      requests.push(request.allHeaders().then((headers) => ({
        url: request.url(), method: request.method(), headers, body: request.postData() ?? '',
      })));
    });
    page.on('response', (response) => {
      const url = response.url();
      const isApi = url.startsWith(appUrl('api/'));
      hosted.responses.push({
        url,
        status: response.status(),
        headers: response.headers(),
        text: isApi ? response.text().catch(() => '') : Promise.resolve(''),
      });
    });
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

/**
 * An "auth": "proxy" connection signs in by itself when the console starts,
 * with nothing typed: its panel has no field to fill.
 */
async function connectThroughProxy(ui, label) {
  const panel = ui.connection(label);
  await panel.waitFor();
  await ui.signedInAs(label).waitFor();
  const fields = panel.locator('input:not([type="checkbox"]):not([type="radio"]), textarea');
  assert.equal(await fields.count(), 0, `${label} asks for nothing to type`);
}

/**
 * Signs the three in: Rocket.Chat with its demo credentials (a user's own
 * session), RyzeAPI and Altegio through the proxy with nothing typed. Then
 * waits for every card.
 */
async function signInHosted(ui) {
  await ui.show('Connections');
  await ui.connection(CONNECTIONS.rocketchat).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  for (const platform of PROXIED) await connectThroughProxy(ui, CONNECTIONS[platform]);
  await ui.signedInAs(CONNECTIONS.rocketchat).waitFor();
  await ui.show('Integrations');
  await ui.waitForAllCards();
}

/**
 * The access log's lines for requests whose target ends with `mark`:
 * `[method, status]` each. nginx writes a line once it has answered, so this
 * waits up to 2 s for the first.
 */
async function accessLog(mark) {
  for (const deadline = Date.now() + 2_000; ;) {
    const log = await readFile(path.join(hosting.dir, 'access.log'), 'utf8');
    const lines = log.split('\n')
      .map((line) => /"(\S+) (\S+) HTTP\/[\d.]+" (\d{3}) /.exec(line))
      .filter((match) => match && match[2].endsWith(mark))
      .map(([, method, , status]) => [method, Number(status)]);
    if (lines.length > 0 || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Platform requests the sandbox has answered since its last reset (preflights not counted). */
async function sandboxCalls() {
  const answer = await sandboxRequest('GET', '/__sandbox/stats');
  assert.equal(answer.status, 200, answer.text);
  return answer.json.requests;
}

const ALTEGIO_STATUS = 'api/altegio/marketplace/salon/1050/application/1';
const ALTEGIO_UNINSTALL = 'api/altegio/marketplace/salon/1053/application/1/uninstall';

test('the policy names the loader\'s hash and nothing unsafe', () => {
  assert.match(hosting.csp, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'$/);
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
  assert.deepEqual(config.json.connections.map(({ baseUrl, auth }) => [baseUrl, auth]), [
    ['api/rocketchat', undefined], ['api/ryze', 'proxy'], ['api/altegio', 'proxy'],
  ]);
  assert.doesNotMatch(config.text, /token/i, 'config.json holds no token');

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

/** A GET whose body stays as the bytes that came over the wire (no decoding). */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The gzip size bench/bundle-size.sh gives a file (bench/lib/sizes.sh). */
function benchGzipBytes(file) {
  const counted = spawnSync('bash', ['-c', 'source bench/lib/sizes.sh && gzip_bytes "$1"', 'sizes', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(counted.status, 0, counted.stderr);
  return Number(counted.stdout.trim());
}

test('wasm, JS, CSS and config.json are sent gzipped, about as many bytes as the bench counts; identity to a client without gzip', async () => {
  const index = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const assets = [...index.matchAll(/(?:href|module_or_path:)\s*=?\s*["']\.\/([^"']+\.(?:wasm|js|css))["']/g)].map(([, file]) => file);
  const files = [...new Set(assets)];
  assert.deepEqual([...new Set(files.map((file) => path.extname(file)))].sort(), ['.css', '.js', '.wasm']);
  for (const file of [...files, 'config.json']) {
    const served = path.join(hosting.dir, 'site', SUB_PATH, file);
    const original = await readFile(served);
    const answer = await rawGet(appUrl(file), { 'accept-encoding': 'gzip, deflate, br' });
    assertHeaders(answer, file);
    assert.equal(answer.headers['content-encoding'], 'gzip', `${file} is sent gzipped`);
    assert.match(answer.headers.vary ?? '', /Accept-Encoding/i, file);
    assert.deepEqual(gunzipSync(answer.body), original, `${file} unzips to the file served`);
    // The build's files go as the .gz written beside them (level 9); config.json, which has
    // none, is gzipped on the fly (level 6).
    if (file !== 'config.json') assert.deepEqual(answer.body, await readFile(`${served}.gz`), `${file} is its .gz`);
    assert.equal(existsSync(`${served}.gz`), file !== 'config.json', `${file}.gz`);
    const expected = benchGzipBytes(served);
    const slack = Math.max(0.03 * expected, 64);
    assert.ok(Math.abs(answer.body.length - expected) <= slack, `${file}: ${answer.body.length} bytes on the wire, the bench counts ${expected}`);

    const identity = await rawGet(appUrl(file));
    assert.equal(identity.headers['content-encoding'], undefined, `${file} without Accept-Encoding`);
    assert.deepEqual(identity.body, original, `${file} as it is without Accept-Encoding`);
  }
});

test('behind nginx under the policy, the console signs in, lists and disconnects with no violation', { timeout: 90_000 }, async () => {
  await resetSandbox();
  await withHostedPage(async ({ browser, page, ui, violations, consoleReports, responses, requests }) => {
    const answer = await page.goto(appUrl());
    assert.equal(answer.headers()['content-security-policy'], hosting.csp, 'the document came with the policy');
    await ui.tab('Integrations').waitFor();
    await signInHosted(ui); // through the proxy: each connection's cards all load

    await ui.disconnect('GitHub pushes');
    await ui.outcome('GitHub pushes').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
    assert.ok(!(await rocketChatList()).integrations.some(({ _id }) => _id === 'NBTm56xe8Rh5cF47X'), 'gone from the platform');
    // A POST with the partner token the proxy adds: Altegio uninstalls the app.
    await ui.disconnect('Barber Bros');
    await ui.outcome('Barber Bros').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
    assert.equal((await altegioStatus(1051)).status, 404, 'the app is gone from location 1051');

    assert.ok(responses.some(({ url, status }) => url === appUrl('config.json') && status === 200), 'config.json came from the sub-path');
    const offSite = responses.filter(({ url }) => !url.startsWith(appUrl()));
    assert.deepEqual(offSite, [], 'every request stayed on the site\'s origin and sub-path');
    for (const platform of PLATFORMS) {
      assert.ok(responses.some(({ url }) => url.startsWith(appUrl(`api/${platform}/`))), `${platform} was called through the proxy`);
    }
    for (const { url, headers } of responses.filter(({ url }) => url.startsWith(appUrl('api/')))) {
      assert.equal(headers['cache-control'], 'no-store', `${url} is not cached`);
    }
    assert.deepEqual([violations, consoleReports], [[], []], 'no CSP violation while the console worked');
    // Its waits run on its timer worker, from the sub-path, under script-src 'self' and through
    // its one Trusted Types policy (issue 11: a hidden tab's own timers are throttled).
    assert.deepEqual(page.workers().map((worker) => worker.url()), [appUrl('timer-worker.js')], 'the timer worker runs');

    // The page holds no proxy token: every call is marked, and those of the
    // "auth": "proxy" connections carry no credential at all, while
    // Rocket.Chat's carry the user's own session.
    const calls = (await requests()).filter(({ url }) => url.startsWith(appUrl('api/')));
    for (const { url, method, headers } of calls) {
      const what = `${method} ${url}`;
      assert.equal(headers['x-unplug-request'], '1', `${what} carries X-Unplug-Request: 1`);
      const platform = url.slice(appUrl('api/').length).split('/')[0];
      if (PROXIED.includes(platform)) {
        assert.equal(headers.authorization, undefined, `${what} carries no Authorization`);
        assert.equal(headers.token, undefined, `${what} carries no token header`);
      }
    }
    assert.ok(
      calls.some(({ url, headers }) => url.includes('/api/v1/integrations.list') && headers['x-auth-token']),
      'Rocket.Chat\'s list carries the user\'s own session (the proxy adds nothing there)',
    );
    for (const platform of PROXIED) {
      assert.ok(calls.some(({ url }) => url.startsWith(appUrl(`api/${platform}/`))), `${platform} calls were checked`);
    }
    assert.ok(calls.some(({ method, url }) => method === 'POST' && url.startsWith(appUrl('api/altegio/'))), 'the uninstall was checked');
    const texts = await Promise.all(responses.map(({ text }) => text));
    for (const token of Object.values(PROXY_TOKENS)) {
      for (const { url, headers, body } of await requests()) {
        assert.ok(!`${url}\n${JSON.stringify(headers)}\n${body}`.includes(token), `the page sent ${token} (${url})`);
      }
      assert.ok(!texts.some((text) => text.includes(token)), `an answer showed the page ${token}`);
    }
    await ui.assertShowsNone(Object.values(PROXY_TOKENS));

    // The policy is enforced, not bypassed: an inline script the page did not
    // ship is refused, and both watches report it. Its reports are then let go.
    // (Trusted Types are required, so its text goes through a policy of the
    // test's own: what is refused is then the inline script itself.)
    browser.allowErrors(/^console error: Executing inline script violates the following Content Security Policy directive/);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = trustedTypes.createPolicy('unplug-test', { createScript: (text) => text }).createScript('window.unplugTestInlineRan = true;');
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

    // Trusted Types are enforced: HTML written into a sink as a plain string
    // throws and is reported, so the console's run above used no such sink.
    browser.allowErrors(/^console error: .*TrustedHTML/);
    const thrown = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x>';
        return null;
      } catch (error) {
        return error.name;
      }
    });
    assert.equal(thrown, 'TypeError', 'innerHTML refused a string');
    for (const deadline = Date.now() + 5_000; violations.length === 0 || consoleReports.length === 0;) {
      assert.ok(Date.now() < deadline, 'the Trusted Types refusal was reported by both watches');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(violations.map((report) => report.split(' refused ')[0]), ['require-trusted-types-for']);
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
    await ui.show('Connections');
    await connectThroughProxy(ui, CONNECTIONS.ryze);
    await ui.show('Integrations');
    await ui.waitForLoaded(CONNECTIONS.ryze, 4);
    assert.equal(await ui.search().inputValue(), 'x');
    const table = ui.inventory().getByRole('group', { name: 'View', exact: true }).getByRole('button', { name: 'Table', exact: true });
    assert.equal(await table.getAttribute('aria-pressed'), 'true');
    assert.equal(new URL(page.url()).pathname, SUB_PATH);
    assert.deepEqual(await ui.query(), { q: 'x', view: 'table' });
  });
});

test('every proxy refuses 403, in plain words, a call without X-Unplug-Request: 1 or from another site', async () => {
  await resetSandbox();
  const before = await sandboxCalls();
  const refusals = [];
  for (const platform of PLATFORMS) {
    refusals.push([`${platform}, unmarked`, await httpRequest('GET', appUrl(`api/${platform}/api/v1/me`)), REFUSED_UNMARKED]);
  }
  const marked = { 'X-Unplug-Request': '1' };
  refusals.push(
    ['marked "yes"', await httpRequest('GET', appUrl(ALTEGIO_STATUS), { headers: { 'X-Unplug-Request': 'yes' } }), REFUSED_UNMARKED],
    ['cross-site, unmarked', await httpRequest('GET', appUrl(ALTEGIO_STATUS), { headers: { 'Sec-Fetch-Site': 'cross-site' } }), REFUSED_UNMARKED],
    ['cross-site', await httpRequest('GET', appUrl(ALTEGIO_STATUS), { headers: { ...marked, 'Sec-Fetch-Site': 'cross-site' } }), REFUSED_CROSS_SITE],
    ['same-site', await httpRequest('GET', appUrl(ALTEGIO_STATUS), { headers: { ...marked, 'Sec-Fetch-Site': 'same-site' } }), REFUSED_CROSS_SITE],
    ['typed URL', await httpRequest('GET', appUrl(ALTEGIO_STATUS), { headers: { ...marked, 'Sec-Fetch-Site': 'none' } }), REFUSED_CROSS_SITE],
    ['cross-site uninstall', await httpRequest('POST', appUrl(ALTEGIO_UNINSTALL), { headers: { ...marked, 'Sec-Fetch-Site': 'cross-site' } }), REFUSED_CROSS_SITE],
    ['ryze cross-site', await httpRequest('GET', appUrl('api/ryze/api/instance/list'), { headers: { ...marked, 'Sec-Fetch-Site': 'cross-site' } }), REFUSED_CROSS_SITE],
  );
  for (const [what, answer, reason] of refusals) {
    assert.equal(answer.status, 403, what);
    assert.equal(answer.text, reason, what);
    assert.match(answer.headers['content-type'], /^text\/plain/, what);
    assert.equal(answer.headers['cache-control'], 'no-store', what);
  }
  assert.deepEqual(await sandboxCalls(), before, 'no refused call reached the platforms');
  assert.equal((await altegioStatus(1053)).status, 200, 'the refused uninstall did nothing');

  // A preflight from another origin is refused too, and grants nothing.
  const preflight = await httpRequest('OPTIONS', appUrl(ALTEGIO_UNINSTALL), {
    headers: {
      Origin: 'http://127.0.0.2:9',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'x-unplug-request',
      'Sec-Fetch-Site': 'cross-site',
      'Sec-Fetch-Mode': 'cors',
    },
  });
  assert.equal(preflight.status, 403);
  assert.deepEqual(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-')), [], 'no CORS header');
});

test('a marked same-origin call passes with the proxy\'s token, whatever credential it carries itself, and is not cached', async () => {
  await resetSandbox();
  const marked = { 'X-Unplug-Request': '1' };
  const passes = [
    ['a script (no Sec-Fetch-Site)', ALTEGIO_STATUS, marked],
    ['same-origin', ALTEGIO_STATUS, { ...marked, 'Sec-Fetch-Site': 'same-origin' }],
    ['another Authorization', ALTEGIO_STATUS, { ...marked, Authorization: 'Bearer not-the-partner-token', token: 'x' }],
    ['RyzeAPI', 'api/ryze/api/instance/list', marked],
    ['RyzeAPI with another token', 'api/ryze/api/instance/list', { ...marked, token: 'not-the-account-token', Authorization: 'Bearer x' }],
  ];
  for (const [what, route, headers] of passes) {
    const answer = await httpRequest('GET', appUrl(route), { headers: { Origin: 'http://127.0.0.2:9', ...headers } });
    assert.equal(answer.status, 200, `${what}: ${answer.text}`);
    assert.equal(answer.headers['cache-control'], 'no-store', what);
    assert.deepEqual(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')), [], `${what}: no CORS header`);
    assert.equal(answer.headers['set-cookie'], undefined, what);
  }
  // Rocket.Chat adds nothing: without the user's session it is refused by the platform.
  const anonymous = await httpRequest('GET', appUrl('api/rocketchat/api/v1/me'), { headers: marked });
  assert.equal(anonymous.status, 401, anonymous.text);
  assert.equal(anonymous.headers['cache-control'], 'no-store');
});

test('a page on another origin cannot use the proxy: its calls fail, its preflights are refused, nothing reaches the platforms', { timeout: 60_000 }, async () => {
  await resetSandbox();
  const before = await sandboxCalls();
  // The same loopback host on another port (same-site, cross-origin), and
  // another loopback address (cross-site).
  const servers = [];
  try {
    for (const host of ['127.0.0.1', '127.0.0.2']) {
      const server = http.createServer((request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><html lang="en"><title>Another site</title><h1>Another site</h1></html>');
      });
      servers.push(server);
      await new Promise((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
    }
    for (const server of servers) {
      const { address, port } = server.address();
      const origin = `http://${address}:${port}`;
      const page = await hosting.context.newPage();
      try {
        await page.goto(`${origin}/`);
        const mark = `from-${address.replaceAll('.', '-')}`;
        const results = await page.evaluate(async ({ status, uninstall, mark }) => {
          const attempt = async (name, url, init) => {
            try {
              const response = await fetch(`${url}?attempt=${mark}-${name}`, init);
              return [name, { type: response.type, status: response.status }];
            } catch (error) {
              return [name, { rejected: error.name }];
            }
          };
          return Object.fromEntries([
            await attempt('marked', status, { headers: { 'X-Unplug-Request': '1' } }),
            await attempt('unmarked', status, {}),
            await attempt('no-cors', status, { mode: 'no-cors' }),
            await attempt('no-cors-uninstall', uninstall, { method: 'POST', mode: 'no-cors', body: 'x', headers: { 'X-Unplug-Request': '1' } }),
            await attempt('marked-uninstall', uninstall, { method: 'POST', headers: { 'X-Unplug-Request': '1', 'Content-Type': 'application/json' }, body: '{}' }),
          ]);
        }, { status: appUrl(ALTEGIO_STATUS), uninstall: appUrl(ALTEGIO_UNINSTALL), mark });
        assert.deepEqual(results, {
          marked: { rejected: 'TypeError' },
          unmarked: { rejected: 'TypeError' },
          'no-cors': { type: 'opaque', status: 0 },
          'no-cors-uninstall': { type: 'opaque', status: 0 },
          'marked-uninstall': { rejected: 'TypeError' },
        }, origin);
        // What nginx saw: marked calls never got past their preflight, and
        // the others (no-cors drops the header) were refused.
        const seen = {};
        for (const name of Object.keys(results)) seen[name] = await accessLog(`attempt=${mark}-${name}`);
        assert.deepEqual(seen, {
          marked: [['OPTIONS', 403]],
          unmarked: [['GET', 403]],
          'no-cors': [['GET', 403]],
          'no-cors-uninstall': [['POST', 403]],
          'marked-uninstall': [['OPTIONS', 403]],
        }, origin);
      } finally {
        await page.close();
      }
    }
  } finally {
    for (const server of servers) server.close();
  }
  assert.deepEqual(await sandboxCalls(), before, 'nothing reached the platforms');
  assert.equal((await altegioStatus(1053)).status, 200, 'location 1053 keeps the app');
});
