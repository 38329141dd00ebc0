// Switching views keeps what each view shows. Regression: views were
// remounted on every switch, so a disconnected card read as connected again
// (with an enabled Disconnect), a failure lost its Retry, and a half-typed
// sign-in form was emptied, even by clicking the open tab.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

test('cards keep their outcomes across a visit to the other views', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.disconnect('vendas');
  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  await ui.disconnect('marketing');
  await ui.failure('marketing').waitFor();

  await ui.show('Activity');
  await ui.show('Connections');
  await ui.show('Integrations');

  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.equal(await ui.card('vendas').getByText('Disconnected', { exact: true }).count(), 1);
  assert.equal(await ui.cardDisconnect('vendas').isDisabled(), true, 'a disconnected card cannot be disconnected again');
  await ui.failure('marketing').getByText('The Chatwoot module is not enabled on this RyzeAPI server (HTTP 503), so it has no Chatwoot integrations to list or remove.', { exact: true }).waitFor();
  await ui.card('marketing').getByRole('button', { name: 'Retry', exact: true }).waitFor();
});

test('a half-typed sign-in form survives switching views', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  const username = ui.connection(CONNECTIONS.rocketchat).getByLabel('Username', { exact: true });
  await username.fill('admin');
  await ui.show('Connections');
  assert.equal(await username.inputValue(), 'admin', 'clicking the open tab keeps the input');
  await ui.show('Activity');
  await ui.show('Connections');
  assert.equal(await username.inputValue(), 'admin', 'a visit to another view keeps the input');
});
