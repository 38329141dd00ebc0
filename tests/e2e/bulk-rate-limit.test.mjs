// A 429 in the middle of a run: the sandbox answers one RyzeAPI removal with
// its documented 429 (a `retry-after:3` fault: Retry-After and X-RateLimit-*
// saying 3 s, all readable by the page). The queue holds the connection for
// that wait and retries the item: nothing fails. (A connection configured
// faster than the platform allows no longer meets the platform's own 429 where
// the headers are readable: bulk-follows-rate-limit-headers.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxRequest, setFault, useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

const app = useApp({ sandboxArgs: ['--integrations', '60', '--rate-window-ms', '10000'] });
const COUNTS = { rocketchat: 20, ryze: 20, altegio: 20 };

test('a 429 pauses the connection for its wait and the item is retried, not failed', { timeout: 120_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { counts: COUNTS });
  ui.allowFailedLoad(429, '/ryze/api/chatwoot/delete/');
  await ui.choose('Platform', 'RyzeAPI');
  await ui.selectAllMatching().click();
  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'retry-after:3' });
  const started = Date.now();
  await ui.startBulk(20);
  await ui.waitForBulkState('finished', 90_000);
  assert.ok(Date.now() - started >= 3_000, 'the connection held for the wait the 429 gave');
  assert.deepEqual(await ui.bulkCounts(), { settled: 20, total: 20, removed: 20, alreadyGone: 0, failed: 0, waiting: 0, notSent: 0 });
  const seen = Number((await ui.bulkPanel().getByText(/^Rate-limit answers \(429\) so far: \d+/).innerText()).match(/so far: (\d+)/)[1]);
  assert.equal(seen, 1, 'the 429 was seen');
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.equal(stats.json.rateLimited.ryze, seen, 'every 429 the sandbox sent was heard');
});
