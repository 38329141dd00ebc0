// A compressing front for the sandbox's app server, so the first-card bench
// loads each page the way deploy/nginx.conf.template serves it: wasm, JS,
// CSS, JSON and HTML gzipped (level 9, as bench/bundle-size.sh counts them)
// for a browser that accepts gzip, everything else as it is. The sandbox
// still answers (it rewrites config.json to its API port); this only
// compresses, keeping each static file's compressed bytes after the first time.

import http from 'node:http';
import { gzipSync } from 'node:zlib';

const COMPRESSED = /^(application\/(wasm|javascript|json)|text\/(javascript|css|html))/;

/** Forwards one GET to the upstream, resolving to `{ status, headers, body }`. */
function forward(upstreamPort, request) {
  return new Promise((resolve, reject) => {
    const upstream = http.request({
      host: '127.0.0.1', port: upstreamPort, path: request.url, method: 'GET', agent: false,
      headers: { host: request.headers.host ?? `127.0.0.1:${upstreamPort}` },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    upstream.on('error', reject);
    upstream.end();
  });
}

/** Listens on 127.0.0.1:`port` in front of 127.0.0.1:`upstreamPort`; resolves to `{ stop() }`. */
export function startGzipProxy({ port, upstreamPort }) {
  const cache = new Map();
  const server = http.createServer(async (request, response) => {
    try {
      const answer = await forward(upstreamPort, request);
      const type = answer.headers['content-type'] ?? '';
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      let { body } = answer;
      if (answer.status === 200 && COMPRESSED.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        // config.json is rewritten per request by the sandbox: never kept.
        const key = request.url.endsWith('config.json') ? null : request.url;
        body = cache.get(key) ?? gzipSync(body, { level: 9 });
        if (key) cache.set(key, body);
        Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      }
      response.writeHead(answer.status, { ...headers, 'content-length': body.length });
      response.end(body);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`${error.message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      stop: () => new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
    }));
  });
}
