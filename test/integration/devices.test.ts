import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { expireSbis, runScheduledJobs } from '../../main/core/jobs.ts';

let tc: TestCore;
let admin: string;
let dp: string;
let other: string;
const DAY = 86_400;

const activate = (id: string) =>
  tc.core.db.writer.prepare("UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id = ?").run(id);
const sbiInput = (over: Record<string, unknown> = {}) => ({
  partnerId: 'dp1',
  sbiVersion: '1.0.0',
  binaryHash: 'abc123',
  sbiCreatedDateTime: '2026-01-15',
  sbiExpiryDateTime: '2027-06-30',
  ...over,
});
const device = (sbiId: string, over: Record<string, unknown> = {}) => ({
  sbiId,
  deviceTypeCode: 'Finger',
  deviceSubTypeCode: 'Slap',
  make: 'Acme',
  model: 'S1',
  ...over,
});

async function approvedSbi(version = '1.0.0', over: Record<string, unknown> = {}) {
  const s = await tc.call('sbis.create', sbiInput({ sbiVersion: version, ...over }), dp);
  await tc.call('sbis.decide', { sbiId: s.sbiId, decision: 'approved' }, admin);
  return s.sbiId;
}

async function relogin() {
  admin = await signIn(tc, 'admin', ADMIN.password);
  dp = await signIn(tc, 'dp1', 'Partn3r-Pass!');
}

beforeEach(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  await tc.call(
    'auth.register',
    partnerInput(1, { partnerType: 'Device_Provider', username: 'dp1', orgName: 'Sentinel' }),
  );
  await tc.call(
    'auth.register',
    partnerInput(2, { partnerType: 'Device_Provider', username: 'dp2', orgName: 'IrisPoint' }),
  );
  activate('dp1');
  activate('dp2');
  dp = await signIn(tc, 'dp1', 'Partn3r-Pass!');
  other = await signIn(tc, 'dp2', 'Partn3r-Pass!');
});
afterEach(() => tc.close());

