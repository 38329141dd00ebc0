// RyzeAPI with its Chatwoot module off and no Chatwoot summary in the list:
// every instance gets a card whose status is not read yet, the first read
// answers 503, and the connection shows the one module-off message instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { MODULE_OFF, ryzeStripSays } from './support/ryze-module.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'ryze-module=off', '--variant', 'ryze-summary=none'] });

test('the first status read meets the module off, and the connection says so', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/list/');
  await ui.signInAllWithDemo({ counts: { rocketchat: 12, altegio: 4 } });
  assert.deepEqual((await ryzeStripSays(ui)).slice(0, 3), MODULE_OFF);
  await ui.page.locator('.unplug-card[data-platform="ryze"]').first().waitFor({ state: 'detached' });
  assert.equal(await ui.strip(CONNECTIONS.ryze).getByRole('button', { name: 'Retry', exact: true }).count(), 1);
});
