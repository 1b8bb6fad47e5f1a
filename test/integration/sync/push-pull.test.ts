import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../../helpers/core.ts';
import { expectConverged, joinDesk } from '../../helpers/sync.ts';
import type { TestDesk } from '../../helpers/sync.ts';
import { addAdmin, link, PARTNER_PASSWORD, syncWorld } from '../../helpers/sync-fixtures.ts';
import type { SyncWorld } from '../../helpers/sync-fixtures.ts';

let w: SyncWorld;
const desks: TestDesk[] = [];
beforeEach(async () => {
  w = await syncWorld();
});
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  w?.server.close();
});
async function desk(login: string, password: string): Promise<TestDesk> {
  const d = await joinDesk(w.server.core, login, password);
  desks.push(d);
  return d;
}

describe('joining a server', () => {
  it('pulls the admin view without any password hash; the desk user signs in offline with the credential cached at join', async () => {
    const d = await desk('admin', ADMIN.password);
    expectConverged(w.server.core, d, 'admin');
    const hashes = d.tc.core.db.reader.prepare('SELECT id, password_hash FROM app_user ORDER BY id').all() as Array<{
      id: string;
      password_hash: string;
    }>;
    expect(hashes.map((h) => h.id)).toEqual(['admin', 'partner-1', 'partner-2']);
    expect(hashes.find((h) => h.id === 'partner-1')!.password_hash).toBe('!');
    expect(hashes.find((h) => h.id === 'admin')!.password_hash).toMatch(/^scrypt\$/);
    // the server's hash is not the desk's: the desk made its own from the password typed at join
    const serverHash = w.server.core.db.reader
      .prepare("SELECT password_hash FROM app_user WHERE id = 'admin'")
      .get() as { password_hash: string };
    expect(hashes.find((h) => h.id === 'admin')!.password_hash).not.toBe(serverHash.password_hash);
    d.transport.online = false;
    const again = await d.tc.call('auth.login', { login: 'admin', password: ADMIN.password });
    expect(again.user.isAdmin).toBe(true);
    expect((await d.tc.fail('auth.login', { login: 'partner-1', password: PARTNER_PASSWORD })).code).toBe(
      'PD_AUTH_001',
    );
    const status = await d.tc.call('sync.status', {}, d.session);
    expect(status).toMatchObject({ state: 'online', userId: 'admin', pending: 0, conflicts: 0 });
  });

  it('refuses to join from a desk that already has data, and a wrong password', async () => {
    const d = await desk('admin', ADMIN.password);
    expect(
      (
        await d.tc.fail('sync.connect', {
          serverUrl: 'http://127.0.0.1:9',
          login: 'admin',
          password: ADMIN.password,
          deskName: 'again',
        })
      ).code,
    ).toBe('PD_SYNC_010');
    const { joinDesk: j } = await import('../../helpers/sync.ts');
    await expect(j(w.server.core, 'admin', 'Wrong-Passw0rd!')).rejects.toThrow(/PD_AUTH_001/);
  });
});

