// The receipt: after a card's action or a bulk run, Download receipt saves JSON
// and CSV with each item's platform, connection, name, id, action, time, HTTP
// status, the platform's message, who acted, and a non-secret snapshot of the
// integration as it was listed; no secret any platform sent appears in either.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ConsolePage, SecretWatch } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

async function download(ui, scope, label) {
  const [file] = await Promise.all([ui.page.waitForEvent('download'), scope.getByRole('button', { name: label, exact: true }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('a card\'s receipt names the action, the outcome, who acted, and the integration as it was', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const secrets = new SecretWatch(ui.page);
  await ui.signInAllWithDemo();
  await ui.disconnect('Giphy bot');
  await ui.outcome('Giphy bot').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  const json = await download(ui, ui.card('Giphy bot'), 'Download receipt (JSON)');
  assert.match(json.name, /^unplug-receipt-\d{8}-\d{6}\.json$/);
  const [entry, ...more] = JSON.parse(json.text);
  assert.equal(more.length, 0);
  assert.equal(entry.action, 'disconnect');
  assert.equal(entry.outcome, 'Done');
  assert.equal(entry.httpStatus, 200);
  assert.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(entry.actedAs, /^Rocket\.Chat \(sandbox\) · admin \(Rocket\.Chat /);
  assert.equal(entry.connectionId, 'rc-sandbox');
  assert.equal(entry.snapshot.platform, 'Rocket.Chat');
  assert.equal(entry.snapshot.name, 'Giphy bot');
  assert.equal(entry.snapshot.id, 'W4n6tfgvxNPpQibhw');
  assert.equal(entry.snapshot.kind, 'Outgoing webhook');
  assert.equal(entry.snapshot.fields['Trigger words'], '!gif');
  assert.equal(entry.snapshot.fields.Channel, '#random');
  const csv = await download(ui, ui.card('Giphy bot'), 'Download receipt (CSV)');
  const [header, line] = csv.text.trim().split('\r\n');
  assert.equal(header, 'time,action,outcome,httpStatus,message,actedAs,connectionId,platform,connection,id,name,kind,status,statusWord,createdBy,createdAt,details');
  assert.match(line, /,disconnect,Done,200,,.*,rc-sandbox,Rocket\.Chat,Rocket\.Chat \(sandbox\),W4n6tfgvxNPpQibhw,Giphy bot,/);
  for (const secret of await secrets.all()) {
    assert.ok(!json.text.includes(secret) && !csv.text.includes(secret), `the receipt holds ${secret}`);
  }
});

test('a run\'s receipt lists each item, failures with the platform\'s message, and each connection\'s sign-in', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.page.route('**/ryze/api/chatwoot/delete/vendas', (route) => route.fulfill({
    status: 500, contentType: 'application/json', body: '{"success":false,"error":{"message":"bridge unreachable"}}',
  }));
  ui.allowFailedLoad(500, '/ryze/api/chatwoot/delete/vendas');
  for (const name of ['vendas', 'financeiro', 'La Visage']) await ui.selectBox(name).check();
  await ui.startBulk(3);
  await ui.waitForBulkState('finished');
  const { text } = await download(ui, ui.bulkPanel(), 'Download receipt (JSON)');
  const entries = JSON.parse(text);
  assert.deepEqual(entries.map((entry) => entry.snapshot.name).sort(), ['La Visage', 'financeiro', 'vendas']);
  const failed = entries.filter((entry) => entry.httpStatus === 500);
  assert.equal(failed.length, 1, 'the fault failed one removal');
  assert.ok(failed[0].outcome.startsWith('The platform'), failed[0].outcome);
  assert.equal(failed[0].message, 'bridge unreachable', 'with the platform\'s own message');
  assert.equal(failed[0].snapshot.name, 'vendas');
  const ryze = entries.find((entry) => entry.connectionId === 'ryze-sandbox');
  assert.equal(ryze.actedAs, 'RyzeAPI (sandbox) · an account token (every instance)');
  const altegio = entries.find((entry) => entry.connectionId === 'altegio-sandbox');
  assert.equal(altegio.actedAs, 'Altegio (sandbox) · Application 1');
  assert.equal(altegio.snapshot.id, '1050');
});
