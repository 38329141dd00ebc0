// Finding integrations: search, filters, status counts and sorting, all kept
// in the URL so a link reopens the same view and Back/Forward step through it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_URL, useApp } from './support/harness.mjs';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';

const app = useApp();

test('search reads names, ids, URLs and instances, and writes q to the URL', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.waitForShowing(20, 20);
  await ui.searchFor('helpdesk');
  await ui.waitForShowing(1, 20);
  assert.deepEqual(await ui.cardNames(), ['Helpdesk bridge']);
  assert.equal((await ui.query()).q, 'helpdesk');

  // A URL field (outgoing webhook target) and an instance name are searched too.
  await ui.searchFor('giphy-bot.example.com');
  assert.deepEqual(await ui.cardNames(), ['Giphy bot']);
  await ui.searchFor('financeiro');
  assert.deepEqual(await ui.cardNames(), ['financeiro']);
});

test('Search paints what was typed before its results, and applies keys typed in between together', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.waitForShowing(20, 20);
  // Three keys in one task, as a fast typist's can land within one frame.
  const seen = await ui.search().evaluate((input) => new Promise((resolve) => {
    const names = () => [...document.querySelectorAll('.unplug-card h3')].map((heading) => heading.innerText);
    for (const text of ['gi', 'gip', 'giphy']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    requestAnimationFrame(() => {
      const inTypedFrame = names().length;
      setTimeout(() => setTimeout(() => resolve({ inTypedFrame, after: names() }), 0), 0);
    });
  }));
  assert.equal(seen.inTypedFrame, 20, 'the frame that shows the letters still has the cards of before');
  assert.deepEqual(seen.after, ['Giphy bot'], 'then the search is the whole text typed');
  await ui.waitForShowing(1, 20);
});

test('filters and status counts narrow the list; the counts follow the other filters', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.choose('Platform', 'RyzeAPI');
  await ui.waitForShowing(4, 20);
  assert.equal((await ui.query()).platform, 'ryze');
  assert.equal(await ui.statusCount('Paused').innerText(), 'Paused 1');
  assert.equal(await ui.statusCount('Disabled').innerText(), 'Disabled 0', 'counts are over RyzeAPI only');

  await ui.statusCount('Paused').click();
  assert.equal(await ui.statusCount('Paused').getAttribute('aria-pressed'), 'true');
  await ui.waitForShowing(1, 20);
  assert.deepEqual(await ui.cardNames(), ['vendas']);
  assert.equal((await ui.query()).status, 'paused');

  await ui.choose('Platform', 'All platforms');
  await ui.choose('Kind', 'Outgoing webhook');
  await ui.statusCount('Paused').click();
  await ui.statusCount('Disabled').click();
  assert.deepEqual(await ui.cardNames(), ['Testing via REST API']);
  await ui.choose('Connection', CONNECTIONS.altegio);
  await ui.inventory().getByText('No integrations match the search and filters.', { exact: true }).waitFor();
  await ui.inventory().getByRole('button', { name: 'Clear filters', exact: true }).click();
  await ui.waitForShowing(20, 20);
  assert.deepEqual((await ui.query()), {}, 'clearing leaves a bare URL');
});

