// "Sign out" forgets the session: the form comes back, the connection's cards
// leave the view, Rocket.Chat's token is logged out and nothing stays in
// this tab's sessionStorage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

const sessionKeys = (page) => page.evaluate(() => Object.keys(window.sessionStorage).filter((key) => key.startsWith('unplug.')).sort());

test('Sign out returns each connection to its form and takes its cards away', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { remember: true });
  assert.deepEqual(await sessionKeys(ui.page), [
    'unplug.session.altegio-sandbox',
    'unplug.session.rc-sandbox',
    'unplug.session.ryze-sandbox',
  ]);

  await ui.signOut(CONNECTIONS.rocketchat);
  const panel = ui.connection(CONNECTIONS.rocketchat);
  await panel.getByLabel('Username', { exact: true }).waitFor();
  await panel.getByLabel('Password', { exact: true }).waitFor();
  assert.equal(await ui.signedInAs(CONNECTIONS.rocketchat).count(), 0);
  assert.deepEqual(await sessionKeys(ui.page), ['unplug.session.altegio-sandbox', 'unplug.session.ryze-sandbox']);

  await ui.show('Integrations');
  await ui.strip(CONNECTIONS.rocketchat).getByRole('button', { name: 'open Connections', exact: true }).waitFor();
  assert.equal(await ui.card('Helpdesk bridge').count(), 0, 'Rocket.Chat\'s cards are gone');
  await ui.waitForLoaded(CONNECTIONS.ryze, 4);
  await ui.waitForLoaded(CONNECTIONS.altegio, 4);

  // Rocket.Chat also ends the session on the server.
  const logout = (await ui.activity()).find((row) => row.request.endsWith('/rocketchat/api/v1/logout'));
  assert.ok(logout, 'a logout call is listed');
  assert.equal(logout.status, '200');
  assert.equal(logout.outcome, 'OK');

  await ui.signOut(CONNECTIONS.ryze);
  await ui.connection(CONNECTIONS.ryze).getByLabel('Token', { exact: true }).waitFor();
  await ui.signOut(CONNECTIONS.altegio);
  await ui.connection(CONNECTIONS.altegio).getByLabel('Partner token', { exact: true }).waitFor();
  assert.deepEqual(await sessionKeys(ui.page), []);
  await ui.show('Integrations');
  await ui.inventory().getByText('Not connected — open Connections to sign in.', { exact: true }).waitFor();
  assert.equal(await ui.cards().count(), 0);
});