describe('SBIs (pms.md §3.4)', () => {
  it('creates a pending SBI with a trimmed version; the admin approves it', async () => {
    const s = await tc.call('sbis.create', sbiInput({ sbiVersion: '  1.0.0 ' }), dp);
    expect(s).toMatchObject({
      partnerId: 'dp1',
      orgName: 'Sentinel',
      sbiVersion: '1.0.0',
      status: 'pending_approval',
      sbiExpiryStatus: 'valid',
      canAddDevices: false,
      sbiCreatedDateTime: '2026-01-15T00:00:00.000Z',
    });
    const approved = await tc.call('sbis.decide', { sbiId: s.sbiId, decision: 'approved' }, admin);
    expect(approved).toMatchObject({ status: 'approved', canAddDevices: true });
    expect((await tc.fail('sbis.decide', { sbiId: s.sbiId, decision: 'rejected' }, admin)).code).toBe('PMS_AUT_517');
    const r = await tc.call('sbis.create', sbiInput({ sbiVersion: '2' }), dp);
    await tc.call('sbis.decide', { sbiId: r.sbiId, decision: 'rejected' }, admin);
    expect((await tc.fail('sbis.decide', { sbiId: r.sbiId, decision: 'approved' }, admin)).code).toBe('PMS_AUT_518');
    expect(
      tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'sbis.decide' AND result = 'success'"),
    ).toBe(2);
  });

  it.each([
    ['PMS_AUT_512', { sbiVersion: '1.0.0 ' }],
    ['PMS_AUT_514', { sbiCreatedDateTime: '2026-11-22', sbiVersion: 'x' }],
    ['PMS_AUT_516', { sbiCreatedDateTime: '2016-11-01', sbiVersion: 'x' }],
    ['PMS_AUT_508', { sbiExpiryDateTime: '2026-11-21', sbiVersion: 'x' }],
    ['PMS_AUT_515', { sbiExpiryDateTime: '2036-12-31', sbiVersion: 'x' }],
    ['PMS_COR_002', { sbiExpiryDateTime: '2027-02-31', sbiVersion: 'x' }],
  ])('refuses with %s', async (code, over) => {
    await tc.call('sbis.create', sbiInput(), dp);
    expect((await tc.fail('sbis.create', sbiInput(over), dp)).code).toBe(code);
  });

  it('honours the configured year limits', async () => {
    tc.close();
    tc = testCore({ config: { devices: { sbiCreatedDateMaxYears: 1, sbiExpiryDateMaxYears: 1 } } });
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1, { partnerType: 'Device_Provider', username: 'dp1' }));
    activate('dp1');
    dp = await signIn(tc, 'dp1', 'Partn3r-Pass!');
    expect((await tc.fail('sbis.create', sbiInput({ sbiCreatedDateTime: '2025-06-01' }), dp)).code).toBe('PMS_AUT_516');
    expect((await tc.fail('sbis.create', sbiInput({ sbiExpiryDateTime: '2028-01-01' }), dp)).code).toBe('PMS_AUT_515');
  });

  it('allows the same version for another provider, and only active device providers', async () => {
    await tc.call('sbis.create', sbiInput(), dp);
    await tc.call('sbis.create', sbiInput({ partnerId: 'dp2' }), other);
    expect((await tc.fail('sbis.create', sbiInput({ partnerId: 'dp2', sbiVersion: '9' }), dp)).code).toBe(
      'PMS_PRT_055',
    );
    tc.core.db.writer.prepare("UPDATE partner SET is_active = 0 WHERE id = 'dp2'").run();
    expect((await tc.fail('sbis.create', sbiInput({ partnerId: 'dp2', sbiVersion: '9' }), other)).code).toBe(
      'PMS_AUT_002',
    );
    await tc.call('auth.register', partnerInput(3, { partnerType: 'Device_Provider', username: 'dp3' }));
    const pending = await signIn(tc, 'dp3', 'Partn3r-Pass!');
    expect((await tc.fail('sbis.create', sbiInput({ partnerId: 'dp3' }), pending)).code).toBe('PMS_AUT_002');
    await tc.call('auth.register', partnerInput(4, { partnerType: 'Auth_Partner', username: 'ap4' }));
    activate('ap4');
    expect((await tc.fail('sbis.create', sbiInput({ partnerId: 'ap4' }), admin)).code).toBe('PMS_AUT_002');
  });

  it("keeps providers to their own SBIs and devices: another provider's ids answer exactly like missing ones", async () => {
    const sbiId = await approvedSbi();
    const d = await tc.call('devices.add', device(sbiId), dp);
    const missingSbi = await tc.fail('sbis.get', { sbiId: 'nope' }, other);
    const missingDevice = await tc.fail('devices.get', { deviceId: 'nope' }, other);
    expect(missingSbi.code).toBe('PMS_DEVICE_ERROR_005');
    expect(missingDevice.code).toBe('PMS_DEVICE_ERROR_006');
    expect(await tc.fail('sbis.get', { sbiId }, other)).toEqual(missingSbi);
    expect(await tc.fail('devices.add', device(sbiId, { model: 'X' }), other)).toEqual(missingSbi);
    expect(await tc.fail('sbis.deactivate', { sbiId }, other)).toEqual(missingSbi);
    expect(await tc.fail('devices.get', { deviceId: d.deviceId }, other)).toEqual(missingDevice);
    expect(await tc.fail('devices.deactivate', { deviceId: d.deviceId }, other)).toEqual(missingDevice);
    expect((await tc.call('sbis.list', {}, other)).totalResults).toBe(0);
    expect((await tc.call('devices.list', {}, other)).totalResults).toBe(0);
    expect((await tc.call('devices.list', {}, dp)).totalResults).toBe(1);
    expect((await tc.call('sbis.list', {}, admin)).totalResults).toBe(1);
    expect((await tc.fail('sbis.decide', { sbiId, decision: 'approved' }, dp)).code).toBe('PD_AUTH_004');
  });
});

