#!/usr/bin/env node
// Takes docs/console.png, the README's picture of the card view: the default
// sandbox data, every connection signed in, after one RyzeAPI disconnect.
// It needs what the e2e tests need, and takes their port variables:
//
//   trunk build --release && cargo build -p sandbox --profile sandbox
//   node scripts/readme-screenshot.mjs

import path from 'node:path';
import { ConsolePage } from '../tests/e2e/support/console-page.mjs';
import { ROOT, launchChromium, newBrowserContext, openBrowser, startSandbox } from '../tests/e2e/support/harness.mjs';

const sandbox = await startSandbox();
const chromium = await launchChromium();
try {
  const browser = await openBrowser(await newBrowserContext(chromium));
  const ui = await ConsolePage.signedIn({ page: browser.page, browser });
  // Altegio's statuses arrive after its list.
  await ui.card('Serenity Spa').getByText('Active', { exact: true }).waitFor();
  await ui.disconnect('vendas');
  await ui.outcome('vendas').waitFor();
  await browser.page.screenshot({ path: path.join(ROOT, 'docs/console.png'), fullPage: true });
  if (browser.errors.length > 0) throw new Error(`the page reported errors: ${browser.errors.join('; ')}`);
} finally {
  await chromium.close();
  await sandbox.stop();
}
