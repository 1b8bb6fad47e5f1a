import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../main/contract/index.ts';
import { startVirtualSbi } from '../../native/virtual/sbi/index.ts';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

/**
 * The hardware methods end to end through the core: the virtual SBI on loopback (its own port
 * range), discovery and verification against the trust store in the database, onboarding with the
 * registry comparison, a live stream, and an FTM chip read over the HID framing and uploaded.
 */
const RANGE = { sbiPortFrom: 46700, sbiPortTo: 46719 };
let tc: TestCore;
let admin: string;
let dp: string;
let ftm: string;
const frames: Array<EventPayload<'sbi.frame'>> = [];

beforeAll(async () => {
  tc = testCore({
    config: {
      hardware: {
        ...RANGE,
        discoveryIntervalSeconds: 1,
        virtualDeviceOrg: 'Sentinel Biometrics',
        virtualProviderId: 'dp1',
        virtualFtmOrg: 'SecureSilicon FTM',
      },
    },
  });
  tc.core.onEvent((event, payload) => {
    if (event === 'sbi.frame') frames.push(payload as EventPayload<'sbi.frame'>);
  });
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  await tc.call(
    'auth.register',
    partnerInput(1, {
      partnerType: 'Device_Provider',
      orgName: 'Sentinel Biometrics',
      username: 'dp1',
    }),
  );
  await tc.call(
    'auth.register',
    partnerInput(2, {
      partnerType: 'FTM_Provider',
      orgName: 'SecureSilicon FTM',
      username: 'ftm1',
    }),
  );
  await tc.call(
    'auth.register',
    partnerInput(3, { partnerType: 'Device_Provider', orgName: 'Other Devices', username: 'dp2' }),
  );
  tc.core.db.writer.prepare("UPDATE partner SET approval_status = 'approved', is_active = 1").run();
  dp = await signIn(tc, 'dp1', 'Partn3r-Pass!');
  ftm = await signIn(tc, 'ftm1', 'Partn3r-Pass!');
}, 60_000);
afterAll(async () => {
  await tc.core.deps.hardware.close();
  tc.close();
});

