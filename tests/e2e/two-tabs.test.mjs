// Two tabs, one connection: a connection's queue runs in one tab at a time
// (Web Locks), so two tabs never double the pace the platform allows. The
// second tab says another tab is running it, waits, then goes on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { openBrowser, useApp } from './support/harness.mjs';

const app = useApp();
const SLOW = { rateLimits: { altegio: { requests: 1, perMs: 1_200 } } };

test('a second tab waits for the first tab\'s queue of the same connection', { timeout: 90_000 }, async () => {
  const first = await ConsolePage.signedIn(app, SLOW);
  const secondTab = await openBrowser(app.context);
  try {
    const second = await ConsolePage.signedIn({ ...app, page: secondTab.page, browser: secondTab }, SLOW);
    second.allowFailedLoad(404, '/altegio/marketplace/salon/');
    for (const ui of [first, second]) {
      await ui.card('Serenity Spa').getByText('Active', { exact: true }).waitFor();
      await ui.choose('Platform', 'Altegio');
      await ui.selectAllMatching().click();
    }
    await first.startBulk(4);
    await second.startBulk(4);
    const waiting = `Another tab is running the queue of ${CONNECTIONS.altegio}: this run waits until it ends.`;
    await second.bulkPanel().getByText(waiting, { exact: true }).waitFor();
    assert.equal((await second.bulkCounts()).settled, 0, 'nothing is sent while the other tab runs');
    await first.waitForBulkState('finished');
    await second.waitForBulkState('finished');
    assert.deepEqual(await first.bulkCounts(), { settled: 4, total: 4, removed: 4, alreadyGone: 0, failed: 0, waiting: 0, notSent: 0 });
    // The first tab removed them all; the second finds each already gone.
    assert.deepEqual(await second.bulkCounts(), { settled: 4, total: 4, removed: 0, alreadyGone: 4, failed: 0, waiting: 0, notSent: 0 });
    assert.deepEqual(secondTab.errors, [], 'no console or page error in the second tab');
  } finally {
    await secondTab.close();
  }
});
