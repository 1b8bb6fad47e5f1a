import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';

let tc: TestCore;
let admin: string;
let ftm: string;
let other: string;
let ftmCa: TestCert;
const ORG = 'SecureSilicon';
const DAY = 86_400_000;
const b64 = (t: string | Uint8Array) => Buffer.from(t).toString('base64');
const chipCert = (spec: Parameters<typeof leaf>[2] = {}, subject = `CN=chip-1, O=${ORG}`) =>
  leaf(ftmCa, subject, { key: keyPair('rsa2048'), ...spec });
const upload = (ftmId: string, cert: TestCert, session = ftm) =>
  tc.call('ftm.uploadCertificate', { ftmId, fileName: 'chip.pem', contentBase64: b64(cert.pem) }, session);

beforeEach(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  const ftmRoot = root('CN=FTM Root, O=Registry');
  ftmCa = intermediate(ftmRoot, 'CN=FTM Issuing CA, O=Registry');
  await tc.call(
    'trustStore.upload',
    { partnerDomain: 'FTM', fileName: 'chain.pem', contentBase64: b64(ftmRoot.pem + ftmCa.pem) },
    admin,
  );
  await tc.call('auth.register', partnerInput(1, { partnerType: 'FTM_Provider', orgName: ORG, username: 'ftm1' }));
  await tc.call('auth.register', partnerInput(2, { partnerType: 'FTM_Provider', username: 'ftm2' }));
  tc.core.db.writer
    .prepare("UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id IN ('ftm1', 'ftm2')")
    .run();
  ftm = await signIn(tc, 'ftm1', 'Partn3r-Pass!');
  other = await signIn(tc, 'ftm2', 'Partn3r-Pass!');
});
afterEach(() => tc.close());

