// "Use demo credentials" signs each sandbox connection in with one click and
// says who is signed in, so the run command's console works in two clicks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

test('each sandbox connection signs in with its demo credentials and says as whom', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  await ui.show('Connections');
  assert.equal(await ui.page.getByRole('button', { name: 'Use demo credentials', exact: true }).count(), 3);

  const expected = {
    [CONNECTIONS.rocketchat]: 'Signed in as admin (Rocket.Chat 8.8.1)',
    [CONNECTIONS.ryze]: 'Signed in as an account token (every instance)',
    [CONNECTIONS.altegio]: 'Signed in as Application 1',
  };
  for (const [label, who] of Object.entries(expected)) {
    await ui.signInWithDemo(label);
    assert.equal(await ui.signedInAs(label).innerText(), who);
    const panel = ui.connection(label);
    assert.equal(await panel.getByRole('button', { name: 'Connect', exact: true }).count(), 0, `${label} no longer shows its form`);
    await panel.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  }
  await ui.show('Integrations');
  await ui.waitForAllCards();
});