describe('devices', () => {
  it('adds devices row by row under an approved SBI; each row has its own result', async () => {
    const sbiId = await approvedSbi();
    const ok = await tc.call('devices.add', device(sbiId), dp);
    expect(ok).toMatchObject({
      status: 'pending_approval',
      sbiId,
      sbiVersion: '1.0.0',
      isOrphan: false,
      orgName: 'Sentinel',
    });
    expect((await tc.fail('devices.add', device(sbiId), dp)).code).toBe('PMS_AUT_003');
    expect(
      (await tc.fail('devices.add', device(sbiId, { deviceTypeCode: 'Iris', deviceSubTypeCode: 'Slap' }), dp)).code,
    ).toBe('PMS_AUT_001');
    await tc.call('devices.add', device(sbiId, { deviceTypeCode: 'Iris', deviceSubTypeCode: 'Double' }), dp);
    const cat = await tc.call('deviceCatalogue.list', {}, dp);
    expect(cat.types.map((t) => [t.code, t.subTypes.map((s) => s.code)])).toEqual([
      ['Face', ['Full face']],
      ['Finger', ['Single', 'Slap', 'Touchless']],
      ['Iris', ['Double', 'Single']],
    ]);
    // a rejected device frees its (type, subtype, make, model)
    await tc.call('devices.decide', { deviceId: ok.deviceId, decision: 'rejected' }, admin);
    await tc.call('devices.add', device(sbiId), dp);
    const s = await tc.call('sbis.get', { sbiId }, dp);
    expect(s).toMatchObject({
      countOfAssociatedDevices: 3,
      countOfApprovedDevices: 0,
      countOfPendingDevices: 2,
    });
  });

  it('refuses devices under a pending, rejected or deactivated SBI', async () => {
    const pending = (await tc.call('sbis.create', sbiInput({ sbiVersion: 'p' }), dp)).sbiId;
    expect((await tc.fail('devices.add', device(pending), dp)).code).toBe('PMS_DEVICE_ERROR_009');
    const rejected = (await tc.call('sbis.create', sbiInput({ sbiVersion: 'r' }), dp)).sbiId;
    await tc.call('sbis.decide', { sbiId: rejected, decision: 'rejected' }, admin);
    expect((await tc.fail('devices.add', device(rejected), dp)).code).toBe('PMS_DEVICE_ERROR_028');
    const deact = await approvedSbi('d');
    await tc.call('sbis.deactivate', { sbiId: deact }, dp);
    expect((await tc.fail('devices.add', device(deact), dp)).code).toBe('PMS_DEVICE_ERROR_029');
    expect((await tc.fail('sbis.deactivate', { sbiId: deact }, dp)).code).toBe('PMS_DEVICE_ERROR_020');
    expect((await tc.fail('sbis.deactivate', { sbiId: pending }, dp)).code).toBe('PMS_DEVICE_ERROR_022');
    tc.core.db.writer.prepare("UPDATE partner SET is_active = 0 WHERE id = 'dp1'").run();
    const live = (await tc.call('sbis.list', { status: 'approved' }, admin)).data;
    expect(live).toHaveLength(0);
  });

  it('approves and deactivates devices; an orphaned device can only be rejected', async () => {
    const sbiId = await approvedSbi();
    const d = await tc.call('devices.add', device(sbiId), dp);
    expect((await tc.fail('devices.deactivate', { deviceId: d.deviceId }, dp)).code).toBe('PMS_DEVICE_ERROR_023');
    expect(await tc.call('devices.decide', { deviceId: d.deviceId, decision: 'approved' }, admin)).toMatchObject({
      status: 'approved',
    });
    expect((await tc.fail('devices.decide', { deviceId: d.deviceId, decision: 'rejected' }, admin)).code).toBe(
      'PMS_DEVICE_ERROR_010',
    );
    expect(await tc.call('devices.deactivate', { deviceId: d.deviceId }, dp)).toMatchObject({
      status: 'deactivated',
    });
    expect((await tc.fail('devices.deactivate', { deviceId: d.deviceId }, dp)).code).toBe('PMS_DEVICE_ERROR_014');
    // a deactivated device frees its make/model again
    await tc.call('devices.add', device(sbiId), dp);

    const time = tc.clock.now().toISOString();
    tc.core.db.writer
      .prepare(
        "INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, approval_status, is_active, cr_by, created_at, updated_at) VALUES ('orphan', 'dp1', 'Face', 'Full face', 'Old', 'O1', 'Sentinel', 'pending_approval', 0, 'legacy', ?, ?)",
      )
      .run(time, time);
    const orphan = await tc.call('devices.get', { deviceId: 'orphan' }, admin);
    expect(orphan).toMatchObject({ isOrphan: true, sbiId: null, sbi: null });
    expect((await tc.call('devices.list', { orphan: true }, admin)).data.map((r) => r.deviceId)).toEqual(['orphan']);
    const e = await tc.fail('devices.decide', { deviceId: 'orphan', decision: 'approved' }, admin);
    expect(e.code).toBe('PMS_DEVICE_ERROR_024');
    expect(e.message).toMatch(/not associated with any SBI/);
    expect(await tc.call('devices.decide', { deviceId: 'orphan', decision: 'rejected' }, admin)).toMatchObject({
      status: 'rejected',
    });
  });

  it('deactivating an SBI deactivates its approved devices and rejects its pending ones, with the counts', async () => {
    const sbiId = await approvedSbi();
    const ids: string[] = [];
    for (const model of ['A', 'B', 'C', 'D', 'E'])
      ids.push((await tc.call('devices.add', device(sbiId, { model }), dp)).deviceId);
    for (const id of ids.slice(0, 3)) await tc.call('devices.decide', { deviceId: id, decision: 'approved' }, admin);
    await tc.call('devices.decide', { deviceId: ids[3]!, decision: 'rejected' }, admin);
    const otherSbi = await approvedSbi('2.0');
    const untouched = await tc.call('devices.add', device(otherSbi), dp);
    expect(await tc.call('sbis.deactivationPreview', { sbiId }, dp)).toEqual({
      devicesDeactivated: 3,
      devicesRejected: 1,
    });
    const out = await tc.call('sbis.deactivate', { sbiId }, dp);
    expect(out).toMatchObject({
      devicesDeactivated: 3,
      devicesRejected: 1,
      sbi: { status: 'deactivated', canAddDevices: false },
    });
    const statuses = (
      await tc.call('devices.list', { sbiId, sortFieldName: 'model', sortType: 'asc' }, admin)
    ).data.map((d) => d.status);
    expect(statuses).toEqual(['deactivated', 'deactivated', 'deactivated', 'rejected', 'rejected']);
    expect((await tc.call('devices.get', { deviceId: untouched.deviceId }, dp)).status).toBe('pending_approval');
    expect((await tc.call('devices.list', { status: 'deactivated' }, admin)).totalResults).toBe(3);
  });
});

