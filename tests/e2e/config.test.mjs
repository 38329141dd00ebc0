// config.json is read at run time from beside index.html: a changed file
// changes the console without a rebuild, and a missing or invalid one gets a
// page that says what is wrong instead of a blank screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { APP_URL, useApp } from './support/harness.mjs';

const app = useApp();

/** Serves `body` (a string) as config.json with `status`, for this page only. */
async function serveConfig(page, status, body) {
  await page.route('**/config.json', (route) => route.fulfill({ status, contentType: 'application/json', body }));
}

async function startupAlert(page) {
  await page.goto(APP_URL);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'Unplug cannot start', exact: true }).waitFor();
  return (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

test('the connections come from the config.json served at run time', { timeout: 60_000 }, async () => {
  const { page } = app;
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.connections = json.connections.filter((each) => each.platform === 'ryze').map((each) => ({ ...each, label: 'Ryze, renamed' }));
    await route.fulfill({ response, json });
  });
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  assert.deepEqual(await ui.page.getByRole('region', { name: 'Connections', exact: true }).getByRole('heading', { level: 3 }).allInnerTexts(), ['Ryze, renamed']);
  await ui.signInWithDemo('Ryze, renamed');
  await ui.show('Integrations');
  await ui.waitForLoaded('Ryze, renamed', 4);
});

test('a missing config.json is named on the page', { timeout: 60_000 }, async () => {
  app.browser.allowErrors(/Failed to load resource: the server responded with a status of 404 .*\/config\.json/);
  await serveConfig(app.page, 404, 'not found');
  assert.deepEqual(await startupAlert(app.page), [
    'Unplug cannot start',
    'config.json could not be loaded: HTTP 404 for config.json',
    'Fix config.json beside index.html (see the README\'s Deploy section) and reload.',
  ]);
});

test('an invalid config.json names the rule it breaks', { timeout: 60_000 }, async () => {
  await serveConfig(app.page, 200, JSON.stringify({
    connections: [{ id: 'a', platform: 'altegio', label: 'A', baseUrl: 'http://127.0.0.1:1/altegio' }],
  }));
  const lines = await startupAlert(app.page);
  assert.equal(lines[1], 'config.json is not valid: Altegio connection "a" needs "applicationId"');
});