test('Back and Forward step through the view; a link reopens it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.choose('Platform', 'Altegio');
  await ui.waitForShowing(4, 20);
  await ui.choose('Sort', 'Created, newest first');
  await ui.page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === '-created');
  assert.deepEqual(await ui.cardNames(), ['Serenity Spa', 'Nail Studio Luna', 'Barber Bros', 'La Visage']);

  await ui.page.goBack();
  await ui.page.waitForFunction(() => !new URL(location.href).searchParams.has('sort'));
  assert.deepEqual(await ui.cardNames(), ['Barber Bros', 'La Visage', 'Nail Studio Luna', 'Serenity Spa']);
  await ui.page.goBack();
  await ui.waitForShowing(20, 20);
  await ui.page.goForward();
  await ui.waitForShowing(4, 20);
  assert.equal(await ui.inventory().getByRole('combobox', { name: 'Platform', exact: true }).inputValue(), 'altegio');

  // The same URL in a new tab opens the same view once signed in.
  const link = `${APP_URL}?platform=ryze&status=error&view=table`;
  const again = await ConsolePage.open(app, { query: '?platform=ryze&status=error&view=table' });
  assert.equal(again.page.url(), link);
  await again.signInAllWithDemo();
  await again.waitForShowing(1, 20);
  await again.inventory().getByRole('table').getByRole('button', { name: 'financeiro', exact: true }).waitFor();
  // The menus show the linked values, not their first options.
  assert.equal(await again.inventory().getByRole('combobox', { name: 'Platform', exact: true }).inputValue(), 'ryze');
  assert.equal(await again.inventory().getByRole('combobox', { name: 'Sort', exact: true }).inputValue(), 'name');
});

test('a search is one Back step of its own, however many keys it took', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { query: '?sort=-created' });
  assert.equal(await ui.inventory().getByRole('combobox', { name: 'Sort', exact: true }).inputValue(), '-created');
  await ui.choose('Platform', 'Rocket.Chat');
  await ui.search().pressSequentially('giphy');
  await ui.waitForShowing(1, 20);
  await ui.page.goBack();
  await ui.page.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
  assert.equal(await ui.search().inputValue(), '');
  assert.equal((await ui.query()).platform, 'rocketchat', 'the filter chosen before the search stays');
  await ui.waitForShowing(12, 20);
});

test('the detail panel is named in the URL: Back closes it, a link opens it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.openLoadedDetails('suporte');
  assert.equal((await ui.query()).detail, 'ryze-sandbox/suporte');
  await ui.page.goBack();
  await ui.detailPanel('suporte').waitFor({ state: 'hidden' });
  assert.equal((await ui.query()).detail, undefined);

  // The panel opens as soon as its connection has loaded the item.
  const linked = await ConsolePage.open(app, { query: '?detail=ryze-sandbox%2Fvendas' });
  await linked.show('Connections');
  await linked.connection(CONNECTIONS.ryze).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await linked.detailPanel('vendas').waitFor();
  assert.equal(await linked.tab('Integrations').getAttribute('aria-selected'), 'true');
  await linked.detailPanel('vendas').getByRole('button', { name: 'Close', exact: true }).click();
  await linked.detailPanel('vendas').waitFor({ state: 'hidden' });
  assert.equal((await linked.query()).detail, undefined, 'closing drops it from the URL');
});

test('the table shows the same items with sortable columns and the same Disconnect', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.switchView('Table');
  assert.equal((await ui.query()).view, 'table');
  const table = ui.inventory().getByRole('table');
  const names = () => table.getByRole('rowheader').allInnerTexts();
  assert.equal((await names()).length, 20);
  assert.equal(await table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'), 'ascending');

  await table.getByRole('button', { name: 'Name', exact: true }).click();
  assert.equal(await table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'), 'descending');
  assert.equal((await names())[0], 'Zabbix monitoring');
  assert.equal((await ui.query()).sort, '-name');
  await table.getByRole('button', { name: 'Status', exact: true }).click();
  assert.equal(await table.getByRole('columnheader', { name: 'Status' }).getAttribute('aria-sort'), 'ascending');

  const row = table.getByRole('row').filter({ has: ui.page.getByRole('rowheader', { name: 'Sentry errors', exact: true }) });
  await row.getByRole('button', { name: 'Disconnect', exact: true }).click();
  const dialog = ui.confirmDialog('Sentry errors');
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await row.getByText('Disconnected', { exact: true }).waitFor();

  // The card view shows the same outcome.
  await ui.switchView('Cards');
  await ui.outcome('Sentry errors').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});
