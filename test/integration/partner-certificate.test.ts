import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';

let tc: TestCore;
let admin: string;
let partner: string;
let authRoot: TestCert;
let authCa: TestCert;
const ORG = 'Sentinel Biometrics';
const b64 = (t: string | Uint8Array) => Buffer.from(t).toString('base64');
const file = (c: TestCert) => ({ fileName: 'partner.pem', contentBase64: b64(c.pem) });
const DAY = 86_400_000;

beforeEach(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  authRoot = root('CN=Device Root, O=Registry');
  authCa = intermediate(authRoot, 'CN=Device Issuing CA, O=Registry');
  await tc.call(
    'trustStore.upload',
    {
      partnerDomain: 'DEVICE',
      fileName: 'chain.pem',
      contentBase64: b64(authRoot.pem + authCa.pem),
    },
    admin,
  );
  await tc.call(
    'auth.register',
    partnerInput(1, { partnerType: 'Device_Provider', orgName: ORG, username: 'sentinel' }),
  );
  partner = await signIn(tc, 'sentinel', 'Partn3r-Pass!');
});
afterEach(() => tc.close());

const partnerCert = (spec: Parameters<typeof leaf>[2] = {}, subject = `CN=sentinel, O=${ORG}`) =>
  leaf(authCa, subject, { key: keyPair('rsa2048'), ...spec });

