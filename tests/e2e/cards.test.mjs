// The console's first real flow: sign in to the three sandbox platforms with the demo
// credentials, see their cards, and disconnect one of each kind of outcome.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_URL, useApp } from './support/harness.mjs';

const app = useApp();

async function connectAll(page) {
  await page.goto(APP_URL);
  await page.getByRole('tab', { name: 'Connections' }).click();
  const demoButtons = page.getByRole('button', { name: 'Use demo credentials' });
  await demoButtons.first().waitFor();
  const count = await demoButtons.count();
  assert.equal(count, 3, 'each sandbox connection offers demo credentials');
  for (let i = 0; i < count; i += 1) {
    // Each click signs one connection in and removes its form, so always take the first.
    await demoButtons.first().click();
  }
  await page.getByText('Signed in as').nth(count - 1).waitFor();
  await page.getByRole('tab', { name: 'Integrations' }).click();
}

test('demo sign-in loads every platform\'s cards from the sandbox', { timeout: 60_000 }, async () => {
  const { page } = app;
  await connectAll(page);
  await page.getByRole('article', { name: 'GitHub pushes' }).waitFor();
  await page.getByRole('article', { name: 'suporte' }).waitFor();
  await page.getByRole('article', { name: 'La Visage' }).waitFor();
  // 12 Rocket.Chat webhooks, 4 RyzeAPI Chatwoot links, 4 Altegio locations.
  await page.waitForFunction(() => document.querySelectorAll('article.unplug-card').length === 20);
  const strips = await page.locator('.unplug-strip').allInnerTexts();
  assert.deepEqual(strips.map((s) => s.replace(/\s+/g, ' ').trim()), [
    'Rocket.Chat (sandbox) 12 loaded',
    'RyzeAPI (sandbox) 4 loaded',
    'Altegio (sandbox) 4 loaded',
  ]);
  const frozen = page.getByRole('article', { name: 'Barber Bros' });
  assert.match(await frozen.innerText(), /Pending \(pending\)|Frozen \(freezed\)|Active \(active\)/);
  assert.ok(!(await page.content()).includes('sandbox-partner-token'), 'no token in the DOM');
});

test('Disconnect asks first, then shows the platform\'s answer on the card', { timeout: 60_000 }, async () => {
  const { page } = app;
  await connectAll(page);
  const card = page.getByRole('article', { name: 'vendas' });
  await card.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect vendas?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await card.getByRole('button', { name: 'Disconnect' }).click();
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await card.getByRole('status').filter({ hasText: 'Disconnected (HTTP 200)' }).waitFor();

  // The documented 503 of the instance whose gateway is down is a failure with its message.
  app.browser.allowErrors(/status of 503 .*chatwoot\/delete\/marketing/);
  const down = page.getByRole('article', { name: 'marketing' });
  await down.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('dialog', { name: 'Disconnect marketing?' }).getByRole('button', { name: 'Disconnect' }).click();
  const alert = down.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /HTTP 503[\s\S]*integration gateway not configured/);
});
