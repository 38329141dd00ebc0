#!/usr/bin/env node
// Bulk disconnect of every integration, paced by each connection's rate limit:
// wall time from the confirm click until the queue reports "finished", next to
// the minimum the limits allow, and how many 429s the sandbox had to send.
// The sandbox serves BULK_INTEGRATIONS generated integrations (about a third
// per platform) with BULK_WINDOW_MS rate-limit windows; the config.json it
// serves then carries the limits it enforces (Rocket.Chat 10 and RyzeAPI 100
// per window; Altegio has none, so the console's default, 5 a second, applies).
// Prints figures; asserts nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/bulk-pacing.mjs          (BULK_WINDOW_MS=1000, BULK_INTEGRATIONS=300)

import {
  API_URL, APP_URL, collectErrors, fail, launchChromium, httpRequest, newSignedInContext, resetSandbox, run,
  sandboxStats, servedConfig, startSandbox,
} from './lib/bench.mjs';

const N = Number(process.env.BULK_INTEGRATIONS ?? 300);
const WINDOW_MS = Number(process.env.BULK_WINDOW_MS ?? 1000);
const STEP_TIMEOUT_MS = 15_000;

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

run(async () => {
  let sandbox;
  let browser;
  try {
    sandbox = await startSandbox({ args: ['--integrations', String(N), '--rate-window-ms', String(WINDOW_MS)] });
    const counts = await itemsPerPlatform();
    await resetSandbox();
    const config = await servedConfig();
    const minimum = minimumMs(config, counts);
    console.log(`Bulk disconnect of ${N} integrations (sandbox --integrations ${N} --rate-window-ms ${WINDOW_MS})`);
    for (const row of minimum.rows) {
      console.log(`  ${row.label.padEnd(12)} ${String(row.n).padStart(5)} items at ${row.limit.requests} per ${row.limit.perMs} ms (${row.source}): at least ${seconds(row.floor)}`);
    }
    browser = await launchChromium();
    const context = await newSignedInContext(browser, config);
    const page = await context.newPage();
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

    const before = await sandboxStats();
    const started = performance.now();
    await confirm.click();
    const queue = page.locator('[data-bulk-state]');
    await expectVisible(page.getByRole('progressbar').or(queue), 'a progressbar or the queue panel ([data-bulk-state])');
    // Generous: three times the minimum, and at least two minutes more than it.
    const timeout = Math.max(3 * minimum.total, minimum.total + 120_000);
    try {
      await page.waitForSelector('[data-bulk-state="finished"], [data-bulk-state="cancelled"]', { timeout });
    } catch {
      const state = await queue.first().getAttribute('data-bulk-state').catch(() => null);
      fail(`the queue did not finish within ${seconds(timeout)} (data-bulk-state=${state ?? 'absent'})`);
    }
    const wall = performance.now() - started;
    const state = await queue.first().getAttribute('data-bulk-state');
    const panelText = (await queue.first().innerText()).replace(/\s+/g, ' ').trim();
    const during = await sandboxStats();
    const rateLimited = diff(during.rateLimited, before.rateLimited);
    const requests = diff(during.requests, before.requests);

    console.log(`  wall time, confirm → ${state}   ${seconds(wall)}`);
    console.log(`  minimum the limits allow        ${seconds(minimum.total)}`);
    console.log(`  ratio wall / minimum            ${minimum.total > 0 ? (wall / minimum.total).toFixed(2) : 'n/a (no waiting needed)'}`);
    const byPlatform = (counts) => Object.entries(counts).map(([key, value]) => `${key} ${value}`).join(', ');
    console.log(`  429s the sandbox sent           ${sum(rateLimited)} (${byPlatform(rateLimited)})`);
    console.log(`  API requests meanwhile          ${sum(requests)} (${byPlatform(requests)})`);
    console.log(`  queue panel                     ${panelText}`);
    if (errors.length) console.log(`  errors in the page (${errors.length}):\n    ${errors.slice(0, 10).join('\n    ')}`);
  } finally {
    await browser?.close();
    await sandbox?.stop();
  }
});
