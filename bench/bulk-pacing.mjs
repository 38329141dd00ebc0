#!/usr/bin/env node
// Bulk disconnect of every integration, paced by each connection's rate limit:
// wall time from the confirm click (requests may start at once: the sandbox
// serves undoSeconds 0) until the queue reports "finished", divided by the
// minimum the limits allow, and how many 429s the sandbox had to send.
//
// The sandbox serves BULK_INTEGRATIONS generated integrations (about a third
// per platform) with BULK_WINDOW_MS rate-limit windows; the config.json it
// serves then carries the limits it enforces (Rocket.Chat 10 and RyzeAPI 100
// per window; Altegio has none, so the console's default, 5 a second,
// applies). The admin is limited like everyone (`--variant rc-bypass=off`),
// so a Rocket.Chat 429 can happen. Each figure is taken twice: with
// Rocket.Chat's rate-limit headers hidden from the page, as its own CORS does
// (the console keeps its sliding log), and exposed (`--variant
// rc-expose=rate-limit`: it follows them). RyzeAPI exposes its headers in both.
//
// And each with the page visible, then hidden: a second tab is brought to the
// front of the same window, and Chromium is started with
// `--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/10`, so the
// hidden page's chained timers are cut to about one wake-up a minute after 10 s
// instead of 5 minutes; the run starts once that grace period is over. Playwright
// keeps every page it opens "visible" (focus emulation, and switches that turn
// background throttling off), so this bench starts Chromium itself and connects
// over CDP without those defaults. With BULK_WITHOUT_WORKER=1 it also runs the
// hidden case on a copy of the build without timer-worker.js (the console then
// waits on the page's own timers), stopped after BULK_WITHOUT_WORKER_CAP_S
// (default 300) seconds. BULK_TRACE=1 prints when each platform's removals
// left (resource timing, from the click) and the gaps between them.
// Prints figures; asserts nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/bulk-pacing.mjs          (BULK_WINDOW_MS=10000, BULK_INTEGRATIONS=150)

import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  API_URL, APP_URL, DIST, collectErrors, fail, httpRequest, resetSandbox, run, sandboxStats, servedConfig,
  sessionEntries, sleep, startSandbox,
} from './lib/bench.mjs';

const N = Number(process.env.BULK_INTEGRATIONS ?? 150);
const WINDOW_MS = Number(process.env.BULK_WINDOW_MS ?? 10_000);
const WITHOUT_WORKER = process.env.BULK_WITHOUT_WORKER === '1';
const WITHOUT_WORKER_CAP_MS = Number(process.env.BULK_WITHOUT_WORKER_CAP_S ?? 300) * 1000;
const STEP_TIMEOUT_MS = 15_000;
/** Chromium's grace period before intensive throttling, as this bench sets it, and a margin. */
const GRACE_S = 10;
const HIDDEN_BEFORE_START_MS = (GRACE_S + 3) * 1000;

/** The console's pace where config.json gives none (src/config.rs defaults). */
const DEFAULT_LIMITS = {
  rocketchat: { requests: 10, perMs: 60_000 },
  ryze: { requests: 100, perMs: 60_000 },
  altegio: { requests: 5, perMs: 1_000 },
};
const LABEL = { rocketchat: 'Rocket.Chat', ryze: 'RyzeAPI', altegio: 'Altegio' };

/** How many cards each platform's sandbox list holds, asked from node (no CORS, no console). */
async function itemsPerPlatform() {
  const rc = await httpRequest('GET', `${API_URL}/rocketchat/api/v1/integrations.list?count=1`, {
    headers: { 'X-User-Id': 'sandboxAdminUserId', 'X-Auth-Token': 'sandbox-admin-auth-token' },
  });
  const ryze = await httpRequest('GET', `${API_URL}/ryze/api/instance/list`, { headers: { token: 'sandbox-account-token' } });
  let altegio = 0;
  for (let page = 1; ; page += 1) {
    const answer = await httpRequest('GET', `${API_URL}/altegio/marketplace/application/1/salons?page=${page}&count=1000`, {
      headers: { Authorization: 'Bearer sandbox-partner-token' },
    });
    const salons = answer.json?.data ?? [];
    altegio += salons.length;
    if (salons.length < 1000) break;
  }
  return {
    rocketchat: rc.json?.total ?? 0,
    ryze: (ryze.json?.data ?? []).filter((instance) => instance.chatwoot?.enabled).length,
    altegio,
  };
}

