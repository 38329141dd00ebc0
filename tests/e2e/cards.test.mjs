// The card view: after a demo sign-in, one card per integration of the
// default sandbox data, each with its name, kind and status, under one
// status strip per connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

// [name, kind, status] in the order the grid shows them: Rocket.Chat newest
// first, then RyzeAPI's instances with a Chatwoot link (not `sem-chatwoot`),
// then Altegio's connected locations.
const DEFAULT_CARDS = [
  ['Helpdesk bridge', 'Outgoing webhook', 'Active (enabled)'],
  ['Sentry errors', 'Incoming webhook', 'Active (enabled)'],
  ['CRM sync', 'Outgoing webhook', 'Active (enabled)'],
  ['Website contact form', 'Incoming webhook', 'Active (enabled)'],
  ['Standup reminder', 'Outgoing webhook', 'Active (enabled)'],
  ['Grafana alerts', 'Incoming webhook', 'Active (enabled)'],
  ['Translate bot', 'Outgoing webhook', 'Active (enabled)'],
  ['Jira issue updates', 'Incoming webhook', 'Active (enabled)'],
  ['GitHub pushes', 'Incoming webhook', 'Active (enabled)'],
  ['Giphy bot', 'Outgoing webhook', 'Active (enabled)'],
  ['Zabbix monitoring', 'Incoming webhook', 'Disabled (disabled)'],
  ['Testing via REST API', 'Outgoing webhook', 'Disabled (disabled)'],
  ['suporte', 'Chatwoot on instance', 'Active (active)'],
  ['vendas', 'Chatwoot on instance', 'Paused (paused)'],
  ['financeiro', 'Chatwoot on instance', 'Error (error)'],
  ['marketing', 'Chatwoot on instance', 'Active (active)'],
  ['La Visage', 'App on location', 'Active (active)'],
  ['Barber Bros', 'App on location', 'Pending (pending)'],
  ['Nail Studio Luna', 'App on location', 'Frozen (freezed)'],
  ['Serenity Spa', 'App on location', 'Active (active)'],
];

test('every default integration has a card with its name, kind and status', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const names = await ui.cards().getByRole('heading', { level: 3 }).allInnerTexts();
  const byName = (a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
  assert.deepEqual(names, DEFAULT_CARDS.map(([name]) => name).sort(byName), 'sorted by name, whatever the platform');
  for (const [name, kind, status] of DEFAULT_CARDS) {
    const card = ui.card(name);
    assert.equal(await card.getByText(kind, { exact: true }).count(), 1, `${name} is a ${kind}`);
    // Altegio's statuses arrive after the list, one call per location.
    await card.getByText(status, { exact: true }).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Disconnect', exact: true }).isEnabled(), true, `${name} can be disconnected`);
  }
});

test('each connection has a status strip with how many it loaded', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const strips = await ui.inventory().getByRole('listitem').allInnerTexts();
  assert.deepEqual(strips.map((text) => text.replace(/\s+/g, ' ').trim()), [
    `${CONNECTIONS.rocketchat} 12 of 12 loaded`,
    `${CONNECTIONS.ryze} 4 of 4 loaded`,
    `${CONNECTIONS.altegio} 4 of 4 loaded`,
  ]);
});

test('a card names its source and its creator and creation time with a time zone', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const helpdesk = ui.card('Helpdesk bridge');
  await helpdesk.getByText(`Rocket.Chat · ${CONNECTIONS.rocketchat}`, { exact: true }).waitFor();
  assert.equal(await helpdesk.getByRole('definition').filter({ hasText: /^admin$/ }).count(), 1, 'created by admin');
  await helpdesk.getByText('2026-01-08 09:05:27 UTC', { exact: true }).waitFor();
  // Altegio writes local times without a zone; the card says so instead of guessing.
  await ui.card('La Visage').getByText('2022-06-27 12:20:02 (time zone not stated)', { exact: true }).waitFor();
  await ui.card('suporte').getByText(`RyzeAPI · ${CONNECTIONS.ryze}`, { exact: true }).waitFor();
});

test('before any sign-in the view says why it is empty', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.inventory().getByText('Not connected — open Connections to sign in.', { exact: true }).waitFor();
  assert.equal(await ui.cards().count(), 0);
  await ui.strip(CONNECTIONS.ryze).getByRole('button', { name: 'open Connections', exact: true }).click();
  await ui.page.getByRole('tabpanel', { name: 'Connections', exact: true }).waitFor();
});
