// Where the contracts are UNCONFIRMED, the sandbox can answer the other
// plausible way (`--variant`, sandbox/README.md). This file's sandbox does so
// four ways at once: RyzeAPI lists its instances under `instances` with
// `instance_name` and answers a probe for unknown names with 404, Altegio
// counts location pages from 0, and Rocket.Chat's remove 200 carries the
// OpenAPI seed's document (string booleans, no `_id`). The console must show
// exactly the default cards, learn the right token kind, and disconnect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { API_URL, useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

/** Opens the console and signs all three in; the RyzeAPI token probe's 404 is this variant's answer. */
async function signedIn() {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(404, '/ryze/api/instance/list?instanceName=');
  await ui.signInAllWithDemo();
  return ui;
}

const app = useApp({
  sandboxArgs: [
    '--variant', 'ryze-list=instances',
    '--variant', 'ryze-probe=404',
    '--variant', 'altegio-page-base=0',
    '--variant', 'rc-remove-body=seed',
  ],
});

test('every default card, each location once, from the server\'s first page 0', { timeout: 60_000 }, async () => {
  const ui = await signedIn();
  await ui.show('Connections');
  assert.equal(await ui.signedInAs(CONNECTIONS.ryze).innerText(), 'Signed in as an account token (every instance)');
  await ui.show('Integrations');
  const names = await ui.cards().getByRole('heading', { level: 3 }).allInnerTexts();
  for (const name of ['suporte', 'vendas', 'financeiro', 'marketing', 'La Visage', 'Barber Bros', 'Nail Studio Luna', 'Serenity Spa']) {
    assert.equal(names.filter((each) => each === name).length, 1, `${name} has one card`);
  }
  await ui.card('Nail Studio Luna').getByText('Frozen (freezed)', { exact: true }).waitFor();
  const calls = (await ui.activity()).map(({ request }) => request);
  const altegioList = calls.filter((request) => request.startsWith(`GET ${API_URL}/altegio/marketplace/application/1/salons?page=`));
  assert.ok(altegioList.some((request) => /\?page=0&count=200$/.test(request)), `the list starts at page 0: ${altegioList}`);
  assert.ok(!altegioList.some((request) => /\?page=1&count=200$/.test(request)), 'no second page: the first was short');
});

test('an instance token is told apart when unknown names answer 404', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(CONNECTIONS.ryze, { Token: CREDENTIALS.ryzeInstanceToken });
  await ui.signedInAs(CONNECTIONS.ryze).waitFor();
  assert.equal(await ui.signedInAs(CONNECTIONS.ryze).innerText(), 'Signed in as an instance token for suporte');
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.ryze, 1);
});

test('Rocket.Chat\'s remove 200 in the seed\'s shape is a removal', { timeout: 60_000 }, async () => {
  const ui = await signedIn();
  await ui.disconnect('Sentry errors');
  await ui.outcome('Sentry errors').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  await ui.refresh();
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 11);
});
