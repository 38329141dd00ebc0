// Every sandbox fault on the remove route is shown for what it is: an alert
// with its own sentence and HTTP status, what to do next and the raw (masked)
// answer; the rest of the console keeps working, and Retry recovers once the
// fault is used up. Faults that let the request take effect (truncated,
// empty) make the Retry read "Already disconnected", which is the truth.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { API_URL, setFault, useApp } from './support/harness.mjs';
import { rocketChatIntegration } from './support/platforms.mjs';

const app = useApp();

const ROUTES = {
  rocketchat: '/api/v1/integrations.remove',
  ryze: '/api/chatwoot/delete/:instance',
  altegio: '/marketplace/salon/:id/application/:app/uninstall',
};

const RETRY_ON_PROXY = 'Retry; if it persists, check any proxy in front of the platform.';

/** Disconnects `name` under a fault and returns the alert's lines. */
async function disconnectUnder(ui, name, platform, kind) {
  await setFault({ platform, route: ROUTES[platform], kind });
  await ui.disconnect(name);
  const alert = ui.failure(name);
  await alert.waitFor();
  assert.equal(await ui.outcome(name).count(), 0, 'a failure is not a status');
  assert.equal(await ui.card(name).getAttribute('data-disconnected'), 'false', 'the card is not marked disconnected');
  return alert;
}

async function lines(locator) {
  return (await locator.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}

async function retry(ui, name) {
  await ui.card(name).getByRole('button', { name: 'Retry', exact: true }).click();
}

test('html5xx: a gateway\'s HTML page is named as such, and Retry removes the webhook', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(502, '/rocketchat/api/v1/integrations.remove');
  const alert = await disconnectUnder(ui, 'Website contact form', 'rocketchat', 'html5xx');
  assert.deepEqual((await lines(alert)).slice(0, 3), [
    'HTTP 502 with a text/html body instead of JSON, probably an error page from a proxy or gateway.',
    RETRY_ON_PROXY,
    'Show response',
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  const raw = await alert.innerText();
  assert.match(raw, new RegExp(`^POST ${API_URL}/rocketchat/api/v1/integrations\\.remove → HTTP 502$`, 'm'));
  assert.match(raw, /<center><h1>502 Bad Gateway<\/h1><\/center>/, 'the HTML page as text');

  // The rest of the console still works while this card shows its failure.
  await ui.disconnect('Giphy bot');
  await ui.outcome('Giphy bot').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();

  await retry(ui, 'Website contact form');
  await ui.outcome('Website contact form').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
  assert.equal(await ui.failure('Website contact form').count(), 0, 'the alert gives way to the outcome');
});

test('malformed: JSON that does not parse is named with the parser\'s reason', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  const alert = await disconnectUnder(ui, 'vendas', 'ryze', 'malformed');
  const [summary, next] = await lines(alert);
  assert.match(summary, /^HTTP 200 with a body that is not valid JSON: trailing comma at line 1 column \d+\.$/);
  assert.equal(next, RETRY_ON_PROXY);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.ok((await alert.innerText()).includes('{"success":true,"data":[{"id":1050,"title":"La Visage",}'), 'the raw text as received');
  await retry(ui, 'vendas');
  await ui.outcome('vendas').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});

test('truncated: a body cut in transit is named, masked, and the removal had happened', { timeout: 60_000 }, async () => {
  const stored = await rocketChatIntegration('NBTm56xe8Rh5cF47X');
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(400, '/rocketchat/api/v1/integrations.remove');
  const alert = await disconnectUnder(ui, 'GitHub pushes', 'rocketchat', 'truncated');
  assert.deepEqual((await lines(alert)).slice(0, 2), [
    'HTTP 200, but the JSON body stops before its end (cut off in transit).',
    RETRY_ON_PROXY,
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  const raw = await alert.innerText();
  assert.match(raw, /^\{"integration":\{"_createdAt":/m, 'the cut text as received');
  // The cut falls inside the script (its first characters are `class S`): the
  // part that arrived is masked to the end.
  assert.ok(stored.script.startsWith('class S'));
  assert.match(raw, /"script":"••••••$/m);
  assert.ok(!raw.includes('"script":"class'), 'no part of the script shows');

  await retry(ui, 'GitHub pushes');
  await ui.outcome('GitHub pushes').getByText('Already disconnected', { exact: true }).waitFor();
});

test('empty: an empty body where JSON was documented is named, and Retry finds it gone', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  ui.allowFailedLoad(404, '/altegio/marketplace/salon/1050/application/1/uninstall');
  const alert = await disconnectUnder(ui, 'La Visage', 'altegio', 'empty');
  assert.deepEqual((await lines(alert)).slice(0, 2), [
    'HTTP 200 with an empty body where JSON was documented.',
    RETRY_ON_PROXY,
  ]);
  await alert.getByRole('button', { name: 'Show response', exact: true }).click();
  assert.match(await alert.innerText(), /^\(empty body\)$/m);
  await retry(ui, 'La Visage');
  await ui.outcome('La Visage').getByText('Already disconnected', { exact: true }).waitFor();
});

test('drop: a closed connection names both a down server and CORS, and Retry removes the link', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app);
  app.browser.allowErrors(/Failed to load resource: net::ERR_EMPTY_RESPONSE .*\/ryze\/api\/chatwoot\/delete\/suporte/);
  const alert = await disconnectUnder(ui, 'suporte', 'ryze', 'drop');
  const [summary, next] = await lines(alert);
  assert.equal(summary, `No readable answer from ${API_URL}: the server may be down or the connection dropped, `
    + `or the browser refused the answer because ${API_URL} does not allow this page's origin (CORS).`);
  assert.match(next, /^Check that the server is up and that its CORS setting allows this page's origin .*, or point the connection's baseUrl at a same-origin reverse proxy\.$/);
  assert.equal(await alert.getByRole('button', { name: 'Show response', exact: true }).isDisabled(), true, 'there is no answer to show');
  await retry(ui, 'suporte');
  await ui.outcome('suporte').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});

test('latency: an answer slower than requestTimeoutMs is abandoned, and Retry removes the location', { timeout: 60_000 }, async () => {
  const ui = await ConsolePage.signedIn(app, { requestTimeoutMs: 2000 });
  const started = Date.now();
  const alert = await disconnectUnder(ui, 'Serenity Spa', 'altegio', 'latency:6000');
  assert.ok(Date.now() - started < 5000, 'abandoned at the timeout, not when the answer came');
  assert.deepEqual((await lines(alert)).slice(0, 2), [
    'No answer within 2 seconds; the request was abandoned.',
    'Retry; if it keeps timing out, check the platform\'s status or raise requestTimeoutMs in config.json.',
  ]);
  // The abandoned request is still asleep in the sandbox; the retry gets there first.
  await retry(ui, 'Serenity Spa');
  await ui.outcome('Serenity Spa').getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
});