describe('SBI expiry', () => {
  it('refuses approvals and new devices under an expired SBI before the job runs', async () => {
    const sbiId = await approvedSbi('1', { sbiExpiryDateTime: '2026-12-01' });
    const d = await tc.call('devices.add', device(sbiId), dp);
    const pendingSbi = (
      await tc.call('sbis.create', sbiInput({ sbiVersion: '2', sbiExpiryDateTime: '2026-12-01' }), dp)
    ).sbiId;
    tc.clock.advance(11 * DAY); // 2026-12-02
    await relogin();
    expect(await tc.call('sbis.get', { sbiId }, dp)).toMatchObject({
      sbiExpiryStatus: 'expired',
      status: 'approved',
      canAddDevices: false,
    });
    expect((await tc.fail('devices.add', device(sbiId, { model: 'Z' }), dp)).code).toBe('PMS_DEVICE_ERROR_021');
    expect((await tc.fail('devices.decide', { deviceId: d.deviceId, decision: 'approved' }, admin)).code).toBe(
      'PMS_DEVICE_ERROR_021',
    );
    expect((await tc.fail('sbis.decide', { sbiId: pendingSbi, decision: 'approved' }, admin)).code).toBe(
      'PMS_DEVICE_ERROR_021',
    );
    expect((await tc.call('sbis.list', { sbiExpiryStatus: 'expired' }, admin)).totalResults).toBe(2);
  });

  it('the job deactivates expired approved SBIs with the cascade, rejects expired pending ones, audited as system', async () => {
    const soon = await approvedSbi('1', { sbiExpiryDateTime: '2026-12-01' });
    const later = await approvedSbi('2', { sbiExpiryDateTime: '2027-12-01' });
    const a = await tc.call('devices.add', device(soon, { model: 'A' }), dp);
    await tc.call('devices.decide', { deviceId: a.deviceId, decision: 'approved' }, admin);
    const p = await tc.call('devices.add', device(soon, { model: 'P' }), dp);
    const keep = await tc.call('devices.add', device(later, { model: 'K' }), dp);
    await tc.call('devices.decide', { deviceId: keep.deviceId, decision: 'approved' }, admin);
    const pendingSbi = (
      await tc.call('sbis.create', sbiInput({ sbiVersion: '3', sbiExpiryDateTime: '2026-12-01' }), dp)
    ).sbiId;

    expect(await expireSbis(tc.core)).toEqual({
      sbisDeactivated: 0,
      sbisRejected: 0,
      devicesDeactivated: 0,
      devicesRejected: 0,
    });
    expect(tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'sbis.expireDue'")).toBe(0); // nothing due, no record
    tc.clock.advance(11 * DAY);
    await relogin();
    const summary = await runScheduledJobs(tc.core);
    expect(summary.sbis).toEqual({
      sbisDeactivated: 1,
      sbisRejected: 1,
      devicesDeactivated: 1,
      devicesRejected: 1,
    });
    expect((await tc.call('sbis.get', { sbiId: soon }, dp)).status).toBe('deactivated');
    expect((await tc.call('sbis.get', { sbiId: pendingSbi }, dp)).status).toBe('rejected');
    expect((await tc.call('sbis.get', { sbiId: later }, dp)).status).toBe('approved');
    expect((await tc.call('devices.get', { deviceId: a.deviceId }, dp)).status).toBe('deactivated');
    expect((await tc.call('devices.get', { deviceId: p.deviceId }, dp)).status).toBe('rejected');
    expect((await tc.call('devices.get', { deviceId: keep.deviceId }, dp)).status).toBe('approved');
    // (the notification jobs, which run first, keep their own records: module 'notifications')
    const audit = tc.core.db.reader
      .prepare(
        "SELECT action, actor, ref_type, ref_id FROM app_audit_log WHERE actor = 'system' AND module <> 'notifications' ORDER BY action",
      )
      .all();
    expect(audit).toEqual([
      { action: 'sbi.autoDeactivated', actor: 'system', ref_type: 'sbi', ref_id: soon },
      { action: 'sbi.autoRejected', actor: 'system', ref_type: 'sbi', ref_id: pendingSbi },
      { action: 'sbis.expireDue', actor: 'system', ref_type: 'job', ref_id: 'sbis.expireDue' },
    ]);
    const outbox = tc.core.db.reader
      .prepare("SELECT actor, payload FROM outbox WHERE command = 'sbis.expireDue'")
      .get() as { actor: string; payload: string };
    expect(outbox.actor).toBe('system');
    expect(JSON.parse(outbox.payload)).toEqual({
      deactivatedSbiIds: [soon],
      rejectedSbiIds: [pendingSbi],
    });
    expect((await runScheduledJobs(tc.core)).sbis.sbisDeactivated).toBe(0);
    expect(tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'sbis.expireDue'")).toBe(1);
  });
});

describe('dashboard and lists', () => {
  it('counts pending SBIs and devices for the admin, expiring SBIs for the provider', async () => {
    const s1 = await approvedSbi('1', { sbiExpiryDateTime: '2026-12-10' });
    await tc.call('devices.add', device(s1), dp);
    await tc.call('devices.add', device(s1, { model: 'S2' }), dp);
    await tc.call('sbis.create', sbiInput({ sbiVersion: '2' }), dp);
    const a = await tc.call('dashboard.summary', {}, admin);
    expect(a.cards.find((c) => c.id === 'sbiDevice')).toEqual({
      id: 'sbiDevice',
      count: 3,
      breakdown: { sbi: 1, device: 2 },
    });
    expect(a.cards.find((c) => c.id === 'ftmChip')).toEqual({ id: 'ftmChip', count: 0 });
    const p = await tc.call('dashboard.summary', {}, dp);
    expect(p.cards.find((c) => c.id === 'sbiDevice')).toEqual({ id: 'sbiDevice', count: 1 });
    expect((await tc.call('dashboard.summary', {}, other)).cards.find((c) => c.id === 'sbiDevice')?.count).toBe(0);
  });

  it('filters and sorts with MOSIP aliases and refuses unknown sorts', async () => {
    const s1 = await approvedSbi('1.0');
    await approvedSbi('2.0');
    await tc.call('sbis.create', sbiInput({ partnerId: 'dp2', sbiVersion: '3.0' }), other);
    expect(
      (await tc.call('sbis.list', { sortFieldName: 'sbiVersion', sortType: 'asc' }, admin)).data.map(
        (r) => r.sbiVersion,
      ),
    ).toEqual(['1.0', '2.0', '3.0']);
    expect((await tc.call('sbis.list', { orgName: 'iris' }, admin)).data.map((r) => r.sbiVersion)).toEqual(['3.0']);
    expect((await tc.call('sbis.list', { status: 'pending_approval' }, admin)).totalResults).toBe(1);
    expect((await tc.call('sbis.list', { sbiVersion: '2.', partnerId: 'dp' }, admin)).totalResults).toBe(1);
    expect((await tc.call('sbis.list', { expiryPeriod: 30 }, admin)).totalResults).toBe(0);
    expect((await tc.call('sbis.list', { sortFieldName: 'countOfAssociatedDevices' }, admin)).totalResults).toBe(3);
    expect((await tc.call('sbis.list', { sbiId: s1.slice(0, 8) }, admin)).data.map((r) => r.sbiId)).toEqual([s1]);
    expect((await tc.fail('sbis.list', { sortFieldName: 'nope' }, admin)).code).toBe('PMS_PRT_357');
    expect((await tc.fail('devices.list', { sortType: 'up' }, admin)).code).toBe('PMS_PRT_358');
    await tc.call('devices.add', device(s1, { make: 'Zeta' }), dp);
    await tc.call(
      'devices.add',
      device(s1, { make: 'Alpha', deviceTypeCode: 'Face', deviceSubTypeCode: 'Full face' }),
      dp,
    );
    expect(
      (await tc.call('sbis.list', { sortFieldName: 'countOfAssociatedDevices', sortType: 'desc' }, admin)).data[0],
    ).toMatchObject({ sbiId: s1, countOfAssociatedDevices: 2 });
    expect(
      (await tc.call('devices.list', { sortFieldName: 'make', sortType: 'asc' }, admin)).data.map((d) => d.make),
    ).toEqual(['Alpha', 'Zeta']);
    expect((await tc.call('devices.list', { deviceTypeCode: 'Face' }, admin)).data.map((d) => d.make)).toEqual([
      'Alpha',
    ]);
    expect((await tc.call('devices.list', { sbiVersion: '1.', make: 'et' }, admin)).data.map((d) => d.make)).toEqual([
      'Zeta',
    ]);
    for (const sortFieldName of [
      'deviceId',
      'sbiId',
      'sbiVersion',
      'partnerId',
      'orgName',
      'deviceType',
      'deviceSubType',
      'model',
      'status',
      'createdDateTime',
    ]) {
      expect((await tc.call('devices.list', { sortFieldName }, admin)).totalResults).toBe(2);
    }
  });
});
