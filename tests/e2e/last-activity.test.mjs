// Last activity on each card and in the table: Rocket.Chat outgoing webhooks
// read their newest run from integrations.history (once each, when shown or
// when the view sorts or filters by it), the other platforms say what they
// keep. Sorting by it and `idle=N` use it; the history's webhook tokens never
// reach the page. The sandbox's Rocket.Chat limiter is on for admins here, so
// every read counts against the route's limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_URL, sandboxRequest, useApp } from './support/harness.mjs';
import { ConsolePage, SecretWatch } from './support/console-page.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'rc-bypass=off'] });

const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d';
const RAN = (outcome) => new RegExp(`^last run · ${TIME} UTC · ${outcome}$`);
const STATUS_CHANGE = new RegExp(`^last status change · ${TIME} \\(time zone not stated\\)$`);
const OUTGOING = ['CRM sync', 'Giphy bot', 'Helpdesk bridge', 'Standup reminder', 'Testing via REST API', 'Translate bot'];
const ALTEGIO = ['Barber Bros', 'La Visage', 'Nail Studio Luna', 'Serenity Spa'];

/** Waits until a locator's text matches `pattern`, then returns it. */
async function waitForText(locator, pattern) {
  await locator.filter({ hasText: pattern }).waitFor();
  return locator.innerText();
}

test('each card says its last activity as its platform keeps it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const secrets = new SecretWatch(ui.page);
  await ui.signInAllWithDemo();

  await waitForText(ui.lastActivity('Giphy bot'), RAN('succeeded'));
  await waitForText(ui.lastActivity('Helpdesk bridge'), RAN('succeeded'));
  await waitForText(ui.lastActivity('Translate bot'), RAN('failed'));
  await waitForText(ui.lastActivity('CRM sync'), /^none recorded$/);
  assert.equal(await ui.lastActivity('GitHub pushes').innerText(), 'not recorded by Rocket.Chat');
  assert.equal(await ui.lastActivity('suporte').innerText(), 'not reported by RyzeAPI');
  await waitForText(ui.lastActivity('La Visage'), STATUS_CHANGE);

  // The panel shows what the card read, without reading it again.
  const panel = await ui.openDetails('Translate bot');
  await panel.getByText(RAN('failed')).waitFor();
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  // One read per outgoing webhook, of its newest run alone; none for incoming ones.
  const reads = (await ui.activity()).filter(({ request }) => request.includes('/integrations.history?'));
  assert.equal(reads.length, OUTGOING.length, reads.map(({ request }) => request).join('\n'));
  for (const { request, status, outcome } of reads) {
    assert.match(request, new RegExp(`^GET ${API_URL}/rocketchat/api/v1/integrations\\.history\\?id=\\w+&count=1&sort=%7B%22_updatedAt%22%3A-1%7D$`));
    assert.deepEqual([status, outcome], ['200', 'OK']);
  }
  await ui.assertShowsNone(await secrets.all());
});

test('the table has a Last activity column, and sorting by it puts unknowns last', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { query: '?view=table' });
  const table = ui.inventory().getByRole('table');
  const header = table.getByRole('columnheader', { name: 'Last activity' });
  assert.equal(await header.getAttribute('aria-sort'), 'none');
  const cell = (name) => table.getByRole('row').filter({ has: ui.page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').nth(5);
  await waitForText(cell('Standup reminder'), RAN('succeeded'));
  await waitForText(cell('Translate bot'), RAN('failed'));
  assert.equal(await cell('Website contact form').innerText(), 'not recorded by Rocket.Chat');
  await waitForText(cell('Serenity Spa'), STATUS_CHANGE);

  await ui.choose('Sort', 'Last activity, newest first');
  assert.equal((await ui.query()).sort, '-activity');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  await table.getByText('reading…').first().waitFor({ state: 'detached' });
  const names = await table.getByRole('rowheader').allInnerTexts();
  // Both busy bots ran within three hours, in either order; then days, months, and the
  // Altegio locations' status changes of 2025; then everything without a known time, by name.
  assert.deepEqual(names.slice(0, 2).sort(), ['Giphy bot', 'Helpdesk bridge']);
  assert.deepEqual(names.slice(2, 4), ['Translate bot', 'Standup reminder']);
  assert.deepEqual(names.slice(4, 8).sort(), ALTEGIO);
  assert.deepEqual(names.slice(8), [
    'CRM sync', 'financeiro', 'GitHub pushes', 'Grafana alerts', 'Jira issue updates', 'marketing',
    'Sentry errors', 'suporte', 'Testing via REST API', 'vendas', 'Website contact form', 'Zabbix monitoring',
  ]);

  // The column's own header sorts the other way first: oldest first, unknowns still last.
  await table.getByRole('button', { name: 'Last activity', exact: true }).click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const oldestFirst = await table.getByRole('rowheader').allInnerTexts();
  assert.deepEqual(oldestFirst.slice(4, 6), ['Standup reminder', 'Translate bot']);
  assert.equal(oldestFirst[8], 'CRM sync');
});

test('idle=30 in the URL shows only what is known to have been idle that long', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app, { query: '?idle=30' });
  const secrets = new SecretWatch(ui.page);
  await ui.signInAllWithDemo();
  assert.equal(await ui.idleFilter().inputValue(), '30');
  // Every outgoing webhook is read, not only those on screen; until then the unread are left out.
  await ui.waitForShowing(5, 20);
  assert.deepEqual((await ui.cardNames()).sort(), ['Standup reminder', ...ALTEGIO].sort());
  assert.match(await ui.lastActivity('Standup reminder').innerText(), RAN('succeeded'));

  // Not idle for 200 days: Standup reminder ran 120 days ago, the locations changed in 2025.
  await ui.idleFilter().fill('200');
  assert.equal((await ui.query()).idle, '200');
  const left = (await ui.cardNames()).filter((name) => !ALTEGIO.includes(name));
  assert.deepEqual(left, [], 'no Rocket.Chat webhook is idle for 200 days');

  await ui.idleFilter().fill('');
  await ui.waitForShowing(20, 20);
  assert.equal((await ui.query()).idle, undefined, 'an empty filter leaves the URL');
  await ui.assertShowsNone(await secrets.all());
  const stats = await sandboxRequest('GET', '/__sandbox/stats');
  assert.equal(stats.json.rateLimited.rocketchat ?? 0, 0, 'no read met the limiter');
});
