// When a platform refuses the console's origin (CORS), the browser cannot
// tell that from a server that is down, so one message names both causes and
// both remedies. This file's sandbox allows only another origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { API_URL, useApp } from './support/harness.mjs';

const app = useApp({ sandboxArgs: ['--allowed-origins', 'http://elsewhere.example'] });

const SUMMARY = `No readable answer from ${API_URL}: the server may be down or the connection dropped, `
  + `or the browser refused the answer because ${API_URL} does not allow this page's origin (CORS).`;
const NEXT = 'Check that the server is up and that its CORS setting allows this page\'s origin '
  + '(Rocket.Chat: API_Enable_CORS and API_CORS_Origin; RyzeAPI: the account\'s authorised origins), '
  + 'or point the connection\'s baseUrl at a same-origin reverse proxy.';

async function assertRefused(alert) {
  await alert.waitFor();
  const lines = (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  assert.deepEqual(lines.slice(0, 2), [SUMMARY, NEXT]);
}

test('a refused origin names CORS and an unreachable server, on each platform', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const escaped = API_URL.replace(/[.]/g, '\\.');
  app.browser.allowErrors(new RegExp(`Access to fetch at '${escaped}/(rocketchat|ryze|altegio)/.*' has been blocked by CORS policy`));
  app.browser.allowErrors(new RegExp(`Failed to load resource: net::ERR_FAILED \\(${escaped}/(rocketchat|ryze|altegio)/`));

  // Each sign-in's first call fails, so each form says why.
  await ui.show('Connections');
  for (const label of Object.values(CONNECTIONS)) {
    await ui.connection(label).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
    await assertRefused(ui.connection(label).getByRole('alert'));
    assert.equal(await ui.signedInAs(label).count(), 0);
  }
  await ui.show('Integrations');
  assert.equal(await ui.cards().count(), 0);
});
