// A 429 says how long to wait, from the headers where the browser may read
// them (RyzeAPI's Retry-After) or from the platform's message (Rocket.Chat
// exposes no headers to the page). This file's sandbox keeps rate-limit
// windows of a minute, so a limit spent from node stays spent for the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { rocketChatLogin, ryzeExhaustRateLimit } from './support/platforms.mjs';

const app = useApp({ sandboxArgs: ['--rate-window-ms', '60000'] });

test('RyzeAPI: a spent token limit shows the Retry-After wait', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const limited = await ryzeExhaustRateLimit();
  const retryAfter = Number(limited.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);

  ui.allowFailedLoad(429, '/ryze/api/chatwoot/delete/vendas');
  // The dialog's read of what stops meets the spent limit too.
  ui.allowFailedLoad(429, '/ryze/api/chatwoot/list/vendas');
  await ui.disconnect('vendas');
  const alert = ui.failure('vendas');
  await alert.waitFor();
  const [summary, said, next] = (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  const wait = Number(summary.match(/^Rate limited \(HTTP 429\): the platform asks to wait (\d+) s\.$/)?.[1]);
  // The page's 429 comes a moment after node's, so its wait may be a little shorter.
  assert.ok(wait > 0 && wait >= retryAfter - 5 && wait <= retryAfter, `waits ${wait} s, the sandbox said ${retryAfter} s (${summary})`);
  assert.equal(said, 'Platform message: Rate limit exceeded. Try again later.');
  assert.equal(next, 'Wait, then retry; lower the connection\'s rateLimit in config.json to stay under the limit.');
  await ui.card('vendas').getByRole('button', { name: 'Retry', exact: true }).waitFor();
});

test('Rocket.Chat: a spent route limit shows the wait its message gives', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(CONNECTIONS.rocketchat, { Username: 'manager', Password: 'manager' });
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 2);

  // Rocket.Chat counts per client address, method and route: ten removals
  // from node (invalid ones count too) spend the page's allowance.
  const { userId, authToken } = await rocketChatLogin('manager', 'manager');
  let limited;
  for (let call = 0; call < 20 && !limited; call += 1) {
    const answer = await sandboxRequest('POST', '/rocketchat/api/v1/integrations.remove', {
      headers: { 'X-User-Id': userId, 'X-Auth-Token': authToken },
      body: {},
    });
    if (answer.status === 429) limited = answer;
  }
  assert.ok(limited, 'the sandbox answered 429');

  ui.allowFailedLoad(429, '/rocketchat/api/v1/integrations.remove');
  await ui.disconnect('Standup reminder');
  const alert = ui.failure('Standup reminder');
  await alert.waitFor();
  const [summary, said] = (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  const wait = summary.match(/^Rate limited \(HTTP 429\): the platform asks to wait (\d+) s\.$/)?.[1];
  assert.ok(wait && Number(wait) > 0 && Number(wait) <= 60, summary);
  assert.equal(said, `Platform message: Error, too many requests. Please slow down. You must wait ${wait} seconds before trying this endpoint again. [error-too-many-requests]`);
});
