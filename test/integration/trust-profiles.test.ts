import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { ext, intermediate, issue, keyPair, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';

/** Issue 11 §2: the trust profile per partner domain, set by the admin through the command path. */
let tc: TestCore;
let admin: string;
beforeEach(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
});
afterEach(() => tc.close());

const upload = (certs: TestCert[], partnerDomain: 'AUTH' | 'DEVICE' | 'FTM' = 'DEVICE') =>
  ({
    partnerDomain,
    fileName: 'ca.pem',
    contentBase64: Buffer.from(certs.map((c) => c.pem).join('')).toString('base64'),
  }) as const;

/** A root like MOSIP's reference device PKI: cA=TRUE not critical, no SKI/AKI. */
const mosipLikeRoot = () =>
  issue({ subject: 'CN=RootCA, O=Mosip', key: keyPair('p256') }, [
    ext.basicConstraints(true, undefined, false),
    ext.keyUsage([5, 6]),
  ]);

describe('trust profiles per partner domain', () => {
  it('starts every domain on keymanager, not set', async () => {
    const out = await tc.call('trustStore.profiles', {}, admin);
    expect(out.profiles).toEqual(
      ['AUTH', 'DEVICE', 'FTM', 'MISP'].map((d) => ({
        partnerDomain: d,
        profile: 'keymanager',
        isSet: false,
        updatedAt: null,
        updatedBy: null,
      })),
    );
  });

  it('sets a profile through the command path: stored, audited, not sent to MOSIP, seen by the next validation', async () => {
    const set = await tc.call('trustStore.setProfile', { partnerDomain: 'DEVICE', profile: 'strict' }, admin);
    expect(set).toMatchObject({
      partnerDomain: 'DEVICE',
      profile: 'strict',
      isSet: true,
      updatedAt: tc.clock.now().toISOString(),
    });
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'trustStore.setProfile' AND result = 'success' AND ref_id = 'DEVICE'",
      ),
    ).toBe(1);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'trustStore.setProfile'")).toBe(0);
    const listed = await tc.call('trustStore.profiles', {}, admin);
    expect(listed.profiles.map((p) => [p.partnerDomain, p.profile])).toEqual([
      ['AUTH', 'keymanager'],
      ['DEVICE', 'strict'],
      ['FTM', 'keymanager'],
      ['MISP', 'keymanager'],
    ]);
    // and back
    await tc.call('trustStore.setProfile', { partnerDomain: 'DEVICE', profile: 'keymanager' }, admin);
    expect(tc.count("SELECT COUNT(*) AS n FROM trust_profile WHERE domain = 'DEVICE' AND profile = 'keymanager'")).toBe(
      1,
    );
  });

  it('refuses bad input with the field named, and a partner may read the profiles but not set them', async () => {
    for (const bad of [
      { partnerDomain: 'KYC', profile: 'strict' },
      { partnerDomain: 'AUTH', profile: 'lenient' },
      { partnerDomain: 'AUTH' },
      { partnerDomain: 'AUTH', profile: 'strict', extra: 1 },
    ]) {
      const e = await tc.fail('trustStore.setProfile', bad, admin);
      expect(e.code, JSON.stringify(bad)).toBe('PMS_COR_002');
    }
    expect(tc.count('SELECT COUNT(*) AS n FROM trust_profile')).toBe(0);
    await tc.call('auth.register', partnerInput(1));
    const partner = await signIn(tc, partnerInput(1).username, partnerInput(1).password);
    expect((await tc.call('trustStore.profiles', {}, partner)).profiles).toHaveLength(4);
    expect((await tc.fail('trustStore.setProfile', { partnerDomain: 'AUTH', profile: 'strict' }, partner)).code).toBe(
      'PD_AUTH_004',
    );
  });

  it("admits MOSIP's reference-style root under keymanager with its leniencies named, and refuses it under strict", async () => {
    const r = mosipLikeRoot();
    const accepted = await tc.call('trustStore.upload', upload([r]), admin);
    expect(accepted).toMatchObject({
      status: 'Upload Success',
      profile: 'keymanager',
      results: [{ caCertificateType: 'ROOT', warnings: ['PD_PKI_W04', 'PD_PKI_W05'] }],
    });
    const id = accepted.results[0]!.certificateId!;
    const detail = await tc.call('trustStore.detail', { certificateId: id }, admin);
    expect(detail).toMatchObject({
      profile: 'keymanager',
      warnings: ['PD_PKI_W04', 'PD_PKI_W05'],
      chainWarnings: ['PD_PKI_W04', 'PD_PKI_W05'],
      chainError: null,
    });

    // the same root under strict: refused at upload, and the stored one's chain no longer builds
    await tc.call('trustStore.setProfile', { partnerDomain: 'DEVICE', profile: 'strict' }, admin);
    const again = await tc.call('trustStore.detail', { certificateId: id }, admin);
    // strict checks the certificate itself first (no SKI on a CA), then as an anchor (basicConstraints not critical)
    expect(again).toMatchObject({
      profile: 'strict',
      chain: [],
      chainError: { code: 'PD_PKI_010', message: expect.stringMatching(/subjectKeyIdentifier/) },
    });
    const other = mosipLikeRoot();
    const e = await tc.fail('trustStore.upload', upload([other]), admin);
    expect(e.code).toBe('PD_PKI_010');
    const withSki = issue({ subject: 'CN=RootCA SKI, O=Mosip', key: keyPair('p256') }, [
      ext.basicConstraints(true, undefined, false),
      ext.keyUsage([5, 6]),
      ext.subjectKeyId(new Uint8Array([7])),
    ]);
    const e2 = await tc.fail('trustStore.upload', upload([withSki]), admin);
    expect([e2.code, e2.message]).toEqual(['PD_PKI_001', expect.stringMatching(/must be critical/)]);
    // other domains keep keymanager
    expect((await tc.call('trustStore.upload', upload([other], 'FTM'), admin)).profile).toBe('keymanager');
  });

  it('names intermediate-level leniencies at upload (an intermediate without SKI under keymanager)', async () => {
    const r = root('CN=Registry Root, O=R');
    await tc.call('trustStore.upload', upload([r], 'AUTH'), admin);
    const i = intermediate(r, 'CN=No SKI CA, O=R', { without: ['2.5.29.14'] });
    const out = await tc.call('trustStore.upload', upload([i], 'AUTH'), admin);
    expect(out.results[0]).toMatchObject({
      caCertificateType: 'INTERMEDIATE',
      warnings: ['PD_PKI_W05'],
    });
    await tc.call('trustStore.setProfile', { partnerDomain: 'AUTH', profile: 'strict' }, admin);
    const i2 = intermediate(r, 'CN=No SKI CA 2, O=R', { without: ['2.5.29.14'] });
    expect((await tc.fail('trustStore.upload', upload([i2], 'AUTH'), admin)).code).toBe('PD_PKI_010');
  });
});
