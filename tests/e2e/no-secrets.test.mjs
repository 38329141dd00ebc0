// No secret ever reaches the page's text, its HTML, a URL or localStorage:
// not the credentials typed in, not the session token a login returns, not
// a webhook's token or script, not a Chatwoot API token — whichever view,
// panel or raw response is open.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTIONS, ConsolePage, SecretWatch } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';
import { CREDENTIALS } from './support/platforms.mjs';

const app = useApp();

test('a whole session shows no secret anywhere', { timeout: 90_000 }, async () => {
  const ui = await ConsolePage.open(app);
  const secrets = new SecretWatch(ui.page);
  const urls = [];
  ui.page.on('request', (request) => urls.push(request.url()));

  await ui.signIn(CONNECTIONS.rocketchat, { Username: 'admin', Password: 'admin' }, { remember: true });
  await ui.signedInAs(CONNECTIONS.rocketchat).waitFor();
  await ui.signIn(CONNECTIONS.ryze, { Token: CREDENTIALS.ryzeAccountToken }, { remember: true });
  await ui.signedInAs(CONNECTIONS.ryze).waitFor();
  await ui.signIn(CONNECTIONS.altegio, { 'Partner token': CREDENTIALS.altegioPartnerToken });
  await ui.signedInAs(CONNECTIONS.altegio).waitFor();
  await ui.show('Integrations');
  await ui.waitForAllCards();

  const check = async (where) => {
    const all = await secrets.all();
    await ui.assertShowsNone(all);
    const html = await ui.page.content();
    for (const secret of all) {
      assert.ok(!html.includes(secret), `${where}: the HTML holds the secret ${secret}`);
      for (const url of urls) assert.ok(!url.includes(secret), `${where}: a request URL holds ${secret}: ${url}`);
    }
    return all;
  };

  for (const name of ['GitHub pushes', 'Helpdesk bridge', 'vendas', 'La Visage']) {
    const panel = await ui.openLoadedDetails(name);
    await panel.getByRole('button', { name: 'Show response', exact: true }).click();
    await check(`${name}'s detail panel`);
    await panel.getByRole('button', { name: 'Close', exact: true }).click();
  }

  for (const name of ['GitHub pushes', 'suporte', 'Barber Bros']) {
    await ui.disconnect(name);
    await ui.outcome(name).getByRole('button', { name: 'Show response', exact: true }).click();
  }
  await check('the outcomes\' raw responses');
  await ui.activity();
  await check('Activity');
  await ui.show('Connections');
  const seen = await check('Connections');

  // The watch did see the secrets it guards against: the login's fresh
  // token, webhook tokens, the GitHub script, Chatwoot API tokens.
  assert.ok(seen.length >= 15, `only ${seen.length} secrets seen`);
  assert.ok(seen.some((secret) => /^[\w-]{43}$/.test(secret)), 'the login\'s authToken was seen');
  assert.ok(seen.some((secret) => secret.startsWith('class S')), 'the GitHub script was seen');
  assert.ok(seen.some((secret) => secret.startsWith('sk_live_')), 'a Chatwoot API token was seen');
});
