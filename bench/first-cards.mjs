#!/usr/bin/env node
// Time from navigation start to the first card painted, for the console and,
// side by side, for a plain-JavaScript page (bench/plain/) that reads the same
// config.json and sessions, calls the same list endpoints and renders the same
// cards. Both are served from the same origin by one sandbox (default data),
// each load in a fresh browser context (empty cache) already signed in through
// sessionStorage. Prints the medians and their ratio; asserts nothing.
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node bench/first-cards.mjs            (FIRST_CARDS_RUNS=7 loads of each)

import { cp, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  APP_URL, DIST, ROOT, fail, launchChromium, median, ms, newSignedInContext, requireBuilt,
  resetSandbox, run, servedConfig, startSandbox,
} from './lib/bench.mjs';

const RUNS = Number(process.env.FIRST_CARDS_RUNS ?? 7);
const PLAIN_DIR = 'bench-plain';

/**
 * Runs in the page before its scripts: when the first `article.unplug-card`
 * is in the DOM, waits for the next frame, then a task, so the figure lands
 * after that frame has painted. `performance.now()` counts from navigation start.
 */
function recordFirstCard() {
  const done = () => { window.__benchFirstCard = performance.now(); };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('article.unplug-card')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(done, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** A copy of dist/ with the plain page in dist/bench-plain/, so both share one origin. */
async function appDirWithPlainPage() {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'unplug-bench-'));
  const dist = path.join(temp, 'dist');
  await cp(DIST, dist, { recursive: true });
  const plain = path.join(dist, PLAIN_DIR);
  await mkdir(plain, { recursive: true });
  for (const file of ['index.html', 'cards.js']) {
    await copyFile(path.join(ROOT, 'bench/plain', file), path.join(plain, file));
  }
  // The console's stylesheet (its name is hashed), so both pages paint the same CSS.
  const css = (await readdir(DIST)).find((file) => file.endsWith('.css'));
  if (css) await copyFile(path.join(DIST, css), path.join(plain, 'app.css'));
  return { temp, dist };
}

/** One load in a fresh context: ms to the first painted card, and how many cards that frame had. */
async function load(browser, config, url) {
  await resetSandbox();
  const context = await newSignedInContext(browser, config, recordFirstCard);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.__benchFirstCard !== undefined, null, { timeout: 30_000 });
    } catch {
      fail(`no article.unplug-card appeared within 30 s at ${url}${errors.length ? `: ${errors.join('; ')}` : ''}`);
    }
    return await page.evaluate(() => window.__benchFirstCard);
  } finally {
    await context.close();
  }
}

run(async () => {
  requireBuilt();
  const { temp, dist } = await appDirWithPlainPage();
  let sandbox;
  let browser;
  try {
    sandbox = await startSandbox({ appDir: dist });
    browser = await launchChromium();
    const config = await servedConfig();
    const pages = { app: APP_URL, plain: `${APP_URL}${PLAIN_DIR}/` };
    const times = { app: [], plain: [] };
    // One load of each first, not counted: it warms the sandbox and the disk cache, not the browser.
    await load(browser, config, pages.app);
    await load(browser, config, pages.plain);
    for (let round = 0; round < RUNS; round += 1) {
      // Alternate which goes first, so neither always follows the other.
      const order = round % 2 === 0 ? ['app', 'plain'] : ['plain', 'app'];
      for (const which of order) times[which].push(await load(browser, config, pages[which]));
    }
    const app = median(times.app);
    const plain = median(times.plain);
    console.log(`first card painted, navigation start → paint, median of ${RUNS} fresh loads each (default sandbox data)`);
    console.log(`  console (Leptos/wasm)  ${ms(app)}   runs: ${times.app.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`  plain JavaScript       ${ms(plain)}   runs: ${times.plain.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`  ratio console / plain  ${(app / plain).toFixed(2)}`);
  } finally {
    await browser?.close();
    await sandbox?.stop();
    await rm(temp, { recursive: true, force: true });
  }
});
