import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';

let tc: TestCore;
let admin: string;
beforeEach(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
});
afterEach(() => tc.close());

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const upload = (certs: TestCert[] | string, partnerDomain: 'AUTH' | 'DEVICE' | 'FTM' = 'AUTH') =>
  ({
    partnerDomain,
    fileName: 'ca.pem',
    contentBase64: typeof certs === 'string' ? certs : b64(certs.map((c) => c.pem).join('')),
  }) as const;
const YEAR = 365 * 86_400_000;
const now = () => tc.clock.now().getTime();

describe('trust store upload (keymanager rules and codes)', () => {
  it('adds a self-signed CA as ROOT and a CA it issued as INTERMEDIATE, per domain', async () => {
    const r = root('CN=Auth Root, O=Registry');
    const i = intermediate(r, 'CN=Auth Issuing CA, O=Registry');
    const first = await tc.call('trustStore.upload', upload([r]), admin);
    expect(first).toMatchObject({
      status: 'Upload Success',
      results: [{ status: 'Upload Success', caCertificateType: 'ROOT', issuedTo: 'Auth Root' }],
    });
    const second = await tc.call('trustStore.upload', upload([i]), admin);
    expect(second.results[0]).toMatchObject({
      caCertificateType: 'INTERMEDIATE',
      issuedTo: 'Auth Issuing CA',
    });
    // the same intermediate in another domain has no root there
    expect((await tc.fail('trustStore.upload', upload([i], 'DEVICE'), admin)).code).toBe('KER-PCM-005');
    expect(tc.count("SELECT COUNT(*) AS n FROM ca_certificate WHERE domain = 'AUTH'")).toBe(2);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'trustStore.upload'")).toBe(2);
  });

  it('accepts a bundle in any order and reports Partial Success with per-certificate results', async () => {
    const r = root('CN=Bundle Root, O=Registry');
    const i = intermediate(r, 'CN=Bundle CA, O=Registry');
    const notCa = leaf(i, 'CN=Not a CA, O=Registry');
    const out = await tc.call('trustStore.upload', upload([i, notCa, r]), admin);
    expect(out.status).toBe('Partial Success');
    expect(out.results.map((x) => [x.index, x.status, x.caCertificateType ?? x.code])).toEqual([
      [0, 'Upload Success', 'INTERMEDIATE'],
      [1, 'Upload Failed', 'PD_PKI_001'],
      [2, 'Upload Success', 'ROOT'],
    ]);
  });

  it('refuses a bundle where nothing is acceptable, with a code per certificate', async () => {
    const expired = root('CN=Old, O=R', {
      notBefore: new Date(now() - 3 * YEAR),
      notAfter: new Date(now() - YEAR),
    });
    const orphan = intermediate(root('CN=Unknown, O=R'), 'CN=Orphan CA, O=R');
    const e = await tc.fail('trustStore.upload', upload([expired, orphan]), admin);
    expect(e.code).toBe('KER-PCM-004');
    expect(e.fields).toEqual({ 'certificate.0': 'KER-PCM-004', 'certificate.1': 'KER-PCM-005' });
    expect(tc.count('SELECT COUNT(*) AS n FROM ca_certificate')).toBe(0);
  });

  it.each([
    ['KER-PCM-003', 'a duplicate', () => root('CN=Dup, O=R'), true],
    [
      'KER-PCM-004',
      'an expired CA',
      () =>
        root('CN=Old, O=R', {
          notBefore: new Date(now() - 3 * YEAR),
          notAfter: new Date(now() - YEAR),
        }),
      false,
    ],
    [
      'KER-PMS-020',
      'a future-dated CA',
      () =>
        root('CN=Future, O=R', {
          notBefore: new Date(now() + YEAR),
          notAfter: new Date(now() + 5 * YEAR),
        }),
      false,
    ],
    [
      'KER-PCM-017',
      'a CA valid less than 12 more months',
      () =>
        root('CN=Short, O=R', {
          notBefore: new Date(now() - YEAR),
          notAfter: new Date(now() + 100 * 86_400_000),
        }),
      false,
    ],
    ['KER-PCM-007', 'a v1 certificate', () => root('CN=V1, O=R', { version: 1 }), false],
    ['KER-PCM-013', 'an RSA-1024 CA', () => root('CN=Weak, O=R', { key: keyPair('rsa1024') }), false],
    [
      'KER-PCM-014',
      'a SHA-1 signature',
      () => root('CN=Sha1, O=R', { key: keyPair('rsa2048'), signature: 'sha1' }),
      false,
    ],
  ] as const)('refuses with %s %s', async (code, _label, make, twice) => {
    const cert = make();
    if (twice) await tc.call('trustStore.upload', upload([cert]), admin);
    const before = tc.count('SELECT COUNT(*) AS n FROM ca_certificate');
    const e = await tc.fail('trustStore.upload', upload([cert]), admin);
    expect(e.code).toBe(code);
    expect(tc.count('SELECT COUNT(*) AS n FROM ca_certificate')).toBe(before);
    const audit = tc.core.db.reader
      .prepare(
        "SELECT result, error_code FROM app_audit_log WHERE action = 'trustStore.upload' ORDER BY rowid DESC LIMIT 1",
      )
      .get();
    expect(audit).toEqual({ result: 'failure', error_code: code });
  });

  it.each([
    ['an empty file', ''],
    ['random bytes', b64(new Uint8Array([1, 2, 3, 4, 5]))],
    ['a PEM block that is not a certificate', b64('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')],
    ['a truncated certificate', b64(root().der.slice(0, 100))],
  ])('refuses %s as unreadable (KER-PCM-001)', async (_label, content) => {
    const e = await tc.fail(
      'trustStore.upload',
      { partnerDomain: 'AUTH', fileName: 'x.cer', contentBase64: content || 'AA==' },
      admin,
    );
    expect(e.code).toBe(content ? 'KER-PCM-001' : 'KER-PCM-001');
  });

  it('accepts DER files and base64 text as well as PEM', async () => {
    const r1 = root('CN=Der Root, O=R');
    const r2 = root('CN=B64 Root, O=R');
    await tc.call(
      'trustStore.upload',
      { partnerDomain: 'FTM', fileName: 'root.cer', contentBase64: b64(r1.der) },
      admin,
    );
    await tc.call(
      'trustStore.upload',
      {
        partnerDomain: 'FTM',
        fileName: 'root.txt',
        contentBase64: b64(Buffer.from(r2.der).toString('base64')),
      },
      admin,
    );
    expect(tc.count("SELECT COUNT(*) AS n FROM ca_certificate WHERE domain = 'FTM'")).toBe(2);
  });
});

