// Bulk disconnect on the default data: selecting (one, shift-click ranges,
// everything matching), the confirmation, the queue's controls, failures
// grouped by reason with Retry failed, a 401 that pauses, and the warning
// before the tab closes mid-run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resetSandbox, setFault, useApp } from './support/harness.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';

const app = useApp();

const selectedCount = async (ui) => Number((await ui.inventory().getByText(/^\d+ selected$/).innerText()).split(' ')[0]);

test('checkboxes, shift-click ranges and "Select all N matching" build the selection', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.selectBox('CRM sync').check();
  await ui.selectBox('Helpdesk bridge').click({ modifiers: ['Shift'] });
  // In name order: CRM sync, financeiro, Giphy bot, GitHub pushes, Grafana alerts, Helpdesk bridge.
  assert.equal(await selectedCount(ui), 6);
  assert.equal(await ui.selectBox('Giphy bot').isChecked(), true);
  await ui.selectBox('Giphy bot').uncheck();
  assert.equal(await selectedCount(ui), 5);

  await ui.choose('Platform', 'Altegio');
  await ui.selectAllMatching().click();
  assert.equal(await selectedCount(ui), 9, 'the four Altegio locations join the five');
  const dialog = await ui.openBulkConfirm();
  assert.equal(await dialog.getByRole('heading').innerText(), 'Disconnect 9 integrations?');
  const groups = await dialog.getByRole('listitem').locator('strong').allInnerTexts();
  assert.deepEqual(groups, [
    `Rocket.Chat · ${CONNECTIONS.rocketchat}: 4`,
    `RyzeAPI · ${CONNECTIONS.ryze}: 1`,
    `Altegio · ${CONNECTIONS.altegio}: 4`,
  ]);
  assert.equal(await dialog.getByRole('textbox').count(), 0, 'ten or fewer need no typing');
  // What stops, per item on demand: read only once the item is opened.
  assert.equal(await dialog.getByRole('region', { name: 'What stops', exact: true }).count(), 0);
  await dialog.locator('summary').filter({ hasText: /^La Visage$/ }).click();
  await dialog.getByRole('region', { name: 'What stops', exact: true }).getByText('Connection status', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await ui.inventory().getByRole('button', { name: 'Clear selection', exact: true }).click();
  assert.equal(await selectedCount(ui), 0);
});

test('above ten items the count must be typed before anything is removed', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  // The sandbox's "marketing" instance sits behind a gateway that answers 503.
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  await ui.selectAllMatching().click();
  const dialog = await ui.openBulkConfirm();
  const confirm = dialog.getByRole('button', { name: 'Disconnect 20 integrations', exact: true });
  const field = dialog.getByRole('textbox', { name: 'Number of integrations to disconnect', exact: true });
  assert.equal(await confirm.isDisabled(), true);
  await field.fill('19');
  assert.equal(await confirm.isDisabled(), true, 'a wrong number does not confirm');
  await field.fill('20');
  await confirm.click();
  await ui.waitForBulkState('finished');
  const counts = await ui.bulkCounts();
  assert.deepEqual(counts, { settled: 20, total: 20, removed: 19, alreadyGone: 0, failed: 1, waiting: 0, notSent: 0 });
  assert.equal(await ui.bulkPanel().getByRole('progressbar').getAttribute('value'), '20');
  await ui.outcome('Barber Bros').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.equal(await selectedCount(ui), 1, 'only the failure stays selected');

  await ui.bulkPanel().getByRole('button', { name: 'Dismiss disconnected', exact: true }).click();
  assert.deepEqual(await ui.cardNames(), ['marketing']);
});