describe('partner certificate upload (keymanager checks, pms.md §3.1)', () => {
  it('accepts a certificate that chains, issues the MOSIP-signed copy and activates the partner', async () => {
    const cert = partnerCert();
    const out = await tc.call('partnerCertificate.upload', { partnerId: 'sentinel', ...file(cert) }, partner);
    expect(out.card).toMatchObject({
      partnerId: 'sentinel',
      partnerDomain: 'DEVICE',
      uploaded: true,
      issuedTo: 'sentinel',
      issuedBy: 'Device Issuing CA',
      isExpired: false,
    });
    const signed = new X509Certificate(out.signedCertificatePem);
    const original = new X509Certificate(cert.der);
    expect(signed.subject).toBe(original.subject);
    expect(Buffer.from(signed.publicKey.rawData).equals(Buffer.from(original.publicKey.rawData))).toBe(true);
    expect(signed.issuer).toContain('Partner Desk Partner Signing CA');
    expect(signed.notAfter.getTime() - signed.notBefore.getTime()).toBe(365 * DAY);
    const ca = await tc.call('trustStore.signingCertificate', {}, admin);
    expect(
      await signed.verify({
        publicKey: new X509Certificate(Buffer.from(ca.file!.contentBase64, 'base64').toString()).publicKey,
        signatureOnly: true,
      }),
    ).toBe(true);
    expect((await tc.call('session.me', {}, partner)).partner).toMatchObject({
      approvalStatus: 'approved',
      isActive: true,
      certificateUploaded: true,
    });

    const caSigned = await tc.call('partnerCertificate.download', { partnerId: 'sentinel', kind: 'caSigned' }, partner);
    expect(Buffer.from(caSigned.contentBase64, 'base64').toString()).toBe(cert.pem);
    const mosip = await tc.call('partnerCertificate.download', { partnerId: 'sentinel', kind: 'mosipSigned' }, admin);
    expect(Buffer.from(mosip.contentBase64, 'base64').toString()).toBe(out.signedCertificatePem);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'partnerCertificate.upload'")).toBe(1);
  });

  it.each([
    ['KER-PCM-008', 'the organisation differs', () => partnerCert({}, 'CN=sentinel, O=Sentinel Biometrics Ltd')],
    [
      'KER-PCM-008',
      'the organisation differs only in case',
      () => partnerCert({}, 'CN=sentinel, O=sentinel biometrics'),
    ],
    ['KER-PCM-015', 'it is self-signed', () => root(`CN=sentinel, O=${ORG}`, { key: keyPair('rsa2048') })],
    [
      'KER-PCM-006',
      'it chains to another domain',
      () => leaf(intermediate(root('CN=Other Root, O=X'), 'CN=Other CA, O=X'), `CN=sentinel, O=${ORG}`),
    ],
    [
      'KER-PCM-004',
      'it expired',
      () =>
        partnerCert({
          notBefore: new Date(Date.parse('2024-01-01')),
          notAfter: new Date(Date.parse('2025-01-01')),
        }),
    ],
    [
      'KER-PMS-020',
      'it is future-dated',
      () =>
        partnerCert({
          notBefore: new Date(Date.parse('2027-06-01')),
          notAfter: new Date(Date.parse('2030-01-01')),
        }),
    ],
    [
      'KER-PCM-017',
      'it expires within 335 days (keymanager: 1 year less 30 days grace)',
      () =>
        partnerCert({
          notBefore: new Date(Date.parse('2026-01-01')),
          notAfter: new Date(Date.parse('2027-10-01')),
        }),
    ],
    ['KER-PCM-013', 'its RSA key is 1024 bits', () => partnerCert({ key: keyPair('rsa1024') })],
    ['KER-PCM-007', 'it is X.509 v1', () => partnerCert({ version: 1 })],
  ] as const)('refuses with %s when %s, and the partner stays pending', async (code, _label, make) => {
    const e = await tc.fail('partnerCertificate.upload', { partnerId: 'sentinel', ...file(make()) }, partner);
    expect(e.code).toBe(code);
    expect((await tc.call('session.me', {}, partner)).partner?.approvalStatus).toBe('InProgress');
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_certificate')).toBe(0);
  });

  it('refuses unreadable files, bundles and other partners', async () => {
    expect(
      (
        await tc.fail(
          'partnerCertificate.upload',
          { partnerId: 'sentinel', fileName: 'x.pem', contentBase64: b64('hello') },
          partner,
        )
      ).code,
    ).toBe('KER-PCM-001');
    expect(
      (
        await tc.fail(
          'partnerCertificate.upload',
          {
            partnerId: 'sentinel',
            fileName: 'x.pem',
            contentBase64: b64(partnerCert().pem + authCa.pem),
          },
          partner,
        )
      ).code,
    ).toBe('KER-PCM-001');
    await tc.call('auth.register', partnerInput(2, { partnerType: 'Device_Provider', username: 'other' }));
    expect(
      (await tc.fail('partnerCertificate.upload', { partnerId: 'other', ...file(partnerCert()) }, partner)).code,
    ).toBe('PMS_PRT_055');
    expect(
      (await tc.fail('partnerCertificate.upload', { partnerId: 'ghost', ...file(partnerCert()) }, partner)).code,
    ).toBe('PMS_PRT_005');
    expect(
      (await tc.fail('partnerCertificate.download', { partnerId: 'sentinel', kind: 'caSigned' }, partner)).code,
    ).toBe('PMS_PRT_108');
    expect((await tc.fail('partnerCertificate.list', { partnerId: 'other' }, partner)).code).toBe('PMS_PRT_055');
  });

  it('needs a policy group first for partner types that require one (PMS_PRT_054)', async () => {
    await tc.call('auth.register', partnerInput(3, { partnerType: 'Auth_Partner', username: 'authp', orgName: ORG }));
    const token = await signIn(tc, 'authp', 'Partn3r-Pass!');
    expect(
      (await tc.fail('partnerCertificate.upload', { partnerId: 'authp', ...file(partnerCert()) }, token)).code,
    ).toBe('PMS_PRT_054');
  });

  it('lets the partner re-upload; refuses downloads once expired and uploads and downloads once deactivated', async () => {
    await tc.call('partnerCertificate.upload', { partnerId: 'sentinel', ...file(partnerCert()) }, partner);
    const second = await tc.call(
      'partnerCertificate.upload',
      { partnerId: 'sentinel', ...file(partnerCert()) },
      partner,
    );
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_certificate')).toBe(1);
    expect(tc.count('SELECT COUNT(*) AS n FROM partner WHERE certificate_alias = ?', second.card.certificateId)).toBe(
      1,
    );

    tc.clock.advance(366 * 86_400);
    const again = await signIn(tc, 'sentinel', 'Partn3r-Pass!');
    expect((await tc.call('partnerCertificate.list', {}, again)).cards[0]!.isExpired).toBe(true);
    expect(
      (await tc.fail('partnerCertificate.download', { partnerId: 'sentinel', kind: 'mosipSigned' }, again)).code,
    ).toBe('PD_CERT_001');

    tc.core.db.writer.prepare("UPDATE partner SET is_active = 0 WHERE id = 'sentinel'").run(); // the admin deactivates it (partners issue)
    expect(
      (await tc.fail('partnerCertificate.download', { partnerId: 'sentinel', kind: 'caSigned' }, again)).code,
    ).toBe('PMS_CERTIFICATE_ERROR_009');
    expect(
      (await tc.fail('partnerCertificate.upload', { partnerId: 'sentinel', ...file(partnerCert()) }, again)).code,
    ).toBe('PMS_PMP_016');
  });
});
