// Embedding, as the two example host pages in examples/ do it: Unplug in an
// iframe (?embed=1, theme from the URL and from the host, credentials and
// events by postMessage, foreign origins ignored), and Unplug mounted by
// script into a host element with the host's CSS neither leaking in nor out.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { API_URL, APP_PORT, APP_URL, ROOT, useApp } from './support/harness.mjs';

const HOST_PORT = APP_PORT + 10;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
const APP_ORIGIN = new URL(APP_URL).origin;
const app = useApp({ sandboxArgs: ['--allowed-origins', `${APP_ORIGIN},${HOST}`] });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

/** The host portal's server: examples/ at its root, Unplug's dist/ under /unplug/. */
async function hostConfig() {
  const shipped = JSON.parse(await readFile(path.join(ROOT, 'public/config.json'), 'utf8'));
  for (const connection of shipped.connections) connection.baseUrl = `${API_URL}${new URL(connection.baseUrl).pathname}`;
  return { ...shipped, embed: { allowedOrigins: [HOST] } };
}

let host;
before(async () => {
  host = http.createServer(async (request, response) => {
    const url = new URL(request.url, HOST);
    try {
      if (url.pathname === '/unplug/config.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(await hostConfig()));
        return;
      }
      const file = url.pathname.startsWith('/unplug/')
        ? path.join(ROOT, 'dist', url.pathname.slice('/unplug/'.length))
        : path.join(ROOT, 'examples', url.pathname.slice(1));
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => host.listen(HOST_PORT, '127.0.0.1', resolve));
});
after(() => new Promise((resolve) => host.close(resolve)));

/** Serves the iframe's config.json with `allowedOrigins`. */
async function allowOrigins(page, allowedOrigins) {
  await page.route(`${APP_URL}config.json`, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    await route.fulfill({ response, json: { ...json, embed: { allowedOrigins } } });
  });
}

async function disconnectIn(scope, name) {
  await scope.getByRole('article', { name, exact: true }).getByRole('button', { name: 'Disconnect', exact: true }).click();
  await scope.getByRole('dialog', { name: `Disconnect ${name}?` }).getByRole('button', { name: 'Disconnect', exact: true }).click();
  await scope.getByRole('article', { name, exact: true }).getByText('Disconnected (HTTP 200)', { exact: true }).waitFor();
}

const events = (page) => page.evaluate(() => window.unplugEvents);

test('in an iframe: no header of its own, the host sets the theme and credentials, and hears each disconnect', { timeout: 60_000 }, async () => {
  const { page } = app;
  await allowOrigins(page, [HOST]);
  await page.goto(`${HOST}/iframe-host.html?app=${encodeURIComponent(APP_URL)}`);
  const frame = page.frameLocator('#unplug');
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  assert.equal(await frame.getByRole('heading', { name: 'Unplug', level: 1 }).count(), 0, 'the host has the title');
  const root = frame.locator('.unplug');
  assert.equal(await root.getAttribute('data-theme'), 'dark', 'theme=dark from the URL');
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await frame.locator('.unplug[data-theme="light"]').waitFor();
  await page.evaluate(() => window.sendToUnplug({ type: 'unplug:lang', lang: 'ru' }));
  await frame.getByRole('tab', { name: 'Интеграции', exact: true }).waitFor();
  await page.evaluate(() => window.sendToUnplug({ type: 'unplug:lang', lang: 'en' }));
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();

  await page.evaluate(() => window.sendToUnplug({
    type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' },
  }));
  await frame.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('4 of 4 loaded', { exact: true }).waitFor();
  await disconnectIn(frame, 'vendas');
  await page.waitForFunction(() => window.unplugEvents.length > 0);
  assert.deepEqual(await events(page), [
    { type: 'unplug:event', event: 'integration.disconnected', platform: 'ryze', connection: 'ryze-sandbox', id: 'vendas' },
  ]);
  assert.ok(!JSON.stringify(await events(page)).includes('sandbox-account-token'));
  await page.getByRole('listitem').filter({ hasText: 'integration.disconnected ryze ryze-sandbox vendas' }).waitFor();
});

test('in an iframe: messages from an origin not allowed are ignored, and nothing is posted to it', { timeout: 60_000 }, async () => {
  const { page } = app;
  await allowOrigins(page, ['https://portal.example']);
  await page.goto(`${HOST}/iframe-host.html?app=${encodeURIComponent(APP_URL)}`);
  const frame = page.frameLocator('#unplug');
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Light', exact: true }).click();
  await page.evaluate(() => window.sendToUnplug({
    type: 'unplug:credentials', connection: 'ryze-sandbox', credentials: { token: 'sandbox-account-token' },
  }));
  await page.waitForTimeout(1_000);
  assert.equal(await frame.locator('.unplug').getAttribute('data-theme'), 'dark', 'the theme message was ignored');
  await frame.getByRole('listitem').filter({ hasText: 'RyzeAPI (sandbox)' }).getByText('Not connected', { exact: false }).waitFor();

  await frame.getByRole('tab', { name: 'Connections', exact: true }).click();
  await frame.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await frame.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(frame, 'vendas');
  await page.waitForTimeout(500);
  assert.deepEqual(await events(page), [], 'this host is not listed: it hears nothing');
});

test('mounted by script: the console lives in the host element, styles stay apart, events arrive', { timeout: 60_000 }, async () => {
  const { page } = app;
  await page.goto(`${HOST}/script-host.html`);
  const hostButton = page.locator('#host-button');
  const style = (locator) => locator.evaluate((element) => {
    const css = getComputedStyle(element);
    return { background: css.backgroundColor, transform: css.textTransform, padding: css.padding, font: css.fontFamily, color: css.color, spacing: css.letterSpacing };
  });
  const before = await style(hostButton);
  await page.evaluate(() => window.unplugMounted);
  const unplug = page.locator('#unplug > .unplug');
  await unplug.getByRole('tab', { name: 'Integrations', exact: true }).waitFor();

  assert.deepEqual(await style(hostButton), before, 'Unplug\'s CSS does not reach the host\'s button');
  assert.equal((await style(page.locator('.portal-text'))).color, 'rgb(0, 128, 0)', 'nor the host\'s text');
  const ours = await style(unplug.getByRole('button', { name: 'Refresh', exact: true }));
  assert.notEqual(ours.background, 'rgb(255, 0, 0)', 'the host\'s button rule does not reach Unplug\'s');
  assert.equal(ours.transform, 'none');
  assert.notEqual((await style(unplug.locator('p.unplug-summary'))).color, 'rgb(0, 128, 0)');
  assert.equal(await page.locator('body > .unplug').count(), 0, 'nothing was mounted into <body>');

  await unplug.getByRole('tab', { name: 'Connections', exact: true }).click();
  await unplug.getByRole('region', { name: 'RyzeAPI (sandbox)', exact: true }).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
  await unplug.getByRole('tab', { name: 'Integrations', exact: true }).click();
  await disconnectIn(unplug, 'vendas');
  await page.waitForFunction(() => window.unplugEvents.length > 0);
  assert.deepEqual(await events(page), [
    { type: 'unplug:event', event: 'integration.disconnected', platform: 'ryze', connection: 'ryze-sandbox', id: 'vendas' },
  ]);
});
