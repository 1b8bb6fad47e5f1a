// Bundles the desktop host for Electron: the main process, the core worker and the preload, each to
// one CommonJS file in dist/electron/ (package.json "main" is dist/electron/main.cjs). CommonJS
// because sandboxed preloads cannot be ES modules and Electron's main entry is simplest as one
// self-contained .cjs. Native and Electron-provided modules stay external and are resolved from
// node_modules (inside app.asar when packaged; *.node files are unpacked, electron-builder.yml).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');
const EXTERNAL = ['electron', 'better-sqlite3', 'usb', 'node-hid', 'electron-updater'];
const production = process.env.NODE_ENV === 'production';

const entries = [
  { in: 'main/hosts/electron/main.ts', out: 'main.cjs' },
  { in: 'main/hosts/electron/core-worker.ts', out: 'core-worker.cjs' },
  { in: 'preload/index.ts', out: 'preload.cjs' },
];

async function bundle(entry) {
  const outfile = join(outdir, entry.out);
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, entry.in)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22', // Electron 45 ships Node 22
    external: EXTERNAL,
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

/** A sandboxed preload can require only `electron` (and a few web-safe shims): fail the build otherwise. */
async function checkPreload(file) {
  const code = await readFile(file, 'utf8');
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const bad = [...new Set(required)].filter((name) => name !== 'electron');
  if (bad.length > 0)
    throw new Error(`preload bundle requires ${bad.join(', ')}; a sandboxed preload may only require "electron"`);
}

const outputs = await Promise.all(entries.map(bundle));
await checkPreload(join(outdir, 'preload.cjs'));
for (const file of outputs) console.log(`built ${file.slice(root.length + 1)}`);
