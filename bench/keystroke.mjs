#!/usr/bin/env node
// Typing in the Search box with 10,000 and then 50,000 integrations loaded,
// in the console and, side by side, in its two peers (bench/plain/ and
// bench/react/, the same rows, search, counts and windowing): per keystroke,
// the time from keydown to the next painted frame (the letter shown), and to
// the frame that painted the key's results, measured inside the page. Also how
// long the list took to load, and the memory after load: the JS heap (all
// three) and the wasm memory (the console). The sandbox serves the generated
// integrations with 1 ms rate-limit windows; every page is signed in through
// sessionStorage, each in a fresh context. Prints figures and ratios; asserts
// nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/keystroke.mjs            (KEYSTROKE_SIZES=10000,50000)
//   KEYSTROKE_PAGES=console node bench/keystroke.mjs   (some of console,plain,react; ratios need all)

import {
  APP_URL, DIST, collectErrors, consoleMessage, fail, launchChromium, median, ms, newSignedInContext, percentile, run,
  servedConfig, sleep, startSandbox,
} from './lib/bench.mjs';
import { PAGES, appDirWithPeers } from './lib/peers.mjs';

const SIZES = (process.env.KEYSTROKE_SIZES ?? '10000,50000').split(',').map(Number);
const PAGE_NAMES = (process.env.KEYSTROKE_PAGES ?? Object.keys(PAGES).join(',')).split(',');
const unknownPage = PAGE_NAMES.find((name) => !PAGES[name]);
if (unknownPage) fail(`KEYSTROKE_PAGES: no page "${unknownPage}"; the pages are ${Object.keys(PAGES).join(', ')}`);
const LOAD_TIMEOUT_MS = Number(process.env.KEYSTROKE_LOAD_TIMEOUT_MS ?? 300_000);
const PAUSE_MS = 120;
// 33 keystrokes: a query, erased key by key, then another.
const KEYS = [
  ...'location 00',
  ...Array(11).fill('Backspace'),
  ...'instance-12',
];

/** "N of N", allowing a thousands separator ("10,000", "10 000"). */
function allLoaded(total) {
  const digits = String(total).replace(/\B(?=(\d{3})+(?!\d))/g, '[,.\u00a0\u202f ]?');
  return new RegExp(`${digits} of ${digits}`);
}

/** Before the console's scripts: keep the wasm memory Trunk's loader announces. */
function keepWasmMemory() {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__benchWasmMemory = event.detail?.wasm?.memory;
  });
}

/** What the page logs once a key's next frame has painted (see `consoleMessage`). */
const KEY_SIGNAL = 'unplug-bench:key';

/**
 * In the page: every keydown's delay until the next frame has painted (what the person typing
 * sees first: the letter), and until the frame that painted the key's first change to the results
 * (which cards are shown, the grid's windowing, the status counts, the summary; a page renders a
 * key's results in one go, and later changes there, such as background status reads coming back,
 * are not the key's), with the cards then shown. A key that changes none of them has its results
 * at its next paint.
 */
