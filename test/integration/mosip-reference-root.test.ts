import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../lib/pki/index.ts';
import type { ParsedCert } from '../../lib/pki/index.ts';
import { loadOrCreateVirtualPki } from '../../native/virtual/pki-store.ts';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

/**
 * Issue 11 "Done when": a device on a root like MOSIP's reference device PKI (cA=TRUE not critical,
 * no SKI/AKI) is discovered as trusted, benches and onboards — the virtual SBI built on such roots,
 * driven through the core's hardware methods. The same devices are untrusted once the admin puts
 * the DEVICE domain on the strict profile.
 */
const RANGE = { sbiPortFrom: 46760, sbiPortTo: 46779 };
const ORG = {
  virtualDeviceOrg: 'Reference Biometrics',
  virtualProviderId: 'ref-dp',
  virtualFtmOrg: 'Reference FTM',
};
let tc: TestCore;
let admin: string;
let dp: string;
let ftm: string;

beforeAll(async () => {
  tc = testCore({ config: { hardware: { ...RANGE, discoveryIntervalSeconds: 0, ...ORG } } });
  // The PKI the virtual SBI will load from the data directory, with MOSIP-reference-style roots.
  await loadOrCreateVirtualPki(join(tc.dir, 'virtual-sbi', 'pki.json'), {
    deviceOrg: ORG.virtualDeviceOrg,
    ftmOrg: ORG.virtualFtmOrg,
    now: tc.clock.now(),
    rootStyle: 'mosip-reference',
    keyWrap: tc.core.deps.keyWrap,
  });
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  await tc.call(
    'auth.register',
    partnerInput(1, {
      partnerType: 'Device_Provider',
      orgName: ORG.virtualDeviceOrg,
      username: 'ref-dp',
    }),
  );
  await tc.call(
    'auth.register',
    partnerInput(2, {
      partnerType: 'FTM_Provider',
      orgName: ORG.virtualFtmOrg,
      username: 'ref-ftm',
    }),
  );
  tc.core.db.writer.prepare("UPDATE partner SET approval_status = 'approved', is_active = 1").run();
  dp = await signIn(tc, 'ref-dp', 'Partn3r-Pass!');
  ftm = await signIn(tc, 'ref-ftm', 'Partn3r-Pass!');
}, 60_000);
afterAll(async () => {
  await tc.core.deps.hardware.close();
  tc.close();
});

describe('a device on a MOSIP-reference-style root (keymanager profile)', () => {
  let port = 0;

  it('the roots really are MOSIP-style, and the admin trusts them with their leniencies named', async () => {
    const state = await tc.call('virtualSbi.control', { action: 'start' }, dp);
    port = state.port!;
    expect(await tc.call('virtualSbi.trustRoots', { confirmTestRoots: true }, admin)).toEqual({
      added: 2,
      alreadyPresent: 0,
    });
    const rows = tc.core.db.reader
      .prepare('SELECT domain, der, warnings FROM ca_certificate ORDER BY domain')
      .all() as Array<{ domain: string; der: Buffer; warnings: string }>;
    expect(rows.map((r) => r.domain)).toEqual(['DEVICE', 'FTM']);
    for (const r of rows) {
      const c = parseCertificate(new Uint8Array(r.der)) as ParsedCert;
      expect(c.ext.basicConstraints).toEqual({ cA: true, critical: false, pathLen: 1 });
      expect(c.ext.subjectKeyId).toBeUndefined();
      expect(JSON.parse(r.warnings)).toEqual(['PD_PKI_W04', 'PD_PKI_W05']);
    }
  });

  it('discovers every device as trusted', async () => {
    const scan = await tc.call('sbi.discover', { refresh: true }, dp);
    expect(scan.devices.length).toBeGreaterThan(0);
    expect(scan.devices.filter((d) => !d.verified).map((d) => d.deviceId)).toEqual([]);
  });

  it('benches: the compliance cases pass', async () => {
    const { taskId } = await tc.call(
      'sbi.bench.start',
      {
        port,
        deviceId: '2',
        purpose: 'Registration',
        autoPrompts: true,
        caseIds: ['SBI1000', 'SBI1001'],
      },
      dp,
    );
    await expect
      .poll(async () => (await tc.call('sbi.bench.report', { taskId }, dp)).state, {
        timeout: 30_000,
      })
      .toBe('done');
    const report = (await tc.call('sbi.bench.report', { taskId }, dp)).report!;
    expect(report.cases.map((c) => [c.id, c.result])).toEqual([
      ['SBI1000', 'pass'],
      ['SBI1001', 'pass'],
    ]);
  });

  it('onboards: the device is verified, pre-fills Add SBI / Add Devices, and matches the registry once added', async () => {
    const first = await tc.call('sbi.inspect', { port, deviceId: '2', partnerId: 'ref-dp' }, dp);
    expect(first.device.verified).toBe(true);
    const sbi = await tc.call(
      'sbis.create',
      {
        partnerId: 'ref-dp',
        sbiVersion: first.prefill.sbiVersion,
        binaryHash: 'abc',
        sbiCreatedDateTime: '2026-01-15',
        sbiExpiryDateTime: '2027-06-30',
      },
      dp,
    );
    await tc.call('sbis.decide', { sbiId: sbi.sbiId, decision: 'approved' }, admin);
    const dev = first.prefill.devices[0]!;
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
    const again = await tc.call('sbi.inspect', { port, deviceId: '2', partnerId: 'ref-dp' }, dp);
    expect(again.mismatches).toEqual([]);
    expect(again.registeredDeviceId).not.toBeNull();
  });

  it('onboards an FTM chip on the MOSIP-style FTM root', async () => {
    const chip = (await tc.call('hardware.ftm.chips', {}, ftm)).chips.find((c) => c.virtual)!;
    const reading = await tc.call('hardware.ftm.read', { path: chip.path }, ftm);
    expect(reading.trust).toEqual({ verdict: 'verified', reason: null });
    const entry = await tc.call('ftm.create', { partnerId: 'ref-ftm', make: reading.make, model: reading.model }, ftm);
    const onboarded = await tc.call('hardware.ftm.onboard', { path: chip.path, ftmId: entry.ftmId }, ftm);
    expect(onboarded.ftm).toMatchObject({
      ftmId: entry.ftmId,
      status: 'pending_approval',
      isCertificateAvailable: true,
    });
  });

  it('under the strict profile the same devices are no longer trusted, for a strict-only rule', async () => {
    await tc.call('trustStore.setProfile', { partnerDomain: 'DEVICE', profile: 'strict' }, admin);
    const scan = await tc.call('sbi.discover', { refresh: true }, dp);
    expect(scan.devices.length).toBeGreaterThan(0);
    expect(scan.devices.every((d) => !d.verified)).toBe(true);
    const failed = scan.devices[0]!.checks.find((c) => c.result === 'fail')!;
    expect(failed.code).toBe('SBI_CERT_UNTRUSTED');
    expect(failed.reason).toMatch(/authorityKeyIdentifier|subjectKeyIdentifier|basicConstraints must be critical/);
    await tc.call('trustStore.setProfile', { partnerDomain: 'DEVICE', profile: 'keymanager' }, admin);
    expect((await tc.call('sbi.discover', { refresh: true }, dp)).devices.every((d) => d.verified)).toBe(true);
  });
});
