// "Remember in this tab" keeps a session across a reload in sessionStorage;
// unchecked, a reload forgets it. Nothing ever goes to localStorage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

const storedKeys = (page, storage) =>
  page.evaluate((which) => Object.keys(window[which]).sort(), storage);

test('remembered sessions survive a reload of the tab', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { remember: true });
  await ui.page.reload();
  await ui.waitForAllCards();
  await ui.show('Connections');
  for (const label of Object.values(CONNECTIONS)) await ui.signedInAs(label).waitFor();
  assert.deepEqual(await storedKeys(ui.page, 'sessionStorage'), [
    'unplug.session.altegio-sandbox',
    'unplug.session.rc-sandbox',
    'unplug.session.ryze-sandbox',
  ]);
  assert.deepEqual(await storedKeys(ui.page, 'localStorage'), []);
});

test('sessions not remembered are forgotten by a reload', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { remember: false });
  assert.deepEqual(await storedKeys(ui.page, 'sessionStorage'), []);
  await ui.page.reload();
  await ui.inventory().getByText('Not connected — open Connections to sign in.', { exact: true }).waitFor();
  await ui.show('Connections');
  await ui.connection(CONNECTIONS.rocketchat).getByLabel('Username', { exact: true }).waitFor();
  await ui.connection(CONNECTIONS.ryze).getByLabel('Token', { exact: true }).waitFor();
  await ui.connection(CONNECTIONS.altegio).getByLabel('Partner token', { exact: true }).waitFor();
  assert.deepEqual(await storedKeys(ui.page, 'localStorage'), []);
});
