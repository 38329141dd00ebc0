#!/usr/bin/env node
// Typing in the Search box with 10,000 integrations loaded: per keystroke, the
// time from keydown to the next painted frame, measured inside the page. Also
// how long the 10,000 took to load and the memory after load. The sandbox
// serves 10,000 generated integrations with 1 ms rate-limit windows; the
// console is signed in through sessionStorage. Prints figures; asserts nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/keystroke.mjs

import {
  APP_URL, collectErrors, fail, launchChromium, median, ms, newSignedInContext, percentile, run, servedConfig,
  sleep, startSandbox,
} from './lib/bench.mjs';

const TOTAL = 10_000;
// "10000 of 10000", allowing a thousands separator ("10,000", "10 000").
const ALL_LOADED = /10[,.\u00a0\u202f ]?000 of 10[,.\u00a0\u202f ]?000/;
const LOAD_TIMEOUT_MS = Number(process.env.KEYSTROKE_LOAD_TIMEOUT_MS ?? 180_000);
const PAUSE_MS = 120;
// 33 keystrokes: a query, erased key by key, then another.
const KEYS = [
  ...'location 00',
  ...Array(11).fill('Backspace'),
  ...'instance-12',
];

/** Before the console's scripts: keep the wasm memory Trunk's loader announces. */
function keepWasmMemory() {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__benchWasmMemory = event.detail?.wasm?.memory;
  });
}

/** In the page: every keydown's delay until the next frame has painted. */
function measureKeystrokes() {
  window.__benchKeys = [];
  addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => {
      window.__benchKeys.push(performance.now() - start);
    }, 0));
  }, { capture: true });
}

async function searchBox(page) {
  for (const locator of [
    page.getByRole('searchbox', { name: 'Search' }),
    page.getByRole('textbox', { name: 'Search' }),
    page.getByLabel('Search', { exact: true }),
  ]) {
    if (await locator.count() === 1) return locator;
  }
  return fail('no input with the accessible name "Search" on the Integrations view (is this build older than the search box?)');
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

run(async () => {
  let sandbox;
  let browser;
  try {
    sandbox = await startSandbox({ args: ['--integrations', String(TOTAL), '--rate-window-ms', '1'] });
    browser = await launchChromium();
    const config = await servedConfig();
    const context = await newSignedInContext(browser, config, keepWasmMemory);
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(APP_URL);
    try {
      await page.getByText(ALL_LOADED).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    } catch {
      const texts = await page.locator('[role=status]').allInnerTexts().catch(() => []);
      const distinct = [...new Set(texts.map((text) => text.trim()).filter(Boolean))].slice(0, 8);
      fail(`the text "${TOTAL} of ${TOTAL}" did not appear within ${LOAD_TIMEOUT_MS / 1000} s; status texts: ${JSON.stringify(distinct)}${errors.length ? `; errors in the page: ${errors.slice(0, 5).join('; ')}` : ''}`);
    }
    const loadedMs = await page.evaluate(() => performance.now());

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN;
    };
    const heapAfterLoad = await heap();
    const wasmBytes = await page.evaluate(() => window.__benchWasmMemory?.buffer.byteLength ?? null);

    const search = await searchBox(page);
    await search.focus();
    await page.evaluate(measureKeystrokes);
    for (const [index, key] of KEYS.entries()) {
      await page.keyboard.press(key);
      await page.waitForFunction((count) => window.__benchKeys.length >= count, index + 1, { timeout: 30_000 });
      await sleep(PAUSE_MS);
    }
    const delays = await page.evaluate(() => window.__benchKeys);
    const query = await search.inputValue();
    const heapAfterTyping = await heap();

    console.log(`Search with ${TOTAL} integrations loaded (sandbox --integrations ${TOTAL} --rate-window-ms 1)`);
    console.log(`  all ${TOTAL} loaded           ${(loadedMs / 1000).toFixed(1)} s after navigation start`);
    console.log(`  keydown → next paint       median ${ms(median(delays))}, p95 ${ms(percentile(delays, 95))}, max ${ms(Math.max(...delays))} (${delays.length} keystrokes, ${PAUSE_MS} ms apart, final query "${query}")`);
    console.log(`  JS heap used after load    ${mb(heapAfterLoad)} (after typing: ${mb(heapAfterTyping)})`);
    console.log(`  wasm memory after load     ${wasmBytes === null ? 'not seen (no TrunkApplicationStarted event)' : mb(wasmBytes)}`);
    if (errors.length) console.log(`  errors in the page (${errors.length}):\n    ${errors.slice(0, 10).join('\n    ')}`);
  } finally {
    await browser?.close();
    await sandbox?.stop();
  }
});
