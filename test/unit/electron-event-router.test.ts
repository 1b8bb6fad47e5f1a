import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { hashToken } from '../../main/core/token-hash.ts';
import { openCore } from '../../main/core/index.ts';
import type { Core, CoreEvent } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { HubEmit } from '../../native/hub/hub.ts';
import { createEventRouter } from '../../main/hosts/electron/event-router.ts';
import { ADMIN, TestClock, partnerInput } from '../helpers/core.ts';

/**
 * The Electron host's per-window routing (issue 12, item 1) against a real core on a real SQLite
 * file: a window hears only what the session its renderer named may hear, nothing before it names
 * one, nothing after sign-out, expiry or a new page load. The windows are plain sinks here; the
 * electron glue (ipc.ts) only forwards sender ids to this router.
 */
const clock = new TestClock();
let dir: string;
let core: Core;
let hubEmit: HubEmit;
let admin: string;
let dp1: string;
let dp2: string;

async function call<M extends MethodName>(
  method: M,
  input: Input<M>,
  session: string | null = null,
): Promise<Output<M>> {
  const r = await core.dispatch(method, session, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as Output<M>;
}
const login = async (name: string, password: string) => (await call('auth.login', { login: name, password })).token;
const settle = () => new Promise((r) => setTimeout(r, 20));
const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString();
let version = 0;
const newSbi = (partnerId: string, session: string) =>
  call(
    'sbis.create',
    {
      partnerId,
      sbiVersion: `1.0.${version++}`,
      binaryHash: 'sha256:x',
      sbiCreatedDateTime: day(-1),
      sbiExpiryDateTime: day(300),
    },
    session,
  );

function windowSink() {
  const got: CoreEvent[] = [];
  return { got, send: (e: CoreEvent) => void got.push(e) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-router-'));
  const config = parseConfig({});
  core = openCore({
    dataDir: dir,
    publicUrl: 'http://127.0.0.1:9/',
    now: clock.now,
    config,
    log: () => undefined,
    // The real hub; the test keeps its emit to push session-bound events as a stream would.
    hardware: (wiring) => ((hubEmit = wiring.emit), createHardwareHub(wiring)),
  });
  await call('setup.createAdmin', ADMIN);
  await call('auth.register', partnerInput(1, { partnerType: 'Device_Provider', username: 'dp1' }));
  await call('auth.register', partnerInput(2, { partnerType: 'Device_Provider', username: 'dp2' }));
  core.db.writer.prepare("UPDATE partner SET approval_status = 'approved', is_active = 1").run();
  admin = await login('admin', ADMIN.password);
  dp1 = await login('dp1', 'Partn3r-Pass!');
  dp2 = await login('dp2', 'Partn3r-Pass!');
});
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Electron event routing per window', () => {
  it('each window hears its own session’s events; an unnamed or refused session hears nothing', async () => {
    const router = createEventRouter(core);
    const [w1, w2, wa, wNone, wBad] = [windowSink(), windowSink(), windowSink(), windowSink(), windowSink()];
    [w1, w2, wa, wNone, wBad].forEach((w, i) => router.attach(i + 1, w.send));
    router.listenAs(1, dp1);
    router.listenAs(2, dp2);
    router.listenAs(3, admin);
    router.listenAs(5, 'forged-token');
    for (const id of [1, 2, 3, 4, 5]) router.ready(id);
    await settle();

    await newSbi('dp1', dp1);
    hubEmit('sbi.frame', { streamId: 's1', seq: 0, jpeg: '/9j/' }, { session: hashToken(dp1) });
    hubEmit(
      'task.progress',
      {
        taskId: 't1',
        state: 'running',
        done: 0,
        total: 1,
        label: '',
        prompt: null,
        promptAction: null,
      },
      { session: hashToken(dp2) },
    );
    await settle();

    expect(w1.got.map((e) => e.event)).toEqual(['data.changed', 'sbi.frame']);
    expect(w2.got.map((e) => e.event)).toEqual(['task.progress']);
    expect(wa.got).toEqual([{ event: 'data.changed', payload: { topic: 'devices' } }]);
    expect(wNone.got).toEqual([]);
    expect(wBad.got).toEqual([]);
    router.dispose();
  });

  it('queues until the page is ready; a new page load hears nothing until it names its session again', async () => {
    const router = createEventRouter(core);
    const w = windowSink();
    router.attach(7, w.send);
    router.listenAs(7, dp1);
    await settle();
    await newSbi('dp1', dp1);
    await settle();
    expect(w.got).toEqual([]);
    router.ready(7);
    expect(w.got).toEqual([{ event: 'data.changed', payload: { topic: 'devices' } }]);

    router.navigated(7);
    router.ready(7);
    await newSbi('dp1', dp1);
    await settle();
    expect(w.got).toHaveLength(1);
    router.listenAs(7, dp1);
    await settle();
    await newSbi('dp1', dp1);
    await settle();
    expect(w.got).toHaveLength(2);
    router.dispose();
  });

  it('sign-out and expiry end a window’s channel; a new sign-in in that window hears again', async () => {
    const router = createEventRouter(core);
    const w = windowSink();
    router.attach(9, w.send);
    const first = await login('dp2', 'Partn3r-Pass!');
    router.listenAs(9, first);
    router.ready(9);
    await settle();
    await call('auth.logout', {}, first);
    await newSbi('dp2', dp2);
    await settle();
    expect(w.got).toEqual([]);

    const second = await login('dp2', 'Partn3r-Pass!');
    router.listenAs(9, second);
    await settle();
    await newSbi('dp2', dp2);
    await settle();
    expect(w.got).toHaveLength(1);

    // past the inactivity limit, the next event finds the session expired and is not delivered
    clock.advance(core.deps.config.session.inactivitySeconds + 1);
    const fresh = await login('dp2', 'Partn3r-Pass!');
    await newSbi('dp2', fresh);
    await settle();
    expect(w.got).toHaveLength(1);
    router.dispose();
  });
});
