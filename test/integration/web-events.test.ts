import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventName, EventPayload } from '../../main/contract/index.ts';
import { testWebHost } from '../helpers/web.ts';
import { ADMIN, TestClock, partnerInput } from '../helpers/core.ts';

/**
 * Issue 12, items 1, 2 and 8, as attacks over real HTTP and WebSocket against the web host with the
 * virtual SBI on loopback: who hears which event (frames, task progress, data changes), who may
 * act on a bench run, a live view or the virtual device, and that every such action is audited.
 */
const RANGE = { sbiPortFrom: 46740, sbiPortTo: 46759 };
const PASSWORD = 'Partn3r-Pass!';
const clock = new TestClock();
let web: Awaited<ReturnType<typeof testWebHost>>;
let admin: string;
let dp1: string;
let dp2: string;
let newcomer: string;
let port: number;

type Heard = { event: EventName; payload: EventPayload<EventName> };
type Failure = { code: string; message: string };

async function rpc<T = unknown>(
  method: string,
  input: unknown,
  session: string | null = null,
): Promise<{ ok: true; result: T } | { ok: false; error: Failure }> {
  const res = await fetch(`${web.host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-partner-desk-launch': web.host.token,
      ...(session ? { 'x-partner-desk-session': session } : {}),
    },
    body: JSON.stringify({ input }),
  });
  return (await res.json()) as never;
}
async function ok<T>(method: string, input: unknown, session: string | null = null): Promise<T> {
  const r = await rpc<T>(method, input, session);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result;
}
async function refused(method: string, input: unknown, session: string | null): Promise<string> {
  const r = await rpc(method, input, session);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error.code;
}
const signIn = async (login: string, password: string) =>
  (await ok<{ token: string }>('auth.login', { login, password })).token;

/** An event socket as the renderer opens it: the launch token as a subprotocol, then `{session}` as the first message. */
async function listen(session: string | null) {
  const ws = new WebSocket(`ws://127.0.0.1:${web.host.port}/api/events`, ['partner-desk', `launch.${web.host.token}`], {
    origin: web.host.origin,
  });
  const heard: Heard[] = [];
  let closed: [number, string] | null = null;
  ws.on('message', (m) => heard.push(JSON.parse(String(m)) as Heard));
  ws.on('close', (code, reason) => (closed = [code, String(reason)]));
  await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)));
  if (session !== null) ws.send(JSON.stringify({ session }));
  return {
    heard,
    of: <E extends EventName>(event: E) =>
      heard.filter((h) => h.event === event).map((h) => h.payload as EventPayload<E>),
    closed: () => closed,
    close: () => ws.close(),
  };
}
type Listener = Awaited<ReturnType<typeof listen>>;

const audit = (action: string) =>
  web.core.db.reader
    .prepare(
      'SELECT actor, result, error_code AS code, ref_type AS refType, ref_id AS refId FROM app_audit_log WHERE action = ? ORDER BY rowid',
    )
    .all(action) as Array<{
    actor: string;
    result: string;
    code: string | null;
    refType: string | null;
    refId: string | null;
  }>;
/** Lets the host deliver what it is going to deliver before a test asserts that nothing came. */
const settle = () => new Promise((r) => setTimeout(r, 300));

beforeAll(async () => {
  web = await testWebHost(undefined, {
    config: {
      hardware: {
        ...RANGE,
        discoveryIntervalSeconds: 60,
        virtualDeviceOrg: 'Sentinel Biometrics',
        virtualProviderId: 'dp1',
      },
    },
    now: clock.now,
  });
  await ok('setup.createAdmin', ADMIN);
  await ok(
    'auth.register',
    partnerInput(1, {
      partnerType: 'Device_Provider',
      orgName: 'Sentinel Biometrics',
      username: 'dp1',
    }),
  );
  await ok(
    'auth.register',
    partnerInput(2, { partnerType: 'Device_Provider', orgName: 'Rival Devices', username: 'dp2' }),
  );
  await ok(
    'auth.register',
    partnerInput(3, { partnerType: 'FTM_Provider', orgName: 'Fresh FTM', username: 'newcomer' }),
  );
  // The admin's approval of the two device providers (their certificate uploads are another test's matter).
  web.core.db.writer
    .prepare("UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id IN ('dp1', 'dp2')")
    .run();
  admin = await signIn('admin', ADMIN.password);
  dp1 = await signIn('dp1', PASSWORD);
  dp2 = await signIn('dp2', PASSWORD);
  newcomer = await signIn('newcomer', PASSWORD);
}, 60_000);
afterAll(() => web.close());

