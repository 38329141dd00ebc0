// Two answers the contracts leave UNCONFIRMED, each served by a sandbox variant:
// - Altegio answering a repeated uninstall with 200 again (`altegio-repeat-uninstall=200`):
//   a card uninstalled elsewhere then reads "Disconnected", never a failure;
// - RyzeAPI not exposing Retry-After and X-RateLimit-* to the page (`ryze-expose=none`):
//   a 429 says the wait is unknown, and a bulk run backs off by itself and still ends whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { sentWebhooks, setFault, useApp } from './support/harness.mjs';
import { altegioUninstall } from './support/platforms.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'altegio-repeat-uninstall=200', '--variant', 'ryze-expose=none'] });

test('Altegio: a location uninstalled elsewhere, answered 200 again, reads as disconnected', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await altegioUninstall(1053);
  const webhooks = (await sentWebhooks()).length;
  // The dialog's read of what stops finds no status for an uninstalled location.
  ui.allowFailedLoad(404, '/altegio/marketplace/salon/1053/application/1');
  await ui.disconnect('Serenity Spa');
  await ui.outcome('Serenity Spa').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.equal(await ui.failure('Serenity Spa').count(), 0, 'no alert');
  assert.equal((await sentWebhooks()).length, webhooks, 'the repeat sent no second disable webhook');
});

test('RyzeAPI: a 429 whose headers the page cannot read says the wait is unknown; a run backs off and ends whole', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'retry-after:30' });
  ui.allowFailedLoad(429, '/ryze/api/chatwoot/delete/');
  await ui.disconnect('vendas');
  await ui.failure('vendas').getByText('Rate limited (HTTP 429): the platform did not say for how long.', { exact: true }).waitFor();

  await setFault({ platform: 'ryze', route: '/api/chatwoot/delete/:instance', kind: 'retry-after:30' });
  for (const name of ['vendas', 'financeiro']) await ui.selectBox(name).check();
  await ui.startBulk(2);
  await ui.waitForBulkState('finished');
  const counts = await ui.bulkCounts();
  assert.equal(counts.removed, 2, JSON.stringify(counts));
  assert.ok(Number((await ui.bulkPanel().getByText(/^Rate-limit answers \(429\) so far: \d+/).innerText()).match(/so far: (\d+)/)[1]) >= 1,
    'the run met the 429 and went on');
});
