// Rocket.Chat signs in with a username and password, or with a user ID and
// an auth token; a refused login shows the platform's own 401 answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { setFault, useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

const app = useApp();
const RC = CONNECTIONS.rocketchat;

test('a username and password sign Rocket.Chat in', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(RC, { Username: 'admin', Password: 'admin' });
  await ui.signedInAs(RC).waitFor();
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as admin (Rocket.Chat 8.8.1)');
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
});

test('a user ID and auth token sign Rocket.Chat in without a login, checked and named by /api/v1/me', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  await ui.useTokenPath(RC);
  const panel = ui.connection(RC);
  assert.equal(await panel.getByLabel('Username', { exact: true }).count(), 0, 'the password form is replaced');
  await ui.signIn(RC, { 'User ID': CREDENTIALS.rocketChatUserId, 'Auth token': CREDENTIALS.rocketChatAuthToken });
  await ui.signedInAs(RC).waitFor();
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as admin (Rocket.Chat 8.8.1)');
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
});

test('a wrong password shows Rocket.Chat\'s 401 and keeps the form', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(401, '/rocketchat/api/v1/login');
  await ui.signIn(RC, { Username: 'admin', Password: 'not-the-password' });
  const alert = ui.connection(RC).getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /^Not signed in \(HTTP 401\): the credentials are missing, wrong or expired\.$/m);
  assert.match(text, /^Platform message: unauthorized$/m);
  assert.match(text, /^Sign in again on the Connections view\.$/m);
  assert.equal(await ui.signedInAs(RC).count(), 0);
  await ui.connection(RC).getByRole('button', { name: 'Connect', exact: true }).waitFor();
});

test('a 2FA account is asked for its Code, and the code signs it in', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(401, '/rocketchat/api/v1/login');
  const panel = ui.connection(RC);
  await ui.signIn(RC, { Username: 'twofactor', Password: 'twofactor' });
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^Platform message: TOTP Required \[totp-required\]$/m);
  assert.match(await alert.innerText(), /^Error type: totp-required$/m);
  const code = panel.getByLabel('Code', { exact: true });
  await code.fill('000000');
  await panel.getByRole('button', { name: 'Connect', exact: true }).click();
  await panel.getByRole('alert').filter({ hasText: 'totp-invalid' }).waitFor();
  assert.equal(await ui.signedInAs(RC).count(), 0, 'a wrong code does not sign in');
  await code.fill('123456');
  await panel.getByRole('button', { name: 'Connect', exact: true }).click();
  await ui.signedInAs(RC).waitFor();
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as twofactor (Rocket.Chat 8.8.1)');
});

test('a server whose /api/info fails still signs in; only its version goes unsaid', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await setFault({ platform: 'rocketchat', route: '/api/info', kind: 'html5xx' });
  ui.allowFailedLoad(502, '/rocketchat/api/info');
  await ui.signIn(RC, { Username: 'admin', Password: 'admin' });
  await ui.signedInAs(RC).waitFor();
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as admin (Rocket.Chat, version not told)');
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
});

test('a wrong auth token is refused at sign-in, not shown as signed in', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  await ui.useTokenPath(RC);
  ui.allowFailedLoad(401, '/rocketchat/api/v1/me');
  await ui.signIn(RC, { 'User ID': CREDENTIALS.rocketChatUserId, 'Auth token': 'not-the-token' });
  await ui.connection(RC).getByRole('alert')
    .getByText('Not signed in (HTTP 401): the credentials are missing, wrong or expired.', { exact: true }).waitFor();
  assert.equal(await ui.signedInAs(RC).count(), 0);
});
