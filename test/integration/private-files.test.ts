import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const child = join(root, 'test/integration/fixtures/private-files-child.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every folder and file under dir with its permission bits. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>([['.', statSync(dir).mode & 0o777]]);
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.set(relative(dir, p), statSync(p).mode & 0o777);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Runs a real core in a child process whose umask lets everything be world-readable and -writable. */
function runWithUmask000(dataDir: string): Record<string, number> {
  const out = execFileSync(
    'sh',
    ['-c', 'umask 000 && exec "$0" --import tsx "$1" "$2"', process.execPath, child, dataDir],
    { cwd: root, stdio: 'pipe', timeout: 110_000 },
  );
  return JSON.parse(out.toString('utf8').trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

// Each case starts a real core in a child process (tsx, key generation): give it time on a busy machine.
describe.skipIf(process.platform === 'win32')(
  'data files are for the OS user only, whatever the umask',
  { timeout: 120_000 },
  () => {
    it('creates the data directory 0700 and the database, WAL, key, log, outbox and virtual PKI files 0600', () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'pd-perm-')), 'data');
      dirs.push(dirname(dataDir));
      const whileOpen = runWithUmask000(dataDir);
      expect(whileOpen).toEqual({ 'partner-desk.db-wal': 0o600, 'partner-desk.db-shm': 0o600 });
      const found = modes(dataDir);
      for (const name of ['partner-desk.db', 'keys/kek.key', 'logs/partner-desk.log', 'virtual-sbi/pki.json'])
        expect(found.has(name), name).toBe(true);
      expect([...found.keys()].some((k) => k.startsWith('mail-outbox/') && k.endsWith('.eml'))).toBe(true);
      const loose = [...found].filter(([name, mode]) =>
        statSync(join(dataDir, name)).isDirectory() ? mode !== 0o700 : mode !== 0o600,
      );
      expect(loose.map(([n, m]) => `${n} ${m.toString(8)}`)).toEqual([]);
    });

    it('tightens a data directory left open by an older version', () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pd-perm-'));
      dirs.push(dataDir);
      for (const d of ['keys', 'logs', 'mail-outbox', 'virtual-sbi']) mkdirSync(join(dataDir, d), { mode: 0o755 });
      writeFileSync(join(dataDir, 'partner-desk.db'), '', { mode: 0o644 });
      writeFileSync(join(dataDir, 'logs', 'partner-desk.log'), '{}\n', { mode: 0o644 });
      execFileSync('chmod', ['-R', 'go+rwX', dataDir]);
      expect(runWithUmask000(dataDir)).toEqual({
        'partner-desk.db-wal': 0o600,
        'partner-desk.db-shm': 0o600,
      });
      const loose = [...modes(dataDir)].filter(([name, mode]) =>
        statSync(join(dataDir, name)).isDirectory() ? mode !== 0o700 : mode !== 0o600,
      );
      expect(loose.map(([n, m]) => `${n} ${m.toString(8)}`)).toEqual([]);
    });
  },
);
