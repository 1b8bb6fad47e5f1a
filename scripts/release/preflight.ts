import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Env, TargetOs } from './signing.ts';
import { missingSigning } from './signing.ts';

export interface PreflightInput {
  os: TargetOs;
  /** The machine building: darwin, linux, win32. */
  hostPlatform: NodeJS.Platform;
  arch: string;
  electronVersion: string;
  projectDir: string;
  env: Env;
  /** Whether a path exists (tests pass their own view of the disk). */
  exists?: (path: string) => boolean;
}

export interface PreflightReport {
  missing: string[];
  notes: string[];
}

const ELECTRON_PLATFORM: Record<TargetOs, string> = { linux: 'linux', win: 'win32', mac: 'darwin' };

/** electron-builder's download cache (@electron/get): ELECTRON_CACHE, else the OS cache folder. */
export function electronCacheDir(env: Env, hostPlatform: NodeJS.Platform): string {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (hostPlatform === 'darwin') return join(env.HOME ?? homedir(), 'Library', 'Caches', 'electron');
  if (hostPlatform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache'), 'electron');
}

function onPath(env: Env, command: string, exists: (p: string) => boolean): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && exists(join(dir, command)));
}

/**
 * What `npm run dist` needs before it starts, checked without touching the network: the Electron
 * binary for the target (electronDist or the download cache), the tools a cross build needs, and the
 * signing material (unless PD_ALLOW_UNSIGNED=1, for test builds that must never be published).
 */
export function preflight(input: PreflightInput): PreflightReport {
  const { os, env, electronVersion, arch } = input;
  const exists = input.exists ?? existsSync;
  const missing: string[] = [];
  const notes: string[] = [];
  const zip = `electron-v${electronVersion}-${ELECTRON_PLATFORM[os]}-${arch}.zip`;
  if (env.PD_ELECTRON_DIST) {
    if (!exists(env.PD_ELECTRON_DIST))
      missing.push(`Electron binary: PD_ELECTRON_DIST=${env.PD_ELECTRON_DIST} does not exist`);
  } else {
    const cache = electronCacheDir(env, input.hostPlatform);
    const cached = exists(join(cache, zip)) || exists(join(cache, electronVersion, zip));
    if (!cached && env.PD_DIST_ONLINE !== '1') {
      missing.push(
        `Electron binary: ${zip} is not in ${cache}; download it there (or unpack it and set PD_ELECTRON_DIST), or set PD_DIST_ONLINE=1 to let electron-builder download it`,
      );
    }
  }
  if (
    !exists(join(input.projectDir, 'dist', 'electron', 'main.cjs')) ||
    !exists(join(input.projectDir, 'dist', 'renderer', 'index.html'))
  ) {
    notes.push('the app is not built yet: `npm run build` runs first');
  }
  if (os === 'mac' && input.hostPlatform !== 'darwin')
    missing.push('macOS installers (dmg, zip) are built and notarized on macOS only');
  if (
    os === 'win' &&
    input.hostPlatform !== 'win32' &&
    !onPath(env, 'wine', exists) &&
    !onPath(env, 'wine64', exists)
  ) {
    missing.push('Windows installer (NSIS) on this machine: wine is not on PATH');
  }
  if (env.PD_ALLOW_UNSIGNED === '1') {
    if (os !== 'linux') notes.push('PD_ALLOW_UNSIGNED=1: the installer will be unsigned; never publish it');
  } else {
    missing.push(...missingSigning(os, env));
  }
  return { missing, notes };
}

export function formatReport(os: TargetOs, report: PreflightReport): string {
  const lines = report.notes.map((n) => `note: ${n}`);
  if (report.missing.length === 0) return [...lines, `preflight: ready to build the ${os} installers`].join('\n');
  return [
    ...lines,
    `preflight: cannot build the ${os} installers; missing:`,
    ...report.missing.map((m) => `  - ${m}`),
  ].join('\n');
}