describe('trust store lists, details, downloads', () => {
  it('pages, sorts and filters in SQL with MOSIP fields; shows the chain; downloads PEM and P7B', async () => {
    const r = root('CN=List Root, O=Registry');
    const i = intermediate(r, 'CN=List CA, O=Registry');
    await tc.call('trustStore.upload', upload([r]), admin);
    tc.clock.advance(60);
    await tc.call('trustStore.upload', upload([i]), admin);
    const roots = await tc.call('trustStore.list', { caCertificateType: 'ROOT' }, admin);
    expect(roots).toMatchObject({
      totalResults: 1,
      data: [{ issuedTo: 'List Root', partnerDomain: 'AUTH', status: true }],
    });
    const ints = await tc.call(
      'trustStore.list',
      {
        caCertificateType: 'INTERMEDIATE',
        issuedBy: 'list ro',
        sortFieldName: 'validTill',
        sortType: 'asc',
      },
      admin,
    );
    expect(ints.data.map((d) => d.issuedTo)).toEqual(['List CA']);
    expect(
      (await tc.call('trustStore.list', { caCertificateType: 'INTERMEDIATE', partnerDomain: 'DEVICE' }, admin))
        .totalResults,
    ).toBe(0);
    expect(
      (await tc.fail('trustStore.list', { caCertificateType: 'ROOT', sortFieldName: 'password' }, admin)).code,
    ).toBe('PMS_PRT_357');

    const id = ints.data[0]!.certificateId;
    const detail = await tc.call('trustStore.detail', { certificateId: id }, admin);
    expect(detail.chain.map((c) => c.role)).toEqual(['leaf', 'anchor']);
    expect(detail.chain[1]!.subject).toContain('List Root');
    expect(detail.details.keyUsage).toEqual(expect.arrayContaining(['keyCertSign']));
    const pem = await tc.call('trustStore.download', { certificateId: id, kind: 'certificate' }, admin);
    expect(Buffer.from(pem.contentBase64, 'base64').toString()).toBe(i.pem);
    const chain = await tc.call('trustStore.download', { certificateId: id, kind: 'chain' }, admin);
    expect(chain.fileName).toMatch(/\.p7b$/);
    expect(Buffer.from(chain.contentBase64, 'base64').toString()).toMatch(/-----BEGIN PKCS7-----/);
    expect((await tc.fail('trustStore.detail', { certificateId: 'nope' }, admin)).code).toBe('KER-PCM-012');
  });

  it('lists certificates expiring within N days (1–30)', async () => {
    await tc.call('trustStore.upload', upload([root('CN=Far, O=R')]), admin);
    tc.clock.advance(-400 * 86_400);
    admin = await signIn(tc, 'admin', ADMIN.password);
    await tc.call(
      'trustStore.upload',
      upload([
        root('CN=Soon, O=R', {
          notBefore: new Date(now() - YEAR),
          notAfter: new Date(now() + 390 * 86_400_000),
        }),
      ]),
      admin,
    );
    tc.clock.advance(380 * 86_400);
    admin = await signIn(tc, 'admin', ADMIN.password);
    const soon = await tc.call('trustStore.list', { caCertificateType: 'ROOT', expiryPeriod: 30 }, admin);
    expect(soon.data.map((d) => d.issuedTo)).toEqual(['Soon']);
    expect((await tc.fail('trustStore.list', { caCertificateType: 'ROOT', expiryPeriod: 31 }, admin)).code).toBe(
      'PMS_COR_002',
    );
  });
});

describe('the deployment signing CA', () => {
  it('is created at first run with its private key wrapped at rest and a key file only the user can read', async () => {
    const ca = await tc.call('trustStore.signingCertificate', {}, admin);
    expect(ca.details?.subject).toContain('Partner Desk Partner Signing CA');
    // ten calendar years: the same day and time of day, not 3652.5 days (12 hours off)
    const from = new Date(ca.details!.notBefore);
    const to = new Date(ca.details!.notAfter);
    expect(to.getUTCFullYear() - from.getUTCFullYear()).toBe(10);
    expect(to.toISOString().slice(4)).toBe(from.toISOString().slice(4));
    const row = tc.core.db.reader.prepare('SELECT wrapped_private_key FROM signing_key').get() as {
      wrapped_private_key: Buffer;
    };
    // a PKCS#8 RSA key in clear starts with SEQUENCE … rsaEncryption OID; the wrapped blob must not contain it
    expect(row.wrapped_private_key.includes(Buffer.from('2a864886f70d010101', 'hex'))).toBe(false);
    const { statSync } = await import('node:fs');
    const { join } = await import('node:path');
    expect(statSync(join(tc.dir, 'keys', 'kek.key')).mode & 0o777).toBe(0o600);
  });
});
