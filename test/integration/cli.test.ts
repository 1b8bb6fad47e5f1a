import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], stdin = ''): { code: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/cli/index.ts',
      ...args,
      ...(args[0] && args[0] !== 'help' && args[0] !== 'bogus' ? ['--data-dir', dir] : []),
    ],
    { input: stdin, encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run cli', () => {
  it('creates the admin through the command path, then reports status and audit as JSON', () => {
    const created = cli(
      [
        'create-admin',
        '--username',
        'admin',
        '--email',
        'ada@x.example',
        '--first-name',
        'Ada',
        '--last-name',
        'Admin',
        '--org',
        'Office',
      ],
      'Adm1n-Secret!\n',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toEqual({ ok: true, result: { ok: true } });
    const status = JSON.parse(cli(['status']).out) as {
      users: number;
      schemaVersion: number;
      outboxPending: number;
    };
    expect(status).toMatchObject({ users: 1, outboxPending: 1 });
    const audit = cli(['audit', '--limit', '5'])
      .out.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; result: string });
    expect(audit[0]).toMatchObject({ action: 'setup.createAdmin', result: 'success' });
  });

  it('refuses bad input with a clear message and a non-zero exit', () => {
    const weak = cli(
      ['create-admin', '--username', 'x y', '--email', 'bad', '--first-name', 'A', '--last-name', 'B', '--org', 'O'],
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(JSON.parse(weak.out).ok).toBe(false);
    const unknown = cli(['bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command "bogus"/);
    const badFlag = cli(['status', '--nope']);
    expect(badFlag.code).toBe(2); // a wrong command line is a usage error, like an unknown command
    expect(badFlag.err).toMatch(/Unknown option '--nope'/);
    const badLimit = cli(['audit', '--limit', '0']);
    expect(badLimit.code).toBe(1);
    expect(badLimit.err).toMatch(/--limit must be/);
    expect(cli(['demo']).code).toBe(1); // not an empty database any more
  });
});
