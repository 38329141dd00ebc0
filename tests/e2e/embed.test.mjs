// Embedding, as the two example host pages in examples/ do it: Unplug in an
// iframe (?embed=1, theme from the URL and from the host, credentials and
// events by postMessage, foreign origins and windows ignored), and Unplug
// mounted by script into a host element with the host's CSS neither leaking in
// nor out. Each runs under a real Content-Security-Policy header and fails on
// any violation: the script host page under the policy the README's "Embed"
// section gives a portal, the framed console under its own policy
// (deploy/csp.mjs) with frame-ancestors naming the portal, which a page on
// another origin then cannot frame.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { contentSecurityPolicy } from '../../deploy/csp.mjs';
import { API_URL, APP_PORT, APP_URL, ROOT, useApp } from './support/harness.mjs';

const HOST_PORT = APP_PORT + 10;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
/** A portal the console's frame-ancestors does not list. */
const OTHER_PORT = APP_PORT + 11;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
const APP_ORIGIN = new URL(APP_URL).origin;
const API_ORIGIN = new URL(API_URL).origin;

/**
 * The console's own policy, as deploy/csp.mjs prints it for this build with
 * the sandbox's API origin and `--frame-ancestors <the portal>`, sent with
 * every answer of the app server, which also lets the portal load the
 * module, the wasm and config.json cross-origin (CORS).
 */
const APP_CSP = contentSecurityPolicy(
  await readFile(path.join(ROOT, 'dist/index.html'), 'utf8'),
  { connections: [{ id: 'sandbox', baseUrl: API_URL }] },
  { frameAncestors: [HOST] },
);
/**
 * The portal's policy for a script mount, as the README's "Embed" section
 * gives it: the portal's own files ('self'), and for Unplug its folder in
 * script-src (unplug.js, the module) with 'wasm-unsafe-eval', style-src
 * (the stylesheet) and connect-src (the wasm, config.json), and the API origins.
 */
