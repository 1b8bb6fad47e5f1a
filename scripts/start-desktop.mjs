// `npm start`: run Partner Desk as a desktop app.
//
// 1. Find the Electron binary. Electron 45 downloads it lazily, the first time `require('electron')`
//    runs; on machines without internet (our build machines) that fails. Then we say so and point at
//    `npm run web` — the same core, contract and renderer in a browser — and exit non-zero.
// 2. Build the renderer (vite) and the Electron bundles (scripts/build-electron.mjs).
// 3. better-sqlite3 is compiled against Node's ABI by `npm install`; Electron embeds a different
//    Node ABI. `electron-builder install-app-deps` rebuilds the native modules for Electron. We only
//    run it when the module does not already load inside Electron, since it recompiles from source.
//    Afterwards the web host, CLI and tests (plain Node) need `npm rebuild better-sqlite3` again.
// 4. Start `electron .` with our arguments forwarded (e.g. `npm start -- --data-dir ./.data/desk`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const npx = isWindows ? 'npx.cmd' : 'npx';
const forwarded = process.argv.slice(2);
/** An Electron that exits non-zero this soon after launch is treated as "did not start". */
const STARTUP_GRACE_MS = 5_000;

function fallback(reason) {
  console.error(
    [
      '',
      'Partner Desk: the desktop (Electron) binary could not be downloaded or started on this machine.',
      reason ? `  Reason: ${reason}` : null,
      '',
      '  The same app runs in the browser:  npm run web',
      '  (same core, same contract, same renderer — served on 127.0.0.1)',
      '',
      '  On a machine with internet access, `npm start` downloads Electron on first run.',
      '',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
  process.exit(1);
}

/** The first error-looking line of a child's stderr (e.g. the download's "TypeError: fetch failed"). */
function firstErrorLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((l) => l.trim());
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? '';
}

/** Runs `require('electron')` in a child (it may try to download) and returns the binary path. */
function resolveElectronBinary() {
  const ok = 'PARTNER_DESK_ELECTRON_PATH=';
  const failed = 'PARTNER_DESK_ELECTRON_ERROR=';
  const probe = [
    'try {',
    `  process.stdout.write('\\n${ok}' + require('electron'));`,
    '} catch (err) {',
    `  process.stdout.write('\\n${failed}' + String(err && err.message).split('\\n')[0]);`,
    '  process.exitCode = 2;',
    '}',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.error) fallback(`resolving the Electron binary failed: ${result.error.message}`);
  const lines = result.stdout.split('\n');
  const path = lines.find((l) => l.startsWith(ok));
  if (result.status !== 0 || !path) {
    const download = firstErrorLine(result.stderr);
    const message = lines.find((l) => l.startsWith(failed))?.slice(failed.length);
    fallback(
      [download && `download failed (${download})`, message].filter(Boolean).join('; ') ||
        'the electron package could not provide a binary',
    );
  }
  const binary = path.slice(ok.length).trim();
  if (!existsSync(binary)) fallback(`no Electron binary at ${binary}`);
  return binary;
}

function run(label, command, args, options = {}) {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: isWindows && command.endsWith('.cmd'),
    ...options,
  });
  if (result.error || result.status !== 0) {
    console.error(
      `\nPartner Desk: "${label}" failed${result.error ? `: ${result.error.message}` : ` with exit code ${result.status}`}.`,
    );
    process.exit(result.status || 1);
  }
}

/** Does better-sqlite3 load inside this Electron (its Node ABI)? Dev binaries have no fuses flipped. */
function nativeModulesLoadInElectron(binary) {
  const check = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return !check.error && check.status === 0;
}

const binary = resolveElectronBinary();
run('build renderer', npx, ['vite', 'build', '--config', 'renderer/vite.config.ts']);
run('build electron bundles', process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);
if (!nativeModulesLoadInElectron(binary)) {
  run('rebuild native modules for Electron (electron-builder install-app-deps)', npx, [
    'electron-builder',
    'install-app-deps',
  ]);
  console.log(
    '\nNote: better-sqlite3 is now built for Electron. Run `npm rebuild better-sqlite3` before `npm run web`, the CLI or tests.',
  );
}

console.log(`\n> electron . ${forwarded.join(' ')}`);
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const startedAt = Date.now();
const child = spawn(binary, ['.', ...forwarded], { cwd: root, stdio: 'inherit', env });
child.on('error', (err) => fallback(`the Electron binary failed to start: ${err.message}`));
child.on('exit', (code, signal) => {
  const quick = Date.now() - startedAt < STARTUP_GRACE_MS;
  if (quick && (signal || code !== 0)) fallback(`Electron exited right after launch (${signal ?? `code ${code}`})`);
  process.exit(signal ? 1 : (code ?? 1));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
