import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, testCore } from '../../helpers/core.ts';
import { expectConverged, joinDesk } from '../../helpers/sync.ts';
import type { TestDesk } from '../../helpers/sync.ts';
import { serveCore } from '../../helpers/sync-http.ts';
import type { CoreServer } from '../../helpers/sync-http.ts';
import { loopbackCertificate } from '../../helpers/tls-cert.ts';
import { PARTNER_PASSWORD, syncWorld } from '../../helpers/sync-fixtures.ts';
import type { SyncWorld } from '../../helpers/sync-fixtures.ts';
import { DeskSyncClient } from '../../../main/sync/client.ts';
import { HttpSyncTransport } from '../../../main/sync/http-transport.ts';
import type { Output } from '../../../main/contract/index.ts';

let w: SyncWorld;
const desks: TestDesk[] = [];
const servers: CoreServer[] = [];
beforeEach(async () => {
  w = await syncWorld();
});
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
  for (const s of servers.splice(0)) await s.close();
  w?.server.close();
});
async function desk(login: string, password: string): Promise<TestDesk> {
  const d = await joinDesk(w.server.core, login, password);
  desks.push(d);
  return d;
}
function connection(d: TestDesk) {
  return d.tc.core.db.reader.prepare('SELECT desk_id, desk_key, server_session FROM sync_connection').get() as {
    desk_id: string;
    desk_key: string;
    server_session: string;
  };
}
const T = '2026-11-21T09:00:00.000Z';
const SEED = 'ab'.repeat(32);
const group = (seq: number, deskId: string, actor = 'admin') => ({
  deskId,
  seq,
  method: 'policyGroups.create',
  input: { name: `G${seq}`, description: 'd' },
  seed: SEED,
  actor,
  time: T,
});