test('failures are grouped by reason, stay selected, and "Retry failed" runs them again', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(502, '/ryze/api/chatwoot/delete/');
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  // Two gateway error pages, plus "marketing", whose gateway is down for good (503).
  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'html5xx', count: 2 });
  await ui.choose('Platform', 'RyzeAPI');
  await ui.selectAllMatching().click();
  await ui.startBulk(4);
  await ui.waitForBulkState('finished');
  assert.deepEqual(await ui.bulkCounts(), { settled: 4, total: 4, removed: 1, alreadyGone: 0, failed: 3, waiting: 0, notSent: 0 });
  const pages = ui.bulkPanel().getByRole('group', { name: /^Failed: HTTP 502/ });
  assert.equal(await pages.getByRole('listitem').count(), 2);
  const down = ui.bulkPanel().getByRole('group', { name: /^Failed: The Chatwoot module is not enabled on this RyzeAPI server \(HTTP 503\)/ });
  assert.deepEqual(await down.getByRole('listitem').allInnerTexts(), [`marketing · ${CONNECTIONS.ryze}`]);
  await down.getByText(/^The platform said: /).waitFor();
  assert.equal(await selectedCount(ui), 3, 'the failures stay selected');

  await ui.bulkPanel().getByRole('button', { name: 'Retry failed', exact: true }).click();
  await ui.waitForBulkState('finished');
  assert.deepEqual(await ui.bulkCounts(), { settled: 3, total: 3, removed: 2, alreadyGone: 0, failed: 1, waiting: 0, notSent: 0 });
  assert.equal(await selectedCount(ui), 1);
});

test('Pause holds the queue, Resume goes on, Cancel leaves the rest unsent and every item accounted for', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { rateLimits: { altegio: { requests: 1, perMs: 900 } } });
  await ui.card('Serenity Spa').getByText('Active', { exact: true }).waitFor(); // statuses read
  await ui.choose('Platform', 'Altegio');
  await ui.selectAllMatching().click();
  await ui.startBulk(4);
  await ui.bulkPanel().getByRole('button', { name: 'Pause', exact: true }).click();
  await ui.waitForBulkState('paused');
  const paused = await ui.bulkCounts();
  await ui.page.waitForTimeout(2_000);
  assert.equal((await ui.bulkCounts()).settled, paused.settled, 'nothing is sent while paused');
  assert.ok(paused.waiting > 0);

  await ui.bulkPanel().getByRole('button', { name: 'Resume', exact: true }).click();
  await ui.waitForBulkState('running');
  await ui.bulkPanel().getByRole('button', { name: 'Cancel', exact: true }).click();
  await ui.waitForBulkState('cancelled');
  // Workers hear the cancel at their next step.
  await ui.bulkPanel().getByText(/waiting 0/).waitFor();
  const end = await ui.bulkCounts();
  assert.equal(end.removed + end.notSent, 4, JSON.stringify(end));
  assert.ok(end.notSent > 0, 'cancelled before the end');
});

test('a 401 mid-run pauses the queue and asks for credentials; Resume finishes it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { rateLimits: { rocketchat: { requests: 1, perMs: 1_500 } } });
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.remove');
  // The outgoing cards' last-activity reads, at this pace, may meet the ended session too.
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.history');
  await ui.selectBox('Sentry errors').check();
  await ui.selectBox('Zabbix monitoring').check();
  await ui.startBulk(2);
  // Logs every Rocket.Chat token out, as an expired session would.
  await resetSandbox();
  const alert = ui.bulkPanel().getByRole('alert');
  await alert.getByText(`${CONNECTIONS.rocketchat} answered 401`, { exact: false }).waitFor();
  await ui.waitForBulkState('paused');

  await alert.getByRole('button', { name: 'Open Connections', exact: true }).click();
  await ui.connection(CONNECTIONS.rocketchat).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await ui.signedInAs(CONNECTIONS.rocketchat).waitFor();
  await ui.show('Integrations');
  await ui.bulkPanel().getByRole('button', { name: 'Resume', exact: true }).click();
  await ui.waitForBulkState('finished');
  const end = await ui.bulkCounts();
  assert.equal(end.failed, 0, JSON.stringify(end));
  assert.equal(end.removed + end.alreadyGone, 2);
});

test('closing the tab mid-run asks first', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { rateLimits: { altegio: { requests: 1, perMs: 5_000 } } });
  await ui.choose('Platform', 'Altegio');
  await ui.selectAllMatching().click();
  await ui.startBulk(4);
  await ui.waitForBulkState('running');
  const asked = new Promise((resolve) => ui.page.once('dialog', (dialog) => resolve(dialog)));
  await ui.page.close({ runBeforeUnload: true });
  const dialog = await asked;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.dismiss();
  await ui.bulkPanel().getByRole('button', { name: 'Cancel', exact: true }).click();
  await ui.waitForBulkState('cancelled');
});
