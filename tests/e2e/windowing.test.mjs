// Thousands of integrations: only what is on screen is rendered, scrolling
// reaches every item, and the geometry is set through the CSSOM, so a strict
// style-src (no inline style attributes) reports no violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

// The app server sends `style-src 'self'`: an inline style attribute written
// as markup would be refused and reported; CSSOM writes are allowed.
const app = useApp({
  sandboxArgs: ['--integrations', '3000', '--rate-window-ms', '1', '--app-header', "Content-Security-Policy: style-src 'self'"],
});
const COUNTS = { rocketchat: 1000, ryze: 1000, altegio: 1000 };

async function collectViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
}

test('3,000 cards render a screenful, scroll to the last, and search finds any', { timeout: 120_000 }, async () => {
  await collectViolations(app.page);
  const ui = await ConsolePage.open(app);
  await ui.signInAllWithDemo({ counts: COUNTS });
  await ui.waitForShowing(3000, 3000);
  const rendered = await ui.cards().count();
  assert.ok(rendered > 0 && rendered < 100, `${rendered} cards in the DOM`);

  await ui.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await ui.card('Webhook 1000').waitFor();
  assert.ok(await ui.cards().count() < 100, 'still only a window at the bottom');

  await ui.searchFor('instance-0777');
  await ui.waitForShowing(1, 3000);
  await ui.card('instance-0777').waitFor();

  await ui.searchFor('');
  await ui.switchView('Table');
  const rows = await ui.inventory().getByRole('table').getByRole('rowheader').count();
  assert.ok(rows > 0 && rows < 150, `${rows} table rows in the DOM`);
  assert.deepEqual(await ui.page.evaluate(() => window.__violations), [], 'no CSP violation');
});
