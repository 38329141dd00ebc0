// Export: what the filter shows, as CSV and JSON files, with secrets masked.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { useApp } from './support/harness.mjs';
import { ConsolePage } from './support/console-page.mjs';

const app = useApp();

async function download(ui, button) {
  const [file] = await Promise.all([
    ui.page.waitForEvent('download'),
    ui.inventory().getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('Export CSV holds a header and one row per shown integration', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.choose('Platform', 'RyzeAPI');
  await ui.waitForShowing(4, 20);
  const { name, text } = await download(ui, 'Export CSV');
  assert.match(name, /^unplug-integrations-\d{8}-\d{6}\.csv$/);
  const lines = text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'platform,connection,id,name,kind,status,statusWord,createdBy,createdAt,details');
  assert.equal(lines.length, 5, 'the header and the four RyzeAPI instances');
  assert.ok(lines.slice(1).every((line) => line.startsWith('RyzeAPI,RyzeAPI (sandbox),')), text);
  assert.ok(lines.some((line) => line.includes(',vendas,Chatwoot on instance,Paused,paused,')), text);
});

test('Export JSON carries each item\'s fields and never a token', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.searchFor('webhook');
  const { shown } = await ui.showing();
  const { name, text } = await download(ui, 'Export JSON');
  assert.match(name, /\.json$/);
  const items = JSON.parse(text);
  assert.equal(items.length, shown);
  const helpdesk = items.find((item) => item.name === 'Helpdesk bridge');
  assert.equal(helpdesk.platform, 'Rocket.Chat');
  assert.equal(helpdesk.kind, 'Outgoing webhook');
  assert.equal(helpdesk.fields['Integration id'], helpdesk.id);
  for (const secret of ['sandbox-admin-auth-token', 'sandbox-account-token', 'sandbox-partner-token']) {
    assert.ok(!text.includes(secret), `the export holds ${secret}`);
  }
});

test('Activity exports every call as JSON and CSV, newest last, without secrets', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await ui.disconnect('vendas');
  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  const shown = await ui.activity();
  const activity = ui.page.getByRole('region', { name: 'Activity', exact: true });
  const save = async (button) => {
    const [file] = await Promise.all([ui.page.waitForEvent('download'), activity.getByRole('button', { name: button, exact: true }).click()]);
    return readFile(await file.path(), 'utf8');
  };
  const records = JSON.parse(await save('Export JSON'));
  assert.equal(records.length, shown.length);
  const last = records.at(-1);
  assert.match(last.request, /^DELETE http:\/\/127\.0\.0\.1:\d+\/ryze\/api\/chatwoot\/delete\/vendas$/);
  assert.deepEqual([last.connection, last.status, last.outcome], ['RyzeAPI (sandbox)', 200, 'OK']);
  assert.match(last.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const csv = (await save('Export CSV')).trimEnd().split('\r\n');
  assert.equal(csv[0], 'time,connection,request,status,outcome');
  assert.equal(csv.length, records.length + 1);
  const text = JSON.stringify(records) + csv.join('\n');
  for (const secret of ['sandbox-admin-auth-token', 'sandbox-account-token', 'sandbox-partner-token']) {
    assert.ok(!text.includes(secret), `the export holds ${secret}`);
  }
});
