// Servers that ignore paging (`paging=ignored`): Rocket.Chat answers every
// page from offset 0, Altegio every page as the first. With 300 integrations
// on each, a naive client would loop or fill the list with copies; the
// console stops at the first page that brings nothing new, keeps each item
// once, and says how much it could list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp({ sandboxArgs: ['--variant', 'paging=ignored', '--integrations', '900'] });

test('a repeated page ends the list, without copies, and the strip says so', { timeout: 90_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { counts: { rocketchat: 100, ryze: 300, altegio: 200 } });
  await ui.strip(CONNECTIONS.rocketchat)
    .getByText('The server ignored paging and answered every page alike: 100 of 300 are shown.', { exact: true })
    .waitFor();
  await ui.strip(CONNECTIONS.altegio)
    .getByText('The server ignored paging and answered every page alike: the 200 it gave are shown, and there may be more.', { exact: true })
    .waitFor();
  assert.equal(await ui.strip(CONNECTIONS.ryze).getByText(/ignored paging/).count(), 0, 'RyzeAPI lists in one call');
  const calls = (await ui.activity()).map(({ request }) => request);
  assert.equal(calls.filter((request) => request.includes('/integrations.list?')).length, 2, 'Rocket.Chat: one page, one repeat');
  assert.equal(calls.filter((request) => /salons\?page=\d+&count=200$/.test(request)).length, 2, 'Altegio: one page, one repeat');
});
