import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
beforeEach(() => {
  tc = testCore();
});
afterEach(() => tc.close());

const audit = (tc: TestCore) =>
  tc.core.db.reader
    .prepare(
      'SELECT module, action, actor, ref_type, ref_id, result, error_code FROM app_audit_log ORDER BY time, rowid',
    )
    .all();

describe('the command path', () => {
  it('writes state, one audit record and one outbox entry together, with client sequence and no secrets', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    expect(audit(tc)).toEqual([
      {
        module: 'accounts',
        action: 'setup.createAdmin',
        actor: 'admin',
        ref_type: 'user',
        ref_id: 'admin',
        result: 'success',
        error_code: null,
      },
      {
        module: 'partners',
        action: 'auth.register',
        actor: 'partner-1',
        ref_type: 'partner',
        ref_id: 'partner-1',
        result: 'success',
        error_code: null,
      },
    ]);
    const outbox = tc.core.db.reader
      .prepare('SELECT client_seq, command, payload, actor, time FROM outbox ORDER BY client_seq')
      .all() as Array<{
      client_seq: number;
      command: string;
      payload: string;
      actor: string;
      time: string;
    }>;
    expect(outbox.map((o) => [o.client_seq, o.command, o.actor])).toEqual([
      [1, 'setup.createAdmin', 'admin'],
      [2, 'auth.register', 'partner-1'],
    ]);
    const payload = JSON.parse(outbox[1]!.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({
      username: 'partner-1',
      partnerType: 'Auth_Partner',
      email: 'pat1@org1.example',
    });
    expect(payload).not.toHaveProperty('password');
    expect(outbox[1]!.time).toBe(tc.clock.now().toISOString());
  });

  it('rolls back a refused command entirely and audits the refusal alone', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    const before = {
      users: tc.count('SELECT COUNT(*) AS n FROM app_user'),
      outbox: tc.count('SELECT COUNT(*) AS n FROM outbox'),
    };
    expect((await tc.fail('auth.register', partnerInput(2, { email: 'pat1@org1.example' }))).code).toBe('PMS_PRT_011');
    expect(tc.count('SELECT COUNT(*) AS n FROM app_user')).toBe(before.users);
    expect(tc.count('SELECT COUNT(*) AS n FROM outbox')).toBe(before.outbox);
    expect(audit(tc).at(-1)).toEqual({
      module: 'partners',
      action: 'auth.register',
      actor: 'partner-2',
      ref_type: null,
      ref_id: null,
      result: 'failure',
      error_code: 'PMS_PRT_011',
    });
  });

  it('audits refusals at the gate (session, role, schema) for commands, and never for queries', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    const partner = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    const n = tc.count('SELECT COUNT(*) AS n FROM app_audit_log');
    expect((await tc.fail('auth.keepAlive', {}, 'stale')).code).toBe('PD_AUTH_003');
    expect((await tc.fail('profile.setLanguage', { lang: 'xx' }, partner)).code).toBe('PMS_COR_002');
    expect((await tc.fail('audit.list', {}, partner)).code).toBe('PD_AUTH_004');
    const rows = audit(tc).slice(n) as Array<{ action: string; actor: string; error_code: string }>;
    expect(rows.map((r) => [r.action, r.actor, r.error_code])).toEqual([
      ['auth.keepAlive', 'anonymous', 'PD_AUTH_003'],
      ['profile.setLanguage', 'partner-1', 'PMS_COR_002'],
    ]);
  });

  it('names the object of a refused command, from its input', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    const admin = await signIn(tc, 'admin', ADMIN.password);
    // A pending registration cannot be activated: the refusal names the partner it was aimed at.
    const refused = await tc.fail('partners.activate', { partnerId: 'partner-1' }, admin);
    expect(audit(tc).at(-1)).toEqual({
      module: 'partners',
      action: 'partners.activate',
      actor: 'admin',
      ref_type: 'partner',
      ref_id: 'partner-1',
      result: 'failure',
      error_code: refused.code,
    });
    await tc.fail('apiKeys.deactivate', { id: 'no-such-key' }, admin);
    expect(audit(tc).at(-1)).toMatchObject({ ref_type: 'apiKey', ref_id: 'no-such-key', result: 'failure' });
  });

  it('records no keep-alive that succeeded (session activity, not a change), but every refused one', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    const admin = await signIn(tc, 'admin', ADMIN.password);
    const n = tc.count('SELECT COUNT(*) AS n FROM app_audit_log');
    await tc.call('auth.keepAlive', {}, admin);
    await tc.call('auth.keepAlive', {}, admin);
    expect(tc.count('SELECT COUNT(*) AS n FROM app_audit_log')).toBe(n);
    await tc.fail('auth.keepAlive', {}, 'stale');
    expect(audit(tc).at(-1)).toMatchObject({ action: 'auth.keepAlive', result: 'failure', error_code: 'PD_AUTH_003' });
  });

  it('queries never write: a query on the read-only connection cannot change the database', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    const admin = await signIn(tc, 'admin', ADMIN.password);
    const before = tc.count('SELECT COUNT(*) AS n FROM app_audit_log') + tc.count('SELECT COUNT(*) AS n FROM outbox');
    await tc.call('session.me', {}, admin);
    await tc.call('dashboard.summary', {}, admin);
    await tc.call('audit.list', {}, admin);
    expect(tc.count('SELECT COUNT(*) AS n FROM app_audit_log') + tc.count('SELECT COUNT(*) AS n FROM outbox')).toBe(
      before,
    );
    expect(() => tc.core.db.reader.prepare("UPDATE app_user SET org_name = 'x'").run()).toThrow(/readonly/);
  });

  it('notifies listeners after commit, not on refusal', async () => {
    const topics: string[] = [];
    tc.core.onEvent((e, p) => {
      if (e === 'data.changed' && 'topic' in p) topics.push(p.topic);
    });
    await tc.call('setup.createAdmin', ADMIN);
    await tc.fail('auth.register', partnerInput(1, { phone: '1' }));
    await tc.call('auth.register', partnerInput(1));
    expect(topics).toEqual(['accounts', 'partners']);
  });
});
