// A card's name opens its detail panel: every field of the list at once (ids
// with copy buttons), every non-secret field the platform returns, loaded
// when the panel opens, the last request and its masked answer, and the
// card's Disconnect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { API_URL, APP_URL, setFault, useApp } from './support/harness.mjs';
import { rocketChatIntegration, ryzeChatwoot } from './support/platforms.mjs';

const app = useApp();

/** Opens the panel, waits for the platform's record and shows the raw answer. */
async function openLoaded(ui, name) {
  const panel = await ui.openLoadedDetails(name);
  await panel.getByRole('button', { name: 'Show response', exact: true }).click();
  return panel;
}

test('a Rocket.Chat webhook\'s panel shows its record without its token or script', { timeout: 60_000 }, async () => {
  const stored = await rocketChatIntegration('NBTm56xe8Rh5cF47X');
  assert.ok(stored.token.length > 20 && stored.script.length > 20, 'the sandbox holds a token and a script');
  const ui = await ConsolePage.signedIn(app);
  const panel = await openLoaded(ui, 'GitHub pushes');

  const rows = await ui.detailRows(panel);
  assert.equal(rows['integration._id'], 'NBTm56xe8Rh5cF47X');
  assert.equal(rows['integration.name'], 'GitHub pushes');
  assert.equal(rows['integration.scriptEnabled'], 'true');
  assert.equal(rows['integration.token'], undefined, 'no token row');
  assert.equal(rows['integration.script'], undefined, 'no script row');

  const text = await panel.innerText();
  assert.match(text, new RegExp(`^GET ${API_URL}/rocketchat/api/v1/integrations\\.get\\?integrationId=NBTm56xe8Rh5cF47X → HTTP 200$`, 'm'));
  assert.match(text, /"token": "••••••"/, 'the raw answer masks the token');
  assert.match(text, /"script": "••••••"/, 'the raw answer masks the script');
  assert.ok(!text.includes(stored.token), 'the token never shows');
  assert.ok(!text.includes(stored.script.slice(0, 30)), 'the script never shows');
  await panel.getByRole('button', { name: 'Disconnect', exact: true }).waitFor();
});

test('a RyzeAPI instance\'s panel shows its Chatwoot record without its API token', { timeout: 60_000 }, async () => {
  const stored = await ryzeChatwoot('vendas');
  const secret = stored.data?.chatwoot_api_token ?? stored.chatwoot_api_token;
  assert.ok(secret, 'the sandbox holds a Chatwoot API token');
  const ui = await ConsolePage.signedIn(app);
  const panel = await openLoaded(ui, 'vendas');

  const rows = await ui.detailRows(panel);
  assert.ok(Object.values(rows).includes('WhatsApp - Vendas'), 'the inbox name is listed');
  assert.ok(!Object.keys(rows).some((path) => path.endsWith('chatwoot_api_token')), 'no token row');
  const text = await panel.innerText();
  assert.match(text, new RegExp(`^GET ${API_URL}/ryze/api/chatwoot/list/vendas → HTTP 200$`, 'm'));
  assert.match(text, /"chatwoot_api_token": "••••••"/);
  assert.ok(!text.includes(secret), 'the Chatwoot API token never shows');
});

test('an Altegio location\'s panel shows its status and offers its Disconnect', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const panel = await openLoaded(ui, 'Nail Studio Luna');
  const rows = await ui.detailRows(panel);
  assert.equal(rows['data.connection_status.status'], 'freezed');
  assert.match(await panel.innerText(), new RegExp(`^GET ${API_URL}/altegio/marketplace/salon/1052/application/1 → HTTP 200$`, 'm'));
  await panel.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await panel.waitFor({ state: 'hidden' });
  await ui.confirmDialog('Nail Studio Luna').getByRole('button', { name: 'Cancel', exact: true }).click();
  await ui.confirmDialog('Nail Studio Luna').waitFor({ state: 'hidden' });
  await panel.getByRole('button', { name: 'Close', exact: true }).waitFor({ state: 'hidden' });
});

test('copy buttons in the panel put an integration\'s ids on the clipboard', { timeout: 60_000 }, async () => {
  await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(APP_URL).origin });
  const ui = await ConsolePage.signedIn(app);
  const copies = [
    ['Helpdesk bridge', 'Copy Integration id', 'qWQoSGB7DBGnG2byh'],
    ['suporte', 'Copy Bridge integration id', 'int_xyz789abc'],
    ['Barber Bros', 'Copy Location id', '1051'],
  ];
  for (const [name, button, id] of copies) {
    assert.equal(await ui.card(name).getByRole('button', { name: button, exact: true }).count(), 0, 'ids are not on the card');
    const panel = await ui.openDetails(name);
    const copy = panel.getByRole('button', { name: button, exact: true });
    assert.equal(await copy.innerText(), 'Copy');
    await copy.click();
    await panel.getByRole('button', { name: button, exact: true }).filter({ hasText: /^Copied$/ }).waitFor();
    assert.equal(await ui.page.evaluate(() => navigator.clipboard.readText()), id);
    await ui.closeDetails(panel);
  }
});

test('the panel shows what the list said while the platform\'s record is still loading', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.get', kind: 'latency:3000' });
  const panel = await ui.openDetails('Giphy bot');
  await panel.getByRole('status').filter({ hasText: 'Loading details…' }).waitFor();
  const listed = await ui.listedRows(panel);
  assert.equal(listed['Trigger words'], '!gif');
  assert.equal(listed.URLs, 'https://giphy-bot.example.com/rocketchat');
  assert.equal(await panel.getByRole('button', { name: 'Copy Integration id', exact: true }).count(), 1);
  await panel.getByRole('status').filter({ hasText: 'Loading details…' }).waitFor({ state: 'hidden' });
});
