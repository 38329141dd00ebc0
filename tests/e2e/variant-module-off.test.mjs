// RyzeAPI with its Chatwoot module off: every Chatwoot call answers 503
// `integration gateway not configured`, and the instance list shows no link.
// The console says so once, for the connection, with what the server's
// operator must do (never "retry later"), and the other platforms go on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { MODULE_OFF, ryzeStripSays } from './support/ryze-module.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'ryze-module=off'] });

test('the module off is one message for the connection, and the rest of the console works', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  ui.allowFailedLoad(503, '/ryze/api/chatwoot/list/');
  await ui.signInAllWithDemo({ counts: { rocketchat: 12, altegio: 4 } });
  const lines = await ryzeStripSays(ui);
  assert.deepEqual(lines.slice(0, 3), MODULE_OFF);
  assert.ok(!lines.some((line) => /retry later/i.test(line)), lines.join('\n'));
  assert.equal(await ui.cards().filter({ has: ui.page.locator('[data-platform="ryze"]') }).count(), 0);
  await ui.disconnect('La Visage');
  await ui.outcome('La Visage').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});
