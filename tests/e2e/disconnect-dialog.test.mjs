// Disconnect asks first: a modal dialog named "Disconnect <name>?" that
// names the platform and connection, says what the platform documents will
// happen, focuses Cancel, and lets Escape back out with focus restored.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { ARTIFACTS, useApp } from './support/harness.mjs';
import { rocketChatIntegration } from './support/platforms.mjs';

const app = useApp();

/** The text and ARIA of the focused element, to compare with a locator's. */
const focused = (page) => page.evaluate(() => ({
  text: document.activeElement?.innerText,
  inDialog: Boolean(document.activeElement?.closest('dialog')),
  inArticle: document.activeElement?.closest('article')?.getAttribute('aria-labelledby') ?? null,
}));

test('Cancel is focused first and Escape cancels, back on the card\'s Disconnect', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const removes = [];
  ui.page.on('request', (request) => {
    if (request.url().includes('integrations.remove')) removes.push(request.url());
  });

  const dialog = await ui.openDisconnect('Helpdesk bridge');
  await dialog.getByRole('heading', { name: 'Disconnect Helpdesk bridge?', exact: true }).waitFor();
  assert.deepEqual(await focused(ui.page), { text: 'Cancel', inDialog: true, inArticle: null });

  await ui.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const after = await focused(ui.page);
  assert.equal(after.text, 'Disconnect');
  assert.equal(after.inDialog, false, 'focus is back on the card, not in the dialog');
  assert.equal(after.inArticle, await ui.card('Helpdesk bridge').getAttribute('aria-labelledby'));

  await ui.openDisconnect('Helpdesk bridge');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  assert.deepEqual(removes, [], 'neither Escape nor Cancel sends anything');
  assert.equal((await rocketChatIntegration('qWQoSGB7DBGnG2byh')).name, 'Helpdesk bridge', 'still on the platform');
  assert.equal(await ui.card('Helpdesk bridge').getByText('Active', { exact: true }).count(), 1);
});

test('each platform\'s dialog names its connection and what the platform will do', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const cases = [
    ['Helpdesk bridge', `Outgoing webhook on Rocket.Chat — connection ${CONNECTIONS.rocketchat}.`,
      'Rocket.Chat deletes the webhook integration; for an outgoing webhook, its history too.'],
    ['Sentry errors', `Incoming webhook on Rocket.Chat — connection ${CONNECTIONS.rocketchat}.`,
      'Rocket.Chat deletes the webhook integration; for an outgoing webhook, its history too.'],
    ['vendas', `Chatwoot on instance on RyzeAPI — connection ${CONNECTIONS.ryze}.`,
      'RyzeAPI removes the Chatwoot link from the instance. Its documents disagree on whether the Chatwoot inbox survives, so do not count on either.'],
    ['Barber Bros', `App on location on Altegio — connection ${CONNECTIONS.altegio}.`,
      'The location loses the app\'s API access and its webhooks, and Altegio documents this disable webhook to the app\'s Callback URL:'],
  ];
  for (const [name, where, what] of cases) {
    const dialog = await ui.openDisconnect(name);
    await dialog.getByText(where, { exact: true }).waitFor();
    await dialog.getByText(what, { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).waitFor();
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }
});

test('Altegio\'s dialog shows the disable webhook payload with the token masked', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const dialog = await ui.openDisconnect('Barber Bros');
  const payload = JSON.parse(await dialog.locator('pre').innerText());
  assert.deepEqual(payload, { application_id: 1, event: 'uninstall', partner_token: '••••••', salon_id: 1051 });
  assert.ok(!(await dialog.innerText()).includes('sandbox-partner-token'));
});

test('a keyboard alone disconnects a card', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.cardDisconnect('Sentry errors').focus();
  await ui.page.keyboard.press('Enter');
  const dialog = ui.confirmDialog('Sentry errors');
  await dialog.waitFor();
  // An enabled Rocket.Chat webhook: Cancel, then Disable instead, then Disconnect.
  await ui.page.keyboard.press('Tab');
  assert.equal((await focused(ui.page)).text, 'Disable instead', 'Tab moves from Cancel to Disable instead');
  await ui.page.keyboard.press('Tab');
  assert.equal((await focused(ui.page)).text, 'Disconnect', 'then to Disconnect');
  await ui.page.keyboard.press('Enter');
  await ui.outcome('Sentry errors').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  await ui.card('Sentry errors').getByRole('button', { name: 'Dismiss', exact: true }).focus();
  await ui.page.keyboard.press('Enter');
  await ui.card('Sentry errors').waitFor({ state: 'detached' });
});

test('the dialog shows what stops, read from each platform\'s record as it opens', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const lines = async (name) => {
    const dialog = await ui.openDisconnect(name);
    const impact = dialog.getByRole('region', { name: 'What stops', exact: true });
    await impact.locator('dl').waitFor();
    // The README's picture of the dialog (docs/disconnect-dialog.png is a copy of this one).
    if (name === 'Giphy bot') {
      // An outgoing webhook's newest run, as the card reads it.
      await dialog.locator('.unplug-impact__activity').getByText(/last run · .+ · succeeded$/).waitFor();
      await mkdir(ARTIFACTS, { recursive: true });
      await dialog.screenshot({ path: path.join(ARTIFACTS, 'disconnect-dialog.png') });
    }
    const text = await impact.locator('dl').evaluate((list) =>
      [...list.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling.textContent}`));
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    return text;
  };
  assert.deepEqual(await lines('Giphy bot'), [
    'Channels: #random',
    'Trigger words: !gif',
    'Target URLs: https://giphy-bot.example.com/rocketchat',
    'Script: off',
  ]);
  const altegio = await lines('La Visage');
  assert.equal(altegio[0], 'Connection status: active');
  assert.match(altegio[1], /^Paid until: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(time zone not stated\)$/);
  assert.match(altegio[2], /^Payments: [1-9]\d*$/);
  const ryze = await lines('vendas');
  assert.deepEqual(ryze.map((line) => line.split(':')[0]), ['Chatwoot inbox', 'Chatwoot URL', 'Status']);
  assert.ok(ryze.includes('Status: paused'), ryze.join(' | '));
});