function measureKeystrokes(signal) {
  window.__benchKeys = [];
  let current = null;
  const RESULTS = '.unplug-results, .unplug-counts, .unplug-summary';
  const inResults = (record) => {
    const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
    return Boolean(node?.closest(RESULTS)) && !node.closest('.unplug-card');
  };
  new MutationObserver((records) => {
    const key = current;
    if (!key || key.changed || !records.some(inResults)) return;
    key.changed = true;
    requestAnimationFrame(() => setTimeout(() => {
      key.results = performance.now() - key.start;
      key.cards = document.querySelectorAll('.unplug-card').length;
    }, 0));
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  addEventListener('keydown', (event) => {
    const key = { key: event.key, start: event.timeStamp, delay: null, results: null, cards: null, changed: false };
    current = key;
    requestAnimationFrame(() => setTimeout(() => {
      key.delay = performance.now() - key.start;
      key.results ??= key.delay;
      key.cards ??= document.querySelectorAll('.unplug-card').length;
      window.__benchKeys.push(key);
      console.debug(signal);
    }, 0));
  }, { capture: true });
}

/** The slowest keystrokes, each with the query it ended in and the cards it left on screen. */
function slowest(keys, count, figure = 'delay') {
  let query = '';
  const typed = keys.map((key) => {
    query = key.key === 'Backspace' ? query.slice(0, -1) : query + key.key;
    return { ...key, query };
  });
  return typed.sort((a, b) => b[figure] - a[figure]).slice(0, count)
    .map((key) => `"${key.query}" ${ms(key[figure])} (${key.cards} cards)`).join(', ');
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

/** Loads `url` with `total` integrations, types KEYS, and returns what it measured. */
async function measurePage(browser, config, url, total) {
  const context = await newSignedInContext(browser, config, keepWasmMemory);
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(url);
    try {
      await page.getByText(allLoaded(total)).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    } catch {
      const texts = await page.locator('[role=status]').allInnerTexts().catch(() => []);
      const distinct = [...new Set(texts.map((text) => text.trim()).filter(Boolean))].slice(0, 8);
      fail(`${url}: the text "${total} of ${total}" did not appear within ${LOAD_TIMEOUT_MS / 1000} s; status texts: ${JSON.stringify(distinct)}${errors.length ? `; errors in the page: ${errors.slice(0, 5).join('; ')}` : ''}`);
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
    await page.evaluate(measureKeystrokes, KEY_SIGNAL);
    for (const key of KEYS) {
      const painted = consoleMessage(page, KEY_SIGNAL);
      await page.keyboard.press(key);
      await painted;
      await sleep(PAUSE_MS);
    }
    const keys = await page.evaluate(() => window.__benchKeys);
    return {
      loadedMs,
      keys,
      delays: keys.map((key) => key.delay),
      results: keys.map((key) => key.results),
      query: await search.inputValue(),
      heapAfterLoad,
      heapAfterTyping: await heap(),
      wasmBytes,
      errors,
    };
  } finally {
    await context.close();
  }
}

const ratio = (a, b) => (a / b).toFixed(2);

run(async () => {
  const app = await appDirWithPeers(DIST);
  let browser;
  try {
    browser = await launchChromium();
    for (const total of SIZES) {
      const sandbox = await startSandbox({ appDir: app.dir, args: ['--integrations', String(total), '--rate-window-ms', '1'] });
      const results = {};
      try {
        const config = await servedConfig();
        for (const name of PAGE_NAMES) results[name] = await measurePage(browser, config, APP_URL + PAGES[name].page, total);
      } finally {
        await sandbox.stop();
      }
      console.log(`Search with ${total} integrations loaded (sandbox --integrations ${total} --rate-window-ms 1), ${KEYS.length} keystrokes ${PAUSE_MS} ms apart, final query "${results[PAGE_NAMES[0]].query}"`);
      for (const name of PAGE_NAMES) {
        const { label } = PAGES[name];
        const result = results[name];
        const memory = [`JS heap ${mb(result.heapAfterLoad)} after load, ${mb(result.heapAfterTyping)} after typing`];
        if (result.wasmBytes !== null) memory.push(`wasm memory ${mb(result.wasmBytes)}`);
        console.log(`  ${label}`);
        console.log(`    keydown → next paint   median ${ms(median(result.delays))}, p95 ${ms(percentile(result.delays, 95))}, max ${ms(Math.max(...result.delays))}`);
        console.log(`    slowest keys           ${slowest(result.keys, 3)}`);
        console.log(`    keydown → results painted   median ${ms(median(result.results))}, p95 ${ms(percentile(result.results, 95))}, max ${ms(Math.max(...result.results))}`);
        console.log(`    slowest results        ${slowest(result.keys, 3, 'results')}`);
        console.log(`    all ${total} loaded     ${(result.loadedMs / 1000).toFixed(1)} s after navigation start`);
        console.log(`    memory                 ${memory.join('; ')}`);
        if (result.errors.length) console.log(`    errors in the page (${result.errors.length}):\n      ${result.errors.slice(0, 10).join('\n      ')}`);
      }
      if (!Object.keys(PAGES).every((name) => results[name])) continue;
      const figure = (name, p) => percentile(results[name].delays, p);
      for (const [what, p] of [['median', 50], ['p95', 95]]) {
        console.log(`  ratio, ${what}: console / plain ${ratio(figure('console', p), figure('plain', p))}, console / React ${ratio(figure('console', p), figure('react', p))}`);
      }
      const resultsFigure = (name, p) => percentile(results[name].results, p);
      for (const [what, p] of [['median', 50], ['p95', 95]]) {
        console.log(`  ratio, results ${what}: console / plain ${ratio(resultsFigure('console', p), resultsFigure('plain', p))}, console / React ${ratio(resultsFigure('console', p), resultsFigure('react', p))}`);
      }
      const memory = (name) => results[name].heapAfterLoad + (results[name].wasmBytes ?? 0);
      console.log(`  ratio, memory (JS heap + wasm): console / plain ${ratio(memory('console'), memory('plain'))}, console / React ${ratio(memory('console'), memory('react'))}`);
    }
  } finally {
    await browser?.close();
    await app.remove();
  }
});