describe('hardware through the core', () => {
  it('nothing runs until asked: no virtual SBI, an empty scan, no chips', async () => {
    expect(await tc.call('virtualSbi.state', {}, dp)).toMatchObject({
      running: false,
      devices: [],
    });
    const scan = await tc.call('sbi.discover', { refresh: true }, dp);
    expect(scan).toMatchObject({ portFrom: 46700, portTo: 46719, devices: [] });
    expect((await tc.call('hardware.ftm.chips', {}, ftm)).chips.filter((c) => c.virtual)).toEqual([]);
    expect((await tc.fail('virtualSbi.control', { action: 'delay', delayMs: 10 }, dp)).code).toBe('PD_HW_006');
    expect((await tc.fail('virtualSbi.trustRoots', {}, admin)).code).toBe('PD_HW_006');
  });

  it('USB: on a machine without /sys/bus/usb the list says so instead of failing', async () => {
    const usb = await tc.call('hardware.usb.list', {}, dp);
    expect(usb.access).toBe('none');
    expect(usb.reason).toMatch(/usb/i);
    expect(usb.devices).toEqual([]);
  });

  it('starts the virtual SBI; its devices are found but not verified until the admin trusts its roots', async () => {
    const state = await tc.call('virtualSbi.control', { action: 'start' }, dp);
    expect(state.running).toBe(true);
    expect(state.port).toBeGreaterThanOrEqual(46700);
    expect(state.devices.map((d) => d.deviceId)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(state.rootsTrusted).toBe(false);

    const untrusted = await tc.call('sbi.discover', { refresh: true }, dp);
    expect(untrusted.devices).toHaveLength(6);
    expect(untrusted.devices.every((d) => !d.verified)).toBe(true);
    expect(untrusted.devices[0]!.checks.find((c) => c.result === 'fail')?.code).toBe('SBI_CERT_UNTRUSTED');

    expect((await tc.fail('virtualSbi.trustRoots', {}, dp)).code).toBe('PD_AUTH_004');
    // outside a demo the test roots (keys on this desk) are trusted only when the admin confirms
    expect((await tc.fail('virtualSbi.trustRoots', {}, admin)).code).toBe('PD_TRUST_001');
    expect((await tc.call('trustStore.list', { caCertificateType: 'ROOT' }, admin)).totalResults).toBe(0);
    expect((await tc.call('virtualSbi.state', {}, dp)).rootsTrusted).toBe(false);
    expect(await tc.call('virtualSbi.trustRoots', { confirmTestRoots: true }, admin)).toEqual({
      added: 2,
      alreadyPresent: 0,
    });
    expect(await tc.call('virtualSbi.trustRoots', { confirmTestRoots: true }, admin)).toEqual({
      added: 0,
      alreadyPresent: 2,
    });
    // …and they are marked as virtual in the trust store
    const roots = await tc.call('trustStore.list', { caCertificateType: 'ROOT' }, admin);
    expect(roots.data.map((r) => [r.partnerDomain, r.isVirtual])).toEqual(
      expect.arrayContaining([
        ['DEVICE', true],
        ['FTM', true],
      ]),
    );
    expect(roots.totalResults).toBe(2);
    expect((await tc.call('virtualSbi.state', {}, dp)).rootsTrusted).toBe(true);

    const trusted = await tc.call('sbi.discover', { refresh: true }, dp);
    expect(trusted.devices.map((d) => [d.deviceId, d.verified])).toEqual([
      ['1', true],
      ['2', true],
      ['3', true],
      ['4', true],
      ['5', true],
      ['6', true],
    ]);
    expect(trusted.devices.find((d) => d.deviceId === '2')).toMatchObject({
      type: 'Finger',
      subTypes: ['Slap'],
      purpose: 'Registration',
      certification: 'L0',
      deviceStatus: 'Ready',
    });
  });

  it('onboarding: pre-fills Add SBI / Add Devices from the device and shows registry mismatches until they are registered', async () => {
    const first = await tc.call(
      'sbi.inspect',
      { port: (await tc.call('virtualSbi.state', {}, dp)).port!, deviceId: '2', partnerId: 'dp1' },
      dp,
    );
    expect(first.device.verified).toBe(true);
    const id = first.device.digitalId!;
    expect(first.prefill.devices).toEqual([{ type: 'Finger', subType: 'Slap', make: id.make, model: id.model }]);
    expect(first.prefill.sbiVersion).not.toBe('');
    expect(first.registeredDeviceId).toBeNull();
    expect(first.mismatches.map((m) => m.field).sort()).toEqual(['device', 'sbiVersion']);
    expect(first.nearestRegistered).toBeNull();

    const sbi = await tc.call(
      'sbis.create',
      {
        partnerId: 'dp1',
        sbiVersion: first.prefill.sbiVersion,
        binaryHash: 'abc',
        sbiCreatedDateTime: '2026-01-15',
        sbiExpiryDateTime: '2027-06-30',
      },
      dp,
    );
    await tc.call('sbis.decide', { sbiId: sbi.sbiId, decision: 'approved' }, admin);
    const dev = first.prefill.devices[0]!;
    // Registered under an older model name: the model row names what it is compared with.
    await tc.call(
      'devices.add',
      {
        sbiId: sbi.sbiId,
        deviceTypeCode: dev.type,
        deviceSubTypeCode: dev.subType,
        make: dev.make,
        model: 'Older model',
      },
      dp,
    );
    const near = await tc.call('sbi.inspect', { port: first.device.port, deviceId: '2', partnerId: 'dp1' }, dp);
    expect(near.registeredDeviceId).toBeNull();
    expect(near.nearestRegistered).toEqual({ make: dev.make, model: 'Older model' });
    expect(near.mismatches).toEqual([{ field: 'model', device: dev.model, registry: 'Older model' }]);
    await tc.call(
      'devices.add',
      {
        sbiId: sbi.sbiId,
        deviceTypeCode: dev.type,
        deviceSubTypeCode: dev.subType,
        make: dev.make,
        model: dev.model,
      },
      dp,
    );

    const again = await tc.call('sbi.inspect', { port: first.device.port, deviceId: '2', partnerId: 'dp1' }, dp);
    expect(again.mismatches).toEqual([]);
    expect(again.registeredDeviceId).not.toBeNull();
    expect(again.nearestRegistered).toBeNull();

    // Another provider sees the device's provider id and organisation as mismatches, not hidden.
    const dp2 = await signIn(tc, 'dp2', 'Partn3r-Pass!');
    const foreign = await tc.call('sbi.inspect', { port: first.device.port, deviceId: '2', partnerId: 'dp2' }, dp2);
    expect(foreign.mismatches.map((m) => m.field)).toEqual(
      expect.arrayContaining(['deviceProviderId', 'deviceProvider']),
    );
    // …and may not inspect on behalf of dp1
    expect((await tc.fail('sbi.inspect', { port: first.device.port, deviceId: '2', partnerId: 'dp1' }, dp2)).code).toBe(
      'PMS_PRT_055',
    );
  });

  it('refuses bad input with clear codes', async () => {
    const port = (await tc.call('virtualSbi.state', {}, dp)).port!;
    expect((await tc.fail('sbi.inspect', { port: 0, deviceId: '2', partnerId: 'dp1' }, dp)).code).toBe('PMS_COR_002');
    expect((await tc.fail('sbi.inspect', { port, deviceId: 'no-such-device', partnerId: 'dp1' }, dp)).code).toBe(
      'PD_HW_001',
    );
    expect(
      (await tc.fail('sbi.inspect', { port: 46719 === port ? 46718 : 46719, deviceId: '2', partnerId: 'dp1' }, dp))
        .code,
    ).toBe('PD_HW_001');
    // only the configured SBI ports: the desk is not a client for other services on this machine
    for (const outside of [22, 5432, 46699, 46720]) {
      expect((await tc.fail('sbi.inspect', { port: outside, deviceId: '2', partnerId: 'dp1' }, dp)).code).toBe(
        'PD_HW_001',
      );
      expect((await tc.fail('sbi.stream.start', { port: outside, deviceId: '2' }, dp)).code).toBe('PD_HW_001');
      expect((await tc.fail('sbi.bench.start', { port: outside, purpose: 'Registration' }, dp)).code).toBe('PD_HW_001');
    }
    expect((await tc.fail('virtualSbi.control', { action: 'status', deviceId: '99', status: 'Busy' }, dp)).code).toBe(
      'PMS_COR_002',
    );
    expect((await tc.fail('virtualSbi.control', { action: 'quality', deviceId: '2', quality: 101 }, dp)).code).toBe(
      'PMS_COR_002',
    );
    expect((await tc.fail('hardware.ftm.read', { path: '/dev/hidraw-does-not-exist' }, ftm)).code).toBe('PD_HW_001');
    // a path that is not a listed FTM chip is never opened (it would be opened read-write)
    expect((await tc.fail('hardware.ftm.read', { path: join(tc.dir, 'partner-desk.db') }, ftm)).code).toBe('PD_HW_001');
    const entry = await tc.call('ftm.create', { partnerId: 'ftm1', make: 'Bad', model: 'Path' }, ftm);
    expect((await tc.fail('hardware.ftm.onboard', { path: '/etc/hostname', ftmId: entry.ftmId }, ftm)).code).toBe(
      'PD_HW_001',
    );
    expect((await tc.call('ftm.get', { ftmId: entry.ftmId }, ftm)).status).toBe('pending_cert_upload');
    expect((await tc.fail('tasks.cancel', { taskId: 'nope' }, dp)).code).toBe('PD_HW_004');
    expect((await tc.fail('sbi.discover', { refresh: true }, ftm)).code).toBe('PD_AUTH_004');
  });

  it('a status change on the virtual device shows in the next scan', async () => {
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '3', status: 'Not Ready' }, dp);
    const scan = await tc.call('sbi.discover', { refresh: false }, dp); // the change invalidated the cache
    // Listed with its status and the device's error (the device answers discovery with 110), still verified.
    expect(scan.devices.find((d) => d.deviceId === '3')).toMatchObject({
      deviceStatus: 'Not Ready',
      error: { errorCode: '110', errorInfo: 'Device is not ready' },
      signed: true,
      verified: true,
      deviceCode: 'PDVFACER0001',
      findings: [],
    });
    expect(scan.problems).toEqual([]);
    // Not Registered: listed, its information unsigned and never verified.
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '3', status: 'Not Registered' }, dp);
    const again = await tc.call('sbi.discover', { refresh: false }, dp);
    expect(again.devices.find((d) => d.deviceId === '3')).toMatchObject({
      deviceStatus: 'Not Registered',
      error: { errorCode: '100' },
      signed: false,
      verified: false,
      purpose: '',
    });
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '3', status: 'Ready' }, dp);
    expect(
      (await tc.call('sbi.discover', { refresh: false }, dp)).devices.find((d) => d.deviceId === '3'),
    ).toMatchObject({ deviceStatus: 'Ready', error: null, signed: true });
  });

  it('while screens keep asking, background scans find a device that appears and announce it', async () => {
    const changes: string[] = [];
    const off = tc.core.onEvent((event, payload) => {
      if (event === 'hardware.changed') changes.push((payload as EventPayload<'hardware.changed'>).source);
    });
    await tc.call('sbi.discover', { refresh: true }, dp);
    const other = await startVirtualSbi({
      portRange: [46710, 46719],
      deviceOrg: 'Another Vendor',
      ftmOrg: 'Another FTM',
      now: tc.clock.now,
    });
    try {
      await expect.poll(() => changes.includes('sbi'), { timeout: 15_000 }).toBe(true);
      expect((await tc.call('sbi.discover', { refresh: false }, dp)).devices.some((d) => d.port === other.port)).toBe(
        true,
      );
    } finally {
      await other.close();
      off();
    }
  });

  it('live view: frames arrive as events until the stream is stopped', async () => {
    const port = (await tc.call('virtualSbi.state', {}, dp)).port!;
    const { streamId } = await tc.call('sbi.stream.start', { port, deviceId: '3', deviceSubId: '0' }, dp);
    await expect
      .poll(() => frames.filter((f) => f.streamId === streamId).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    const jpeg = Buffer.from(frames.find((f) => f.streamId === streamId)!.jpeg, 'base64');
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]); // a JPEG SOI marker
    expect(await tc.call('sbi.stream.stop', { streamId }, dp)).toEqual({ stopped: true });
    expect(await tc.call('sbi.stream.stop', { streamId }, dp)).toEqual({ stopped: false });
  });

  it('FTM onboarding: the virtual chip is read over HID framing, proves possession, and its certificate is uploaded', async () => {
    const chips = (await tc.call('hardware.ftm.chips', {}, ftm)).chips;
    const chip = chips.find((c) => c.virtual)!;
    expect(chip).toBeDefined();
    const reading = await tc.call('hardware.ftm.read', { path: chip.path }, ftm);
    expect(reading.possession).toEqual({ verdict: 'verified', reason: null });
    expect(reading.trust).toEqual({ verdict: 'verified', reason: null });
    expect(reading.chain[0]!.subject).toMatch(/SecureSilicon FTM/);

    const entry = await tc.call('ftm.create', { partnerId: 'ftm1', make: reading.make, model: reading.model }, ftm);
    const onboarded = await tc.call('hardware.ftm.onboard', { path: chip.path, ftmId: entry.ftmId }, ftm);
    expect(onboarded.ftm).toMatchObject({
      ftmId: entry.ftmId,
      status: 'pending_approval',
      isCertificateAvailable: true,
    });
    expect(
      tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'hardware.ftm.onboard' AND result = 'success'"),
    ).toBe(1);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'hardware.ftm.onboard'")).toBe(1);
    // a device provider cannot reach FTM chips
    expect((await tc.fail('hardware.ftm.read', { path: chip.path }, dp)).code).toBe('PD_AUTH_004');
  });

  it('compliance bench: lists the cases, runs with progress, parks on a prompt the tester answers, reports in JSON and HTML', async () => {
    const port = (await tc.call('virtualSbi.state', {}, dp)).port!;
    const { cases } = await tc.call('sbi.bench.cases', { port, deviceId: '2', purpose: 'Registration' }, dp);
    expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(['SBI1000', 'SBI1001', 'SBI1027']));
    expect(cases.find((c) => c.id === 'SBI1027')?.prompt).toMatch(/Busy/);

    const progress: Array<EventPayload<'task.progress'>> = [];
    const off = tc.core.onEvent((event, payload) => {
      if (event === 'task.progress') progress.push(payload as EventPayload<'task.progress'>);
    });
    const { taskId, total } = await tc.call(
      'sbi.bench.start',
      { port, deviceId: '2', purpose: 'Registration', caseIds: ['SBI1000', 'SBI1001', 'SBI1027'] },
      dp,
    );
    expect(total).toBe(3);
    expect((await tc.fail('sbi.bench.start', { port, purpose: 'Registration', caseIds: ['SBI1000'] }, dp)).code).toBe(
      'PD_HW_005',
    );

    // The Busy case asks the tester to act; the tester does it on the device, then answers.
    await expect
      .poll(() => progress.find((p) => p.taskId === taskId && p.state === 'prompt')?.prompt ?? null, {
        timeout: 15_000,
      })
      .toMatch(/Busy/);
    // the prompt also comes as data, for the UI to say it in the user's language
    expect(progress.find((p) => p.taskId === taskId && p.state === 'prompt')?.promptAction).toEqual({
      kind: 'set-status',
      deviceId: '2',
      status: 'Busy',
      timeoutMs: null,
    });
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '2', status: 'Busy' }, dp);
    expect(await tc.call('tasks.answer', { taskId, answer: 'done' }, dp)).toEqual({
      accepted: true,
    });
    // …and afterwards to put it back.
    await expect
      .poll(() => progress.filter((p) => p.taskId === taskId && p.state === 'prompt').length, {
        timeout: 15_000,
      })
      .toBe(2);
    expect(progress.filter((p) => p.taskId === taskId && p.state === 'prompt')[1]?.promptAction).toMatchObject({
      kind: 'restore',
      status: 'Ready',
    });
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '2', status: 'Ready' }, dp);
    await tc.call('tasks.answer', { taskId, answer: 'done' }, dp);
    await expect
      .poll(async () => (await tc.call('sbi.bench.report', { taskId }, dp)).state, {
        timeout: 20_000,
      })
      .toBe('done');
    off();

    const { report, html } = await tc.call('sbi.bench.report', { taskId, format: 'html' }, dp);
    expect(report!.cases.map((c) => [c.id, c.result])).toEqual([
      ['SBI1000', 'pass'],
      ['SBI1001', 'pass'],
      ['SBI1027', 'pass'],
    ]);
    expect(report!.summary).toEqual({ pass: 3, fail: 0, skip: 0 });
    expect(html).toMatch(/SBI1027/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(progress.filter((p) => p.taskId === taskId).at(-1)).toMatchObject({
      state: 'done',
      done: 3,
      total: 3,
    });
  });

  it('compliance bench: a fault makes its case fail with the reason; cancel stops the run and keeps what ran', async () => {
    const port = (await tc.call('virtualSbi.state', {}, dp)).port!;
    await tc.call('virtualSbi.control', { action: 'fault', fault: 'millisecond-timestamps' }, dp);
    const { taskId } = await tc.call(
      'sbi.bench.start',
      { port, deviceId: '2', purpose: 'Registration', autoPrompts: true, caseIds: ['SBI1083'] },
      dp,
    );
    await expect
      .poll(async () => (await tc.call('sbi.bench.report', { taskId }, dp)).state, {
        timeout: 30_000,
      })
      .toBe('done');
    const failed = (await tc.call('sbi.bench.report', { taskId }, dp)).report!.cases[0]!;
    expect(failed.result).toBe('fail');
    expect(failed.checks.find((c) => c.result === 'fail')?.reason).toMatch(/yyyy-MM-ddTHH:mm:ssZ/);
    await tc.call('virtualSbi.control', { action: 'fault', fault: null }, dp);

    const done: number[] = [];
    const off = tc.core.onEvent((event, payload) => {
      if (event === 'task.progress') done.push((payload as EventPayload<'task.progress'>).done);
    });
    const run = await tc.call(
      'sbi.bench.start',
      {
        port,
        deviceId: '2',
        purpose: 'Registration',
        autoPrompts: true,
        caseIds: ['SBI1000', 'SBI1051', 'SBI1001'],
      },
      dp,
    );
    // cases run in definition order: cancel during SBI1051, a capture that must wait its full 10 s timeout
    await expect.poll(() => Math.max(0, ...done), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await tc.call('tasks.cancel', { taskId: run.taskId }, dp);
    off();
    await expect
      .poll(async () => (await tc.call('sbi.bench.report', { taskId: run.taskId }, dp)).state, {
        timeout: 10_000,
      })
      .toBe('cancelled');
    const partial = (await tc.call('sbi.bench.report', { taskId: run.taskId }, dp)).report!;
    expect(partial.cancelled).toBe(true);
    expect(partial.cases.map((c) => [c.id, c.result])).toEqual([
      ['SBI1000', 'pass'],
      ['SBI1001', 'pass'],
      ['SBI1051', 'skip'],
    ]);
    expect(partial.cases[2]!.durationMs).toBeLessThan(9000);
    expect(await tc.call('tasks.cancel', { taskId: run.taskId }, dp)).toEqual({ cancelled: false });
  });

  it('stopping the virtual SBI empties the scan and the chip list', async () => {
    expect((await tc.call('virtualSbi.control', { action: 'stop' }, dp)).running).toBe(false);
    expect((await tc.call('sbi.discover', { refresh: true }, dp)).devices).toEqual([]);
    expect((await tc.call('hardware.ftm.chips', {}, ftm)).chips.filter((c) => c.virtual)).toEqual([]);
  });
});
