// Idle sign-out: after `idleSignOutMinutes` without a click or key press,
// every secret the console holds is forgotten, in memory and in the tab's
// sessionStorage, with a notice; signing in again ends the notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();
const NOTICE = /^Signed out after 1 min without a click or key press: every token was forgotten\. Sign in again on Connections\.$/;

test('idle for idleSignOutMinutes forgets every token, remembered ones too, and says so', { timeout: 60_000 }, async () => {
  // 0.1 minutes: six seconds.
  await app.page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), idleSignOutMinutes: 0.1 } });
  });
  const ui = await ConsolePage.open(app);
  await ui.signInAllWithDemo({ remember: true });
  const stored = () => ui.page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('unplug.session.')));
  assert.equal((await stored()).length, 3, 'remembered in the tab');

  await ui.page.getByText(NOTICE).waitFor({ timeout: 15_000 });
  assert.deepEqual(await stored(), [], 'sessionStorage forgets them too');
  await ui.show('Connections');
  for (const label of Object.values(CONNECTIONS)) {
    await ui.connection(label).getByRole('button', { name: 'Connect', exact: true }).waitFor();
  }
  await ui.signInWithDemo(CONNECTIONS.ryze);
  assert.equal(await ui.page.getByText(NOTICE).count(), 0, 'signing in again ends the notice');
});