describe('FTM chips (pms.md §3.5)', () => {
  it('create → upload → approve → re-upload puts it back to pending → approve → deactivate', async () => {
    const chip = await tc.call('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm);
    expect(chip).toMatchObject({
      status: 'pending_cert_upload',
      isCertificateAvailable: false,
      certificateExpiryDateTime: null,
      orgName: ORG,
    });
    expect((await tc.fail('ftm.decide', { ftmId: chip.ftmId, decision: 'approved' }, admin)).code).toBe('PMP_AUT_033');
    expect((await tc.fail('ftm.downloadCertificate', { ftmId: chip.ftmId }, ftm)).code).toBe('PMP_AUT_033');
    const cert = chipCert();
    const up = await upload(chip.ftmId, cert);
    expect(up).toMatchObject({
      status: 'pending_approval',
      isCertificateAvailable: true,
      certificateIssuedTo: 'chip-1',
      certificateIssuedBy: 'FTM Issuing CA',
      isCertificateExpired: false,
    });
    expect(
      (
        await tc.fail(
          'ftm.uploadCertificate',
          { ftmId: chip.ftmId, fileName: 'c.pem', contentBase64: b64(cert.pem) },
          ftm,
        )
      ).code,
    ).toBe('PMP_AUT_038');
    expect(await tc.call('ftm.decide', { ftmId: chip.ftmId, decision: 'approved' }, admin)).toMatchObject({
      status: 'approved',
    });
    expect((await tc.fail('ftm.decide', { ftmId: chip.ftmId, decision: 'rejected' }, admin)).code).toBe('PD_FTM_001');
    const dl = await tc.call('ftm.downloadCertificate', { ftmId: chip.ftmId }, ftm);
    expect(Buffer.from(dl.contentBase64, 'base64').toString()).toBe(cert.pem);
    expect((await tc.call('ftm.get', { ftmId: chip.ftmId }, admin)).certificate?.subject).toContain('chip-1');

    expect(await upload(chip.ftmId, chipCert({}, `CN=chip-2, O=${ORG}`))).toMatchObject({
      status: 'pending_approval',
      certificateIssuedTo: 'chip-2',
    });
    await tc.call('ftm.decide', { ftmId: chip.ftmId, decision: 'approved' }, admin);
    expect(await tc.call('ftm.deactivate', { ftmId: chip.ftmId }, ftm)).toMatchObject({
      status: 'deactivated',
    });
    expect((await tc.fail('ftm.deactivate', { ftmId: chip.ftmId }, ftm)).code).toBe('PMS_FTM_ERROR_007');
    expect(
      (
        await tc.fail(
          'ftm.uploadCertificate',
          { ftmId: chip.ftmId, fileName: 'c.pem', contentBase64: b64(cert.pem) },
          ftm,
        )
      ).code,
    ).toBe('PMP_AUT_039');
    expect((await tc.fail('ftm.downloadCertificate', { ftmId: chip.ftmId }, ftm)).code).toBe('PMS_FTM_ERROR_009');
    // a deactivated chip frees its make and model
    await tc.call('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'ftm.uploadCertificate'")).toBe(2);
  });

  it.each([
    ['KER-PCM-008', () => chipCert({}, 'CN=chip, O=Someone Else')],
    ['KER-PCM-006', () => leaf(intermediate(root('CN=Other, O=X'), 'CN=Other CA, O=X'), `CN=chip, O=${ORG}`)],
    ['KER-PCM-015', () => root(`CN=chip, O=${ORG}`, { key: keyPair('rsa2048') })],
    ['KER-PCM-004', () => chipCert({ notBefore: new Date('2024-01-01'), notAfter: new Date('2025-01-01') })],
    ['KER-PCM-013', () => chipCert({ key: keyPair('rsa1024') })],
  ] as const)('refuses the chip certificate with %s and the chip stays pending upload', async (code, make) => {
    const chip = await tc.call('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm);
    expect(
      (
        await tc.fail(
          'ftm.uploadCertificate',
          { ftmId: chip.ftmId, fileName: 'c.pem', contentBase64: b64(make().pem) },
          ftm,
        )
      ).code,
    ).toBe(code);
    expect((await tc.call('ftm.get', { ftmId: chip.ftmId }, ftm)).status).toBe('pending_cert_upload');
  });

  it('refuses duplicates, inactive providers, other providers and wrong states', async () => {
    const chip = await tc.call('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm);
    expect((await tc.fail('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm)).code).toBe('PMP_AUT_032');
    expect((await tc.fail('ftm.create', { partnerId: 'ftm2', make: 'SS', model: 'T1' }, ftm)).code).toBe('PMS_PRT_055');
    // another provider's chip answers exactly like a missing one
    const missing = await tc.fail('ftm.get', { ftmId: 'nope' }, other);
    expect(missing.code).toBe('PMS_FTM_ERROR_005');
    expect(await tc.fail('ftm.get', { ftmId: chip.ftmId }, other)).toEqual(missing);
    expect(await tc.fail('ftm.deactivate', { ftmId: chip.ftmId }, other)).toEqual(missing);
    expect((await tc.fail('ftm.get', { ftmId: 'nope' }, ftm)).code).toBe('PMS_FTM_ERROR_005');
    expect((await tc.fail('ftm.deactivate', { ftmId: chip.ftmId }, ftm)).code).toBe('PMS_FTM_ERROR_010');
    await upload(chip.ftmId, chipCert());
    await tc.call('ftm.decide', { ftmId: chip.ftmId, decision: 'rejected' }, admin);
    expect((await tc.fail('ftm.downloadCertificate', { ftmId: chip.ftmId }, ftm)).code).toBe('PMS_FTM_ERROR_008');
    expect((await tc.fail('ftm.decide', { ftmId: chip.ftmId, decision: 'approved' }, ftm)).code).toBe('PD_AUTH_004');
    tc.core.db.writer.prepare("UPDATE partner SET is_active = 0 WHERE id = 'ftm2'").run();
    expect((await tc.fail('ftm.create', { partnerId: 'ftm2', make: 'A', model: 'B' }, other)).code).toBe('PMP_AUT_030');
    expect((await tc.call('ftm.list', {}, other)).totalResults).toBe(0);
    expect((await tc.call('ftm.list', {}, admin)).totalResults).toBe(1);
  });

  it('lists with filters and shows pending and expiring counts on the dashboards', async () => {
    const a = await tc.call('ftm.create', { partnerId: 'ftm1', make: 'SS', model: 'T1' }, ftm);
    await tc.call('ftm.create', { partnerId: 'ftm1', make: 'Other', model: 'T2' }, ftm);
    // keymanager's minimum at upload is 335 days: 340 left now, 20 after the clock moves 320 days
    const now = tc.clock.now().getTime();
    await upload(a.ftmId, chipCert({ notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 340 * DAY) }));
    expect((await tc.call('ftm.list', { status: 'pending_approval' }, admin)).data.map((r) => r.ftmId)).toEqual([
      a.ftmId,
    ]);
    expect(
      (await tc.call('ftm.list', { make: 'oth', sortFieldName: 'model', sortType: 'asc' }, ftm)).data.map(
        (r) => r.model,
      ),
    ).toEqual(['T2']);
    expect((await tc.call('ftm.list', { expiryPeriod: 30 }, ftm)).data.map((r) => r.ftmId)).toEqual([]);
    expect((await tc.call('ftm.list', { sortFieldName: 'certificateExpiryDateTime' }, ftm)).totalResults).toBe(2);
    const adminCards = (await tc.call('dashboard.summary', {}, admin)).cards;
    expect(adminCards.find((c) => c.id === 'ftmChip')?.count).toBe(1);
    expect((await tc.call('dashboard.summary', {}, ftm)).cards.find((c) => c.id === 'ftmChip')?.count).toBe(0);
    tc.clock.advance(320 * 86_400); // 20 days left: the certificate expires within 30 days
    ftm = await signIn(tc, 'ftm1', 'Partn3r-Pass!');
    expect((await tc.call('dashboard.summary', {}, ftm)).cards.find((c) => c.id === 'ftmChip')?.count).toBe(1);
    expect((await tc.call('ftm.list', { expiryPeriod: 30 }, ftm)).totalResults).toBe(1);
  });
});
