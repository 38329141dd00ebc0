// Rocket.Chat where the admin does not hold `api-bypass-rate-limit`
// (`rc-bypass=off`): the list route allows 10 calls per window (5 s here).
// A list that meets the limit waits the time the message gives, says so in
// the strip, and goes on at that pace; it never fails for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'rc-bypass=off', '--rate-window-ms', '5000'] });
const RC = CONNECTIONS.rocketchat;

test('a 429 on the list waits, says so, and the list still loads whole', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  // Rocket.Chat counts per client address, route and method: node's calls spend the page's.
  const headers = { 'X-User-Id': CREDENTIALS.rocketChatUserId, 'X-Auth-Token': CREDENTIALS.rocketChatAuthToken };
  let limited = false;
  for (let call = 0; call < 20 && !limited; call += 1) {
    const answer = await sandboxRequest('GET', '/rocketchat/api/v1/integrations.list?count=1', { headers });
    limited = answer.status === 429;
  }
  assert.ok(limited, 'the admin is rate limited under this variant');
  ui.allowFailedLoad(429, '/rocketchat/api/v1/integrations.list');
  await ui.signInWithDemo(RC);
  await ui.show('Integrations');
  await ui.strip(RC).getByRole('status').filter({ hasText: /^Waiting \d+ s for Rocket\.Chat's rate limit… 0 loaded$/ }).waitFor();
  await ui.waitForLoaded(RC, 12);
  assert.equal(await ui.strip(RC).getByRole('alert').count(), 0, 'no failure');
});

test('a user without the admin role is told the list may be partial', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(RC, { Username: 'manager', Password: 'manager' });
  await ui.signedInAs(RC).waitFor();
  await ui.show('Integrations');
  await ui.strip(RC).getByText(/^This user is not an admin: .* so this list may be partial\.$/).waitFor();
  await ui.signOut(RC);
  await ui.signInWithDemo(RC);
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
  assert.equal(await ui.strip(RC).getByText(/may be partial/).count(), 0, 'an admin sees everything');
});
