// An integration removed behind the console's back (by another admin, a
// script) reads "Already disconnected" on Disconnect, with the platform's
// documented "not found" answer, not a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { altegioUninstall, rocketChatRemove, ryzeDelete } from './support/platforms.mjs';

const app = useApp();

async function assertAlreadyGone(ui, name, status, rawBody) {
  await ui.disconnect(name);
  const outcome = ui.outcome(name);
  await outcome.getByText('Already disconnected', { exact: true }).waitFor();
  await outcome.getByText(`The platform answered HTTP ${status}: it no longer has this integration.`, { exact: true }).waitFor();
  assert.equal(await ui.failure(name).count(), 0, 'no alert for an integration that is already gone');
  await outcome.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.match(await outcome.innerText(), rawBody);
  await ui.card(name).getByText('Disconnected', { exact: true }).waitFor();
  await ui.card(name).getByRole('button', { name: 'Dismiss', exact: true }).click();
  await ui.card(name).waitFor({ state: 'detached' });
}

test('Rocket.Chat: a webhook removed elsewhere is already disconnected', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await rocketChatRemove('AsHTTb7CYTfKAxXfK', 'webhook-outgoing');
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.remove');
  // The dialog's read of what stops finds nothing either.
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.get');
  await assertAlreadyGone(ui, 'CRM sync', 400, /"error": "No integration found\."/);
});

test('RyzeAPI: a Chatwoot link deleted elsewhere is already disconnected', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ryzeDelete('financeiro');
  ui.allowFailedLoad(404, '/ryze/api/chatwoot/delete/financeiro');
  ui.allowFailedLoad(404, '/ryze/api/chatwoot/list/financeiro');
  await assertAlreadyGone(ui, 'financeiro', 404, /"message": "no chatwoot integration to delete"/);
});

test('Altegio: a location uninstalled elsewhere is already disconnected', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await altegioUninstall(1053);
  ui.allowFailedLoad(404, '/altegio/marketplace/salon/1053/application/1/uninstall');
  ui.allowFailedLoad(404, '/altegio/marketplace/salon/1053/application/1');
  await assertAlreadyGone(ui, 'Serenity Spa', 404, /"success": false/);
});
