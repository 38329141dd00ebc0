// "Remember in this tab" keeps a session across a reload in sessionStorage;
// unchecked, a reload forgets it. Nothing ever goes to localStorage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { setFault, useApp } from './support/harness.mjs';

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

/** Before the page's scripts: how many cards (not loading skeletons) there were when the console's tabs first appeared. */
function watchFirstConsole() {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[role=tablist]')) return;
    observer.disconnect();
    window.__firstConsoleCards = document.querySelectorAll('article.unplug-card').length;
  });
  observer.observe(document, { childList: true, subtree: true });
}

test('a reload with remembered sessions shows the console with its first cards, and does not wait for slow lists', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { remember: true });
  await ui.page.addInitScript(watchFirstConsole);
  // The lists answer at once (loopback): the console is built once the first is in.
  await ui.page.reload();
  await ui.waitForAllCards();
  assert.ok(await ui.page.evaluate(() => window.__firstConsoleCards) > 0, 'the first frame of the console has cards');

  // Every list slow: the console is built without them, and they come in later.
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.list', kind: 'latency:1500' });
  await setFault({ platform: 'ryze', route: '/api/instance/list', kind: 'latency:1500' });
  await setFault({ platform: 'altegio', route: '/marketplace/application/:app/salons', kind: 'latency:1500' });
  await ui.page.reload();
  await ui.tab('Integrations').waitFor({ timeout: 1000 });
  assert.equal(await ui.page.evaluate(() => window.__firstConsoleCards), 0, 'built before any list is in');
  await ui.waitForAllCards();
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