describe('pushes that must be refused with nothing applied', () => {
  it('a revoked server session: PD_AUTH_003, the desk asks for the password, then carries on', async () => {
    const d = await desk('admin', ADMIN.password);
    await w.server.call('auth.logout', {}, connection(d).server_session);
    d.transport.online = false;
    await d.tc.call('policyGroups.create', { name: 'Revoked', description: 'd' }, d.session);
    d.transport.online = true;
    await expect(d.client.syncNow()).rejects.toThrow(/session/i);
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Revoked'")).toBe(0);
    expect(
      w.server.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'sync.push' AND error_code = 'PD_AUTH_003'",
      ),
    ).toBe(1);
    expect((await d.tc.call('sync.status', {}, d.session)).state).toBe('signInNeeded');
    expect((await d.tc.fail('sync.signIn', { password: 'Wrong-Passw0rd!' }, d.session)).code).toBe('PD_AUTH_001');
    await d.tc.call('sync.signIn', { password: ADMIN.password }, d.session);
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Revoked'")).toBe(1);
    expectConverged(w.server.core, d, 'admin');
  });

  it("a forged desk id, a wrong desk key, another user's desk: PD_SYNC_001", async () => {
    const a = await desk('admin', ADMIN.password);
    const p = await desk(w.partner.id, PARTNER_PASSWORD);
    const ca = connection(a);
    const cp = connection(p);
    const push = (session: string, deskId: string, deskKey: string) =>
      w.server.core.dispatch('sync.push', session, {
        deskId,
        deskKey,
        commands: [group(1, deskId)],
      });
    for (const r of [
      await push(ca.server_session, 'forged-desk', ca.desk_key),
      await push(ca.server_session, ca.desk_id, cp.desk_key),
      await push(ca.server_session, cp.desk_id, cp.desk_key),
      await w.server.core.dispatch('sync.pull', ca.server_session, {
        deskId: cp.desk_id,
        deskKey: cp.desk_key,
        cookie: 0,
      }),
    ])
      expect(r).toMatchObject({ ok: false, error: { code: 'PD_SYNC_001' } });
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'G1'")).toBe(0);
  });

  it('a command of another desk, of another user, or out of sequence: PD_SYNC_003', async () => {
    const a = await desk('admin', ADMIN.password);
    const p = await desk(w.partner.id, PARTNER_PASSWORD);
    const ca = connection(a);
    const push = (commands: unknown[]) =>
      w.server.core.dispatch('sync.push', ca.server_session, {
        deskId: ca.desk_id,
        deskKey: ca.desk_key,
        commands,
      });
    expect(await push([group(1, connection(p).desk_id)])).toMatchObject({
      ok: false,
      error: { code: 'PD_SYNC_003' },
    });
    expect(await push([group(1, ca.desk_id, w.partner.id)])).toMatchObject({
      ok: false,
      error: { code: 'PD_SYNC_003' },
    });
    expect(await push([group(1, ca.desk_id), group(3, ca.desk_id)])).toMatchObject({
      ok: false,
      error: { code: 'PD_SYNC_003' },
    });
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name IN ('G1', 'G3')")).toBe(0);
    expect(w.server.count('SELECT last_seq AS n FROM sync_desk WHERE id = ?', ca.desk_id)).toBe(0);
  });

  it('commands the server refuses by rule become conflicts that advance the seq: not replayable, wrong role, bad input', async () => {
    const p = await desk(w.partner.id, PARTNER_PASSWORD);
    const cp = connection(p);
    const cmd = (seq: number, method: string, input: unknown) => ({
      deskId: cp.desk_id,
      seq,
      method,
      input,
      seed: SEED,
      actor: w.partner.id,
      time: T,
    });
    const r = await w.server.core.dispatch('sync.push', cp.server_session, {
      deskId: cp.desk_id,
      deskKey: cp.desk_key,
      commands: [
        cmd(1, 'auth.logout', {}),
        cmd(2, 'policyGroups.create', { name: 'Sneaky', description: 'd' }),
        cmd(3, 'linking.request', { partnerId: w.partner.id }),
        cmd(4, 'no.such.method', {}),
      ],
    });
    expect(r.ok && (r.result as Output<'sync.push'>).verdicts.map((v) => [v.seq, v.status, v.code])).toEqual([
      [1, 'conflict', 'PD_SYNC_004'],
      [2, 'conflict', 'PD_AUTH_004'],
      [3, 'conflict', 'PMS_COR_002'],
      [4, 'conflict', 'PD_SYNC_004'],
    ]);
    // the session the push came with is still alive: auth.logout was not run
    expect((await w.server.core.dispatch('session.me', cp.server_session, {})).ok).toBe(true);
    expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Sneaky'")).toBe(0);
    expect(
      w.server.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE desk_id = ? AND result = 'failure'", cp.desk_id),
    ).toBe(4);
  });

  it('a core that is not a server refuses sync: PD_SYNC_011', async () => {
    const plain = testCore();
    try {
      await plain.call('setup.createAdmin', ADMIN);
      const token = (await plain.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
      expect((await plain.fail('sync.register', { name: 'x' }, token)).code).toBe('PD_SYNC_011');
      expect((await plain.fail('sync.pull', { deskId: 'x', deskKey: 'y', cookie: 0 }, token)).code).toBe('PD_SYNC_011');
    } finally {
      plain.close();
    }
  });
});

