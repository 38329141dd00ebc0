// A portal on an origin of its own that mounts Unplug by script and keeps every
// `unplug:event` it hears in `window.heard`. `usePortal()` starts it for a test
// file and gives the sandbox flags that let the portal load Unplug and call the
// platforms; `openPortal(page)` loads it with config.json allowing the portal.
import http from 'node:http';
import { after, before } from 'node:test';
import { APP_PORT, APP_URL } from './harness.mjs';

export const PORTAL = `http://127.0.0.1:${APP_PORT + 12}`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head><body>
<main id="unplug"></main>
<script>
  window.heard = [];
  addEventListener('message', (event) => { if (event.data?.type === 'unplug:event') window.heard.push(event.data); });
</script>
<script src="${APP_URL}unplug.js"></script>
<script>Unplug.mount(document.getElementById('unplug'));</script>
</body></html>`;

/** Starts the portal around the file's tests; returns the sandbox flags it needs. */
export function usePortal() {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(PAGE);
  });
  before(() => new Promise((resolve, reject) => server.once('error', reject).listen(APP_PORT + 12, '127.0.0.1', resolve)));
  after(() => new Promise((resolve) => server.close(resolve)));
  return ['--allowed-origins', `${new URL(APP_URL).origin},${PORTAL}`, '--app-header', `Access-Control-Allow-Origin: ${PORTAL}`];
}

/** Opens the portal in `page`, its Unplug allowing the portal's origin. */
export async function openPortal(page) {
  await page.route(`${APP_URL}config.json`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), embed: { allowedOrigins: [PORTAL] } } });
  });
  await page.goto(`${PORTAL}/`);
}

/** The events the portal heard so far. */
export const heard = (page) => page.evaluate(() => window.heard);
