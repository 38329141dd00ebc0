// Lists are read to their last page: with 330 generated integrations the
// sandbox holds 110 Rocket.Chat webhooks, more than one page of 100.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage } from './support/console-page.mjs';
import { API_URL, useApp } from './support/harness.mjs';

const app = useApp({ sandboxArgs: ['--integrations', '330'] });

test('a Rocket.Chat list longer than a page is read to its end', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const pages = [];
  ui.page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().includes('/integrations.list')) pages.push(request.url());
  });
  await ui.signInWithDemo(CONNECTIONS.rocketchat);
  await ui.show('Integrations');
  await ui.waitForLoaded(CONNECTIONS.rocketchat, 110);
  await ui.waitForShowing(110, 110);
  assert.deepEqual(pages.map((url) => {
    const { origin, pathname, searchParams } = new URL(url);
    return `${origin}${pathname} offset=${searchParams.get('offset')} count=${searchParams.get('count')}`;
  }), [
    `${API_URL}/rocketchat/api/v1/integrations.list offset=0 count=100`,
    `${API_URL}/rocketchat/api/v1/integrations.list offset=100 count=100`,
  ]);
  // Past 40 cards only a screenful is rendered: the search finds the first and the last.
  for (const name of ['Webhook 0110', 'Webhook 0001']) {
    await ui.searchFor(name);
    await ui.card(name).waitFor();
  }
});
