import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../scripts/release/preflight.ts';

const root = join(import.meta.dirname, '..', '..');
const base = {
  hostPlatform: 'linux' as const,
  arch: 'x64',
  electronVersion: '45.4.1',
  projectDir: '/p',
};
const disk = (paths: string[]) => (p: string) => paths.includes(p);

describe('npm run dist preflight', () => {
  it('names the missing Electron binary, and passes once it is in the cache', () => {
    const env = { HOME: '/u/b', PATH: '/usr/bin' };
    const missing = preflight({ ...base, os: 'linux', env, exists: disk([]) });
    expect(missing.missing).toEqual([
      expect.stringContaining('electron-v45.4.1-linux-x64.zip is not in /u/b/.cache/electron'),
    ]);
    const ok = preflight({
      ...base,
      os: 'linux',
      env,
      exists: disk(['/u/b/.cache/electron/electron-v45.4.1-linux-x64.zip']),
    });
    expect(ok.missing).toEqual([]);
  });

  it('names the Windows certificate and cross-build tool that are missing', () => {
    const cache = '/c/electron-v45.4.1-win32-x64.zip';
    const r = preflight({
      ...base,
      os: 'win',
      env: { ELECTRON_CACHE: '/c', PATH: '/usr/bin' },
      exists: disk([cache]),
    });
    expect(r.missing).toEqual([
      expect.stringContaining('wine is not on PATH'),
      expect.stringContaining('WIN_CSC_LINK'),
    ]);
    const azure = preflight({
      ...base,
      os: 'win',
      env: { ELECTRON_CACHE: '/c', PATH: '/usr/bin', PD_AZURE_SIGNING_ENDPOINT: 'https://x' },
      exists: disk([cache, '/usr/bin/wine']),
    });
    expect(azure.missing).toEqual([
      'Azure Trusted Signing: PD_AZURE_SIGNING_ACCOUNT, PD_AZURE_CERT_PROFILE, PD_AZURE_PUBLISHER_NAME, AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET not set',
    ]);
    const signtool = preflight({
      ...base,
      os: 'win',
      env: {
        ELECTRON_CACHE: '/c',
        PATH: '/usr/bin',
        WIN_CSC_LINK: 'cert.pfx',
        WIN_CSC_KEY_PASSWORD: 'pw',
      },
      exists: disk([cache, '/usr/bin/wine']),
    });
    expect(signtool.missing).toEqual([]);
  });

  it('names the macOS host, identity and notarization that are missing', () => {
    const r = preflight({
      ...base,
      os: 'mac',
      env: { ELECTRON_CACHE: '/c' },
      exists: disk(['/c/electron-v45.4.1-darwin-x64.zip']),
    });
    expect(r.missing).toHaveLength(3);
    expect(r.missing.join('\n')).toMatch(/on macOS only[\s\S]*CSC_LINK[\s\S]*APPLE_API_KEY/);
    const onMac = preflight({
      ...base,
      hostPlatform: 'darwin',
      os: 'mac',
      env: {
        ELECTRON_CACHE: '/c',
        CSC_NAME: 'Developer ID',
        APPLE_ID: 'a',
        APPLE_APP_SPECIFIC_PASSWORD: 'p',
        APPLE_TEAM_ID: 't',
      },
      exists: disk(['/c/electron-v45.4.1-darwin-x64.zip']),
    });
    expect(onMac.missing).toEqual([]);
  });

  it('`npm run dist` exits 1 with the list and no stack trace when the binary is missing', () => {
    const cache = mkdtempSync(join(tmpdir(), 'pd-electron-cache-'));
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'scripts/release/dist.ts',
        '--linux',
        '--arch',
        'x64',
        '--check',
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ELECTRON_CACHE: cache },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('preflight: cannot build the linux installers; missing:');
    expect(r.stderr).toContain(`electron-v45.4.1-linux-x64.zip is not in ${cache}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad flag is a usage error (exit 2), not a stack trace', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/release/dist.ts', '--linux', '--arch', 'mips'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dist: --arch must be x64 or arm64, not "mips"\n');
  });
});
