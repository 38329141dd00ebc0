// Languages: English, Portuguese (Brazil) and Russian, chosen by the URL, the
// menu or the browser; dates and numbers follow; the platforms' own messages
// stay as they came. One screenshot per language lands in artifacts/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { APP_URL, ARTIFACTS, useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

const app = useApp();

const LANGUAGES = [
  {
    query: '?lang=pt-BR', tag: 'pt-BR', connectionsTab: 'Conexões', integrationsTab: 'Integrações',
    refresh: 'Atualizar', showing: 'Mostrando 20 de 20', channel: 'Canal', helpdeskCreated: '08/01/2026 09:05:27 UTC',
  },
  {
    query: '?lang=ru', tag: 'ru', connectionsTab: 'Подключения', integrationsTab: 'Интеграции',
    refresh: 'Обновить', showing: null, channel: 'Канал', helpdeskCreated: '08.01.2026 09:05:27 UTC',
  },
];

for (const language of LANGUAGES) {
  test(`${language.tag} from the URL: interface text, dates and numbers, with a screenshot`, { timeout: 60_000 }, async () => {
    const { page } = app;
    await page.goto(`${APP_URL}${language.query}`);
    await page.getByRole('tab', { name: language.integrationsTab, exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), language.tag);
    // "Use demo credentials", whatever it reads in this language.
    await page.getByRole('tab', { name: language.connectionsTab, exact: true }).click();
    for (const label of ['Rocket.Chat (sandbox)', 'RyzeAPI (sandbox)', 'Altegio (sandbox)']) {
      await page.getByRole('region', { name: label, exact: true }).locator('.unplug-signin__actions button[formnovalidate]').click();
    }
    await page.getByRole('tab', { name: language.integrationsTab, exact: true }).click();
    await page.getByRole('button', { name: language.refresh, exact: true }).waitFor();
    const helpdesk = page.getByRole('article', { name: 'Helpdesk bridge', exact: true });
    await helpdesk.getByRole('term').filter({ hasText: new RegExp(`^${language.channel}$`) }).waitFor();
    if (language.showing) await page.getByText(language.showing, { exact: true }).waitFor();
    await page.getByRole('article', { name: 'Serenity Spa', exact: true }).locator('.unplug-card__status').filter({ hasNotText: /\(not read yet\)/ }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `console-${language.tag}.png`) });
    // The creation time is in the detail panel, written the language's way.
    await helpdesk.getByRole('button', { name: 'Helpdesk bridge', exact: true }).click();
    await page.getByRole('dialog', { name: 'Helpdesk bridge', exact: true }).getByText(language.helpdeskCreated, { exact: true }).waitFor();
  });
}

test('the menu switches the language in place, keeping what is on screen', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.disconnect('vendas');
  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  await ui.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ru');
  await ui.page.getByRole('tab', { name: 'Интеграции', exact: true }).waitFor();
  assert.equal(await ui.page.locator('html').getAttribute('lang'), 'ru');
  const vendas = ui.page.getByRole('article', { name: 'vendas', exact: true });
  assert.equal(await vendas.getAttribute('data-disconnected'), 'true', 'the outcome is kept');
  assert.doesNotMatch(await vendas.locator('.unplug-card__status').innerText(), /Disconnected/, 'and reads in Russian');
  await ui.page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption('en');
  await ui.page.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
});

test('the browser\'s language is used when the URL names none, and platform messages stay as they came', { timeout: 60_000 }, async () => {
  const context = await app.chromium.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error' && !/status of 503/.test(message.text())) errors.push(message.text()); });
  try {
    await page.goto(APP_URL);
    await page.getByRole('tab', { name: 'Integrações', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Conexões', exact: true }).click();
    await page.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).locator('.unplug-signin__actions button[formnovalidate]').click();
    await page.getByRole('tab', { name: 'Integrações', exact: true }).click();
    const marketing = page.getByRole('article', { name: 'marketing', exact: true });
    await marketing.locator('.unplug-card__actions .unplug-button--danger').click();
    await page.getByRole('dialog').locator('.unplug-dialog__actions .unplug-button--danger').click();
    const alert = marketing.getByRole('alert');
    await alert.waitFor();
    // Unplug's sentence in Portuguese; the platform's message verbatim.
    assert.match(await alert.locator('.unplug-outcome__title').innerText(), /HTTP 503/);
    assert.doesNotMatch(await alert.locator('.unplug-outcome__title').innerText(), /^The platform/);
    assert.ok((await alert.locator('q').innerText()).length > 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
