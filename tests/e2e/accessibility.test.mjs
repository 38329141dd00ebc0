// axe-core finds no WCAG 2.2 AA violation on the card view, the dialog, the
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
  await assertNoViolations(ui.page, 'the Disconnect dialog');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

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
