// The Activity panel lists every call of the session, newest first, with its
// time, connection, request line, status and outcome, and never a secret.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage, SecretWatch } from './support/console-page.mjs';
import { API_URL, useApp } from './support/harness.mjs';
import { rocketChatRemove } from './support/platforms.mjs';

const app = useApp();

const RC = `${API_URL}/rocketchat/api`;
const RYZE = `${API_URL}/ryze/api`;
const ALTEGIO = `${API_URL}/altegio/marketplace`;

test('Activity is brought up to date when shown, not rewritten while another view is open', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Activity');
  const view = ui.page.locator('.unplug-activity');
  await view.getByText('No calls yet this session.', { exact: true }).waitFor();
  await ui.signInAllWithDemo();
  // Sign-in, lists and follow-up reads made their calls with Activity hidden: its table is as it was.
  assert.match(await view.textContent(), /No calls yet this session\./);
  assert.equal(await view.locator('tr').count(), 0);
  const rows = await ui.activity();
  assert.ok(rows.some(({ request }) => request.startsWith(`GET ${RC}/v1/integrations.list?`)), 'shown, it has the calls made meanwhile');
});

test('Activity lists every call newest first with its outcome', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const secrets = new SecretWatch(ui.page);
  await ui.show('Activity');
  await ui.page.getByText('No calls yet this session.', { exact: true }).waitFor();

  await ui.signInAllWithDemo();
  await ui.disconnect('vendas');
  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/delete/marketing');
  // Each dialog reads the record as it opens, to show what stops: gone or unreadable ones fail.
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.get');
  await ui.disconnect('marketing');
  await ui.failure('marketing').waitFor();
  await rocketChatRemove('AsHTTb7CYTfKAxXfK', 'webhook-outgoing');
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.remove');
  await ui.disconnect('CRM sync');
  await ui.outcome('CRM sync').getByText('Already disconnected', { exact: true }).waitFor();

  const rows = await ui.activity();
  // Each outgoing webhook's newest run is read once its card shows (last-activity.test.mjs),
  // whenever that falls among the calls below.
  const isHistoryRead = ({ request }) => request.startsWith(`GET ${RC}/v1/integrations.history?`);
  const reads = rows.filter(isHistoryRead);
  assert.equal(reads.length, 6, 'one read per outgoing webhook');
  assert.ok(reads.every(({ status, outcome }) => status === '200' && outcome === 'OK'));
  const all = rows.filter((row) => !isHistoryRead(row)).map(({ connection, request, status, outcome }) => [connection, request, status, outcome]);
  // The dialogs' reads of what stops, one per dialog opened; the rest is every other call.
  const isDialogRead = ([, request]) => /integrations\.get\?|chatwoot\/list\//.test(request);
  assert.deepEqual(all.filter(isDialogRead).map(([connection, request, status]) => [connection, request, status]).sort(), [
    [CONNECTIONS.rocketchat, `GET ${RC}/v1/integrations.get?integrationId=AsHTTb7CYTfKAxXfK`, '400'],
    // marketing's gateway fails only its delete: its record reads.
    [CONNECTIONS.ryze, `GET ${RYZE}/chatwoot/list/marketing`, '200'],
    [CONNECTIONS.ryze, `GET ${RYZE}/chatwoot/list/vendas`, '200'],
  ]);
  const shown = all.filter((row) => !isDialogRead(row));

  // The three disconnects, one after the other, are the newest.
  assert.deepEqual(shown.slice(0, 3), [
    [CONNECTIONS.rocketchat, `POST ${RC}/v1/integrations.remove`, '400', 'Already disconnected'],
    [CONNECTIONS.ryze, `DELETE ${RYZE}/chatwoot/delete/marketing`, '503', 'The Chatwoot module is not enabled on this RyzeAPI server (HTTP 503), so it has no Chatwoot integrations to list or remove.'],
    [CONNECTIONS.ryze, `DELETE ${RYZE}/chatwoot/delete/vendas`, '200', 'OK'],
  ]);

  // Before them, each connection's sign-in and list, newest first. Lists of
  // different connections overlap, so each connection is read on its own.
  const sign_ins = shown.slice(3);
  const of = (label) => sign_ins.filter(([connection]) => connection === label).map(([, request, status, outcome]) => {
    assert.deepEqual([status, outcome], ['200', 'OK'], request);
    return request;
  });
  const rocketChat = of(CONNECTIONS.rocketchat);
  assert.equal(rocketChat.length, 3);
  assert.match(rocketChat[0], new RegExp(`^GET ${RC}/v1/integrations\\.list\\?offset=0&count=\\d+$`));
  assert.deepEqual(rocketChat.slice(1), [`POST ${RC}/v1/login`, `GET ${RC}/info`]);

  const ryze = of(CONNECTIONS.ryze);
  assert.equal(ryze.length, 2);
  assert.equal(ryze[0], `GET ${RYZE}/instance/list`);
  assert.match(ryze[1], new RegExp(`^GET ${RYZE}/instance/list\\?`), 'the sign-in\'s check of the token');

  const altegio = of(CONNECTIONS.altegio);
  assert.equal(altegio.length, 7);
  // Statuses are read a few at a time: any order among themselves.
  assert.deepEqual(altegio.slice(0, 4).sort(), [1050, 1051, 1052, 1053].map((id) => `GET ${ALTEGIO}/salon/${id}/application/1`));
  assert.match(altegio[4], new RegExp(`^GET ${ALTEGIO}/application/1/salons\\?page=1&count=\\d+$`), 'the list');
  // Sign-in checks the token and learns whether pages count from 0 or 1: page 0, then page 1.
  assert.match(altegio[5], new RegExp(`^GET ${ALTEGIO}/application/1/salons\\?page=1&count=1$`), 'the page base, page 1');
  assert.match(altegio[6], new RegExp(`^GET ${ALTEGIO}/application/1/salons\\?page=0&count=1$`), 'the page base, page 0');

  assert.equal(sign_ins.length, 12, 'nothing else was called');

  for (const { time } of rows) assert.match(time, /^\d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
  const times = rows.map(({ time }) => time.slice(0, 8));
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

  await ui.assertShowsNone(await secrets.all());
});
