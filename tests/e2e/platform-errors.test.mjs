// A documented error answer is a failure in its own words: an alert with the
// HTTP status, the platform's message and error type where it has one, what
// to do next, and the raw answer; the card stays, with Retry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { API_URL, APP_URL, useApp } from './support/harness.mjs';
import { rocketChatList } from './support/platforms.mjs';

const app = useApp();

async function lines(locator) {
  return (await locator.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

/**
 * Serves this page the admin's full Rocket.Chat list whoever is signed in:
 * the list a console shows before a permission change. The remove calls
 * still go to the sandbox, whose answers are what the test reads.
 */
async function showTheAdminsList(page) {
  const list = await rocketChatList();
  await page.route('**/rocketchat/api/v1/integrations.list?*', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    headers: { 'Access-Control-Allow-Origin': new URL(APP_URL).origin },
    body: JSON.stringify(list),
  }));
}

async function signInRocketChatAs(ui, user) {
  await ui.signIn(CONNECTIONS.rocketchat, { Username: user, Password: user });
  await ui.signedInAs(CONNECTIONS.rocketchat).waitFor();
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 12);
}

test('RyzeAPI\'s 503 "integration gateway not configured" on one delete is that card\'s failure: the module is off, and only the operator can fix it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  await ui.disconnect('marketing');
  const alert = ui.failure('marketing');
  await alert.waitFor();
  assert.deepEqual((await lines(alert)).slice(0, 3), [
    'The Chatwoot module is not enabled on this RyzeAPI server (HTTP 503), so it has no Chatwoot integrations to list or remove.',
    'Platform message: integration gateway not configured',
    "Only the server's operator can change this: enable the module on the RyzeAPI server (set BRIDGE_URL and BRIDGE_TOKEN) and restart it. Retrying from here will not help.",
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  const raw = await alert.innerText();
  assert.match(raw, new RegExp(`^DELETE ${API_URL}/ryze/api/chatwoot/delete/marketing → HTTP 503$`, 'm'));
  assert.match(raw, /"message": "integration gateway not configured"/);
  assert.equal(await ui.card('marketing').getByText('Active', { exact: true }).count(), 1, 'the card keeps its status');

  // The documented 503 is not a fault that wears off: Retry meets it again.
  const again = ui.page.waitForResponse((response) => response.url().endsWith('/ryze/api/chatwoot/delete/marketing')
    && response.request().method() === 'DELETE');
  await ui.card('marketing').getByRole('button', { name: 'Retry', exact: true }).click();
  assert.equal((await again).status(), 503);
  await alert.getByText('The Chatwoot module is not enabled on this RyzeAPI server (HTTP 503), so it has no Chatwoot integrations to list or remove.', { exact: true }).waitFor();
});

test('Rocket.Chat\'s not_authorized: the inbound user removing an outgoing webhook', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await showTheAdminsList(ui.page);
  // Without an outgoing permission, the outgoing cards' last runs are refused (contracts 2.5b).
  ui.allowFailedLoad(403, '/rocketchat/api/v1/integrations.history');
  await signInRocketChatAs(ui, 'inbound');
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.remove');
  // The dialog's read of what stops is refused the same way.
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.get');
  await ui.disconnect('Translate bot');
  const alert = ui.failure('Translate bot');
  await alert.waitFor();
  assert.deepEqual((await lines(alert)).slice(0, 4), [
    'The platform refused the request (HTTP 400).',
    'Platform message: Unauthorized [not_authorized]',
    'Error type: not_authorized',
    'Read the platform\'s message; retry once the cause is fixed.',
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.match(await alert.innerText(), /"method": "deleteOutgoingIntegration"/);
  await ui.card('Translate bot').getByRole('button', { name: 'Retry', exact: true }).waitFor();
});

test('Rocket.Chat\'s error-invalid-integration: the manager removing the admin\'s webhook', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await showTheAdminsList(ui.page);
  await signInRocketChatAs(ui, 'manager');
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.remove');
  // The dialog's read of what stops is refused the same way.
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.get');
  await ui.disconnect('Jira issue updates');
  const alert = ui.failure('Jira issue updates');
  await alert.waitFor();
  assert.deepEqual((await lines(alert)).slice(0, 4), [
    'The platform refused the request (HTTP 400).',
    'Platform message: Invalid integration [error-invalid-integration]',
    'Error type: error-invalid-integration',
    'Read the platform\'s message; retry once the cause is fixed.',
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.match(await alert.innerText(), /"method": "deleteIncomingIntegration"/);
});
