// Where a platform's X-RateLimit-Remaining and X-RateLimit-Reset are readable
// by the page (RyzeAPI exposes them; Rocket.Chat here behind a CORS that does,
// `rc-expose=rate-limit`, with the admin limited, `rc-bypass=off`), a bulk run
// follows them to the limit. Each connection is configured with a window thirty
// times the sandbox's (60 s against 2 s): the sliding log alone would take ten
// minutes for Rocket.Chat's 110 removals and a minute for RyzeAPI's; following
// the headers, each run takes about the sandbox's windows, with no 429.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

const WINDOW_MS = 2_000;
const app = useApp({
  sandboxArgs: [
    '--integrations', '330', '--rate-window-ms', String(WINDOW_MS),
    '--variant', 'rc-bypass=off', '--variant', 'rc-expose=rate-limit',
  ],
});
const COUNTS = { rocketchat: 110, ryze: 110, altegio: 110 };
const CONFIGURED = { rocketchat: { requests: 10, perMs: 60_000 }, ryze: { requests: 100, perMs: 60_000 } };

test('a run follows readable rate-limit headers to the limit: no 429, no configured window waited', { timeout: 180_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { counts: COUNTS, rateLimits: CONFIGURED });
  // Rocket.Chat: 10 per window on the remove route, 110 removals: ten resets waited.
  // RyzeAPI: 100 per window for the token, list reads included: at least one.
  for (const [label, resets] of [['Rocket.Chat', 10], ['RyzeAPI', 1]]) {
    await ui.choose('Platform', label);
    await ui.selectAllMatching().click();
    const started = Date.now();
    await ui.startBulk(110);
    await ui.waitForBulkState('finished', 120_000);
    const took = Date.now() - started;
    assert.deepEqual(await ui.bulkCounts(), { settled: 110, total: 110, removed: 110, alreadyGone: 0, failed: 0, waiting: 0, notSent: 0 }, label);
    if (label === 'Rocket.Chat') assert.ok(took >= (resets - 0.5) * WINDOW_MS, `${label}: ${took} ms, faster than its windows allow`);
    assert.ok(took < 60_000, `${label}: ${took} ms: the configured 60 s window was waited, not the platform's reset`);
  }
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.deepEqual(stats.json.rateLimited, { rocketchat: 0, ryze: 0, altegio: 0 });
});
