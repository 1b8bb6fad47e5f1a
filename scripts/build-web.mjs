// Bundles the browser-mode host (`npm run web`) to one file, dist/web/cli.cjs, so start-up does not
// pay for compiling TypeScript on every launch (see docs/benchmarks.md, cold start).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'main/hosts/web/cli.ts')],
  outfile: join(root, 'dist/web/cli.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'usb', 'node-hid'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta.url has no meaning in a CommonJS bundle; the host finds the project root itself.
  define: { 'import.meta.url': '__pd_import_meta_url' },
  banner: {
    js: 'const __pd_import_meta_url = require("node:url").pathToFileURL(__filename).href;',
  },
});
console.log('built dist/web/cli.cjs');
