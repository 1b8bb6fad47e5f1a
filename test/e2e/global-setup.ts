import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** E2E always runs against the renderer built from the current sources (the build takes ~1 s). */
export default function globalSetup(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(
    process.execPath,
    [
      resolve(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}
