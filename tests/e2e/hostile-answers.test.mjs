// Answers that could hurt the console: a body cut short by a proxy (secrets
// after the cut must stay masked), bodies over 32 MiB with and without a
// Content-Length, and a 429 that asks to wait a day. Each shows its own
// message, no secret appears, and the rest of the console keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { setFault, useApp } from './support/harness.mjs';
import { rocketChatList } from './support/platforms.mjs';

const app = useApp();

test('a Rocket.Chat list cut short shows its failure, and no token or script of it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const secrets = (await rocketChatList()).integrations.flatMap(({ token, script }) => [token, script])
    .filter((value) => typeof value === 'string' && value.length > 8);
  assert.ok(secrets.length > 3, 'the list carries tokens and scripts');
  // Cut deep into the list, well past the first masked value.
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.list', kind: 'cut:6000' });
  await ui.refresh();
  const alert = ui.strip(CONNECTIONS.rocketchat).getByRole('alert');
  await alert.getByText('HTTP 200, but the JSON body stops before its end (cut off in transit).', { exact: true }).waitFor();
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  const raw = await alert.innerText();
  assert.match(raw, /"integrations"/, 'the cut body is shown');
  await ui.assertShowsNone(secrets);
  await ui.disconnect('La Visage');
  await ui.outcome('La Visage').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});

for (const kind of ['huge:33', 'huge-chunked:33']) {
  test(`a 33 MiB body (${kind}) is refused unread, and the other connections work`, { timeout: 90_000 }, async () => {
    const ui = await ConsolePage.signedIn(app);
    await setFault({ platform: 'ryze', route: '/api/instance/list', kind });
    await ui.refresh();
    const alert = ui.strip(CONNECTIONS.ryze).getByRole('alert');
    await alert.getByText('HTTP 200 with a body over 32 MiB: it was refused unread, so none of it is shown.', { exact: true })
      .waitFor({ timeout: 60_000 });
    await ui.waitForLoaded(CONNECTIONS.rocketchat, 12);
    await ui.disconnect('Sentry errors');
    await ui.outcome('Sentry errors').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  });
}

test('a RyzeAPI Retry-After of a day is cut to ten minutes', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'retry-after:86400' });
  ui.allowFailedLoad(429, '/ryze/api/chatwoot/delete/vendas');
  await ui.disconnect('vendas');
  await ui.failure('vendas').getByText('Rate limited (HTTP 429): the platform asks to wait 600 s.', { exact: true }).waitFor();
  await ui.card('vendas').getByRole('button', { name: 'Retry', exact: true }).waitFor();
});

test('an Altegio 200 whose success is false is a failure, not "Disconnected"', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await app.page.route('**/altegio/marketplace/salon/*/application/*/uninstall', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"success":false,"data":null,"meta":[]}' }));
  await ui.disconnect('La Visage');
  await ui.failure('La Visage')
    .getByText('HTTP 200 with JSON that does not match the documented shape: `success` is not true.', { exact: true })
    .waitFor();
  assert.equal(await ui.outcome('La Visage').count(), 0, 'no "Disconnected"');
});