describe('push: exactly once, through the command path of the original actor', () => {
  it('replays offline commands on the server with the same ids, audited with desk, seq and both times', async () => {
    const d = await desk('admin', ADMIN.password);
    d.transport.online = false;
    d.tc.clock.advance(600);
    const group = await d.tc.call(
      'policyGroups.create',
      { name: 'Telecom', description: 'Telecom operators' },
      d.session,
    );
    const policy = await d.tc.call(
      'policies.create',
      {
        policyGroupId: group.policyGroupId,
        name: 'Telecom KYC',
        description: 'KYC for SIM',
        policyType: 'Auth',
        policy: JSON.stringify({
          authTokenType: 'policy',
          allowedKycAttributes: [],
          allowedAuthTypes: [],
        }),
      },
      d.session,
    );
    expect(await d.tc.call('sync.status', {}, d.session)).toMatchObject({ pending: 2 });
    await expect(d.client.syncNow()).rejects.toThrow(/could not be reached/);
    expect((await d.tc.call('sync.status', {}, d.session)).state).toBe('offline');

    d.transport.online = true;
    await d.client.syncNow();
    expect(
      w.server.count(
        'SELECT COUNT(*) AS n FROM policy_group WHERE id = ? AND name = ?',
        group.policyGroupId,
        'Telecom',
      ),
    ).toBe(1);
    expect(
      w.server.count(
        'SELECT COUNT(*) AS n FROM auth_policy WHERE id = ? AND policy_group_id = ?',
        policy.policyId,
        group.policyGroupId,
      ),
    ).toBe(1);
    const audit = w.server.core.db.reader
      .prepare(
        'SELECT action, actor, result, desk_id, desk_seq, desk_time, time FROM app_audit_log WHERE desk_id IS NOT NULL ORDER BY desk_seq',
      )
      .all() as Array<Record<string, unknown>>;
    const deskId = (await d.tc.call('sync.status', {}, d.session)).deskId;
    expect(audit).toEqual([
      {
        action: 'policyGroups.create',
        actor: 'admin',
        result: 'success',
        desk_id: deskId,
        desk_seq: 1,
        desk_time: '2026-11-21T09:10:00.000Z',
        time: '2026-11-21T09:00:00.000Z',
      },
      {
        action: 'policies.create',
        actor: 'admin',
        result: 'success',
        desk_id: deskId,
        desk_seq: 2,
        desk_time: '2026-11-21T09:10:00.000Z',
        time: '2026-11-21T09:00:00.000Z',
      },
    ]);
    const queue = await d.tc.call('sync.queue', { pageNo: 0, pageSize: 10 }, d.session);
    expect(queue.data.map((q) => [q.seq, q.method, q.status])).toEqual([
      [2, 'policies.create', 'applied'],
      [1, 'policyGroups.create', 'applied'],
    ]);
    expectConverged(w.server.core, d, 'admin');
  });

  it('answers a repeated (desk, seq) from the stored verdict without running it again, refuses a gap', async () => {
    const d = await desk('admin', ADMIN.password);
    d.transport.online = false;
    await d.tc.call('policyGroups.create', { name: 'Health', description: 'Clinics' }, d.session);
    const conn = d.tc.core.db.reader.prepare('SELECT desk_id, desk_key, server_session FROM sync_connection').get() as {
      desk_id: string;
      desk_key: string;
      server_session: string;
    };
    const row = d.tc.core.db.reader
      .prepare(
        'SELECT client_seq, replay_method, replay_input, hex(seed) AS seed, actor, time FROM outbox WHERE sync_status = ?',
      )
      .get('pending') as Record<string, string | number>;
    const cmd = {
      deskId: conn.desk_id,
      seq: Number(row.client_seq),
      method: String(row.replay_method),
      input: JSON.parse(String(row.replay_input)) as unknown,
      seed: String(row.seed).toLowerCase(),
      actor: String(row.actor),
      time: String(row.time),
    };
    const push = (commands: unknown[]) =>
      w.server.core.dispatch('sync.push', conn.server_session, {
        deskId: conn.desk_id,
        deskKey: conn.desk_key,
        commands,
      });
    const first = await push([cmd]);
    const second = await push([cmd]);
    expect(first).toMatchObject({
      ok: true,
      result: { lastSeq: 1, verdicts: [{ seq: 1, status: 'applied' }] },
    });
    expect(second).toEqual(first);
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Health'")).toBe(1);
    expect(
      w.server.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'policyGroups.create' AND desk_id IS NOT NULL",
      ),
    ).toBe(1);
    const gap = await push([{ ...cmd, seq: 3 }]);
    expect(gap).toMatchObject({
      ok: false,
      error: { code: 'PD_SYNC_002', fields: { expectedSeq: '2' } },
    });
    expect(w.server.count('SELECT last_seq AS n FROM sync_desk WHERE id = ?', conn.desk_id)).toBe(1);
    // the desk itself recovers: the verdict it never heard comes back as the stored one
    d.transport.online = true;
    await d.client.syncNow();
    expectConverged(w.server.core, d, 'admin');
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Health'")).toBe(1);
  });
});

describe('conflicts: the world changed on the server', () => {
  it('two offline admin desks decide one request differently: the first applied wins, the other keeps the conflict and its effect is undone', async () => {
    await addAdmin(w.server, 'admin2');
    const req = await w.server.call(
      'linking.request',
      { partnerId: w.partner.id, policyId: w.policyId, comments: 'KYC at account opening' },
      w.partner.token,
    );
    const a = await desk('admin', ADMIN.password);
    const b = await desk('admin2', ADMIN.password);
    a.transport.online = false;
    b.transport.online = false;
    await a.tc.call('linking.decide', { id: req.id, status: 'approved' }, a.session);
    await b.tc.call('linking.decide', { id: req.id, status: 'rejected' }, b.session);
    expect((await b.tc.call('linking.get', { id: req.id }, b.session)).status).toBe('rejected');

    a.transport.online = true;
    await a.client.syncNow();
    b.transport.online = true;
    await b.client.syncNow();
    expect((await w.server.call('linking.get', { id: req.id }, w.admin)).status).toBe('approved');
    expect((await b.tc.call('linking.get', { id: req.id }, b.session)).status).toBe('approved');
    const conflicts = await b.tc.call('sync.queue', { pageNo: 0, pageSize: 10, status: 'conflict' }, b.session);
    expect(conflicts.data).toEqual([
      expect.objectContaining({
        method: 'linking.decide',
        status: 'conflict',
        code: 'PMS_PM_034',
        refType: 'policyRequest',
        refId: req.id,
      }),
    ]);
    expect(conflicts.data[0]!.message).toMatch(/already approved/);
    expect(await b.tc.call('sync.status', {}, b.session)).toMatchObject({
      pending: 0,
      conflicts: 1,
    });
    const refused = w.server.core.db.reader
      .prepare(
        "SELECT actor, result, error_code, desk_seq FROM app_audit_log WHERE desk_id IS NOT NULL AND result = 'failure'",
      )
      .all();
    expect(refused).toEqual([{ actor: 'admin2', result: 'failure', error_code: 'PMS_PM_034', desk_seq: 1 }]);
    await a.client.syncNow();
    expectConverged(w.server.core, a, 'admin');
    expectConverged(w.server.core, b, 'admin2');
  });

  it('rebases: a pending command is applied again on top of newer server rows', async () => {
    const d = await desk('admin', ADMIN.password);
    d.transport.online = false;
    const group = await d.tc.call('policyGroups.create', { name: 'Postal', description: 'Postal services' }, d.session);
    // meanwhile on the server: another admin action the desk has not seen
    await w.server.call('partners.deactivate', { partnerId: w.other.id }, w.admin);
    d.transport.online = true;
    // pull first (the push is held back): the server's change arrives and the pending group stays
    const conn = d.tc.core.db.reader.prepare('SELECT desk_id, desk_key, server_session FROM sync_connection').get() as {
      desk_id: string;
      desk_key: string;
      server_session: string;
    };
    const page = await w.server.call(
      'sync.pull',
      {
        deskId: conn.desk_id,
        deskKey: conn.desk_key,
        cookie: (
          d.tc.core.db.reader.prepare('SELECT cookie FROM sync_connection').get() as {
            cookie: number;
          }
        ).cookie,
      },
      conn.server_session,
    );
    const { applyPulledPage } = await import('../../../main/core/sync/desk-rebase.ts');
    await applyPulledPage(d.tc.core.env, page);
    expect(d.tc.count('SELECT is_active AS n FROM partner WHERE id = ?', w.other.id)).toBe(0);
    expect(d.tc.count('SELECT COUNT(*) AS n FROM policy_group WHERE id = ?', group.policyGroupId)).toBe(1);
    expect(d.tc.count('SELECT COUNT(*) AS n FROM sync_undo WHERE seq = 1')).toBeGreaterThan(0);
    await d.client.syncNow();
    expectConverged(w.server.core, d, 'admin');
  });
});

