// RyzeAPI variants where the instance list says nothing about Chatwoot: the
// items are a bare array named by `name`, carry no `chatwoot` summary, and a
// probe for unknown names lists every instance. The console reads each
// instance's Chatwoot record (200: a card, 404: no card), never drops an
// instance unread, and still tells the token kinds apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

const app = useApp({
  sandboxArgs: ['--variant', 'ryze-list=bare', '--variant', 'ryze-summary=none', '--variant', 'ryze-probe=full'],
});

test('each instance\'s record is read: linked ones get their status, the unlinked one no card', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  // `sem-chatwoot` has no integration: its record answers 404, and its card goes.
  ui.allowFailedLoad(404, '/ryze/api/chatwoot/list/sem-chatwoot');
  await ui.signInAllWithDemo();
  await ui.show('Connections');
  assert.equal(await ui.signedInAs(CONNECTIONS.ryze).innerText(), 'Signed in as an account token (every instance)');
  await ui.show('Integrations');
  for (const [name, status] of [['suporte', 'Active'], ['vendas', 'Paused'], ['financeiro', 'Error'], ['marketing', 'Active']]) {
    await ui.card(name).getByText(status, { exact: true }).waitFor();
  }
  await ui.card('sem-chatwoot').waitFor({ state: 'detached' });
  await ui.waitForLoaded(CONNECTIONS.ryze, 4);
});

test('an instance token is told apart when the probe lists every instance', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(CONNECTIONS.ryze, { Token: CREDENTIALS.ryzeInstanceToken });
  await ui.signedInAs(CONNECTIONS.ryze).waitFor();
  assert.equal(await ui.signedInAs(CONNECTIONS.ryze).innerText(), 'Signed in as an instance token for suporte');
  await ui.show('Integrations');
  await ui.card('suporte').getByText('Active', { exact: true }).waitFor();
  await ui.waitForLoaded(CONNECTIONS.ryze, 1);
});
