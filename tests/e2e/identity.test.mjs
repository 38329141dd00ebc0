// Who acts may not change under a list: what one sign-in listed is never
// removed under another. A bulk run pauses once when its connection is
// signed in as someone else, and Resume then refuses the rest without
// sending anything; a list that ends after a sign-out puts nothing back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { setFault, useApp } from './support/harness.mjs';
import { rocketChatList } from './support/platforms.mjs';

const app = useApp();
const RC = CONNECTIONS.rocketchat;
const NAMES = ['Sentry errors', 'Zabbix monitoring', 'Giphy bot'];

test('a run whose connection is signed in as another user pauses, then refuses what the first listed', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { rateLimits: { rocketchat: { requests: 1, perMs: 2_500 } } });
  const ids = Object.fromEntries((await rocketChatList()).integrations.map(({ _id, name }) => [name, _id]));
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.remove');
  for (const name of NAMES) await ui.selectBox(name).check();
  await ui.startBulk(NAMES.length);

  await ui.signOut(RC);
  await ui.signIn(RC, { Username: 'manager', Password: 'manager' });
  await ui.signedInAs(RC).waitFor();
  await ui.show('Integrations');
  const alert = ui.bulkPanel().getByRole('alert');
  const changed = alert.getByText(/is now signed in as someone else than the sign-in that listed these integrations/);
  // Sent between the sign-out and the sign-in, a removal met no session (401) and paused the run for it.
  await alert.waitFor();
  if (await changed.count() === 0) {
    await ui.bulkPanel().getByRole('button', { name: 'Resume', exact: true }).click();
  }
  await changed.waitFor();
  await ui.waitForBulkState('paused');

  await ui.bulkPanel().getByRole('button', { name: 'Resume', exact: true }).click();
  await ui.waitForBulkState('finished');
  const end = await ui.bulkCounts();
  assert.ok(end.failed >= 1, JSON.stringify(end));
  assert.equal(end.removed + end.failed, NAMES.length, JSON.stringify(end));
  await ui.bulkPanel().getByRole('group', { name: /^Failed: Not sent: the connection is now signed in as someone else/ }).waitFor();
  // What was refused is still on the platform.
  const left = new Set((await rocketChatList()).integrations.map(({ _id }) => _id));
  const kept = NAMES.filter((name) => left.has(ids[name]));
  assert.equal(kept.length, end.failed, `refused items stay: ${kept}`);
});

test('a list that ends after a sign-out puts no card back', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'rocketchat', route: '/api/v1/integrations.list', kind: 'latency:2000' });
  // Signing out logs the token out, so the slow list ends 401: an answer for nobody now.
  ui.allowFailedLoad(401, '/rocketchat/api/v1/integrations.list');
  await ui.refresh();
  await ui.signOut(RC);
  await ui.show('Integrations');
  await ui.page.waitForTimeout(3_000);
  await ui.strip(RC).getByText(/^Not connected/).waitFor();
  assert.equal(await ui.page.locator('.unplug-card[data-platform="rocketchat"]').count(), 0);
  assert.equal(await ui.strip(RC).getByRole('alert').count(), 0, 'the late 401 is not shown either');
});