describe('what a partner desk sees', () => {
  it('its own records and the trust store; nothing of another partner; an offline API key works once the server has it', async () => {
    await link(w.server, w.admin, w.partner, w.policyId);
    await link(w.server, w.admin, w.other, w.policyId);
    await w.server.call(
      'apiKeys.generate',
      { partnerId: w.other.id, policyId: w.policyId, label: 'other key' },
      w.other.token,
    );
    const d = await desk(w.partner.id, PARTNER_PASSWORD);
    expectConverged(w.server.core, d, w.partner.id);
    expect(d.tc.core.db.reader.prepare('SELECT id FROM app_user').all()).toEqual([{ id: w.partner.id }]);
    expect(d.tc.core.db.reader.prepare('SELECT id FROM partner').all()).toEqual([{ id: w.partner.id }]);
    expect(d.tc.count('SELECT COUNT(*) AS n FROM partner_policy')).toBe(0);
    expect(d.tc.count('SELECT COUNT(*) AS n FROM partner_policy_request')).toBe(1);

    d.transport.online = false;
    const key = await d.tc.call(
      'apiKeys.generate',
      { partnerId: w.partner.id, policyId: w.policyId, label: 'offline key' },
      d.session,
    );
    expect(
      (
        await w.server.call('apiKeys.check', {
          partnerId: w.partner.id,
          policyId: w.policyId,
          apiKey: key.apiKey,
        })
      ).valid,
    ).toBe(false);
    d.transport.online = true;
    await d.client.syncNow();
    expect(
      await w.server.call('apiKeys.check', {
        partnerId: w.partner.id,
        policyId: w.policyId,
        apiKey: key.apiKey,
      }),
    ).toEqual({ valid: true, reason: 'ok' });
    expect(w.server.count('SELECT COUNT(*) AS n FROM partner_policy WHERE id = ?', key.id)).toBe(1);
    expectConverged(w.server.core, d, w.partner.id);
  });

  it('a change of policy group re-sends the policies: new ones arrive, ones out of view are deleted', async () => {
    const inactive = await (async () => {
      const { onboard } = await import('../../helpers/policies.ts');
      return onboard(w.server, 3, w.groupId, { approve: false });
    })();
    const d = await desk(inactive.id, PARTNER_PASSWORD);
    expect(d.tc.core.db.reader.prepare('SELECT id FROM auth_policy').all()).toEqual([{ id: w.policyId }]);
    const group2 = await w.server.call('policyGroups.create', { name: 'Insurance', description: 'Insurers' }, w.admin);
    const { newPolicy } = await import('../../helpers/policies.ts');
    const p2 = await newPolicy(w.server, w.admin, group2.policyGroupId, { name: 'Claims KYC' });
    await w.server.call(
      'partners.setPolicyGroup',
      { partnerId: inactive.id, policyGroupId: group2.policyGroupId },
      inactive.token,
    );
    await d.client.syncNow();
    expect(d.tc.core.db.reader.prepare('SELECT id FROM auth_policy').all()).toEqual([{ id: p2.policyId }]);
    expectConverged(w.server.core, d, inactive.id);
  });
});
