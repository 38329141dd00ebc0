// A long Activity renders only the rows on screen: hundreds of calls keep a
// few dozen `tr` in the DOM, the table still tells its full size
// (aria-rowcount, aria-rowindex), scrolling to the bottom shows the oldest
// call, and the export still holds every call. The ring's capacity (5,000
// calls, older ones dropped and counted) is unit-tested in src/state/activity.rs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

// 600 generated integrations, 200 per platform: each Altegio salon's status is
// its own call, so signing in makes over 200 calls (a short rate window keeps
// the pacing quick). The app server sends
// `style-src 'self'`: the spacer rows' heights must go through the CSSOM.
const app = useApp({
  sandboxArgs: ['--integrations', '600', '--rate-window-ms', '1', '--app-header', "Content-Security-Policy: style-src 'self'"],
});
const COUNTS = { rocketchat: 200, ryze: 200, altegio: 200 };

test('hundreds of calls render a window of rows, sized for assistive tech, scrolling to the oldest', { timeout: 120_000 }, async () => {
  const { page } = app;
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  const ui = await ConsolePage.signedIn(app, { counts: COUNTS, rateLimits: { altegio: { requests: 1_000, perMs: 1_000 } } });
  await ui.show('Activity');
  const region = page.getByRole('region', { name: 'Activity', exact: true });
  const table = region.getByRole('table');

  // Signing in lists the cards; each Altegio status is read afterwards, paced.
  // Wait until the calls stop: the row count holds still for two seconds.
  let [seen, since] = [0, Date.now()];
  while (Date.now() - since < 2_000) {
    const now = Number(await table.getAttribute('aria-rowcount'));
    if (now !== seen) [seen, since] = [now, Date.now()];
    await page.waitForTimeout(250);
  }

  // Every call, as the export sees it (oldest first).
  const [file] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Export JSON', exact: true }).click()]);
  const records = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.ok(records.length > 200, `${records.length} calls`);
  assert.equal(await table.getAttribute('aria-rowcount'), String(records.length + 1), 'the header row and every call');

  const inDom = () => table.locator('tr').count();
  const callRows = table.locator('tbody tr[aria-rowindex]');
  const first = await inDom();
  assert.ok(first < 100 && first < records.length / 3, `${first} tr in the DOM for ${records.length} calls`);
  assert.equal(await table.locator('thead tr').getAttribute('aria-rowindex'), '1');

  // The top shows the newest call as row 2.
  const newest = records.at(-1);
  assert.equal(await callRows.first().getAttribute('aria-rowindex'), '2');
  assert.equal((await callRows.first().locator('td').nth(2).innerText()).trim(), newest.request);
  // Spacer rows stand for the others and are hidden from assistive tech.
  assert.equal(await table.getByRole('row').count(), await callRows.count() + 1, 'only the header and the call rows are rows');

  // Scrolled halfway, the screen shows call rows, not a blank spacer, from the middle of the list.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.waitForFunction(() => {
    const row = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('tr');
    return row?.hasAttribute('aria-rowindex') && document.elementFromPoint(innerWidth / 2, 10)?.closest('tr')?.hasAttribute('aria-rowindex');
  });
  const middle = await page.evaluate(() => Number(document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('tr').getAttribute('aria-rowindex')));
  assert.ok(middle > records.length / 4 && middle < records.length * 3 / 4, `row ${middle} of ${records.length + 1} at the middle`);

  // Scrolled to the bottom: the oldest call is the last row, numbered as the last.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = callRows.last();
  await page.waitForFunction(
    (count) => [...document.querySelectorAll('.unplug-activity__table tbody tr[aria-rowindex]')].at(-1)?.getAttribute('aria-rowindex') === String(count + 1),
    records.length,
  );
  const oldest = records[0];
  const cells = (await last.locator('td').allInnerTexts()).map((text) => text.trim());
  assert.deepEqual([cells[1], cells[2], cells[3], cells[4]], [oldest.connection, oldest.request, String(oldest.status ?? '—'), oldest.outcome]);
  await last.waitFor();
  assert.ok(await last.isVisible(), 'the oldest call is on screen');
  const atBottom = await inDom();
  assert.ok(atBottom < 100, `still only a window at the bottom: ${atBottom} tr`);

  // Every rendered row's index is its place in the full, newest-first list.
  const indexes = (await callRows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('aria-rowindex')))));
  assert.deepEqual(indexes, indexes.map((_, at) => indexes[0] + at), 'consecutive indexes');
  assert.equal(indexes.at(-1), records.length + 1);

  // Back at the top, the newest again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('.unplug-activity__table tbody tr[aria-rowindex]')?.getAttribute('aria-rowindex') === '2');

  // Fewer than 5,000 calls: nothing was dropped, so no notice.
  assert.equal(await region.getByText('older ones dropped', { exact: false }).count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
});