const SCRIPT_HOST_CSP = [
  "default-src 'none'",
  `script-src 'self' ${APP_URL} 'wasm-unsafe-eval'`,
  `style-src 'self' ${APP_URL}`,
  `connect-src 'self' ${APP_URL} ${API_ORIGIN}`,
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
/** The portal's policy for the iframe: its own files, and Unplug's origin in frame-src. */
const IFRAME_HOST_CSP = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src ${APP_ORIGIN}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
const HOST_CSP = { '/script-host.html': SCRIPT_HOST_CSP, '/iframe-host.html': IFRAME_HOST_CSP };

const app = useApp({
  sandboxArgs: [
    '--allowed-origins', `${APP_ORIGIN},${HOST}`,
    '--app-header', `Content-Security-Policy: ${APP_CSP}`,
    '--app-header', `Access-Control-Allow-Origin: ${HOST}`,
  ],
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * A portal's server: examples/ at its root, each page with its policy, and
 * the example scripts' UNPLUG_URL constant set to where the sandbox serves
 * Unplug (a rewritten copy; the files say http://127.0.0.1:8080/).
 */
function portalServer(origin) {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url, origin);
    try {
      const file = path.join(ROOT, 'examples', path.normalize(url.pathname).slice(1));
      let body = await readFile(file);
      if (path.extname(file) === '.js') {
        const text = body.toString('utf8');
        const declared = /^const UNPLUG_URL = '[^']*';$/m;
        body = declared.test(text) ? text.replace(declared, `const UNPLUG_URL = '${APP_URL}';`) : text;
      }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (HOST_CSP[url.pathname]) headers['content-security-policy'] = HOST_CSP[url.pathname];
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
}

const portals = [];
before(async () => {
  for (const [origin, port] of [[HOST, HOST_PORT], [OTHER, OTHER_PORT]]) {
    const server = portalServer(origin);
    portals.push(server);
    await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  }
});
after(() => Promise.all(portals.map((server) => new Promise((resolve) => server.close(resolve)))));

/**
 * Records, in every frame of `page` from before its first script, each
 * `securitypolicyviolation` event, and every console line naming the
 * Content Security Policy. Call before the first `goto`; assert with
 * `assertNone()`.
 */
async function watchViolations(page) {
  const watch = { events: [], lines: [] };
  await page.exposeFunction('unplugTestViolation', (report) => watch.events.push(report));
  await page.addInitScript(() => {
    window.addEventListener('securitypolicyviolation', (event) => {
      window.unplugTestViolation(`${location.origin}: ${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    }, true);
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted/i.test(message.text())) watch.lines.push(message.text());
  });
  watch.assertNone = () => assert.deepEqual([watch.events, watch.lines], [[], []], 'no CSP violation');
  return watch;
}

/** Serves the iframe's config.json with `allowedOrigins`. */
async function allowOrigins(page, allowedOrigins) {
  await page.route(`${APP_URL}config.json`, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    await route.fulfill({ response, json: { ...json, embed: { allowedOrigins } } });
  });
}

async function disconnectIn(scope, name) {
  await scope.getByRole('article', { name, exact: true }).getByRole('button', { name: 'Disconnect', exact: true }).click();
  await scope.getByRole('dialog', { name: `Disconnect ${name}?` }).getByRole('button', { name: 'Disconnect', exact: true }).click();
  await scope.getByRole('article', { name, exact: true }).getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
}

const events = (page) => page.evaluate(() => window.unplugEvents);

test('in an iframe: no header of its own, the host sets the theme and credentials, and hears each disconnect', { timeout: 60_000 }, async () => {
  const { page } = app;
  const violations = await watchViolations(page);
  await allowOrigins(page, [HOST]);
  // The page's own URL names no Unplug: the page posts only to the origin it declares.
  const answer = await page.goto(`${HOST}/iframe-host.html?app=${encodeURIComponent(OTHER)}`);
  assert.equal(answer.headers()['content-security-policy'], IFRAME_HOST_CSP);
  const frame = page.frameLocator('#unplug');
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  assert.equal(await frame.getByRole('heading', { name: 'Unplug', level: 1 }).count(), 0, 'the host has the title');
  const root = frame.locator('.unplug');
  assert.equal(await root.getAttribute('data-theme'), 'dark', 'theme=dark from the URL');
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await frame.locator('.unplug[data-theme="light"]').waitFor();
  await page.evaluate(() => window.sendToUnplug({ type: 'unplug:lang', lang: 'ru' }));
  await frame.getByRole('tab', { name: 'Интеграции', exact: true }).waitFor();
  await page.evaluate(() => window.sendToUnplug({ type: 'unplug:lang', lang: 'en' }));
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();

  await page.evaluate(() => window.sendToUnplug({
    type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' },
  }));
  await frame.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('4 of 4 loaded', { exact: true }).waitFor();
  await disconnectIn(frame, 'vendas');
  await page.waitForFunction(() => window.unplugEvents.length > 0);
  assert.deepEqual(await events(page), [
    { type: 'unplug:event', event: 'integration.disconnected', platform: 'ryze', connection: 'ryze-sandbox', id: 'vendas' },
  ]);
  assert.ok(!JSON.stringify(await events(page)).includes('sandbox-account-token'));
  await page.getByRole('listitem').filter({ hasText: 'integration.disconnected ryze ryze-sandbox vendas' }).waitFor();
  const framed = page.frames().find((each) => each.url().startsWith(APP_URL));
  assert.equal((await framed.evaluate(() => fetch(location.href).then((r) => r.headers.get('content-security-policy')))), APP_CSP,
    'the framed console runs under its policy, frame-ancestors naming the portal');
  violations.assertNone();
});

test('in an iframe: a page on an origin frame-ancestors does not list cannot frame the console', { timeout: 60_000 }, async () => {
  const { page, browser } = app;
  browser.allowErrors(/^console error: Framing '[^']*' violates the following Content Security Policy directive: "frame-ancestors [^"]*". The request has been blocked\./);
  const refusals = [];
  page.on('console', (message) => {
    if (/^Framing '/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`${OTHER}/iframe-host.html`);
  const element = await page.locator('#unplug').elementHandle();
  for (const deadline = Date.now() + 10_000; refusals.length === 0;) {
    assert.ok(Date.now() < deadline, 'Chromium reported the refused frame');
    await page.waitForTimeout(50);
  }
  assert.match(refusals[0], new RegExp(`"frame-ancestors ${HOST.replaceAll('.', '\\.')}"`));
  const framed = await element.contentFrame();
  assert.equal(framed.url(), 'chrome-error://chromewebdata/', 'the frame shows Chromium\'s "blocked" page, not the console');
  await page.waitForTimeout(1_000);
  assert.equal(await page.frameLocator('#unplug').locator('.unplug').count(), 0, 'nothing of Unplug was shown');
});

test('in an iframe: messages from an origin not allowed are ignored, and nothing is posted to it', { timeout: 60_000 }, async () => {
  const { page } = app;
  await allowOrigins(page, ['https://portal.example']);
  await page.goto(`${HOST}/iframe-host.html`);
  const frame = page.frameLocator('#unplug');
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await page.evaluate(() => window.sendToUnplug({
    type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' },
  }));
  await page.waitForTimeout(1_000);
  assert.equal(await frame.locator('.unplug').getAttribute('data-theme'), 'dark', 'the theme message was ignored');
  await frame.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('Not connected', { exact: false }).waitFor();

  await frame.getByRole('tab', { name: 'Connections', exact: true }).click();
  await frame.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(frame, 'vendas');
  await page.waitForTimeout(500);
  assert.deepEqual(await events(page), [], 'this host is not listed: it hears nothing');
});

test('mounted by script under the portal\'s policy: the console lives in the host element, styles stay apart, events arrive, no violation', { timeout: 60_000 }, async () => {
  const { page } = app;
  const violations = await watchViolations(page);
  await allowOrigins(page, [HOST]);
  // unplug.js waits until the portal's own styles have been measured.
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(`${APP_URL}unplug.js`, async (route) => {
    await released;
    await route.continue();
  });
  // (The load event waits for unplug.js, held back here.)
  const answer = await page.goto(`${HOST}/script-host.html?app=${encodeURIComponent(OTHER)}`, { waitUntil: 'domcontentloaded' });
  assert.equal(answer.headers()['content-security-policy'], SCRIPT_HOST_CSP, 'the portal page came with its policy');
  const hostButton = page.locator('#host-button');
  const style = (locator) => locator.evaluate((element) => {
    const css = getComputedStyle(element);
    return { background: css.backgroundColor, transform: css.textTransform, padding: css.padding, font: css.fontFamily, color: css.color, spacing: css.letterSpacing };
  });
  const before = await style(hostButton);
  release();
  await page.evaluate(() => window.unplugMounted);
  const unplug = page.locator('#unplug > .unplug');
  await unplug.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  assert.equal(
    await page.evaluate(() => document.querySelector('script[src$="unplug.js"]').src),
    `${APP_URL}unplug.js`,
    'the loader came from the UNPLUG_URL the page declares, not from its own URL',
  );

  assert.deepEqual(await style(hostButton), before, 'Unplug\'s CSS does not reach the host\'s button');
  assert.equal((await style(page.locator('.portal-text'))).color, 'rgb(0, 128, 0)', 'nor the host\'s text');
  const ours = await style(unplug.getByRole('button', { name: 'Refresh', exact: true }));
  assert.notEqual(ours.background, 'rgb(255, 0, 0)', 'the host\'s button rule does not reach Unplug\'s');
  assert.equal(ours.transform, 'none');
  assert.notEqual((await style(unplug.locator('p.unplug-summary'))).color, 'rgb(0, 128, 0)');
  assert.equal(await page.locator('body > .unplug').count(), 0, 'nothing was mounted into <body>');

  await unplug.getByRole('tab', { name: 'Connections', exact: true }).click();
  const ryze = unplug.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true });
  await ryze.getByRole('button', { name: 'Connect', exact: true }).waitFor();
  assert.equal(await unplug.getByRole('checkbox', { name: 'Remember in this tab' }).count(), 0,
    'no "Remember in this tab": its sessionStorage would be the portal\'s');
  await ryze.getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await unplug.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(unplug, 'vendas');
  await page.waitForFunction(() => window.unplugEvents.length > 0);
  assert.deepEqual(await events(page), [
    { type: 'unplug:event', event: 'integration.disconnected', platform: 'ryze', connection: 'ryze-sandbox', id: 'vendas' },
  ]);
  violations.assertNone();
});

test('mounted by script: only the portal\'s own window is heard, not a frame inside it of the same origin', { timeout: 60_000 }, async () => {
  const { page } = app;
  const violations = await watchViolations(page);
  await allowOrigins(page, [HOST]);
  await page.goto(`${HOST}/script-host.html`);
  await page.evaluate(() => window.unplugMounted);
  const root = page.locator('#unplug > .unplug');
  await root.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  const theme = () => root.getAttribute('data-theme');
  const initial = await theme();

  // A frame of the portal's own origin (about:blank) posts to the portal's window.
  await page.evaluate(() => {
    const child = document.createElement('iframe');
    child.id = 'child';
    document.body.append(child);
  });
  const child = await (await page.locator('#child').elementHandle()).contentFrame();
  const sent = { type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' } };
  await child.evaluate(({ message, origin }) => {
    parent.postMessage({ type: 'unplug:theme', theme: 'dark' }, origin);
    parent.postMessage({ type: 'unplug:theme', theme: 'light' }, origin);
    parent.postMessage(message, origin);
  }, { message: sent, origin: HOST });
  await page.waitForTimeout(1_000);
  assert.equal(await theme(), initial, 'the theme messages of a frame were ignored');
  await root.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('Not connected', { exact: false }).waitFor();

  // The portal's window itself is heard.
  const wanted = initial === 'dark' ? 'light' : 'dark';
  await page.evaluate((wanted) => window.postMessage({ type: 'unplug:theme', theme: wanted }, location.origin), wanted);
  await page.locator(`#unplug > .unplug[data-theme="${wanted}"]`).waitFor();
  await page.evaluate((message) => window.postMessage(message, location.origin), sent);
  await root.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('4 of 4 loaded', { exact: true }).waitFor();
  violations.assertNone();
});

test('two mounts on one page: each keeps its own Activity, language, allowed origins and element ids', { timeout: 90_000 }, async () => {
  const { page } = app;
  const violations = await watchViolations(page);
  await allowOrigins(page, [HOST]);
  // The second console reads a config of its own that allows no host origin.
  await page.route(`${APP_URL}second-config.json`, async (route) => {
    const response = await route.fetch({ url: `${APP_URL}config.json` });
    await route.fulfill({ response, json: { ...(await response.json()), embed: { allowedOrigins: [] } } });
  });
  await page.goto(`${HOST}/script-host.html`);
  await page.evaluate(() => window.unplugMounted);
  await page.evaluate(async (configUrl) => {
    const element = document.createElement('section');
    element.id = 'unplug-second';
    document.body.append(element);
    await window.Unplug.mount(element, { configUrl });
  }, `${APP_URL}second-config.json`);
  const first = page.locator('#unplug > .unplug');
  const second = page.locator('#unplug-second > .unplug');
  await first.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  await second.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();

  // Calls made in the second show in its Activity only, and tell no host: it allows none.
  await second.getByRole('tab', { name: 'Connections', exact: true }).click();
  await second.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await second.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(second, 'vendas');
  await second.getByRole('tab', { name: 'Activity', exact: true }).click();
  await second.getByRole('row').filter({ hasText: 'DELETE' }).first().waitFor();
  await first.getByRole('tab', { name: 'Activity', exact: true }).click();
  await first.getByText('No calls yet this session.', { exact: true }).waitFor();

  // The first, which allows the portal, tells it of its own disconnect only.
  await first.getByRole('tab', { name: 'Connections', exact: true }).click();
  await first.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await first.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(first, 'financeiro');
  await page.waitForFunction(() => window.unplugEvents.length > 0);
  await page.waitForTimeout(500);
  assert.deepEqual(await events(page), [
    { type: 'unplug:event', event: 'integration.disconnected', platform: 'ryze', connection: 'ryze-sandbox', id: 'financeiro' },
  ], 'one event, from the mount that allows the portal');

  // The host's language message reaches the mount that hears the portal; the menu of the
  // other changes that one only.
  await page.evaluate(() => window.postMessage({ type: 'unplug:lang', lang: 'ru' }, location.origin));
  await first.getByRole('tab', { name: 'Интеграции', exact: true }).waitFor();
  assert.equal(await second.getByRole('tab', { name: 'Integrations', exact: true }).count(), 1, 'the second keeps English');
  await second.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
  await second.getByRole('tab', { name: 'Integrações', exact: true }).waitFor();
  assert.equal(await first.getByRole('tab', { name: 'Интеграции', exact: true }).count(), 1, 'the first keeps Russian');

  const repeated = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return ids.filter((id, index) => ids.indexOf(id) !== index);
  });
  assert.deepEqual(repeated, [], 'no element id appears twice');
  violations.assertNone();
});

test('in an iframe: only the parent window is heard, not a sibling frame of the portal\'s origin', { timeout: 60_000 }, async () => {
  const { page } = app;
  await allowOrigins(page, [HOST]);
  await page.goto(`${HOST}/iframe-host.html`);
  const frame = page.frameLocator('#unplug');
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  await page.evaluate(() => {
    const sibling = document.createElement('iframe');
    sibling.id = 'sibling';
    document.body.append(sibling);
  });
  const sibling = await (await page.locator('#sibling').elementHandle()).contentFrame();
  await sibling.evaluate((appOrigin) => {
    const unplug = parent.document.getElementById('unplug').contentWindow;
    unplug.postMessage({ type: 'unplug:theme', theme: 'light' }, appOrigin);
    unplug.postMessage({ type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' } }, appOrigin);
  }, APP_ORIGIN);
  await page.waitForTimeout(1_000);
  assert.equal(await frame.locator('.unplug').getAttribute('data-theme'), 'dark', 'the sibling\'s theme was ignored');
  await frame.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('Not connected', { exact: false }).waitFor();
  // The "Remember in this tab" box is offered in a frame (its sessionStorage is Unplug's own origin's).
  await frame.getByRole('tab', { name: 'Connections', exact: true }).click();
  await frame.getByRole('checkbox', { name: 'Remember in this tab' }).first().waitFor();
  // The parent itself is heard.
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await frame.locator('.unplug[data-theme="light"]').waitFor();
});

test('standalone (not framed, not mounted): no window is heard, even of an allowed origin', { timeout: 60_000 }, async () => {
  const { page } = app;
  await allowOrigins(page, [APP_ORIGIN]);
  await page.goto(`${APP_URL}?theme=dark`);
  await page.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  await page.evaluate(() => window.postMessage({ type: 'unplug:theme', theme: 'light' }, location.origin));
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator('.unplug').getAttribute('data-theme'), 'dark', 'its own window is no host');
});
