// Smoke test: the release build starts in Chromium and renders. This is the
// test that catches a broken wasm-opt (the page dies at start with
// "WebAssembly.Table.set(): Argument 1 is invalid for table").
import { test } from 'node:test';
import { APP_URL, useApp } from './support/harness.mjs';

const app = useApp();

test('the release app loads, titles itself and renders', { timeout: 60_000 }, async () => {
  const { page } = app;
  await page.goto(APP_URL);
  await page.waitForFunction(() => document.title === 'Unplug', null, { timeout: 15_000 });
  await page.waitForFunction(() => document.body.innerText.includes('Unplug'), null, { timeout: 15_000 });
});
