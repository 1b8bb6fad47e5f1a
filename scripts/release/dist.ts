import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { formatReport, preflight } from './preflight.ts';
import { signingConfig } from './signing.ts';
import type { TargetOs } from './signing.ts';

/**
 * `npm run dist -- [--linux|--win|--mac] [--arch x64|arm64]`: the preflight (prints what is missing
 * and exits 1 without a stack trace), `npm run build`, then electron-builder with
 * electron-builder.yml plus the signing settings of this environment. `--check` stops after the
 * preflight.
 */
const projectDir = join(import.meta.dirname, '..', '..');

function targetOs(values: { linux?: boolean; win?: boolean; mac?: boolean }): TargetOs {
  const chosen = (['linux', 'win', 'mac'] as const).filter((os) => values[os]);
  if (chosen.length > 1) throw new UsageError('choose one of --linux, --win, --mac per run');
  if (chosen[0]) return chosen[0];
  return process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : 'linux';
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      linux: { type: 'boolean' },
      win: { type: 'boolean' },
      mac: { type: 'boolean' },
      arch: { type: 'string' },
      check: { type: 'boolean' },
    },
    strict: true,
  });
  const os = targetOs(values);
  const arch = values.arch ?? hostArch();
  if (arch !== 'x64' && arch !== 'arm64') throw new UsageError(`--arch must be x64 or arm64, not "${arch}"`);
  const electronVersion = (
    JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const report = preflight({
    os,
    hostPlatform: process.platform,
    arch,
    electronVersion,
    projectDir,
    env: process.env,
  });
  const text = formatReport(os, report);
  if (report.missing.length > 0) {
    process.stderr.write(`${text}\n`);
    return 1;
  }
  process.stdout.write(`${text}\n`);
  if (values.check) return 0;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: projectDir, stdio: 'inherit' });
  const fileConfig = load(readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const signing = signingConfig(os, process.env);
  const config = {
    ...fileConfig,
    ...Object.fromEntries(
      Object.entries(signing).map(([k, v]) => [k, { ...(fileConfig[k] as object), ...(v as object) }]),
    ),
  };
  if (process.env.PD_ELECTRON_DIST) Object.assign(config, { electronDist: process.env.PD_ELECTRON_DIST });
  const { build, Platform, Arch } = await import('electron-builder');
  const platform = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC }[os];
  await build({
    projectDir,
    targets: platform.createTarget(null, arch === 'arm64' ? Arch.arm64 : Arch.x64),
    config,
    publish: 'never',
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // One line, no stack: what failed is electron-builder's message (or ours).
    process.stderr.write(`dist: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