describe('item 2: an unapproved partner has no hardware rights', () => {
  it('a freshly self-registered provider can neither list, start, steer nor cancel anything (PMS_PMP_016), and each attempt at an action is audited', async () => {
    expect(await refused('hardware.usb.list', {}, newcomer)).toBe('PMS_PMP_016');
    expect(await refused('virtualSbi.state', {}, newcomer)).toBe('PMS_PMP_016');
    expect(await refused('virtualSbi.control', { action: 'start' }, newcomer)).toBe('PMS_PMP_016');
    expect(await refused('tasks.cancel', { taskId: 'any' }, newcomer)).toBe('PMS_PMP_016');
    expect(await refused('hardware.ftm.chips', {}, newcomer)).toBe('PMS_PMP_016');
    expect(audit('virtualSbi.control')).toEqual([
      { actor: 'newcomer', result: 'failure', code: 'PMS_PMP_016', refType: null, refId: null },
    ]);
    expect(audit('tasks.cancel')).toEqual([
      { actor: 'newcomer', result: 'failure', code: 'PMS_PMP_016', refType: null, refId: null },
    ]);
    // nothing started
    expect((await ok<{ running: boolean }>('virtualSbi.state', {}, admin)).running).toBe(false);
  });
});

describe('items 1, 2, 8 with the virtual SBI running', () => {
  let l1: Listener;
  let l2: Listener;
  let la: Listener;
  let anon: Listener;

  beforeAll(async () => {
    [l1, l2, la, anon] = await Promise.all([listen(dp1), listen(dp2), listen(admin), listen(null)]);
    const state = await ok<{ port: number }>('virtualSbi.control', { action: 'start' }, dp1);
    port = state.port;
    await ok('virtualSbi.trustRoots', { confirmTestRoots: true }, admin);
  }, 60_000);
  afterAll(() => {
    for (const l of [l1, l2, la, anon]) l.close();
  });

  it('virtualSbi.control is for whoever started it or the admin: the rival cannot inject a fault or stop it', async () => {
    expect(await refused('virtualSbi.control', { action: 'fault', fault: 'bad-signature' }, dp2)).toBe('PD_HW_008');
    expect(await refused('virtualSbi.control', { action: 'stop' }, dp2)).toBe('PD_HW_008');
    expect(await refused('virtualSbi.control', { action: 'start' }, dp2)).toBe('PD_HW_008');
    const state = await ok<{ running: boolean; fault: string | null; delayMs: number }>('virtualSbi.state', {}, dp2);
    expect(state).toMatchObject({ running: true, fault: null, steerable: false });
    expect(await ok('virtualSbi.state', {}, dp1)).toMatchObject({ steerable: true });
    expect(await ok('virtualSbi.state', {}, admin)).toMatchObject({ steerable: true });
    // a bench that answers its own prompts would steer the device too: refused for the rival, before any work starts
    expect(
      await refused(
        'sbi.bench.start',
        { port, deviceId: '2', purpose: 'Registration', autoPrompts: true, caseIds: ['SBI1000'] },
        dp2,
      ),
    ).toBe('PD_HW_008');
    // the owner and the admin may
    expect((await ok<{ delayMs: number }>('virtualSbi.control', { action: 'delay', delayMs: 5 }, dp1)).delayMs).toBe(5);
    expect((await ok<{ delayMs: number }>('virtualSbi.control', { action: 'delay', delayMs: 0 }, admin)).delayMs).toBe(
      0,
    );
    expect(audit('virtualSbi.control').slice(1)).toEqual([
      { actor: 'dp1', result: 'success', code: null, refType: 'virtualSbi', refId: 'start' },
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'virtualSbi', refId: 'fault' },
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'virtualSbi', refId: 'stop' },
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'virtualSbi', refId: 'start' },
      { actor: 'dp1', result: 'success', code: null, refType: 'virtualSbi', refId: 'delay' },
      { actor: 'admin', result: 'success', code: null, refType: 'virtualSbi', refId: 'delay' },
    ]);
  });

  it('live STREAM frames reach only the session that started them; the rival cannot stop the stream', async () => {
    const { streamId } = await ok<{ streamId: string }>(
      'sbi.stream.start',
      { port, deviceId: '3', deviceSubId: '0' },
      dp1,
    );
    await expect
      .poll(() => l1.of('sbi.frame').filter((f) => f.streamId === streamId).length, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(2);
    expect(await refused('sbi.stream.stop', { streamId }, dp2)).toBe('PD_HW_008');
    // still streaming to its owner after the attempt
    const before = l1.of('sbi.frame').length;
    await expect.poll(() => l1.of('sbi.frame').length, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await ok('sbi.stream.stop', { streamId }, dp1)).toEqual({ stopped: true });
    await settle();
    expect(l2.of('sbi.frame')).toEqual([]);
    expect(la.of('sbi.frame')).toEqual([]);
    expect(anon.heard).toEqual([]);
    expect(audit('sbi.stream.start')).toEqual([
      { actor: 'dp1', result: 'success', code: null, refType: 'stream', refId: streamId },
    ]);
    expect(audit('sbi.stream.stop')).toEqual([
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'stream', refId: streamId },
      { actor: 'dp1', result: 'success', code: null, refType: 'stream', refId: streamId },
    ]);
  });

  it('a bench run: progress only to its session; the rival cannot read, answer or cancel it; the admin can cancel it', async () => {
    const { taskId } = await ok<{ taskId: string }>(
      'sbi.bench.start',
      { port, deviceId: '2', purpose: 'Registration', caseIds: ['SBI1027'] },
      dp1,
    );
    // it parks on the Busy prompt, waiting for its tester
    await expect
      .poll(() => l1.of('task.progress').some((p) => p.taskId === taskId && p.state === 'prompt'), {
        timeout: 15_000,
      })
      .toBe(true);

    expect(await refused('tasks.cancel', { taskId }, dp2)).toBe('PD_HW_008');
    expect(await refused('tasks.answer', { taskId, answer: 'skip' }, dp2)).toBe('PD_HW_008');
    expect(await refused('sbi.bench.report', { taskId }, dp2)).toBe('PD_HW_008');
    expect((await ok<{ state: string }>('sbi.bench.report', { taskId }, dp1)).state).toBe('prompt');

    expect(await ok('tasks.cancel', { taskId }, admin)).toEqual({ cancelled: true });
    await expect
      .poll(() => l1.of('task.progress').some((p) => p.taskId === taskId && p.state === 'cancelled'), {
        timeout: 15_000,
      })
      .toBe(true);
    await settle();
    expect(l2.of('task.progress')).toEqual([]);
    expect(la.of('task.progress')).toEqual([]);
    expect(anon.heard).toEqual([]);

    expect(audit('sbi.bench.start')).toEqual([
      // the rival's refused self-answering bench (above), then this run
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'port', refId: String(port) },
      { actor: 'dp1', result: 'success', code: null, refType: 'task', refId: taskId },
    ]);
    expect(audit('tasks.cancel').slice(1)).toEqual([
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'task', refId: taskId },
      { actor: 'admin', result: 'success', code: null, refType: 'task', refId: taskId },
    ]);
    expect(audit('tasks.answer')).toEqual([
      { actor: 'dp2', result: 'failure', code: 'PD_HW_008', refType: 'task', refId: taskId },
    ]);
  });

  it('data.changed: a partner hears its own changes and the admin all, never another partner’s', async () => {
    const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString();
    const mark = [l1, l2, la].map((l) => l.of('data.changed').length);
    await ok(
      'sbis.create',
      {
        partnerId: 'dp1',
        sbiVersion: '1.0.0',
        binaryHash: 'sha256:one',
        sbiCreatedDateTime: day(-1),
        sbiExpiryDateTime: day(300),
      },
      dp1,
    );
    await expect.poll(() => la.of('data.changed').length, { timeout: 5_000 }).toBeGreaterThan(mark[2]!);
    await expect.poll(() => l1.of('data.changed').length, { timeout: 5_000 }).toBeGreaterThan(mark[0]!);
    await settle();
    expect(l1.of('data.changed').slice(mark[0])).toEqual([{ topic: 'devices' }]);
    expect(la.of('data.changed').slice(mark[2])).toEqual([{ topic: 'devices' }]);
    expect(l2.of('data.changed').slice(mark[1])).toEqual([]);
    expect(anon.heard).toEqual([]);
  });

  it('signing out ends the channel at once: the socket is closed and hears nothing more', async () => {
    const extra = await signIn('dp2', PASSWORD);
    const l = await listen(extra);
    await settle();
    expect(l.closed()).toBeNull();
    await ok('auth.logout', {}, extra);
    await expect.poll(() => l.closed(), { timeout: 5_000 }).toEqual([4401, 'PD_AUTH_003']);
  });

  it('an expired session stops hearing: the next event closes its channel instead of reaching it', async () => {
    const idle = await signIn('dp1', PASSWORD);
    const l = await listen(idle);
    await settle();
    // dp1's other session (l1) stays active by acting; the idle one passes the inactivity limit
    clock.advance(web.core.deps.config.session.inactivitySeconds + 1);
    dp1 = await signIn('dp1', PASSWORD);
    const l1b = await listen(dp1);
    await settle();
    await ok(
      'sbis.create',
      {
        partnerId: 'dp1',
        sbiVersion: '1.0.1',
        binaryHash: 'sha256:two',
        sbiCreatedDateTime: new Date(clock.now().getTime() - 86_400_000).toISOString(),
        sbiExpiryDateTime: new Date(clock.now().getTime() + 300 * 86_400_000).toISOString(),
      },
      dp1,
    );
    await expect.poll(() => l1b.of('data.changed').length, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => l.closed(), { timeout: 5_000 }).toEqual([4401, 'PD_AUTH_003']);
    expect(l.of('data.changed')).toEqual([]);
    l1b.close();
  });
});
