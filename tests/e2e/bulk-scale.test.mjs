// A 300-item bulk disconnect with the sandbox's rate-limit windows shortened
// to one second: paced under every limit, it ends with every item accounted
// for, none lost, and no 429.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';

// The sandbox serves config.json with the rateLimit it enforces (Rocket.Chat
// 10 and RyzeAPI 100 per 1,000 ms). Altegio has no sandbox limit; its default
// 5 per second would make this run take 20 s, so it is raised here.
const app = useApp({ sandboxArgs: ['--integrations', '300', '--rate-window-ms', '1000'] });
const COUNTS = { rocketchat: 100, ryze: 100, altegio: 100 };

test('300 integrations disconnect paced, every one accounted for, no 429', { timeout: 180_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { counts: COUNTS, rateLimits: { altegio: { requests: 20, perMs: 1_000 } } });
  await ui.selectAllMatching().click();
  await ui.startBulk(300);
  await ui.bulkPanel().getByRole('progressbar').waitFor();
  await ui.waitForBulkState('finished', 150_000);
  const counts = await ui.bulkCounts();
  assert.deepEqual(counts, { settled: 300, total: 300, removed: 300, alreadyGone: 0, failed: 0, waiting: 0, notSent: 0 });
  assert.match(await ui.bulkPanel().getByText(/^Rate-limit answers \(429\) so far: \d+/).innerText(), /so far: 0;/);
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.deepEqual(stats.json.rateLimited, { rocketchat: 0, ryze: 0, altegio: 0 });

  // None lost: the platforms really have nothing left. RyzeAPI's instances are all still
  // there, none linked, so the console asks whether the Chatwoot module is on (404: it is).
  ui.allowFailedLoad(404, '/ryze/api/chatwoot/list/unplug-probe-1');
  await ui.refresh();
  for (const label of Object.values(CONNECTIONS)) {
    await ui.strip(label).getByRole('status').filter({ hasText: 'No integrations on this connection' }).waitFor();
  }
});
