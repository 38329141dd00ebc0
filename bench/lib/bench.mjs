// Shared by the bench scripts: the sandbox (started and stopped per script),
// Debian's Chromium through playwright-core, remembered sessions seeded into
// sessionStorage, and small statistics. Nothing here asserts a timing: the
// scripts print figures.
//
// Environment (all optional):
//   UNPLUG_DIST           built console            (default dist/)
//   UNPLUG_SANDBOX_BIN    sandbox binary           (default $CARGO_TARGET_DIR or target/, then sandbox/sandbox)
//   BENCH_API_PORT        sandbox API port         (default 38787)
//   BENCH_APP_PORT        port serving the console (default 38080)
//   CHROME                browser executable       (default /usr/bin/chromium)

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpRequest, launchChromium, portAnswers, sleep, startServer } from '../../tests/e2e/support/local.mjs';

export { httpRequest, launchChromium, sleep };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.resolve(process.env.UNPLUG_DIST ?? path.join(ROOT, 'dist'));
export const SANDBOX_BIN = path.resolve(process.env.UNPLUG_SANDBOX_BIN
  ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'sandbox/sandbox'));
export const API_PORT = Number(process.env.BENCH_API_PORT ?? 38787);
export const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 38080);
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}/`;

/** The demo credentials of the sandbox, in the form `src/state/remember.rs` stores them. */
const SESSIONS = {
  rocketchat: {
    platform: 'rocketchat',
    user_id: 'sandboxAdminUserId',
    auth_token: 'sandbox-admin-auth-token',
    username: 'admin',
    version: '8.8.1',
  },
  ryze: { platform: 'ryze', token: 'sandbox-account-token', instance: null },
  altegio: { platform: 'altegio', token: 'sandbox-partner-token', application_id: 1 },
};

/** A failure the script explains in a sentence; `run` prints it without a stack trace. */
export class BenchError extends Error {}

export function fail(message) {
  throw new BenchError(message);
}

/** Runs a script's `main`, cleaning up through its `finally` blocks, and sets the exit code. */
export function run(main) {
  main().catch((error) => {
    console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
    process.exitCode = 1;
  });
}

/** Exits with a hint when the built console or the sandbox binary is missing. */
export function requireBuilt(dist = DIST) {
  if (!existsSync(path.join(dist, 'index.html'))) {
    fail(`${path.join(dist, 'index.html')} is missing: build the console first (\`trunk build --release\`, or bash bench/run-all.sh)`);
  }
  if (!existsSync(SANDBOX_BIN)) {
    fail(`${SANDBOX_BIN} is missing: build the sandbox first (\`cargo build -p sandbox --profile sandbox\`)`);
  }
}

/**
 * Starts the sandbox on the bench ports serving `appDir`, waits until both
 * ports answer, and returns `{ stop() }`. The sandbox rewrites the
 * config.json it serves to point at its own API port.
 */
export async function startSandbox({ args = [], appDir = DIST } = {}) {
  requireBuilt(appDir);
  for (const port of [API_PORT, APP_PORT]) {
    if (await portAnswers(port)) fail(`port ${port} is already in use: stop what listens there or set BENCH_API_PORT/BENCH_APP_PORT`);
  }
  try {
    return await startServer('the sandbox', SANDBOX_BIN, [
      '--listen', `127.0.0.1:${API_PORT}`,
      '--app-listen', `127.0.0.1:${APP_PORT}`,
      '--app-dir', appDir,
      // Requests may start at once: a bulk figure counts from then, not from an undo window.
      '--config-set', 'undoSeconds=0',
      ...args,
    ], [API_PORT, APP_PORT]);
  } catch (error) {
    fail(error.message);
  }
}

/** `POST /__sandbox/reset`: data, faults, rate-limit counters, stats. */
export async function resetSandbox() {
  const answer = await httpRequest('POST', `${API_URL}/__sandbox/reset`, { body: {} });
  if (answer.status !== 200) fail(`POST /__sandbox/reset answered ${answer.status}: ${answer.text}`);
}

/** `GET /__sandbox/stats`: `{ rateLimited: {platform: n}, requests: {platform: n} }`. */
export async function sandboxStats() {
  const answer = await httpRequest('GET', `${API_URL}/__sandbox/stats`);
  if (answer.status !== 200 || !answer.json?.rateLimited) {
    fail(`GET /__sandbox/stats answered ${answer.status}: ${answer.text} (is the sandbox older than its stats route? rebuild it)`);
  }
  return answer.json;
}

/** The config.json the sandbox serves beside the console (baseUrl and rateLimit rewritten). */
export async function servedConfig() {
  const answer = await httpRequest('GET', `${APP_URL}config.json`);
  if (answer.status !== 200 || !Array.isArray(answer.json?.connections)) {
    fail(`GET ${APP_URL}config.json answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  return answer.json;
}

/** `[key, value]` pairs for sessionStorage: a remembered demo session for every connection. */
export function sessionEntries(config) {
  return config.connections
    .filter((connection) => SESSIONS[connection.platform])
    .map((connection) => [`unplug.session.${connection.id}`, JSON.stringify(SESSIONS[connection.platform])]);
}

/**
 * A fresh context (empty cache and storage) whose pages start with the
 * remembered sessions in sessionStorage, so the console loads cards with no
 * click. `extraInit` (a function) runs in the page too, before its scripts,
 * given `extraArgument`.
 */
export async function newSignedInContext(browser, config, extraInit, extraArgument) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(30_000);
  await context.addInitScript((entries) => {
    for (const [key, value] of entries) sessionStorage.setItem(key, value);
  }, sessionEntries(config));
  if (extraInit) await context.addInitScript(extraInit, extraArgument);
  return context;
}

/**
 * Resolves when `page` logs `text` to its console (within 30 s). The benches learn that a frame
 * they time has painted this way rather than by Playwright's `waitForFunction`, which evaluates
 * Playwright's own script in the page (about 20 ms of its main thread in a trace of a load) and
 * polls in the very frames being timed. Call it before the action that leads to the message.
 */
export function consoleMessage(page, text) {
  return page.waitForEvent('console', { predicate: (message) => message.text() === text, timeout: 30_000 });
}

/** The page's errors, as they come: uncaught ones, and console errors (a Rust panic is logged
 * there by console_error_panic_hook before its "unreachable" page error). */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text().split('\n')[0].slice(0, 300)}`);
  });
  return errors;
}

export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const ms = (value) => `${value.toFixed(1)} ms`;
