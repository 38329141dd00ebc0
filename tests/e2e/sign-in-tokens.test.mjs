// RyzeAPI signs in with an account or instance token and says which kind it
// is; Altegio signs in with a partner token. Each token is checked at sign-in:
// one the platform refuses keeps the form, with the platform's 401.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

const app = useApp();

async function signedInAs(ui, label, fields) {
  await ui.signIn(label, fields);
  await ui.signedInAs(label).waitFor();
  return ui.signedInAs(label).innerText();
}

async function refusedWith(ui, label, message) {
  const alert = ui.connection(label).getByRole('alert');
  await alert.waitFor();
  const lines = (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
  assert.deepEqual(lines.slice(0, 3), [
    'Not signed in (HTTP 401): the credentials are missing, wrong or expired.',
    `Platform message: ${message}`,
    'Sign in again on the Connections view.',
  ]);
  assert.equal(await ui.signedInAs(label).count(), 0);
  await ui.connection(label).getByRole('button', { name: 'Connect', exact: true }).waitFor();
}

test('a RyzeAPI account token is named as such and lists every Chatwoot link', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  assert.equal(await signedInAs(ui, CONNECTIONS.ryze, { Token: CREDENTIALS.ryzeAccountToken }),
    'Signed in as an account token (every instance)');
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.ryze, 4);
});

test('a RyzeAPI instance token is named for its instance and lists only it', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  assert.equal(await signedInAs(ui, CONNECTIONS.ryze, { Token: CREDENTIALS.ryzeInstanceToken }),
    'Signed in as an instance token for suporte');
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.ryze, 1);
  assert.deepEqual(await ui.cards().getByRole('heading', { level: 3 }).allInnerTexts(), ['suporte']);
});

test('an Altegio partner token signs in for the configured application', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  assert.equal(await signedInAs(ui, CONNECTIONS.altegio, { 'Partner token': CREDENTIALS.altegioPartnerToken }),
    'Signed in as Application 1');
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.altegio, 4);
});

test('a RyzeAPI token the platform refuses keeps the form with its 401', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(401, '/ryze/api/instance/list');
  await ui.signIn(CONNECTIONS.ryze, { Token: 'not-a-ryze-token' });
  await refusedWith(ui, CONNECTIONS.ryze, 'Invalid token');
});

test('an Altegio partner token the platform refuses keeps the form with its 401', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(401, '/altegio/marketplace/application/1/salons');
  await ui.signIn(CONNECTIONS.altegio, { 'Partner token': 'not-a-partner-token' });
  await refusedWith(ui, CONNECTIONS.altegio, 'Authentication needed.');
});
