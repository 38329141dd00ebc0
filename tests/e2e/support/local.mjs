// Local processes, HTTP calls and Chromium, shared by the e2e harness and the
// bench scripts. Nothing here imports node:test, so a plain script may use it.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Flags that keep Chromium quiet on a machine with no network but loopback.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Spawns `command` (called `name` in errors) and waits up to 20 s until every
 * loopback port in `ports` answers. The process never outlives the calling
 * process. Returns `{ stop(), output() }`: `stop()` sends SIGTERM, then
 * SIGKILL after 5 s; `output()` is its stdout and stderr so far.
 */
export async function startServer(name, command, args, ports) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  // Never outlive the test process, even when it dies before `stop()`.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = signal ?? code;
    process.removeListener('exit', killOnExit);
    resolve();
  }));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`${name} exited (${exited}) before it served:\n${output}`);
    }
    if ((await Promise.all(ports.map(portAnswers))).every(Boolean)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer on ports ${ports.join(' and ')} within 20 s:\n${output}`);
    }
    await sleep(50);
  }

  return {
    output: () => output,
    async stop() {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/**
 * One HTTP call from node, the way a script or another admin would make it: no
 * `Origin` header (so no CORS), and node:http without keep-alive, because
 * fetch's pooled sockets would hold the process open for seconds after the
 * last call. `body` may be an object (sent as JSON) or a string. Resolves to
 * `{ status, headers, text, json }` whatever the status (`json` is `undefined`
 * when the body is not JSON); redirects are not followed.
 */
export function httpRequest(method, url, { headers = {}, body } = {}) {
  const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const sent = { ...headers };
  if (body !== undefined && typeof body !== 'string') sent['content-type'] ??= 'application/json';
  sent['content-length'] = Buffer.byteLength(payload);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false, headers: sent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: response.statusCode, headers: response.headers, text, json });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** Launches Debian's Chromium, never a downloaded one; `UNPLUG_E2E_HEADED=1` shows its window. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME ?? '/usr/bin/chromium',
    headless: process.env.UNPLUG_E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
  });
}
