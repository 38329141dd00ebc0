// The undo window (config.json `undoSeconds`, 3 here): a confirmed Disconnect
// sends nothing until the window ends; Undo before then keeps the integration
// and nothing reaches the platform (checked in /__sandbox/stats); the count is
// shown on the card, the start and the end are announced once; leaving the page
// during the window warns and sends nothing; a bulk run has one Undo.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { assertNoViolations } from './support/axe.mjs';
import { ryzeChatwoot } from './support/platforms.mjs';

const app = useApp({ sandboxArgs: ['--config-set', 'undoSeconds=3'] });

const ryzeRequests = async () => (await sandboxRequest('GET', '/__sandbox/stats')).json.requests.ryze;
/** Confirms a Disconnect once the dialog has read what stops; the request count just before. */
async function confirmDisconnect(ui, name) {
  const dialog = await ui.openDisconnect(name);
  await dialog.getByRole('region', { name: 'What stops', exact: true }).locator('dl').waitFor();
  const before = await ryzeRequests();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  return before;
}
const announced = (ui) => ui.inventory().locator('p[role="status"][aria-live="polite"]');

test('Undo within the window keeps the integration and sends nothing', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const before = await confirmDisconnect(ui, 'vendas');
  const card = ui.card('vendas');
  await card.getByText(/^Disconnecting in [1-3] s$/).waitFor();
  await announced(ui).getByText('vendas will be disconnected in 3 s. Undo keeps it.', { exact: true }).waitFor();
  await assertNoViolations(ui.page, 'a card counting down its undo window');
  await card.getByRole('button', { name: 'Undo', exact: true }).click();
  await announced(ui).getByText('Undone: nothing was sent, vendas kept.', { exact: true }).waitFor();
  await ui.cardDisconnect('vendas').and(ui.page.locator(':enabled')).waitFor();
  await ui.page.waitForTimeout(3_500);
  assert.equal(await ryzeRequests(), before, 'no request reached RyzeAPI');
  await ryzeChatwoot('vendas'); // throws unless RyzeAPI still has the link
  assert.equal(await card.getByText(/^Disconnecting in/).count(), 0, 'the count is gone');
});

test('when the window ends the disconnect is sent, and said once', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const started = Date.now();
  await ui.disconnect('financeiro');
  await ui.outcome('financeiro').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.ok(Date.now() - started >= 2_500, 'not before the window ended');
  await announced(ui).getByText('Disconnecting financeiro now.', { exact: true }).waitFor();
});

test('leaving during the window warns, sends nothing, and after a reload everything is there', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const before = await confirmDisconnect(ui, 'marketing');
  await ui.card('marketing').getByText(/^Disconnecting in/).waitFor();
  const dialogs = [];
  ui.page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    dialog.accept();
  });
  await ui.page.reload();
  assert.deepEqual(dialogs, ['beforeunload'], 'the browser asked before leaving');
  await ui.tab('Integrations').waitFor();
  await ui.page.waitForTimeout(3_500);
  assert.equal(await ryzeRequests(), before, 'nothing was sent');
  await ui.signInAllWithDemo();
  await ui.card('marketing').waitFor();
});

test('a bulk run waits out one window, with one Undo for the whole run', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const before = await ryzeRequests();
  for (const name of ['vendas', 'financeiro']) await ui.selectBox(name).check();
  await ui.startBulk(2);
  await ui.waitForBulkState('undoable');
  await announced(ui).getByText('2 integrations will be disconnected in 3 s. Undo keeps them.', { exact: true }).waitFor();
  await ui.bulkPanel().getByRole('button', { name: 'Undo', exact: true }).click();
  await ui.bulkPanel().waitFor({ state: 'detached' });
  await ui.page.waitForTimeout(3_500);
  assert.equal(await ryzeRequests(), before, 'nothing was sent');
  assert.ok(await ui.selectBox('vendas').isChecked(), 'the selection is kept');

  await ui.startBulk(2);
  await ui.waitForBulkState('finished');
  assert.equal((await ui.bulkCounts()).removed, 2);
});
