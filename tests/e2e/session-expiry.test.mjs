// A 401 in mid-session asks for the credentials again without losing what is
// on screen; signing in again carries on where the person was. The sandbox's
// reset logs out every Rocket.Chat login token, as an expired session would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { resetSandbox, useApp } from './support/harness.mjs';

const app = useApp();
const RC = CONNECTIONS.rocketchat;
const ASK_AGAIN = 'The platform no longer accepts this session (HTTP 401). Sign in again; nothing on screen is lost.';

test('Refresh after the session expired keeps the cards and asks to sign in again', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  // The outgoing cards' last-activity reads may still be going out when the session ends.
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.history');
  await resetSandbox();
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.list');
  const refused = ui.page.waitForResponse((response) => response.url().includes('/rocketchat/api/v1/integrations.list'));
  await ui.refresh();
  assert.equal((await refused).status(), 401);

  await ui.waitForAllCards();
  assert.equal(await ui.cards().count(), 20, 'every card is still on screen');
  assert.equal(await ui.strip(RC).getByRole('alert').count(), 0, 'the list shown is kept, not replaced by an error');

  await ui.show('Connections');
  await ui.connection(RC).getByRole('alert').filter({ hasText: ASK_AGAIN }).waitFor();
  await ui.connection(RC).getByLabel('Username', { exact: true }).waitFor();
  await ui.signedInAs(CONNECTIONS.ryze).waitFor();

  await ui.signInWithDemo(RC);
  assert.equal(await ui.connection(RC).getByRole('alert').count(), 0);
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
});

test('a Disconnect refused with 401 goes through after signing in again', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.history');
  await resetSandbox();
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.remove');
  // The dialog's read of what stops meets the expired session first.
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.get');
  await ui.disconnect('Sentry errors');
  const alert = ui.failure('Sentry errors');
  await alert.waitFor();
  const lines = (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  assert.deepEqual(lines.slice(0, 3), [
    'Not signed in (HTTP 401): the credentials are missing, wrong or expired.',
    'Platform message: You must be logged in to do this.',
    'Sign in again on the Connections view.',
  ]);

  await ui.signInWithDemo(RC);
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
  // Signing in reloads the list, which remounts the card without its failure
  // (reported to the lead); its Disconnect is there to try again.
  await ui.disconnect('Sentry errors');
  await ui.outcome('Sentry errors').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});
