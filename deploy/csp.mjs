#!/usr/bin/env node
// Prints the Content-Security-Policy a host sends with Unplug's built
// index.html, computed from that build: the sha256 of every inline <script>
// (Trunk's module loader, whose text names the hashed bundle, so it changes
// with each build) and the API origins of the config.json beside it.
//
//   node deploy/csp.mjs [dist/index.html] [--frame-ancestors "https://portal.example.com …"]
//
// --frame-ancestors takes origins as browsers write them
// (https://portal.example.com), 'self' or 'none' (the default); a wildcard
// or anything else is refused.
//
// Prints only the header value, on one line. No dependencies beyond Node.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The text of every <script> without a `src`, exactly as it stands between its tags. */
export function inlineScripts(html) {
  const scripts = [];
  for (const [, attributes, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\bsrc\s*=/i.test(attributes)) scripts.push(text);
  }
  return scripts;
}

/** A CSP hash source for a script's text: `'sha256-<base64>'` of its UTF-8 bytes. */
export function hashSource(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The distinct origins of the connections' absolute `baseUrl`s, in config
 * order. A relative baseUrl (a same-origin proxy such as "api/rocketchat")
 * is covered by 'self' and adds nothing.
 */
export function apiOrigins(config) {
  const origins = [];
  for (const { id, baseUrl } of config.connections ?? []) {
    if (typeof baseUrl !== 'string') throw new Error(`connection "${id}" has no string "baseUrl"`);
    if (baseUrl.trim().startsWith('//')) {
      throw new Error(`connection "${id}": write the scheme in "baseUrl" (${baseUrl}), or make it relative to the page`);
    }
    let url;
    try {
      url = new URL(baseUrl);
    } catch {
      continue; // relative to the page: same origin
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`connection "${id}": "baseUrl" must be http(s) or relative, not ${baseUrl}`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/**
 * The policy for a built index.html and its config.json (parsed).
 * `frameAncestors` lists the portals allowed to frame the console;
 * none (the default) sends `frame-ancestors 'none'`.
 */
export function contentSecurityPolicy(html, config, { frameAncestors = [] } = {}) {
  for (const source of frameAncestors) {
    if (frameAncestor(source) === "'none'") throw new Error("--frame-ancestors: 'none' is the default: give no other source with it");
  }
  if (/<style\b/i.test(html) || /\sstyle\s*=/i.test(html)) {
    throw new Error('index.html has an inline style, which style-src \'self\' refuses: link a stylesheet instead');
  }
  const scripts = inlineScripts(html);
  return [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scripts.map(hashSource)].join(' '),
    "style-src 'self'",
    ["connect-src 'self'", ...apiOrigins(config)].join(' '),
    "img-src 'self' data:",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    // DOM sinks that turn text into script (innerHTML, script.src, eval…) take
    // only Trusted Types objects; the console and Trunk's loader use none.
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/** Reads `indexPath` and the config.json beside it and returns the policy. */
export function policyForBuild(indexPath, options) {
  const html = readFileSync(indexPath, 'utf8');
  const configPath = path.join(path.dirname(indexPath), 'config.json');
  let config;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new Error(`${configPath}: ${error.message}`);
  }
  return contentSecurityPolicy(html, config, options);
}

// An origin as a browser writes it (`location.origin`): http or https, a
// lower-case host name, IPv4 or [IPv6] address, a port only when it is not the
// scheme's default, no path, no trailing slash, no wildcard.
const ORIGIN = /^https?:\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;

/** One `frame-ancestors` source: an origin, `'self'` or `'none'`; anything else throws, saying why. */
export function frameAncestor(source) {
  if (source === "'self'" || source === "'none'") return source;
  if (source === 'self' || source === 'none') throw new Error(`--frame-ancestors: write '${source}' with its single quotes`);
  if (source.includes('*')) {
    throw new Error(`--frame-ancestors: ${source} is a wildcard, which lets any matching site frame the console; list each portal's origin (https://portal.example.com)`);
  }
  let origin;
  try {
    origin = new URL(source).origin;
  } catch {
    origin = undefined;
  }
  if (!ORIGIN.test(source) || origin !== source) {
    const hint = origin && origin !== 'null' && /^https?:$/.test(new URL(source).protocol) ? ` (its origin is ${origin})` : '';
    throw new Error(`--frame-ancestors: ${source} is not an origin${hint}; give origins as browsers write them (https://portal.example.com: scheme, host, port if not the default, no path), 'self' or 'none'`);
  }
  return source;
}

/**
 * A `--frame-ancestors` value ("https://a https://b", "'self'" or "'none'")
 * as a list of sources, each checked by `frameAncestor`; `'none'` (alone) is
 * the empty list.
 */
export function sourceList(value) {
  const sources = value.split(/\s+/).filter((source) => source !== '').map(frameAncestor);
  if (sources.includes("'none'")) {
    if (sources.length > 1) throw new Error("--frame-ancestors: 'none' stands alone, without other sources");
    return [];
  }
  if (sources.length === 0) throw new Error("--frame-ancestors needs an origin, 'self' or 'none'");
  return [...new Set(sources)];
}

/** `[index.html] [--frame-ancestors "a b"]` → `{ indexPath, frameAncestors }`. */
export function parseArguments(args) {
  let indexPath = 'dist/index.html';
  let frameAncestors = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--frame-ancestors') {
      const value = args[++i];
      if (value === undefined) throw new Error('--frame-ancestors needs a value');
      frameAncestors = sourceList(value);
    } else if (args[i].startsWith('--')) {
      throw new Error(`unknown option ${args[i]}`);
    } else {
      indexPath = args[i];
    }
  }
  return { indexPath, frameAncestors };
}

/**
 * Runs `main(args)` and prints what it returns when the module at `moduleUrl`
 * is the command node was given; an error becomes one line and exit code 1.
 */
export function runAsCommand(moduleUrl, main) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    process.stdout.write(main(process.argv.slice(2)));
  } catch (error) {
    console.error(`${path.basename(fileURLToPath(moduleUrl))}: ${error.message}`);
    process.exit(1);
  }
}

runAsCommand(import.meta.url, (args) => {
  const { indexPath, frameAncestors } = parseArguments(args);
  return `${policyForBuild(indexPath, { frameAncestors })}\n`;
});
