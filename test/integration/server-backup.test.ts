import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { ADMIN } from '../helpers/core.ts';
import { testServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-backup-'));
let s: TestServer;
beforeAll(async () => {
  s = await testServer({ insecure: true, dataDir: join(dir, 'served') });
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run cli -- …` as its own process, like an operator's cron job. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const groups = () => s.core.db.reader.prepare('SELECT COUNT(*) FROM policy_group').pluck().get() as number;

describe('cli backup while the server is serving, then restore', () => {
  it('copies a consistent snapshot during a stream of writes; the restore opens, passes integrity_check and serves', async () => {
    const login = await fetch(`${s.host.origin}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: { login: ADMIN.username, password: ADMIN.password } }),
    });
    const token = ((await login.json()) as { result: { token: string } }).result.token;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const r = await fetch(`${s.host.origin}/api/call/policyGroups.create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            input: { name: `backup-${written}`, description: 'written during the backup' },
          }),
        });
        expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
        written += 1;
      }
    })();
    while (written < 5) await new Promise((r) => setTimeout(r, 20));
    const before = groups();
    const file = join(dir, 'copy.db');
    const backup = await cli('backup', file, '--data-dir', s.dataDir);
    const after = groups();
    writing = false;
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ backup: file, integrity: 'ok' });
    // The writes went on during the backup (it did not stop the server).
    expect(after).toBeGreaterThan(before);

    const kek = join(dir, 'kek-kept-apart.key');
    writeFileSync(kek, readFileSync(join(s.dataDir, 'keys', 'kek.key')));
    const restoredDir = join(dir, 'restored');
    const restore = await cli('restore', file, '--data-dir', restoredDir, '--kek', kek);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ integrity: 'ok', kek: 'ok' });

    const db = new Database(join(restoredDir, 'partner-desk.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const restoredGroups = db.prepare('SELECT COUNT(*) FROM policy_group').pluck().get() as number;
    db.close();
    // A snapshot taken between the first and last write seen around the backup.
    expect(restoredGroups).toBeGreaterThanOrEqual(before);
    expect(restoredGroups).toBeLessThanOrEqual(after);

    // The restored data directory is a working deployment: sign in, list, and the signing key opens.
    const core = openCore({
      hardware: createHardwareHub,
      dataDir: restoredDir,
      publicUrl: 'https://localhost/',
      config: parseConfig({}),
      log: () => undefined,
    });
    const again = await core.dispatch('auth.login', null, {
      login: ADMIN.username,
      password: ADMIN.password,
    });
    expect(again.ok).toBe(true);
    core.close();
  }, 120_000);

  it('refuses to overwrite: an existing backup file, a data directory that has a database, a file that is not a backup', async () => {
    const existing = join(dir, 'exists.db');
    writeFileSync(existing, 'keep me');
    const over = await cli('backup', existing, '--data-dir', s.dataDir);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/never overwrites/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');

    const into = await cli('restore', join(dir, 'copy.db'), '--data-dir', s.dataDir);
    expect(into.code).toBe(2);
    expect(into.stderr).toMatch(/already has a database/);

    const notBackup = await cli('restore', existing, '--data-dir', join(dir, 'empty'));
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(/not a Partner Desk backup/);
    expect(existsSync(join(dir, 'empty', 'partner-desk.db'))).toBe(false);

    const noFile = await cli('backup', '--data-dir', s.dataDir);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/exactly one backup file/);
  }, 120_000);
});
