// Against a Rocket.Chat from before 8.0 (the sandbox's `--rc-version 7`):
// the version is read from /api/info, and the older error bodies are read
// with their own words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp({ sandboxArgs: ['--rc-version', '7'] });
const RC = CONNECTIONS.rocketchat;

async function lines(locator) {
  await locator.waitFor();
  return (await locator.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

test('a 7.x server signs in, lists and disconnects', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signInWithDemo(RC);
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as admin (Rocket.Chat 7.13.1)');
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 12);
  await ui.disconnect('Zabbix monitoring');
  await ui.outcome('Zabbix monitoring').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});

test('7.x refusals read in their own words', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(401, '/rocketchat/api/v1/login');
  await ui.signIn(RC, { Username: 'admin', Password: 'wrong' });
  assert.deepEqual((await lines(ui.connection(RC).getByRole('alert'))).slice(0, 2), [
    'Not signed in (HTTP 401): the credentials are missing, wrong or expired.',
    'Platform message: Unauthorized',
  ]);

  ui.allowFailedLoad(403, '/rocketchat/api/v1/integrations.list');
  await ui.signIn(RC, { Username: 'viewer', Password: 'viewer' });
  await ui.signedInAs(RC).waitFor();
  await ui.show('Integrations');
  assert.deepEqual((await lines(ui.strip(RC).getByRole('alert'))).slice(0, 2), [
    'The platform refused the request (HTTP 403).',
    'Platform message: User does not have the permissions required for this action [error-unauthorized]',
  ]);
});
