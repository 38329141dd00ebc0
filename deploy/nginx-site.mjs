#!/usr/bin/env node
// Prints deploy/nginx.conf.template filled in for one site: where dist/ was
// copied, the sub-path, the listen address, the Content-Security-Policy
// computed from that copy (deploy/csp.mjs) and each platform's upstream.
//
//   node deploy/nginx-site.mjs --root /srv/www [--sub-path /tools/unplug/] [--listen 80]
//     [--server-name portal.example.com] [--frame-ancestors "https://portal.example.com"]
//     [--rocketchat https://chat.example.com] [--ryze https://ryzeapi.cloud] [--altegio https://app.alteg.io]
//
// dist/ must already be at <root><sub-path> with the host's config.json in
// it. A platform given no upstream gets no proxy location.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyForBuild, runAsCommand, sourceList } from './csp.mjs';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template');
export const PLATFORMS = ['rocketchat', 'ryze', 'altegio'];

/** The template with every @@NAME@@ from `values`; a line naming an absent platform is dropped. */
export function fillTemplate(template, values) {
  const lines = template.split('\n').filter((line) => {
    const names = [...line.matchAll(/@@([A-Z_]+)@@/g)].map(([, name]) => name);
    return names.every((name) => values[name] !== undefined || !PLATFORMS.includes(name.toLowerCase()));
  });
  return lines.join('\n').replace(/@@([A-Z_]+)@@/g, (placeholder, name) => {
    if (values[name] === undefined) throw new Error(`no value for ${placeholder}`);
    return values[name];
  });
}

/**
 * The site's configuration. `root` holds dist/ at `subPath`;
 * `upstreams` maps platform → URL (no trailing slash needed).
 */
export function nginxSite({ root, subPath = '/tools/unplug/', listen = '80', serverName = '_', frameAncestors = [], upstreams = {} }) {
  if (!root || !path.isAbsolute(root)) throw new Error('--root must be an absolute directory');
  if (!subPath.startsWith('/') || !subPath.endsWith('/')) throw new Error(`--sub-path must start and end with "/", not ${subPath}`);
  const csp = policyForBuild(path.join(root, subPath, 'index.html'), { frameAncestors });
  if (csp.includes('"')) throw new Error('the policy holds a double quote, which the nginx string cannot');
  const values = { LISTEN: listen, SERVER_NAME: serverName, ROOT: root.replace(/\/+$/, ''), SUB_PATH: subPath, CSP: csp };
  for (const [platform, url] of Object.entries(upstreams)) {
    if (!PLATFORMS.includes(platform)) throw new Error(`unknown platform ${platform}`);
    if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`--${platform} must be an http(s) URL, not ${url}`);
    values[platform.toUpperCase()] = url.replace(/\/+$/, '');
  }
  return fillTemplate(readFileSync(TEMPLATE, 'utf8'), values);
}

/** Command-line options → the object `nginxSite` takes. */
export function parseArguments(args) {
  const options = { upstreams: {} };
  const names = { '--root': 'root', '--sub-path': 'subPath', '--listen': 'listen', '--server-name': 'serverName' };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (names[flag]) options[names[flag]] = value;
    else if (flag === '--frame-ancestors') options.frameAncestors = sourceList(value);
    else if (PLATFORMS.includes(flag.slice(2))) options.upstreams[flag.slice(2)] = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

runAsCommand(import.meta.url, (args) => nginxSite(parseArguments(args)));
