// axe-core finds no WCAG 2.2 AA violation on the card view, the dialog (with what stops
// and Disable instead), a switch's outcome, a bulk disable, the bulk confirmation, the
// detail panel, an outcome, Connections and Activity, with the axe-core npm
// package (a devDependency).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { assertNoViolations } from './support/axe.mjs';

const app = useApp();

test('no axe violations on any view', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  await assertNoViolations(ui.page, 'Connections, signed out');
  await ui.signInAllWithDemo();
  await assertNoViolations(ui.page, 'the card view');

  const dialog = await ui.openDisconnect('La Visage');
  await dialog.getByRole('region', { name: 'What stops', exact: true }).locator('dl').waitFor();
  await assertNoViolations(ui.page, 'the Disconnect dialog, with what stops');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  const webhook = await ui.openDisconnect('Giphy bot');
  await webhook.getByRole('region', { name: 'What stops', exact: true }).locator('dl').waitFor();
  await assertNoViolations(ui.page, 'the Disconnect dialog of a webhook, with Disable instead');
  await webhook.getByRole('button', { name: 'Disable instead', exact: true }).click();
  await ui.outcome('Giphy bot').getByText('Disabled (HTTP 200)', { exact: true }).waitFor();
  await assertNoViolations(ui.page, 'a disabled webhook with Enable and its receipt');

  for (const name of ['GitHub pushes', 'Jira issue updates']) await ui.selectBox(name).check();
  await ui.inventory().getByRole('button', { name: 'Disable selected (2)', exact: true }).click();
  await ui.waitForBulkState('finished');
  await assertNoViolations(ui.page, 'a finished bulk disable');
  for (const name of ['vendas', 'La Visage']) await ui.selectBox(name).check();
  const bulk = await ui.openBulkConfirm();
  await bulk.locator('summary').first().click();
  await bulk.getByRole('region', { name: 'What stops', exact: true }).locator('dl').waitFor();
  await assertNoViolations(ui.page, 'the bulk confirmation with an item opened');
  await bulk.getByRole('button', { name: 'Cancel', exact: true }).click();

  const panel = await ui.openLoadedDetails('GitHub pushes');
  await panel.getByRole('button', { name: 'Show response', exact: true }).click();
  await assertNoViolations(ui.page, 'the detail panel');
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  await ui.disconnect('marketing');
  await ui.failure('marketing').getByRole('button', { name: 'Show response', exact: true }).click();
  await ui.disconnect('vendas');
  await ui.outcome('vendas').waitFor();
  await assertNoViolations(ui.page, 'cards with outcomes');

  await ui.show('Connections');
  await assertNoViolations(ui.page, 'Connections, signed in');
  await ui.activity();
  await assertNoViolations(ui.page, 'Activity');
});
