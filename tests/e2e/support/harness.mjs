// e2e harness: runs the built app (dist/) and the sandbox binary, drives
// Debian's Chromium through playwright-core, and fails a test on any console
// or page error. It builds nothing: scripts/test.sh runs `trunk build
// --release` and `cargo build -p sandbox --profile sandbox` first.
//
// Environment (all optional):
//   UNPLUG_E2E_API_PORT   sandbox API port        (default 18787)
//   UNPLUG_E2E_APP_PORT   port serving dist/      (default 18080)
//   UNPLUG_SANDBOX_BIN    sandbox binary          (default target/sandbox/sandbox)
//   CHROME                browser executable      (default /usr/bin/chromium)
//   UNPLUG_E2E_HEADED=1   show the browser window (needs a display)

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import { httpRequest, launchChromium, portAnswers, startServer } from './local.mjs';

export { httpRequest, launchChromium, startServer };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const API_PORT = Number(process.env.UNPLUG_E2E_API_PORT ?? 18787);
export const APP_PORT = Number(process.env.UNPLUG_E2E_APP_PORT ?? 18080);
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}/`;
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

const SANDBOX_BIN = process.env.UNPLUG_SANDBOX_BIN
  ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'sandbox/sandbox');
const DIST = path.join(ROOT, 'dist');

async function mustExist(file, hint) {
  try {
    await stat(file);
  } catch {
    throw new Error(`${path.relative(ROOT, file)} is missing: ${hint}`);
  }
}

/**
 * Starts the sandbox on the test ports, serving dist/, and waits until both
 * ports answer. `args` follow the defaults, so a test's flag wins. The
 * sandbox itself points the config.json it serves at its own API address
 * and accepts its app origin for CORS. Returns `{ stop(), output() }`.
 */
export async function startSandbox(args = []) {
  await mustExist(path.join(DIST, 'index.html'), 'run `trunk build --release` first');
  await mustExist(SANDBOX_BIN, 'run `cargo build -p sandbox --profile sandbox` first');
  for (const port of [API_PORT, APP_PORT]) {
    if (await portAnswers(port)) {
      throw new Error(`port ${port} is already in use: stop what listens there or set UNPLUG_E2E_API_PORT/UNPLUG_E2E_APP_PORT`);
    }
  }
  return startServer('sandbox', SANDBOX_BIN, [
    '--listen', `127.0.0.1:${API_PORT}`,
    '--app-listen', `127.0.0.1:${APP_PORT}`,
    '--app-dir', DIST,
    '--rate-window-ms', '1000',
    // Sent at once: only the tests about the undo window ask for one (a later flag wins).
    '--config-set', 'undoSeconds=0',
    ...args,
  ], [API_PORT, APP_PORT]);
}

/**
 * One HTTP call to the sandbox from node, the way a script or another admin
 * would make it: no `Origin` header (so no CORS), and node:http without
 * keep-alive, because fetch's pooled sockets would hold the test process open
 * for seconds after the last test. `body` may be an object (sent as JSON) or
 * a string. Resolves to `{ status, headers, text, json }` whatever the status;
 * `json` is `undefined` when the body is not JSON.
 */
export function sandboxRequest(method, route, options) {
  return httpRequest(method, `${API_URL}${route}`, options);
}

async function sandboxControl(route, body) {
  const answer = await sandboxRequest('POST', `/__sandbox/${route}`, { body: body ?? {} });
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`POST /__sandbox/${route} answered ${answer.status}: ${answer.text}`);
  }
  return answer.text;
}

/** The Altegio disable webhooks the sandbox sent (or recorded) since the last reset. */
export async function sentWebhooks() {
  const answer = await sandboxRequest('GET', '/__sandbox/webhooks');
  assert.equal(answer.status, 200, answer.text);
  return answer.json.sent;
}

/** Puts the sandbox back to its seeded state (integrations, tokens, faults, rate limits). */
export function resetSandbox() {
  return sandboxControl('reset');
}

/**
 * Makes the sandbox spoil the next `count` calls of `route` (a route template
 * of `platform`, or `*`) with the fault `kind`: `latency:MS`, `html5xx`,
 * `malformed`, `truncated`, `empty` or `drop` (see sandbox/src/faults.rs).
 */
export function setFault({ platform, route, kind, count = 1 }) {
  return sandboxControl('faults', { platform, route, kind, count });
}

/** A browser context (cookies, storage, HTTP cache) as the tests use it. */
export async function newBrowserContext(chromiumBrowser) {
  const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 800 } });
  // Fail within seconds, not Playwright's 30 s: every wait here is for a local server.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Opens a fresh page (a new tab: its own sessionStorage) in `context`, or
 * in a Chromium and context of its own. Console errors and uncaught page
 * errors are collected in `errors`; `allowErrors(re)` accepts the ones a
 * test provokes on purpose (say, Chromium's "Failed to load resource: ...
 * status of 500" for a fault). `close()` closes the page, and the Chromium
 * when it launched one.
 */
export async function openBrowser(context) {
  const ownBrowser = context ? null : await launchChromium();
  const inContext = context ?? await newBrowserContext(ownBrowser);
  const page = await inContext.newPage();

  const errors = [];
  const allowed = [];
  const record = (text) => {
    if (!allowed.some((re) => re.test(text))) errors.push(text);
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    record(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => record(`page error: ${error.stack ?? error.message}`));

  return {
    context: inContext,
    page,
    errors,
    allowErrors(re) { allowed.push(re); },
    async screenshot(name) {
      await mkdir(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await page.close();
      await ownBrowser?.close();
    },
  };
}

/**
 * Wires a test file: one sandbox and one Chromium context for the file
 * (extra `sandboxArgs` allowed; the context keeps the built app in its HTTP
 * cache), a reset sandbox and a fresh page (tab) for each test, and a failure
 * for any console or page error the test did not allow. The app keeps its
 * sessions in memory and sessionStorage, both per tab, so tests do not see
 * each other's. Read `app.page`, `app.browser` inside tests.
 */
export function useApp({ sandboxArgs = [] } = {}) {
  const app = { sandbox: null, chromium: null, context: null, browser: null, page: null };
  before(async () => {
    const [sandbox, chromiumBrowser] = await Promise.allSettled([startSandbox(sandboxArgs), launchChromium()]);
    app.sandbox = sandbox.value ?? null;
    app.chromium = chromiumBrowser.value ?? null;
    for (const started of [sandbox, chromiumBrowser]) {
      if (started.status === 'rejected') throw started.reason;
    }
    app.context = await newBrowserContext(app.chromium);
  });
  after(async () => {
    await app.chromium?.close();
    await app.sandbox?.stop();
  });
  beforeEach(async () => {
    await resetSandbox();
    app.browser = await openBrowser(app.context);
    app.page = app.browser.page;
  });
  afterEach(async (t) => {
    const { browser } = app;
    app.browser = null;
    app.page = null;
    if (!browser) return;
    const errors = [...browser.errors];
    if (errors.length > 0) await browser.screenshot(t.name).catch(() => {});
    await browser.close();
    assert.deepEqual(errors, [], `console or page errors during "${t.name}"`);
  });
  return app;
}
