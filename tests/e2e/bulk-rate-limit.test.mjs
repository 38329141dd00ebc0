// A forced 429: the RyzeAPI connection is configured faster than the sandbox
// allows (1,000 per second against 100 per 10 s: a window long enough that the
// first 101 requests surely fall in it, however slow the machine), so the sandbox answers 429.
// The queue waits what the headers say and retries: nothing fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

const app = useApp({ sandboxArgs: ['--integrations', '450', '--rate-window-ms', '10000'] });
const COUNTS = { rocketchat: 150, ryze: 150, altegio: 150 };

test('a 429 pauses the connection for its wait and the item is retried, not failed', { timeout: 120_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { counts: COUNTS, rateLimits: { ryze: { requests: 1_000, perMs: 1_000 } } });
  ui.allowFailedLoad(429, '/ryze/api/chatwoot/delete/');
  await ui.choose('Platform', 'RyzeAPI');
  await ui.selectAllMatching().click();
  await ui.startBulk(150);
  await ui.waitForBulkState('finished', 90_000);
  assert.deepEqual(await ui.bulkCounts(), { settled: 150, total: 150, removed: 150, alreadyGone: 0, failed: 0, waiting: 0, notSent: 0 });
  const seen = Number((await ui.bulkPanel().getByText(/^Rate-limit answers \(429\) so far: \d+/).innerText()).match(/so far: (\d+)/)[1]);
  assert.ok(seen >= 1, 'the 429 was seen');
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.equal(stats.json.rateLimited.ryze, seen, 'every 429 the sandbox sent was heard');
});
