// Secrets a platform might send that no list of names foresaw: unusual key
// spellings, and secrets inside URLs (user info, query and fragment
// parameters, and the path shapes of Rocket.Chat, Slack and Discord hooks).
// The Rocket.Chat answers are rewritten in the browser to carry them; none
// may reach the page's text, the detail panel, Activity, an export, the
// tab's storage or the host's events, and the search still finds the card.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { heard, openPortal, usePortal } from './support/portal.mjs';

const app = useApp({ sandboxArgs: usePortal() });

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
  await ui.searchFor('slack');
  await ui.waitForShowing(1, 20);
  await ui.searchFor('');
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
  await openPortal(page);
  const ui = new ConsolePage(app);
  await ui.show('Connections');
  await ui.connection(CONNECTIONS.rocketchat).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await ui.show('Integrations');
  await ui.card('Helpdesk bridge').getByText(/hooks\.example\.com/).first().waitFor();
  await ui.disconnect('Helpdesk bridge');
  await page.waitForFunction(() => window.heard.length > 0);
  const events = await heard(page);
  assert.deepEqual(events.map((event) => Object.keys(event).sort()), [['connection', 'event', 'id', 'platform', 'type']]);
  assert.equal(events[0].event, 'integration.disconnected');
  const text = JSON.stringify(events);
  for (const secret of PLANTED) assert.ok(!text.includes(secret), `a host event holds ${secret}`);
  await ui.assertShowsNone(PLANTED);
});
