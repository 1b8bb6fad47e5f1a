import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult, Input, MethodName, SyncActivityView } from '../../../main/contract/index.ts';
import { DeskSyncClient } from '../../../main/sync/client.ts';
import { ADMIN, testCore } from '../../helpers/core.ts';
import type { TestCore } from '../../helpers/core.ts';
import { CoreTransport, expectConverged, joinDesk, SERVER_URL } from '../../helpers/sync.ts';
import { syncWorld } from '../../helpers/sync-fixtures.ts';
import type { SyncWorld } from '../../helpers/sync-fixtures.ts';

/** A transport that can hold the n-th `sync.pull` until released (a slow first page). */
class HeldTransport extends CoreTransport {
  pulls = 0;
  holdPull = 0;
  private release: (() => void) | null = null;
  held: Promise<void> | null = null;
  private heldReached: (() => void) | null = null;

  arm(n: number): Promise<void> {
    this.holdPull = n;
    return new Promise((ok) => (this.heldReached = ok));
  }

  letGo(): void {
    this.release?.();
  }

  override async call<M extends MethodName>(
    method: M,
    input: Input<M>,
    session: string | null,
  ): Promise<CallResult<M>> {
    if (method === 'sync.pull' && ++this.pulls === this.holdPull) {
      this.held = new Promise((ok) => (this.release = ok));
      this.heldReached?.();
      await this.held;
    }
    return super.call(method, input, session);
  }
}

let w: SyncWorld;
const opened: TestCore[] = [];
const clients: DeskSyncClient[] = [];
beforeEach(async () => {
  w = await syncWorld();
  // more change-log entries than a page of 5 holds: the first full sync takes several pages
  for (let i = 0; i < 12; i++)
    await w.server.call('policyGroups.create', { name: `Group ${i}`, description: 'many groups' }, w.admin);
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  for (const tc of opened.splice(0)) tc.close();
  w?.server.close();
});

function freshDesk(transport: CoreTransport) {
  const tc = testCore();
  opened.push(tc);
  const client = new DeskSyncClient(tc.core, { transport: () => transport, pullLimit: 5 });
  clients.push(client);
  tc.core.setDeskSync(client);
  const activity: SyncActivityView[] = [];
  tc.core.onEvent((event, payload) => {
    if (event === 'sync.activity') activity.push(payload as SyncActivityView);
  });
  return { tc, client, activity };
}

const join = {
  serverUrl: SERVER_URL,
  login: 'admin',
  password: ADMIN.password,
  deskName: 'slow link',
};

