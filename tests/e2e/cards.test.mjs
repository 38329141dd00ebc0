// The card view: after a demo sign-in, one marketplace card per integration
// of the default sandbox data: the platform's logo, the name, the connection,
// the kind, one status pill and the few facts that tell integrations apart,
// under one status strip per connection. The rest is in the detail panel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

const PLATFORMS = { rocketchat: 'Rocket.Chat', ryze: 'RyzeAPI', altegio: 'Altegio' };
/** Each logo's letters, brand colour and shape (style/main.css), the same in both themes. */
const LOGOS = {
  rocketchat: { letters: 'R', colour: 'rgb(217, 45, 69)', shape: 'inset(9.375% 6.25% 21.875% round 15.625%)' },
  ryze: {
    letters: 'Ry',
    colour: 'rgb(26, 127, 55)',
    shape: 'polygon(50% 4.6875%, 90.625% 28.125%, 90.625% 71.875%, 50% 95.3125%, 9.375% 71.875%, 9.375% 28.125%)',
  },
  altegio: { letters: 'A', colour: 'rgb(106, 76, 255)', shape: 'inset(6.25% round 25%)' },
};

// [platform, name, kind, status, facts]: the status is the shared word, with
// the platform's own only where it says more (Altegio's "freezed"); the facts
// are the channel and target host of a webhook, the inbox of a Chatwoot link
// and the city of a location.
const DEFAULT_CARDS = [
  ['rocketchat', 'Helpdesk bridge', 'Outgoing webhook', 'Active', { Channel: '#support', 'Target host': 'helpdesk.example.com' }],
  ['rocketchat', 'Sentry errors', 'Incoming webhook', 'Active', { Channel: '#dev' }],
  ['rocketchat', 'CRM sync', 'Outgoing webhook', 'Active', { Channel: '#sales', 'Target host': 'crm.example.com' }],
  ['rocketchat', 'Website contact form', 'Incoming webhook', 'Active', { Channel: '#sales' }],
  ['rocketchat', 'Standup reminder', 'Outgoing webhook', 'Active', { Channel: '#team', 'Target host': 'standup.example.com' }],
  ['rocketchat', 'Grafana alerts', 'Incoming webhook', 'Active', { Channel: '#ops' }],
  ['rocketchat', 'Translate bot', 'Outgoing webhook', 'Active', { Channel: '#international', 'Target host': 'translate.example.com' }],
  ['rocketchat', 'Jira issue updates', 'Incoming webhook', 'Active', { Channel: '#support' }],
  ['rocketchat', 'GitHub pushes', 'Incoming webhook', 'Active', { Channel: '#dev' }],
  ['rocketchat', 'Giphy bot', 'Outgoing webhook', 'Active', { Channel: '#random', 'Target host': 'giphy-bot.example.com' }],
  ['rocketchat', 'Zabbix monitoring', 'Incoming webhook', 'Disabled', { Channel: '#ops' }],
  // The documented example has an empty channel list.
  ['rocketchat', 'Testing via REST API', 'Outgoing webhook', 'Disabled', { 'Target host': 'text2gif.guggy.com' }],
  ['ryze', 'suporte', 'Chatwoot on instance', 'Active', { 'Chatwoot inbox': 'WhatsApp - Orion' }],
  ['ryze', 'vendas', 'Chatwoot on instance', 'Paused', { 'Chatwoot inbox': 'WhatsApp - Vendas' }],
  ['ryze', 'financeiro', 'Chatwoot on instance', 'Error', { 'Chatwoot inbox': 'WhatsApp - Financeiro' }],
  ['ryze', 'marketing', 'Chatwoot on instance', 'Active', { 'Chatwoot inbox': 'WhatsApp - Marketing' }],
  ['altegio', 'La Visage', 'App on location', 'Active', { City: 'New York' }],
  ['altegio', 'Barber Bros', 'App on location', 'Pending', { City: 'Chicago' }],
  ['altegio', 'Nail Studio Luna', 'App on location', 'Frozen (freezed)', { City: 'Miami' }],
  ['altegio', 'Serenity Spa', 'App on location', 'Active', { City: 'Los Angeles' }],
];

/** A card's text, line by line. */
const lines = async (card) => (await card.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);