/** Per connection `(ceil(n / requests) - 1) * perMs`; connections run side by side. */
function minimumMs(config, counts) {
  const rows = config.connections
    .filter((connection) => counts[connection.platform] > 0)
    .map((connection) => {
      const n = counts[connection.platform];
      const limit = connection.rateLimit ?? DEFAULT_LIMITS[connection.platform];
      const source = connection.rateLimit ? 'config.json' : 'console default';
      const floor = (Math.ceil(n / limit.requests) - 1) * limit.perMs;
      return { label: LABEL[connection.platform], n, limit, source, floor };
    });
  return { rows, total: Math.max(0, ...rows.map((row) => row.floor)) };
}

/**
 * Debian's Chromium, started here rather than by Playwright (whose launch
 * switches turn background throttling off and whose pages emulate focus, which
 * keeps them visible), with intensive wake-up throttling after GRACE_S seconds
 * hidden. Returns the CDP connection, its one window's first tab, and `stop()`.
 */
async function startChromium() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'unplug-bench-chromium-'));
  const child = spawn(process.env.CHROME ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update', '--window-size=1280,800',
    `--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/${GRACE_S}`,
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
      await Promise.race([exited, sleep(10_000)]);
    }
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    const endpoint = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools endpoint:\n${text}`)), 20_000);
      child.stderr.on('data', (chunk) => {
        text += chunk;
        const found = text.match(/DevTools listening on (ws:\S+)/);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${text}`)));
    });
    // No default overrides: pages of the default context keep their real visibility.
    const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
    const context = browser.contexts()[0];
    context.setDefaultTimeout(30_000);
    const page = context.pages()[0] ?? await context.newPage();
    return { browser, context, page, stop: async () => { await browser.close().catch(() => {}); await stop(); } };
  } catch (error) {
    await stop();
    fail(error.message);
  }
}

/** Brings a new tab to the front of `page`'s window: `page` is then hidden, as a background tab. */
async function hide(browser, page) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: false });
  await cdp.send('Target.activateTarget', { targetId });
  for (const deadline = Date.now() + 5_000; await page.evaluate(() => document.visibilityState) !== 'hidden';) {
    if (Date.now() > deadline) fail('the console\'s tab did not become hidden behind a new tab');
    await sleep(50);
  }
}

/** Waits for a locator, or stops with a sentence naming what the contract expected. */
async function expectVisible(locator, what, timeout = STEP_TIMEOUT_MS) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    fail(`${what} did not appear within ${timeout / 1000} s`);
  }
  return locator.first();
}