describe('the first full sync: progress and cancel', () => {
  it('reports its progress page by page up to the server head, then idles', async () => {
    const { tc, activity } = freshDesk(new CoreTransport(w.server.core));
    await tc.call('sync.connect', join);
    const pulls = activity.filter((a) => a.progress?.phase === 'pull');
    expect(pulls.length).toBeGreaterThanOrEqual(4);
    expect(pulls.every((a) => a.syncing && a.progress!.firstSync)).toBe(true);
    const head = w.server.core.db.reader.prepare('SELECT MAX(seq) FROM sync_change').pluck().get() as number;
    const known = pulls.filter((a) => a.progress!.total !== null);
    expect(known.at(-1)!.progress!.total).toBe(head);
    const done = known.map((a) => a.progress!.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)!).toBeLessThan(head);
    expect(activity.at(-1)).toEqual({ syncing: false, paused: false, progress: null });
    expect(await tc.call('sync.activity', {})).toEqual({
      syncing: false,
      paused: false,
      progress: null,
    });
    expectConverged(w.server.core, tc.core, 'admin');
  });

  it('cancelled during the join: the desk is empty and standalone again, audited, and can join afterwards', async () => {
    const transport = new HeldTransport(w.server.core);
    const { tc } = freshDesk(transport);
    const reached = transport.arm(2);
    const joining = tc.core.dispatch('sync.connect', null, join);
    await reached;
    // the public activity shows a first sync under way (a joining desk has no session yet)
    expect(await tc.call('sync.activity', {})).toMatchObject({
      syncing: true,
      progress: { phase: 'pull', firstSync: true },
    });
    const cancelled = tc.call('sync.cancel', {});
    transport.letGo();
    expect(await cancelled).toMatchObject({ syncing: false, paused: true });
    const r = await joining;
    expect(r.ok ? null : r.error.code).toBe('PD_SYNC_013');
    expect(await tc.call('system.info', {})).toMatchObject({ setupRequired: true });
    expect(tc.count('SELECT COUNT(*) AS n FROM sync_connection')).toBe(0);
    expect(tc.count('SELECT COUNT(*) AS n FROM app_user')).toBe(0);
    expect(tc.count('SELECT COUNT(*) AS n FROM policy_group')).toBe(0);
    expect(tc.count("SELECT COUNT(*) AS n FROM sync_node WHERE role = 'standalone'")).toBe(1);
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'sync.connect' AND result = 'failure' AND error_code = 'PD_SYNC_013'",
      ),
    ).toBe(1);
    // a new join is a new "Sync now": it ends the pause and completes
    await tc.call('sync.connect', join);
    expect(await tc.call('sync.activity', {})).toEqual({
      syncing: false,
      paused: false,
      progress: null,
    });
    expectConverged(w.server.core, tc.core, 'admin');
  });

  it('a join whose server goes away during the first sync leaves the desk empty (PD_SYNC_007)', async () => {
    const transport = new HeldTransport(w.server.core);
    const { tc } = freshDesk(transport);
    const reached = transport.arm(3);
    const joining = tc.core.dispatch('sync.connect', null, join);
    await reached;
    transport.online = false;
    transport.letGo();
    const r = await joining;
    expect(r.ok ? null : r.error.code).toBe('PD_SYNC_007');
    expect(tc.count('SELECT COUNT(*) AS n FROM app_user')).toBe(0);
    expect(tc.count('SELECT COUNT(*) AS n FROM sync_connection')).toBe(0);
    transport.online = true;
    await tc.call('sync.connect', join);
    expectConverged(w.server.core, tc.core, 'admin');
  });

  it('cancelled on a joined desk: stops after the page, pauses background rounds until "Sync now"', async () => {
    const transport = new HeldTransport(w.server.core);
    const { tc, client, activity } = freshDesk(transport);
    await tc.call('sync.connect', join);
    const session = (await tc.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
    // many new rows on the server: the next pull takes two pages of 5
    for (let i = 0; i < 8; i++)
      await w.server.call('policyGroups.create', { name: `Later ${i}`, description: 'after the join' }, w.admin);
    const reached = transport.arm(transport.pulls + 1);
    const round = client.syncNow();
    await reached;
    const cancelled = tc.call('sync.cancel', {}, session);
    transport.letGo();
    await expect(round).rejects.toThrow(/cancelled/);
    client.start();
    expect(await cancelled).toEqual({ syncing: false, paused: true, progress: null });
    const status = await tc.call('sync.status', {}, session);
    // a cancel is not an outage: the state stays online, the pause is shown
    expect(status).toMatchObject({
      state: 'online',
      paused: true,
      syncing: false,
      lastError: null,
    });
    const cookie = tc.count('SELECT cookie AS n FROM sync_connection');
    const head = w.server.core.db.reader.prepare('SELECT MAX(seq) FROM sync_change').pluck().get() as number;
    expect(cookie).toBeLessThan(head);
    // a server change pokes the desk: paused, it does not pull
    const pullsBefore = transport.pulls;
    await w.server.call('policyGroups.create', { name: 'Poke', description: 'poke' }, w.admin);
    await new Promise((ok) => setTimeout(ok, 100));
    expect(transport.pulls).toBe(pullsBefore);
    expect(activity.at(-1)).toMatchObject({ paused: true });
    // "Sync now" resumes from the cookie and converges
    expect(await tc.call('sync.now', {}, session)).toMatchObject({
      state: 'online',
      paused: false,
      syncing: false,
      pending: 0,
    });
    expectConverged(w.server.core, tc.core, 'admin');
  });

  it('refuses a cancel where there is nothing to cancel, and on a core without a sync client', async () => {
    const { tc } = freshDesk(new CoreTransport(w.server.core));
    expect((await tc.fail('sync.cancel', {})).code).toBe('PD_SYNC_009');
    expect((await w.server.fail('sync.cancel', {})).code).toBe('PD_SYNC_009');
    expect((await tc.fail('sync.cancel', { now: true })).code).toBe('PMS_COR_002');
    expect(await w.server.call('sync.activity', {})).toEqual({
      syncing: false,
      paused: false,
      progress: null,
    });
  });
});

describe('the freeze setting', () => {
  it('the admin reads what it set; a partner may not; a joined desk shows what its last pull carried', async () => {
    expect(await w.server.call('sync.settings', {}, w.admin)).toEqual({ freezeDays: 0 });
    await w.server.call('sync.setFreezeDays', { days: 5 }, w.admin);
    expect(await w.server.call('sync.settings', {}, w.admin)).toEqual({ freezeDays: 5 });
    expect((await w.server.fail('sync.settings', {}, w.partner.token)).code).toBe('PD_AUTH_004');
    expect((await w.server.fail('sync.setFreezeDays', { days: 366 }, w.admin)).code).toBe('PMS_COR_002');
    expect((await w.server.fail('sync.setFreezeDays', { days: 5 }, w.partner.token)).code).toBe('PD_AUTH_004');
    const d = await joinDesk(w.server.core, 'admin', ADMIN.password);
    try {
      expect(await d.tc.call('sync.settings', {}, d.session)).toEqual({ freezeDays: 5 });
      // the server's setting: a desk refuses to change it, and queues nothing
      expect((await d.tc.fail('sync.setFreezeDays', { days: 9 }, d.session)).code).toBe('PD_SYNC_004');
      expect(d.tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'sync.setFreezeDays'")).toBe(0);
      await w.server.call('sync.setFreezeDays', { days: 9 }, w.admin);
      await d.client.syncNow();
      expect(await d.tc.call('sync.settings', {}, d.session)).toEqual({ freezeDays: 9 });
      expect(await d.tc.call('sync.status', {}, d.session)).toMatchObject({
        freezeDays: 9,
        pending: 0,
        applied: 0,
        conflicts: 0,
      });
    } finally {
      await d.close();
    }
  });
});
