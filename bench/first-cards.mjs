#!/usr/bin/env node
// Time from navigation start to the first card painted, for the console and,
// side by side, its two peers: the plain-JavaScript page (bench/plain/) and
// the React page (bench/react/), which read the same config.json and
// sessions, call the same list endpoints and render the same cards. One
// sandbox (default data) serves all three from one origin, behind a proxy
// that gzips them as the nginx template does; each load is in a fresh
// browser context (empty cache) already signed in through sessionStorage.
// Twice: on loopback, and on a link throttled by Chromium's network
// emulation (10 Mbit/s down, 40 ms round trip). Prints the medians and the
// ratios; asserts nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/first-cards.mjs            (FIRST_CARDS_RUNS=7 loads of each page on each link)

import {
  APP_PORT, DIST, consoleMessage, launchChromium, median, ms, newSignedInContext, fail, requireBuilt, resetSandbox, run,
  servedConfig, startSandbox,
} from './lib/bench.mjs';
import { startGzipProxy } from './lib/gzip-proxy.mjs';
import { PAGES, appDirWithPeers } from './lib/peers.mjs';

const RUNS = Number(process.env.FIRST_CARDS_RUNS ?? 7);
const PROXY_PORT = Number(process.env.BENCH_PROXY_PORT ?? APP_PORT + 1);
const PROXY_URL = `http://127.0.0.1:${PROXY_PORT}/`;

/** Chromium's `Network.emulateNetworkConditions` for each link; loopback is left alone. */
const LINKS = {
  loopback: { label: 'loopback', conditions: null },
  throttled: {
    label: 'throttled link, 10 Mbit/s down, 40 ms round trip',
    conditions: { offline: false, latency: 40, downloadThroughput: 10_000_000 / 8, uploadThroughput: -1 },
  },
};

/** What the page logs once its first card has painted. */
const FIRST_CARD_SIGNAL = 'unplug-bench:first-card';

/**
 * Runs in the page before its scripts: when the first `article.unplug-card`
 * is in the DOM, waits for the next frame, then a task, so the figure lands
 * after that frame has painted, and logs `signal` (see `consoleMessage`).
 * `performance.now()` counts from navigation start.
 */
function recordFirstCard(signal) {
  addEventListener('TrunkApplicationStarted', () => { window.__benchStarted = performance.now(); });
  const done = () => {
    window.__benchFirstCard = performance.now();
    console.debug(signal);
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('article.unplug-card')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(done, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * In the page once its first card painted: when each step before it ended, in ms from
 * navigation start. `code` is the wasm fetched (the console only; `null` for the peers),
 * `started` its module instantiated and started, `config` config.json read, `asked` the first
 * platform request sent, `answered` the first platform answer received, `card` the first card.
 */
function steps() {
  const resources = performance.getEntriesByType('resource');
  const wasm = resources.find((entry) => entry.name.endsWith('.wasm'));
  const config = resources.find((entry) => new URL(entry.name).pathname.endsWith('/config.json'));
  const platform = resources.filter((entry) => entry.initiatorType === 'fetch' && entry !== config && entry !== wasm);
  const first = (values) => (values.length ? Math.min(...values) : null);
  return {
    code: wasm?.responseEnd ?? null,
    started: window.__benchStarted ?? null,
    config: config?.responseEnd ?? null,
    asked: first(platform.map((entry) => entry.startTime)),
    answered: first(platform.map((entry) => entry.responseEnd).filter((end) => end <= window.__benchFirstCard)),
    card: window.__benchFirstCard,
  };
}

/** One load in a fresh context: its `steps()`. */
async function load(browser, config, url, conditions) {
  await resetSandbox();
  const context = await newSignedInContext(browser, config, recordFirstCard, FIRST_CARD_SIGNAL);
  try {
    const page = await context.newPage();
    if (conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', conditions);
    }
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const painted = consoleMessage(page, FIRST_CARD_SIGNAL);
    await page.goto(url);
    try {
      await painted;
    } catch {
      fail(`no article.unplug-card appeared within 30 s at ${url}${errors.length ? `: ${errors.join('; ')}` : ''}`);
    }
    return await page.evaluate(steps);
  } finally {
    await context.close();
  }
}

const ratio = (a, b) => (a / b).toFixed(2);

/** The columns of the breakdown, in the order they happen. */
const STEPS = [
  ['code', 'wasm in'], ['started', 'started'], ['config', 'config in'], ['asked', 'list asked'],
  ['answered', 'list in'], ['card', 'card'],
];

run(async () => {
  requireBuilt();
  const app = await appDirWithPeers(DIST);
  let sandbox;
  let proxy;
  let browser;
  try {
    sandbox = await startSandbox({
      appDir: app.dir,
      args: ['--allowed-origins', `http://127.0.0.1:${APP_PORT},http://127.0.0.1:${PROXY_PORT}`],
    });
    proxy = await startGzipProxy({ port: PROXY_PORT, upstreamPort: APP_PORT });
    browser = await launchChromium();
    const config = await servedConfig();
    const names = Object.keys(PAGES);
    console.log(`first card painted, navigation start → paint, median of ${RUNS} fresh loads each (default sandbox data, served gzipped)`);
    for (const { label, conditions } of Object.values(LINKS)) {
      // One load of each first, not counted: it warms the sandbox and the disk cache, not the browser.
      for (const name of names) await load(browser, config, PROXY_URL + PAGES[name].page, conditions);
      const times = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 0; round < RUNS; round += 1) {
        // Rotate which goes first, so none always follows another.
        const order = names.map((_, index) => names[(index + round) % names.length]);
        for (const name of order) times[name].push(await load(browser, config, PROXY_URL + PAGES[name].page, conditions));
      }
      const cards = Object.fromEntries(names.map((name) => [name, times[name].map((run) => run.card)]));
      const medians = Object.fromEntries(names.map((name) => [name, median(cards[name])]));
      console.log(`  ${label}`);
      for (const name of names) {
        console.log(`    ${PAGES[name].label.padEnd(22)} ${ms(medians[name]).padStart(9)}   runs: ${cards[name].map((t) => t.toFixed(0)).join(' ')}`);
      }
      console.log('    where the time goes (median ms from navigation start at which each step ended):');
      console.log(`    ${''.padEnd(22)} ${STEPS.map(([, title]) => title.padStart(11)).join('')}`);
      for (const name of names) {
        const at = (step) => {
          const values = times[name].map((run) => run[step]).filter((value) => value !== null);
          return values.length ? median(values).toFixed(0) : '—';
        };
        console.log(`    ${PAGES[name].label.padEnd(22)} ${STEPS.map(([step]) => at(step).padStart(11)).join('')}`);
      }
      console.log(`    ratio console / plain ${ratio(medians.console, medians.plain)}, console / React ${ratio(medians.console, medians.react)}`);
    }
  } finally {
    await browser?.close();
    await proxy?.stop();
    await sandbox?.stop();
    await app.remove();
  }
});
