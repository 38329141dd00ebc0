// Secrets a platform might send that no list of names foresaw: unusual key
// spellings, and secrets inside URLs (user info, query and fragment
// parameters, and the path shapes of Rocket.Chat, Slack and Discord hooks).
// The Rocket.Chat answers are rewritten in the browser to carry them; none
// may reach the page's text, the detail panel, Activity, an export, the
// tab's storage or the host's events, and the search still finds the card.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { APP_PORT, APP_URL, useApp } from './support/harness.mjs';

/** A portal on an origin of its own that mounts Unplug by script and keeps every event it hears. */
const PORTAL_PORT = APP_PORT + 12;
const PORTAL = `http://127.0.0.1:${PORTAL_PORT}`;
const PORTAL_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head><body>
<main id="unplug"></main>
<script>
  window.heard = [];
  addEventListener('message', (event) => { if (event.data?.type === 'unplug:event') window.heard.push(event.data); });
</script>
<script src="${APP_URL}unplug.js"></script>
<script>Unplug.mount(document.getElementById('unplug'));</script>
</body></html>`;

const app = useApp({
  sandboxArgs: [
    '--allowed-origins', `${new URL(APP_URL).origin},${PORTAL}`,
    '--app-header', `Access-Control-Allow-Origin: ${PORTAL}`,
  ],
});
const portal = http.createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html' });
  response.end(PORTAL_PAGE);
});
before(() => new Promise((resolve, reject) => portal.once('error', reject).listen(PORTAL_PORT, '127.0.0.1', resolve)));
after(() => new Promise((resolve) => portal.close(resolve)));

const PLANTED = Array.from({ length: 12 }, (_, index) => `PLANTED-SECRET-${index + 1}x`);
const [S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12] = PLANTED;

/** The first integration of a Rocket.Chat answer, with secrets planted under odd keys and in URLs. */
function plant(integration) {
  return {
    ...integration,
    chatwootApiToken: S1,
    access_token: S2,
    Token: S3,
    'x-api-key': S4,
    client_secret: S5,
    urls: [
      `https://robot:${S6}@hooks.example.com/notify?access_token=${S7}&page=2#token=${S8}`,
      `https://chat.example.com/hooks/AbC123/${S9}`,
      `https://hooks.slack.com/services/T000/B000/${S10}`,
      `https://discord.com/api/webhooks/1234/${S11}`,
      `https://hooks.example.com/?sig=${S12}`,
    ],
  };
}

async function download(ui, region, button) {
  const [file] = await Promise.all([ui.page.waitForEvent('download'), region.getByRole('button', { name: button, exact: true }).click()]);
  return readFile(await file.path(), 'utf8');
}

/** Rewrites the Rocket.Chat list and record answers `page` receives to carry the planted secrets. */
async function plantInAnswers(page) {
  await page.route('**/rocketchat/api/v1/integrations.list*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.integrations = body.integrations.map((each) => (each.name === 'Helpdesk bridge' ? plant(each) : each));
    await route.fulfill({ response, json: body });
  });
  await page.route('**/rocketchat/api/v1/integrations.get*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, integration: plant(body.integration) } });
  });
}

test('secrets under unusual keys and inside URLs never show, in any view or file', { timeout: 60_000 }, async () => {
  await plantInAnswers(app.page);
  const ui = await ConsolePage.open(app);
  await ui.signInAllWithDemo({ remember: true });

  await ui.card('Helpdesk bridge').getByText(/hooks\.example\.com/).first().waitFor();
  await ui.search().fill('slack');
  await ui.waitForShowing(1, 20);
  await ui.search().fill('');
  const panel = await ui.openLoadedDetails('Helpdesk bridge');
  assert.match(await panel.innerText(), /discord\.com\/api\/webhooks\/1234\//, 'the URL stays readable');
  // The card shows only the first URL's host; the panel shows the list's URLs, checked below.
  const listed = await ui.listedRows(panel);
  assert.equal(listed['Target host'], 'hooks.example.com');
  assert.ok(listed.URLs.startsWith('https://••••••@hooks.example.com/notify?'), listed.URLs);
  await ui.assertShowsNone(PLANTED);
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  const files = [
    await download(ui, ui.inventory(), 'Export JSON'),
    await download(ui, ui.inventory(), 'Export CSV'),
  ];
  await ui.show('Activity');
  const activity = ui.page.getByRole('tabpanel', { name: 'Activity', exact: true });
  files.push(await download(ui, activity, 'Export JSON'), await download(ui, activity, 'Export CSV'));
  const storage = await ui.page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  for (const secret of PLANTED) {
    files.forEach((text, index) => assert.ok(!text.includes(secret), `file ${index} holds ${secret}`));
    assert.ok(!storage.includes(secret), `sessionStorage holds ${secret}`);
  }
  assert.ok(files[0].includes('hooks.example.com'), 'the export keeps the URLs, masked');
  assert.ok(storage.includes('unplug.session.'), 'the remembered sessions are there');
});

test('the host hears of a disconnect of that card by ids only, never a planted secret', { timeout: 60_000 }, async () => {
  const { page } = app;
  await plantInAnswers(page);
  await page.route(`${APP_URL}config.json`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), embed: { allowedOrigins: [PORTAL] } } });
  });
  await page.goto(`${PORTAL}/`);
  const ui = new ConsolePage(app);
  await ui.show('Connections');
  await ui.connection(CONNECTIONS.rocketchat).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await ui.show('Integrations');
  await ui.card('Helpdesk bridge').getByText(/hooks\.example\.com/).first().waitFor();
  await ui.disconnect('Helpdesk bridge');
  await page.waitForFunction(() => window.heard.length > 0);
  const heard = await page.evaluate(() => window.heard);
  assert.deepEqual(heard.map((event) => Object.keys(event).sort()), [['connection', 'event', 'id', 'platform', 'type']]);
  assert.equal(heard[0].event, 'integration.disconnected');
  const text = JSON.stringify(heard);
  for (const secret of PLANTED) assert.ok(!text.includes(secret), `a host event holds ${secret}`);
  await ui.assertShowsNone(PLANTED);
});
