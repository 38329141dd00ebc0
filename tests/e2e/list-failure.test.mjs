// One platform failing or slow to list shows its own error (with Retry) or
// its own "Loading…" on its status strip, and the other platforms' cards stay
// usable. A list cut short is an error, never shown as complete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { setFault, useApp } from './support/harness.mjs';

const app = useApp();

async function summary(alert) {
  await alert.waitFor();
  return (await alert.innerText()).split('\n')[0].trim();
}

test('a failed list is its own connection\'s error, with Retry, and the rest stays usable', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'ryze', route: '/api/instance/list', kind: 'html5xx' });
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.list', kind: 'truncated' });
  ui.allowFailedLoad(502, '/ryze/api/instance/list');
  await ui.refresh();

  const ryze = ui.strip(CONNECTIONS.ryze);
  assert.equal(await summary(ryze.getByRole('alert')),
    'HTTP 502 with a text/html body instead of JSON, probably an error page from a proxy or gateway.');
  const rocketChat = ui.strip(CONNECTIONS.rocketchat);
  assert.equal(await summary(rocketChat.getByRole('alert')),
    'HTTP 200, but the JSON body stops before its end (cut off in transit).');
  assert.equal(await ui.card('Helpdesk bridge').count(), 0, 'no card from a list that was cut');

  await ui.waitForLoaded(CONNECTIONS.altegio, 4);
  await ui.disconnect('Nail Studio Luna');
  await ui.outcome('Nail Studio Luna').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();

  await ryze.getByRole('button', { name: 'Retry', exact: true }).click();
  await ui.waitForLoaded(CONNECTIONS.ryze, 4);
  await rocketChat.getByRole('button', { name: 'Retry', exact: true }).click();
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 12);
  assert.equal(await ui.strip(CONNECTIONS.ryze).getByRole('alert').count(), 0);
  assert.equal(await ui.card('Nail Studio Luna').getByText('Disconnected', { exact: true }).count(), 1, 'the outcome is kept');
});

test('a slow list shows its own loading while the other cards work', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'altegio', route: '/marketplace/application/:app/salons', kind: 'latency:2000' });
  await ui.refresh();

  await ui.strip(CONNECTIONS.altegio).getByRole('status').filter({ hasText: /^Loading…$/ }).waitFor();
  assert.equal(await ui.inventory().locator('.unplug-results').getAttribute('aria-busy'), 'true');
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 12);
  await ui.disconnect('CRM sync');
  await ui.outcome('CRM sync').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.equal(await ui.strip(CONNECTIONS.altegio).getByRole('status').innerText(), 'Loading…', 'Altegio is still on its way');

  await ui.waitForLoaded(CONNECTIONS.altegio, 4);
  assert.equal(await ui.inventory().locator('.unplug-results').getAttribute('aria-busy'), 'false');
});