const seconds = (value) => `${(value / 1000).toFixed(1)} s`;
const diff = (after, before) => Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - (before[key] ?? 0)]));
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * One run: loads every card, selects all, confirms, and times the queue in
 * the page (a MutationObserver notes when data-bulk-state turns finished, on
 * the page's clock, as the click is). Hidden: the tab goes behind another one
 * after the confirmation is filled in, and the click waits out the grace period.
 */
async function oneRun({ config, hidden, capMs }) {
  await resetSandbox();
  const chrome = await startChromium();
  try {
    const { browser, context, page } = chrome;
    await context.addInitScript((entries) => {
      for (const [key, value] of entries) sessionStorage.setItem(key, value);
      window.__unplugBench = { visibility: [] };
      performance.setResourceTimingBufferSize(10_000);
      document.addEventListener('visibilitychange', () => window.__unplugBench.visibility.push(document.visibilityState));
    }, sessionEntries(config));
    const errors = collectErrors(page);
    await page.goto(APP_URL);
    await expectVisible(page.getByText(new RegExp(`\\b${N} of ${N}\\b`)), `the text "${N} of ${N}" (all integrations loaded)`, 60_000);
    await (await expectVisible(page.getByRole('button', { name: new RegExp(`^Select all ${N} matching`) }),
      `a button named "Select all ${N} matching…"`)).click();
    await (await expectVisible(page.getByRole('button', { name: /^Disconnect selected/ }),
      'a button named "Disconnect selected…"')).click();
    const dialog = await expectVisible(page.getByRole('dialog').filter({ has: page.getByLabel('Number of integrations to disconnect') }),
      'a dialog with a field labelled "Number of integrations to disconnect"');
    await dialog.getByLabel('Number of integrations to disconnect').fill(String(N));
    const confirm = await expectVisible(dialog.getByRole('button', { name: new RegExp(`^Disconnect ${N} integrations`) }),
      `the dialog's button "Disconnect ${N} integrations…" (enabled once ${N} is typed)`);
    if (hidden) {
      await hide(browser, page);
      await sleep(HIDDEN_BEFORE_START_MS);
    }

    const before = await sandboxStats();
    // A hidden page paints no frames, so Playwright's click (which waits for stable frames)
    // would not; the element's own click() is the same event to the console.
    await confirm.evaluate((button) => {
      const bench = window.__unplugBench;
      new MutationObserver(() => {
        const state = document.querySelector('[data-bulk-state]')?.getAttribute('data-bulk-state');
        if ((state === 'finished' || state === 'cancelled') && !bench.endedAt) bench.endedAt = performance.now();
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-bulk-state'], childList: true });
      bench.clickedAt = performance.now();
      button.click();
    });
    const started = Date.now();
    let progress;
    for (;;) {
      progress = await page.evaluate(() => ({
        endedAt: window.__unplugBench.endedAt,
        clickedAt: window.__unplugBench.clickedAt,
        state: document.querySelector('[data-bulk-state]')?.getAttribute('data-bulk-state') ?? null,
        panel: (document.querySelector('[data-bulk-state]')?.innerText ?? '').replace(/\s+/g, ' ').trim(),
        visibility: [...window.__unplugBench.visibility],
      }));
      if (progress.endedAt !== undefined || Date.now() - started > capMs) break;
      await sleep(500);
    }
    const during = await sandboxStats();
    const finished = progress.endedAt !== undefined;
    // When each removal left, from the click, per platform (resource timing; kept in a hidden page).
    const sends = await page.evaluate((clickedAt) => {
      const routes = { rocketchat: '/integrations.remove', ryze: '/chatwoot/delete/', altegio: '/uninstall' };
      const entries = performance.getEntriesByType('resource');
      return Object.fromEntries(Object.entries(routes).map(([platform, route]) => [
        platform,
        entries.filter((entry) => entry.name.includes(route) && entry.startTime >= clickedAt).map((entry) => Math.round(entry.startTime - clickedAt)),
      ]));
    }, progress.clickedAt);
    return {
      finished,
      wall: finished ? progress.endedAt - progress.clickedAt : Date.now() - started,
      state: progress.state,
      panel: progress.panel,
      stayedHidden: !hidden || !progress.visibility.includes('visible'),
      rateLimited: diff(during.rateLimited, before.rateLimited),
      requests: diff(during.requests, before.requests),
      errors,
      sends,
    };
  } finally {
    await chrome.stop();
  }
}

/** Prints, once, what the limits allow: the same data and limits in every group. */
let minimumPrinted = false;
function printMinimum({ rows, total }) {
  if (minimumPrinted) return;
  minimumPrinted = true;
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(12)} ${String(row.n).padStart(5)} items at ${row.limit.requests} per ${row.limit.perMs} ms (${row.source}): at least ${seconds(row.floor)}`);
  }
  console.log(`  minimum the limits allow: ${seconds(total)}, counted from the confirm click (undoSeconds 0)`);
  console.log(`  ${'run'.padEnd(44)} ${'wall'.padStart(8)}  ${'÷ min'.padStart(6)}`);
}

/** Runs `cases` on one sandbox started with `args` (and `appDir`), printing one line each. */
async function runCases({ title, args, appDir, cases }) {
  const sandbox = await startSandbox({ args: ['--integrations', String(N), '--rate-window-ms', String(WINDOW_MS), ...args], appDir });
  try {
    const minimum = minimumMs(await servedConfig(), await itemsPerPlatform());
    printMinimum(minimum);
    const config = await servedConfig();
    for (const { name, hidden, capMs } of cases) {
      const result = await oneRun({ config, hidden, capMs: capMs ?? Math.max(3 * minimum.total, minimum.total + 120_000) });
      const ratio = minimum.total > 0 ? result.wall / minimum.total : NaN;
      const figure = result.finished
        ? `${seconds(result.wall).padStart(8)}  ${ratio.toFixed(3).padStart(6)}`
        : `> ${seconds(result.wall)}  > ${ratio.toFixed(1)} (stopped; the panel read: ${result.panel.slice(0, 100)})`;
      console.log(`  ${`${title}, ${name}`.padEnd(44)} ${figure}  429s ${sum(result.rateLimited)}, requests ${sum(result.requests)}`);
      if (!result.stayedHidden) console.log('    (the page became visible during the run: this figure is not a hidden one)');
      if (result.finished && result.state !== 'finished') console.log(`    (the queue ended ${result.state}: ${result.panel})`);
      if (sum(result.rateLimited) > 0) console.log(`    429s by platform: ${JSON.stringify(result.rateLimited)}`);
      if (process.env.BULK_TRACE === '1') {
        for (const [platform, times] of Object.entries(result.sends)) {
          const gaps = times.slice(1).map((at, index) => at - times[index]).map((gap, index) => [index + 1, gap]).filter(([, gap]) => gap > 300);
          console.log(`    ${platform}: ${times.length} sent, first at ${times[0]} ms, last at ${times.at(-1)} ms; gaps over 300 ms (before the nth): ${gaps.map(([n, gap]) => `${n}:${gap}`).join(' ')}`);
        }
      }
      if (result.errors.length) console.log(`    errors in the page (${result.errors.length}):\n      ${result.errors.slice(0, 10).join('\n      ')}`);
    }
  } finally {
    await sandbox.stop();
  }
}

run(async () => {
  console.log(`Bulk disconnect of ${N} integrations (sandbox --integrations ${N} --rate-window-ms ${WINDOW_MS} --variant rc-bypass=off)`);
  const both = [{ name: 'page visible', hidden: false }, { name: 'page hidden', hidden: true }];
  const groups = [
    { title: 'Rocket.Chat headers hidden', args: ['--variant', 'rc-bypass=off'], cases: both },
    { title: 'Rocket.Chat headers exposed', args: ['--variant', 'rc-bypass=off', '--variant', 'rc-expose=rate-limit'], cases: both },
  ];
  let withoutWorkerDir;
  try {
    if (WITHOUT_WORKER) {
      withoutWorkerDir = await mkdtemp(path.join(os.tmpdir(), 'unplug-bench-no-worker-'));
      await cp(DIST, withoutWorkerDir, { recursive: true, filter: (source) => path.basename(source) !== 'timer-worker.js' });
      groups.push({
        title: 'no timer worker',
        args: ['--variant', 'rc-bypass=off'],
        appDir: withoutWorkerDir,
        cases: [{ name: 'page hidden', hidden: true, capMs: WITHOUT_WORKER_CAP_MS }],
      });
    }
    for (const group of groups) await runCases(group);
  } finally {
    if (withoutWorkerDir) await rm(withoutWorkerDir, { recursive: true, force: true });
  }
});
