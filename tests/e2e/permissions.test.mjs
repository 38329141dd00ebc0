// Permission-limited Rocket.Chat users: the manager sees and removes only its
// own webhooks; the viewer's 403 is shown on its connection's strip.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();
const RC = CONNECTIONS.rocketchat;

test('the manager sees only its own two webhooks and removes one', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.signIn(RC, { Username: 'manager', Password: 'manager' });
  await ui.signedInAs(RC).waitFor();
  assert.equal(await ui.signedInAs(RC).innerText(), 'Signed in as manager (Rocket.Chat 8.8.1)');
  await ui.show('Integrations');
  await ui.waitForLoaded(RC, 2);
  assert.deepEqual(await ui.cards().getByRole('heading', { level: 3 }).allInnerTexts(), ['Grafana alerts', 'Standup reminder'], 'sorted by name');
  await ui.disconnect('Grafana alerts');
  await ui.outcome('Grafana alerts').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});

test('the viewer\'s 403 on the list is its connection\'s own error, with Retry', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(403, '/rocketchat/api/v1/integrations.list');
  await ui.signIn(RC, { Username: 'viewer', Password: 'viewer' });
  await ui.signedInAs(RC).waitFor();
  await ui.show('Integrations');
  const strip = ui.strip(RC);
  const alert = strip.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /^The platform refused the request \(HTTP 403\)\.$/m);
  assert.match(text, /^Platform message: User does not have the permissions required for this action \[error-forbidden\]$/m);
  assert.match(text, /^The signed-in account lacks the permission; use an account that has it\.$/m);
  const again = ui.page.waitForResponse((response) => response.url().includes('/rocketchat/api/v1/integrations.list')
    && response.request().method() === 'GET');
  await strip.getByRole('button', { name: 'Retry', exact: true }).click();
  assert.equal((await again).status(), 403);
  await alert.getByText('The platform refused the request (HTTP 403).', { exact: true }).waitFor();
  assert.equal(await ui.cards().count(), 0);
});
