// Confirming a Disconnect sends exactly the documented request, once, shows
// its progress, then marks the card "Disconnected" with the platform's
// answer until Dismiss or Refresh takes it away.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { API_URL, sentWebhooks, setFault, useApp } from './support/harness.mjs';
import { rocketChatList } from './support/platforms.mjs';

const app = useApp();

/** Records the browser's calls to one route (preflights aside). */
function watchCalls(page, urlPart) {
  const calls = [];
  page.on('request', (request) => {
    if (request.method() !== 'OPTIONS' && request.url().includes(urlPart)) {
      calls.push({ method: request.method(), url: request.url(), body: request.postData() });
    }
  });
  return calls;
}

/** Confirms a disconnect made slow by a latency fault, checking the progress it shows. */
async function confirmSlowly(ui, name) {
  const dialog = await ui.openDisconnect(name);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  const button = ui.cardDisconnect(name);
  await ui.card(name).getByRole('button', { name: 'Disconnecting…', exact: true }).waitFor();
  assert.equal(await button.getAttribute('aria-busy'), 'true');
  assert.equal(await button.isDisabled(), true, 'no second request while the first is out');
  // The detail panel's Disconnect is held back too.
  const panel = await ui.openDetails(name);
  assert.equal(await panel.getByRole('button', { name: 'Disconnect', exact: true }).isDisabled(), true);
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await ui.outcome(name).getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
}

async function assertMarkedDisconnected(ui, name) {
  const card = ui.card(name);
  await card.getByText('Disconnected', { exact: true }).waitFor();
  assert.equal(await card.getAttribute('data-disconnected'), 'true');
  assert.equal(await ui.cardDisconnect(name).isDisabled(), true);
  assert.equal(await ui.cardDisconnect(name).getAttribute('title'), 'Already disconnected');
}

test('a Rocket.Chat webhook is removed with its type and id, once', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const calls = watchCalls(ui.page, '/api/v1/integrations.remove');
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.remove', kind: 'latency:600' });

  await confirmSlowly(ui, 'Helpdesk bridge');
  assert.deepEqual(calls.map(({ method, url }) => `${method} ${url}`), [`POST ${API_URL}/rocketchat/api/v1/integrations.remove`]);
  assert.deepEqual(JSON.parse(calls[0].body), { type: 'webhook-outgoing', integrationId: 'qWQoSGB7DBGnG2byh' });
  await assertMarkedDisconnected(ui, 'Helpdesk bridge');

  const outcome = ui.outcome('Helpdesk bridge');
  await outcome.getByRole('button', { name: 'Show response', exact: true }).click();
  const raw = await outcome.innerText();
  assert.match(raw, new RegExp(`^POST ${API_URL}/rocketchat/api/v1/integrations\\.remove → HTTP 200$`, 'm'));
  assert.match(raw, /"_id": "qWQoSGB7DBGnG2byh"/);
  assert.match(raw, /"token": "••••••"/, 'the removed webhook\'s token is masked');
  assert.ok(!(await rocketChatList()).integrations.some((each) => each._id === 'qWQoSGB7DBGnG2byh'), 'gone from the platform');

  await ui.card('Helpdesk bridge').getByRole('button', { name: 'Dismiss', exact: true }).click();
  await ui.card('Helpdesk bridge').waitFor({ state: 'detached' });
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 11);
  await ui.refresh();
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 11);
  assert.equal(await ui.card('Helpdesk bridge').count(), 0);
});

test('an incoming Rocket.Chat webhook is removed with its own type', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const calls = watchCalls(ui.page, '/api/v1/integrations.remove');
  await ui.disconnect('GitHub pushes');
  await ui.outcome('GitHub pushes').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.deepEqual(calls.map(({ body }) => JSON.parse(body)), [{ type: 'webhook-incoming', integrationId: 'NBTm56xe8Rh5cF47X' }]);
});

test('a RyzeAPI Chatwoot link is deleted, once, and Refresh drops its card', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const calls = watchCalls(ui.page, '/api/chatwoot/delete/');
  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'latency:600' });

  await confirmSlowly(ui, 'vendas');
  assert.deepEqual(calls.map(({ method, url }) => `${method} ${url}`), [`DELETE ${API_URL}/ryze/api/chatwoot/delete/vendas`]);
  await assertMarkedDisconnected(ui, 'vendas');
  const outcome = ui.outcome('vendas');
  await outcome.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.match(await outcome.innerText(), /"message": "chatwoot integration deactivated"/);

  await ui.refresh();
  await ui.waitForLoaded(CONNECTIONS.ryze, 3);
  assert.equal(await ui.card('vendas').count(), 0);
});

test('an Altegio location is uninstalled, once, and the disable webhook goes out', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const calls = watchCalls(ui.page, '/uninstall');
  await setFault({ platform: 'altegio', route: '/marketplace/salon/:id/application/:app/uninstall', kind: 'latency:600' });

  await confirmSlowly(ui, 'Barber Bros');
  assert.deepEqual(calls.map(({ method, url }) => `${method} ${url}`), [`POST ${API_URL}/altegio/marketplace/salon/1051/application/1/uninstall`]);
  await assertMarkedDisconnected(ui, 'Barber Bros');

  const webhooks = await sentWebhooks();
  assert.equal(webhooks.length, 1);
  assert.equal(webhooks[0].payload.salon_id, 1051);
  assert.equal(webhooks[0].payload.event, 'uninstall');

  // The detail panel keeps the last request: the uninstall.
  const panel = await ui.openDetails('Barber Bros');
  await panel.getByRole('button', { name: 'Show response', exact: true }).first().click();
  assert.match(await panel.innerText(), new RegExp(`^POST ${API_URL}/altegio/marketplace/salon/1051/application/1/uninstall → HTTP 200$`, 'm'));
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  await ui.card('Barber Bros').getByRole('button', { name: 'Dismiss', exact: true }).click();
  await ui.card('Barber Bros').waitFor({ state: 'detached' });
  await ui.refresh();
  await ui.waitForLoaded(CONNECTIONS.altegio, 3);
  assert.equal(await ui.card('Barber Bros').count(), 0);
});