test('every default integration is a card with its logo, name, kind, one status pill and its facts, nothing more', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const names = await ui.cardNames();
  const byName = (a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
  assert.deepEqual(names, DEFAULT_CARDS.map(([, name]) => name).sort(byName), 'sorted by name, whatever the platform');
  for (const [platform, name, kind, status, facts] of DEFAULT_CARDS) {
    const card = ui.card(name);
    // Altegio's statuses arrive after the list, one call per location.
    await card.locator('.unplug-card__status').filter({ hasText: status }).waitFor();
    const logo = card.getByRole('img', { name: PLATFORMS[platform], exact: true });
    // Its letters on its platform's shape, the brand colour clipped behind them (style/main.css).
    const drawn = await logo.evaluate((node) => {
      const shape = getComputedStyle(node, '::before');
      return { shape: shape.clipPath, colour: shape.backgroundColor };
    });
    assert.equal(drawn.shape, LOGOS[platform].shape, `${name} has ${PLATFORMS[platform]}'s shape`);
    assert.equal(drawn.colour, LOGOS[platform].colour, `${name} has ${PLATFORMS[platform]}'s colour`);
    assert.equal(await logo.innerText(), LOGOS[platform].letters, `${name} has ${PLATFORMS[platform]}'s letters`);
    assert.equal(await card.locator('.unplug-card__status').count(), 1, `${name} has one status pill`);
    // Last activity is the last fact (its own test, last-activity.test.mjs, reads its value).
    const shown = await lines(card);
    const activity = shown.indexOf('Last activity');
    assert.ok(activity > 0, `${name} has a Last activity line`);
    shown.splice(activity, 2);
    assert.deepEqual(shown, [
      LOGOS[platform].letters,
      name,
      CONNECTIONS[platform],
      kind,
      status,
      ...Object.entries(facts).flat(),
      'Disconnect',
      // Rocket.Chat's webhooks have a switch: Disable when on, Enable when off; the others none.
      ...(platform === 'rocketchat' ? [status === 'Active' ? 'Disable' : 'Enable'] : []),
    ], `${name} shows its name, connection, kind, status and facts, and no other field`);
    assert.equal(await card.getByRole('button', { name: 'Disconnect', exact: true }).isEnabled(), true, `${name} can be disconnected`);
  }
});

test('cards in one row share one height, with their actions on one line', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.card('Serenity Spa').getByText('Active', { exact: true }).waitFor();
  const cards = await ui.cards().evaluateAll((articles) => articles.map((article) => {
    const box = article.getBoundingClientRect();
    const actions = article.querySelector('.unplug-card__actions').getBoundingClientRect();
    return { top: Math.round(box.top), height: box.height, actions: actions.top, facts: article.querySelectorAll('dt').length };
  }));
  const rows = [...new Set(cards.map((card) => card.top))].map((top) => cards.filter((card) => card.top === top));
  assert.equal(rows.length, 5, '20 cards in rows of 4 at 1280 px');
  for (const row of rows) {
    for (const card of row) {
      assert.ok(Math.abs(card.height - row[0].height) < 1, `heights ${row.map((each) => each.height)}`);
      assert.ok(Math.abs(card.actions - row[0].actions) < 1, `actions at ${row.map((each) => each.actions)}`);
    }
  }
  assert.ok(rows.some((row) => new Set(row.map((card) => card.facts)).size > 1), 'some row mixes cards of one and two facts');
});

test('search still finds an integration by a field only its detail panel shows', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const searches = [
    ['!standup', 'Standup reminder', 'a trigger word'],
    ['graywolf336', 'Testing via REST API', 'a creator'],
    ['+13155551052', 'Nail Studio Luna', 'a phone'],
    ['helpdesk.example.com/rocketchat/webhook', 'Helpdesk bridge', 'a target URL\'s path'],
  ];
  for (const [term, name, what] of searches) {
    await ui.searchFor(term);
    await ui.waitForShowing(1, 20);
    assert.deepEqual(await ui.cardNames(), [name], `${what} finds ${name}`);
    assert.ok(!(await ui.card(name).innerText()).includes(term), `${what} is not on the card`);
  }
});

test('the detail panel lists what the card leaves out: creator, times with their zone, ids', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const helpdesk = await ui.openDetails('Helpdesk bridge');
  await helpdesk.getByText(/^last run · /).waitFor();
  assert.deepEqual(await ui.listedRows(helpdesk), {
    'Last activity': (await ui.listedRows(helpdesk))['Last activity'],
    'Created by': 'admin',
    Created: '2026-01-08 09:05:27 UTC',
    'Integration id': 'qWQoSGB7DBGnG2byh',
    Channel: '#support',
    'Target host': 'helpdesk.example.com',
    'Posts as': 'rocket.cat',
    Event: 'sendMessage',
    URLs: 'https://helpdesk.example.com/rocketchat/webhook',
    Script: 'disabled',
  });
  await ui.closeDetails(helpdesk);
  await ui.card('La Visage').getByText('Active', { exact: true }).waitFor();
  const laVisage = await ui.openDetails('La Visage');
  // Altegio writes local times without a zone; the panel says so instead of guessing.
  assert.equal((await ui.listedRows(laVisage)).Created, '2022-06-27 12:20:02 (time zone not stated)');
  await ui.closeDetails(laVisage);
  const suporte = await ui.openDetails('suporte');
  assert.equal((await ui.listedRows(suporte)).Instance, 'suporte');
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

test('before any sign-in the view says why it is empty', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.inventory().getByText('Not connected — open Connections to sign in.', { exact: true }).waitFor();
  assert.equal(await ui.cards().count(), 0);
  await ui.strip(CONNECTIONS.ryze).getByRole('button', { name: 'open Connections', exact: true }).click();
  await ui.page.getByRole('tabpanel', { name: 'Connections', exact: true }).waitFor();
});