describe('over loopback HTTP', () => {
  it('a push body over the limit is answered 413 PD_RPC_002 before the core sees it', async () => {
    const s = await serveCore(w.server.core);
    servers.push(s);
    const a = await desk('admin', ADMIN.password);
    const ca = connection(a);
    const huge = JSON.stringify({
      input: {
        deskId: ca.desk_id,
        deskKey: ca.desk_key,
        commands: [group(1, ca.desk_id)],
        pad: 'x'.repeat(9 * 1024 * 1024),
      },
    });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${s.url}/api/call/sync.push`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ca.server_session}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(huge);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'PD_RPC_002' } });
    expect(w.server.count('SELECT last_seq AS n FROM sync_desk WHERE id = ?', ca.desk_id)).toBe(0);
  });

  it('joins, pushes and hears pokes through the HTTP transport and the event socket', async () => {
    const s = await serveCore(w.server.core);
    servers.push(s);
    const tc = testCore();
    const client = new DeskSyncClient(tc.core, { transport: (t) => new HttpSyncTransport(t) });
    tc.core.setDeskSync(client);
    try {
      await tc.call('sync.connect', {
        serverUrl: s.url,
        login: 'admin',
        password: ADMIN.password,
        deskName: 'http desk',
      });
      const session = (await tc.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
      await tc.call('policyGroups.create', { name: 'Over HTTP', description: 'd' }, session);
      await tc.call('sync.now', {}, session);
      expect(w.server.count("SELECT COUNT(*) AS n FROM policy_group WHERE name = 'Over HTTP'")).toBe(1);
      client.start();
      await new Promise((r) => setTimeout(r, 300)); // the event socket opens
      await w.server.call('partners.deactivate', { partnerId: w.other.id }, w.admin);
      for (let i = 0; i < 100 && tc.count('SELECT is_active AS n FROM partner WHERE id = ?', w.other.id) !== 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(tc.count('SELECT is_active AS n FROM partner WHERE id = ?', w.other.id)).toBe(0);
      expectConverged(w.server.core, tc.core, 'admin');
    } finally {
      await client.stop();
      tc.close();
    }
  });

  it('refuses a server whose certificate is not the pinned one, before sending the password', async () => {
    const real = await loopbackCertificate();
    const other = await loopbackCertificate('CN=impostor');
    const s = await serveCore(w.server.core, { tls: { key: real.key, cert: real.cert } });
    servers.push(s);
    const sessionsBefore = w.server.count('SELECT COUNT(*) AS n FROM app_session');
    const tc = testCore();
    const client = new DeskSyncClient(tc.core, { transport: (t) => new HttpSyncTransport(t) });
    tc.core.setDeskSync(client);
    try {
      const bad = await tc.fail('sync.connect', {
        serverUrl: s.url,
        fingerprint: other.fingerprint,
        login: 'admin',
        password: ADMIN.password,
        deskName: 'pinned',
      });
      expect(bad.code).toBe('PD_SYNC_008');
      expect(
        (
          await tc.fail('sync.connect', {
            serverUrl: s.url,
            login: 'admin',
            password: ADMIN.password,
            deskName: 'pinned',
          })
        ).code,
      ).toBe('PD_SYNC_008');
      expect(w.server.count('SELECT COUNT(*) AS n FROM app_session')).toBe(sessionsBefore);
      expect(tc.count('SELECT COUNT(*) AS n FROM sync_connection')).toBe(0);
      const colons = real.fingerprint.toUpperCase().match(/../g)!.join(':');
      await tc.call('sync.connect', {
        serverUrl: s.url,
        fingerprint: colons,
        login: 'admin',
        password: ADMIN.password,
        deskName: 'pinned',
      });
      expectConverged(w.server.core, tc.core, 'admin');
    } finally {
      await client.stop();
      tc.close();
    }
  });
});

describe('what a joined desk leaves to the server', () => {
  it('registration: PD_SYNC_005; the freeze after the admin-set days without a sync', async () => {
    await w.server.call('sync.setFreezeDays', { days: 2 }, w.admin);
    const d = await desk('admin', ADMIN.password);
    expect((await d.tc.fail('auth.register', partnerInput(9))).code).toBe('PD_SYNC_005');
    const status = await d.tc.call('sync.status', {}, d.session);
    expect(status.freezeDays).toBe(2);
    expect(status.freezesAt).toBe('2026-11-23T09:00:00.000Z');
    d.transport.online = false;
    d.tc.clock.advance(2 * 86400 - 60);
    const fresh = (await d.tc.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
    await d.tc.call('policyGroups.create', { name: 'Before freeze', description: 'd' }, fresh);
    d.tc.clock.advance(120);
    expect((await d.tc.fail('policyGroups.create', { name: 'Frozen', description: 'd' }, fresh)).code).toBe(
      'PD_SYNC_006',
    );
    expect((await d.tc.call('sync.status', {}, fresh)).state).toBe('frozen');
    d.transport.online = true;
    w.server.clock.advance(2 * 86400 + 60);
    await d.tc.call('sync.signIn', { password: ADMIN.password }, fresh);
    expect((await d.tc.call('sync.status', {}, fresh)).state).toBe('online');
    await d.tc.call('policyGroups.create', { name: 'After sync', description: 'd' }, fresh);
    await d.client.syncNow();
    expectConverged(w.server.core, d, 'admin');
  });
});
