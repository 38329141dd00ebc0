// Last-activity reads (Rocket.Chat's integrations.history) keep a pace of
// their own, since Rocket.Chat limits each route apart, and give way to
// removals: asked for during a bulk run, they wait for its end, and neither
// route meets a 429. The sandbox limits admins here as it limits everyone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_URL, sandboxRequest, useApp } from './support/harness.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';

// 100 Rocket.Chat webhooks, every other one outgoing; of those, one in four has been idle
// for 120 days (Webhook 0004, 0012, …, 0100).
const app = useApp({ sandboxArgs: ['--integrations', '300', '--variant', 'rc-bypass=off'] });
const RC = `${API_URL}/rocketchat/api/v1`;

test('reads asked for during a bulk run wait for it, and no route meets a 429', { timeout: 120_000 }, async () => {
  // Rocket.Chat alone keeps Activity short enough to be rendered whole.
  const ui = await ConsolePage.open(app, { query: '?kind=incoming' });
  await ui.signInWithDemo(CONNECTIONS.rocketchat);
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 100);
  await ui.waitForShowing(50, 100);
  await ui.selectAllMatching().click();
  await ui.startBulk(50);

  // Filtering by idleness asks for every outgoing webhook's last run while the run goes on.
  await ui.choose('Kind', 'All kinds');
  await ui.idleFilter().fill('30');
  await ui.waitForBulkState('finished', 60_000);
  assert.equal((await ui.bulkCounts()).removed, 50);
  await ui.waitForShowing(13, 100);
  const idle = await ui.cardNames();
  assert.deepEqual(idle, Array.from({ length: 13 }, (_, k) => `Webhook ${String(8 * k + 4).padStart(4, '0')}`));

  const calls = (await ui.activity()).map(({ request }) => request);
  const at = (prefix) => calls.flatMap((request, index) => (request.startsWith(prefix) ? [index] : []));
  const reads = at(`GET ${RC}/integrations.history?`);
  const removals = at(`POST ${RC}/integrations.remove`);
  assert.equal(reads.length, 50, 'each outgoing webhook read once');
  assert.equal(removals.length, 50);
  // Activity is newest first: every read is newer than every removal.
  assert.ok(Math.max(...reads) < Math.min(...removals), 'no read went out during the run');
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.equal(stats.json.rateLimited.rocketchat, 0, 'paced under the limit on both routes');
});
