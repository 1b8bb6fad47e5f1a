import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../main/core/command.ts';
import type { ReadDb, WriteDb } from '../../main/core/context.ts';
import type { DataTopic } from '../../main/contract/index.ts';
import { ADMIN, partnerInput, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
beforeEach(() => {
  tc = testCore();
});
afterEach(() => tc.close());

/** Runs a hand-made handler for `method` through the real command path on the test core's database. */
function run(method: 'auth.keepAlive' | 'auth.register', announce: DataTopic, emitted: DataTopic[]) {
  const { reader, writer } = tc.core.db;
  const deps = tc.core.deps;
  const now = tc.clock.now();
  return runCommand(
    method,
    {
      kind: 'command',
      module: 'accounts',
      apply: (ctx) => {
        ctx.db.prepare("UPDATE app_user SET org_name = 'changed' WHERE id = 'admin'").run();
        ctx.changed(announce);
        return { output: { expiresAt: now.toISOString() } as never, outbox: false };
      },
    },
    {} as never,
    {
      writer: writer as WriteDb,
      queryCtx: { db: reader as ReadDb, deps, actor: null, now },
      deps,
      actor: null,
      emit: (t) => emitted.push(t),
    },
  );
}

describe('data.changed topics are declared in the contract', () => {
  it('refuses a command that announces a topic its contract entry does not list: rolled back, audited, nothing announced', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    const emitted: DataTopic[] = [];
    await expect(run('auth.keepAlive', 'partners', emitted)).rejects.toThrow(/auth\.keepAlive announced 'partners'/);
    expect(emitted).toEqual([]);
    expect(tc.count("SELECT COUNT(*) AS n FROM app_user WHERE org_name = 'changed'")).toBe(0);
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'auth.keepAlive' AND result = 'failure' AND error_code = 'PD_INTERNAL'",
      ),
    ).toBe(1);
  });

  it('lets a declared topic through, after commit', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    const emitted: DataTopic[] = [];
    await run('auth.register', 'partners', emitted);
    expect(emitted).toEqual(['partners']);
    expect(tc.count("SELECT COUNT(*) AS n FROM app_user WHERE org_name = 'changed'")).toBe(1);
  });

  it('real handlers announce what they declare (registration → partners)', async () => {
    const topics: string[] = [];
    tc.core.onEvent((e, p) => {
      if (e === 'data.changed' && 'topic' in p) topics.push(p.topic);
    });
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    expect(topics).toEqual(['accounts', 'partners']);
  });
});
