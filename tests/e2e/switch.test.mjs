// Disable and Enable (Rocket.Chat webhooks, contracts 2.5a): the update is built
// from a fresh integrations.get and sends back every field as the server holds
// it, so the record afterwards differs in `enabled` alone (checked field by field
// in the sandbox, which refuses a body that would lose a field and counts it).
// The dialog offers "Disable instead"; bulk runs go through the paced queue;
// platforms without a switch show no such button; a host hears each switch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { sandboxRequest, useApp } from './support/harness.mjs';
import { rocketChatIntegration } from './support/platforms.mjs';
import { heard, openPortal, usePortal } from './support/portal.mjs';

const app = useApp({ sandboxArgs: usePortal() });

const IDS = {
  'GitHub pushes': 'NBTm56xe8Rh5cF47X',
  'Jira issue updates': 'W6H7fX5xg9Gkkh5gh',
  'Zabbix monitoring': 'D8hgkER8fq6g5jFbo',
  'Giphy bot': 'W4n6tfgvxNPpQibhw',
  'Standup reminder': 'Z6y7Kapn65rpMmgox',
};
/**
 * What an update may change besides `enabled`: the server's own bookkeeping (the newest
 * server also writes `skipTranspile: false` on every incoming update).
 */
const BOOKKEEPING = ['enabled', '_updatedAt', '_updatedBy', 'skipTranspile'];
const without = (record, keys) => Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

async function records(names) {
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await rocketChatIntegration(IDS[name])])));
}

async function assertOnlyEnabledChanged(before, enabled) {
  for (const [name, record] of Object.entries(before)) {
    const after = await rocketChatIntegration(IDS[name]);
    assert.equal(after.enabled, enabled, `${name} enabled`);
    assert.deepEqual(without(after, BOOKKEEPING), without(record, BOOKKEEPING), `${name}: every other field kept`);
  }
}

async function updateStats() {
  const { json } = await sandboxRequest('GET', '/__sandbox/stats');
  return { updates: json.updates.rocketchat, refused: json.updatesRefused.rocketchat };
}

const switchButton = (ui, name, label) => ui.card(name).getByRole('button', { name: label, exact: true });

test('Disable then Enable an incoming and an outgoing webhook: only `enabled` changes on the server', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  for (const name of ['GitHub pushes', 'Giphy bot']) {
    const before = await records([name]);
    await switchButton(ui, name, 'Disable').click();
    await ui.outcome(name).getByText('Disabled (HTTP 200)', { exact: true }).waitFor();
    await switchButton(ui, name, 'Enable').waitFor();
    await assertOnlyEnabledChanged(before, false);
    await switchButton(ui, name, 'Enable').click();
    await ui.outcome(name).getByText('Enabled (HTTP 200)', { exact: true }).waitFor();
    await switchButton(ui, name, 'Disable').waitFor();
    await assertOnlyEnabledChanged(before, true);
  }
  assert.deepEqual(await updateStats(), { updates: 4, refused: 0 }, 'no body was refused');
});

test('the Disconnect dialog offers Disable instead, and nothing is removed', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const before = await records(['Jira issue updates']);
  const dialog = await ui.openDisconnect('Jira issue updates');
  await dialog.getByRole('button', { name: 'Disable instead', exact: true }).click();
  await ui.outcome('Jira issue updates').getByText('Disabled (HTTP 200)', { exact: true }).waitFor();
  await assertOnlyEnabledChanged(before, false);
  // A webhook already off is offered Enable, and its dialog no Disable instead.
  await switchButton(ui, 'Zabbix monitoring', 'Enable').waitFor();
  const off = await ui.openDisconnect('Zabbix monitoring');
  assert.equal(await off.getByRole('button', { name: 'Disable instead', exact: true }).count(), 0);
  await off.getByRole('button', { name: 'Cancel', exact: true }).click();
});

test('platforms without a switch show no Disable or Enable at all', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  for (const name of ['vendas', 'La Visage']) {
    assert.equal(await ui.card(name).getByRole('button', { name: /^(Disable|Enable)$/ }).count(), 0, name);
  }
  const dialog = await ui.openDisconnect('vendas');
  assert.equal(await dialog.getByRole('button', { name: 'Disable instead', exact: true }).count(), 0);
});

test('Disable selected and Enable selected run paced over the webhooks they apply to', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const names = ['GitHub pushes', 'Jira issue updates', 'Giphy bot', 'Standup reminder'];
  const before = await records(names);
  for (const name of [...names, 'Zabbix monitoring', 'vendas']) await ui.selectBox(name).check();
  // Zabbix is already off and RyzeAPI has no switch: four apply.
  await ui.inventory().getByRole('button', { name: 'Disable selected (4)', exact: true }).click();
  await ui.waitForBulkState('finished');
  const panel = ui.inventory().getByRole('region', { name: 'Bulk disable', exact: true });
  await panel.getByText(/^Finished\. 4 of 4 done: disabled 4 · failed 0 · waiting 0$/).waitFor();
  await assertOnlyEnabledChanged(before, false);
  for (const name of names) await switchButton(ui, name, 'Enable').waitFor();

  for (const name of names) await ui.selectBox(name).check();
  await ui.inventory().getByRole('button', { name: 'Enable selected (4)', exact: true }).click();
  await ui.inventory().getByRole('region', { name: 'Bulk enable', exact: true }).getByText(/done: enabled 4 · failed 0/).waitFor();
  await assertOnlyEnabledChanged(before, true);
  assert.deepEqual(await updateStats(), { updates: 8, refused: 0 });
});

test('a portal hears integration.disabled and integration.enabled, by ids only', { timeout: 60_000 }, async () => {
  const { page } = app;
  await openPortal(page);
  const ui = new ConsolePage(app);
  await ui.show('Connections');
  await ui.connection(CONNECTIONS.rocketchat).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await ui.show('Integrations');
  await switchButton(ui, 'Sentry errors', 'Disable').click();
  await switchButton(ui, 'Sentry errors', 'Enable').click();
  await switchButton(ui, 'Sentry errors', 'Disable').waitFor();
  await page.waitForFunction(() => window.heard.length >= 2);
  const ids = { platform: 'rocketchat', connection: 'rc-sandbox', id: 'MdbPrYLi69cWCtPBb' };
  assert.deepEqual(await heard(page), [
    { type: 'unplug:event', event: 'integration.disabled', ...ids },
    { type: 'unplug:event', event: 'integration.enabled', ...ids },
  ]);
});
