// The benchmark peers, built and laid out beside the console: bench/plain/
// as it is, and bench/react/ bundled by esbuild (production build, minified)
// from the packages in bench/package.json, which this installs with `npm ci`
// when they are missing (never CI, never scripts/setup.sh).
//
//   node bench/lib/peers.mjs OUT_DIR    writes OUT_DIR/bench/{peer,plain,react}/
//
// Served under the console's origin, the pages are <app>/bench/plain/ and
// <app>/bench/react/, each with copies of the console's two stylesheets
// (app.css, page.css) and reading the console's ../../config.json.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = path.join(ROOT, 'bench');
const ESBUILD = path.join(BENCH, 'node_modules/.bin/esbuild');

/** Each page the benches compare, where it is under the app directory, and its name in their output. */
export const PAGES = {
  console: { page: '', label: 'console (Leptos/wasm)' },
  plain: { page: 'bench/plain/', label: 'plain JavaScript' },
  react: { page: 'bench/react/', label: 'React 19' },
};

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

/** bench/node_modules as bench/package-lock.json pins it, installed once. */
function installPackages() {
  const needed = ['react', 'react-dom', 'esbuild'].map((name) => path.join(BENCH, 'node_modules', name, 'package.json'));
  if (needed.every(existsSync) && existsSync(ESBUILD)) return;
  console.error('bench: installing the React peer\'s packages (npm ci --prefix bench)');
  run('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund']);
}

/**
 * Writes both peers under `appDir` (a copy of dist/, or any directory):
 * `appDir/bench/peer/model.js`, `appDir/bench/plain/` and `appDir/bench/react/`,
 * each page with `dist`'s stylesheets as app.css and page.css.
 */
export async function writePeers(appDir, dist) {
  installPackages();
  const out = (...parts) => path.join(appDir, 'bench', ...parts);
  for (const dir of ['peer', 'plain', 'react']) await mkdir(out(dir), { recursive: true });
  await copyFile(path.join(BENCH, 'peer/model.js'), out('peer/model.js'));
  for (const file of ['index.html', 'cards.js']) await copyFile(path.join(BENCH, 'plain', file), out('plain', file));
  await copyFile(path.join(BENCH, 'react/index.html'), out('react/index.html'));
  run(ESBUILD, [
    path.join(BENCH, 'react/main.jsx'), '--bundle', '--minify', '--format=esm', '--jsx=automatic',
    '--define:process.env.NODE_ENV="production"', '--log-level=warning', `--outfile=${out('react/react.js')}`,
  ]);
  // The console's stylesheets (main-<hash>.css, page-<hash>.css), so every page paints the same CSS.
  const files = await readdir(dist);
  for (const [name, copy] of [['main', 'app.css'], ['page', 'page.css']]) {
    const css = files.find((file) => new RegExp(`^${name}-[0-9a-f]+\\.css$`).test(file));
    if (!css) throw new Error(`no ${name}-<hash>.css in ${dist}: build the console first (\`trunk build --release\`)`);
    for (const page of ['plain', 'react']) await copyFile(path.join(dist, css), out(page, copy));
  }
}

/**
 * A copy of `dist` with both peers in it, so the three pages share one origin:
 * `{ dir, remove() }`.
 */
export async function appDirWithPeers(dist) {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'unplug-bench-'));
  const dir = path.join(temp, 'dist');
  await cp(dist, dir, { recursive: true });
  await writePeers(dir, dist);
  return { dir, remove: () => rm(temp, { recursive: true, force: true }) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, dist = path.join(ROOT, 'dist')] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node bench/lib/peers.mjs OUT_DIR [DIST_DIR]');
    process.exit(2);
  }
  writePeers(path.resolve(outDir), path.resolve(dist)).catch((error) => {
    console.error(`bench: ${error.message}`);
    process.exit(1);
  });
}
