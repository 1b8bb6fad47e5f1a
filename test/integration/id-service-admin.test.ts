/**
 * Administration of the ID authentication service: enrolment through the contract and the CLI,
 * MISP licences, and the desk's client settings — each bad input refused with its code, nothing
 * stored by a refused call.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idServiceCommand } from '../../main/cli/id-service.ts';
import { UsageError } from '../../main/cli/usage.ts';
import { idaClientFromConfig } from '../../main/core/ida/config.ts';
import { fingerRecord } from '../../native/virtual/sbi/iso19794.ts';
import { findSamplesDir, loadSamples } from '../../native/virtual/sbi/biometrics.ts';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
let admin: string;
const samples = loadSamples(findSamplesDir());
const s = samples.get('finger-auth-1')!;
const record = fingerRecord({
  image: s.image,
  info: s.info,
  purpose: 'Auth',
  captureTime: new Date('2026-01-01T00:00:00Z'),
  quality: 70,
  position: 7,
});

beforeAll(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, ADMIN.username, ADMIN.password);
}, 60_000);
afterAll(() => tc.close());

const enrolInput = (over: Record<string, unknown> = {}) => ({
  individualId: '7000000001',
  individualIdType: 'UIN' as const,
  demographics: { fullName: 'Test Person', city: 'Demo City' },
  biometrics: [
    {
      bioType: 'Finger' as const,
      bioSubType: 'Left IndexFinger',
      record: record.toString('base64'),
    },
  ],
  ...over,
});

function sink(): { out: Writable; lines: () => unknown[] } {
  const chunks: string[] = [];
  const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
  return {
    out,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
  };
}

describe('enrolment', () => {
  it('enrols, then replaces, an identity; the record rests wrapped, the audit names only the individual', async () => {
    expect(await tc.call('idService.enrol', enrolInput(), admin)).toEqual({
      individualId: '7000000001',
      replaced: false,
      biometrics: 1,
    });
    expect(
      await tc.call('idService.enrol', enrolInput({ demographics: { fullName: 'Test Person 2' } }), admin),
    ).toEqual({ individualId: '7000000001', replaced: true, biometrics: 1 });
    const stored = tc.core.db.reader
      .prepare('SELECT wrapped_record FROM ida_biometric WHERE individual_id = ?')
      .pluck()
      .get('7000000001') as Buffer;
    expect(stored.includes(record.subarray(60, 120))).toBe(false);
    expect(tc.core.deps.keyWrap.unwrap(stored).equals(record)).toBe(true);
    const outbox = tc.core.db.reader
      .prepare("SELECT payload FROM outbox WHERE command = 'idService.enrol'")
      .pluck()
      .all() as string[];
    expect(outbox.join()).not.toContain('Test Person');
  });

  it('refuses a record that is not ISO 19794 of its modality (PD_IDA_007) and bad shapes (PMS_COR_002), storing nothing', async () => {
    const before = tc.count('SELECT COUNT(*) AS n FROM ida_identity');
    const iris = await tc.fail(
      'idService.enrol',
      enrolInput({
        individualId: '7000000002',
        biometrics: [{ bioType: 'Iris', bioSubType: 'Left', record: record.toString('base64') }],
      }),
      admin,
    );
    expect(iris).toMatchObject({
      code: 'PD_IDA_007',
      fields: { 'biometrics.0.record': 'PD_IDA_007' },
    });
    expect(
      (await tc.fail('idService.enrol', enrolInput({ individualId: '7000000003', biometrics: [] }), admin)).code,
    ).toBe('PMS_COR_002');
    expect((await tc.fail('idService.enrol', enrolInput({ individualId: '70-00' }), admin)).code).toBe('PMS_COR_002');
    expect((await tc.fail('idService.enrol', enrolInput({ demographics: { 'bad key': 'x' } }), admin)).code).toBe(
      'PMS_COR_002',
    );
    expect(tc.count('SELECT COUNT(*) AS n FROM ida_identity')).toBe(before);
  });

  it('is for the partner admin only', async () => {
    await tc.call('auth.register', partnerInput(1));
    const partner = await signIn(tc, partnerInput(1).username, partnerInput(1).password);
    expect((await tc.fail('idService.enrol', enrolInput(), partner)).code).toBe('PD_AUTH_004');
    expect((await tc.fail('idaClient.status', {}, partner)).code).toBe('PD_AUTH_004');
  });

  it('the CLI enrols from a JSON file with record files, and says clearly what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-enrol-'));
    writeFileSync(join(dir, 'finger.iso'), record);
    writeFileSync(
      join(dir, 'id.json'),
      JSON.stringify({
        individualId: '7000000009',
        individualIdType: 'VID',
        demographics: { fullName: 'From File' },
        biometrics: [{ bioType: 'Finger', bioSubType: 'UNKNOWN', file: 'finger.iso' }],
      }),
    );
    const ok = sink();
    expect(await idServiceCommand(tc.core, 'enrol', { file: join(dir, 'id.json') }, ok.out)).toBe(0);
    expect(ok.lines()).toEqual([{ ok: true, result: { individualId: '7000000009', replaced: false, biometrics: 1 } }]);
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        individualId: '7000000010',
        individualIdType: 'UIN',
        demographics: {},
        biometrics: [{ bioType: 'Face', file: 'finger.iso' }],
      }),
    );
    const bad = sink();
    expect(await idServiceCommand(tc.core, 'enrol', { file: join(dir, 'bad.json') }, bad.out)).toBe(1);
    expect(bad.lines()[0]).toMatchObject({ ok: false, error: { code: 'PD_IDA_007' } });
    writeFileSync(
      join(dir, 'shape.json'),
      JSON.stringify({
        individualId: 'has space',
        individualIdType: 'UIN',
        demographics: {},
        biometrics: [{ bioType: 'Palm', file: 'finger.iso' }],
      }),
    );
    const shape = sink();
    expect(await idServiceCommand(tc.core, 'enrol', { file: join(dir, 'shape.json') }, shape.out)).toBe(1);
    expect(shape.lines()[0]).toMatchObject({
      ok: false,
      error: {
        code: 'PMS_COR_002',
        fields: { individualId: expect.any(String), 'biometrics.0.bioType': expect.any(String) },
      },
    });
    writeFileSync(join(dir, 'broken.json'), '{"individualId": ');
    await expect(idServiceCommand(tc.core, 'enrol', { file: join(dir, 'broken.json') }, sink().out)).rejects.toThrow(
      UsageError,
    );
    writeFileSync(join(dir, 'missing.json'), JSON.stringify({ biometrics: [{ bioType: 'Finger', file: 'nope.iso' }] }));
    await expect(idServiceCommand(tc.core, 'enrol', { file: join(dir, 'missing.json') }, sink().out)).rejects.toThrow(
      /nope\.iso/,
    );
    await expect(idServiceCommand(tc.core, 'enrol', {}, sink().out)).rejects.toThrow(UsageError);
    expect(
      tc.core.db.reader
        .prepare("SELECT actor, result FROM app_audit_log WHERE module = 'idService' AND ref_id = '7000000009'")
        .get(),
    ).toEqual({ actor: 'system', result: 'success' });
  });
});

describe('MISP licences and the desk client settings', () => {
  it('issues a licence only to an approved, active MISP partner', async () => {
    await tc.call('auth.register', partnerInput(2, { partnerType: 'MISP_Partner' }));
    const misp = partnerInput(2).username;
    expect((await tc.fail('idService.issueMispLicense', { mispPartnerId: misp }, admin)).code).toBe('PD_IDA_008');
    tc.core.env.writer.prepare("UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id = ?").run(misp);
    const out = await tc.call('idService.issueMispLicense', { mispPartnerId: misp, validDays: 30 }, admin);
    expect(out.licenseKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      tc.count(
        'SELECT COUNT(*) AS n FROM ida_misp_license WHERE misp_partner_id = ? AND license_hash != ?',
        misp,
        out.licenseKey,
      ),
    ).toBe(1);
  });

  it("an unconfigured desk answers PD_IDA_005; settings whose key is not the certificate's are refused", async () => {
    expect(await tc.call('idaClient.status', {}, admin)).toEqual({ configured: false });
    const client = idaClientFromConfig(tc.core.db.reader, tc.core.deps);
    expect(
      await client.kyc({
        individualId: '1',
        individualIdType: 'UIN',
        transactionId: 'ABCDEFGHIJ',
        consentObtained: true,
        biometrics: [],
      }),
    ).toMatchObject({ ok: false, code: 'PD_IDA_005', unreachable: false });
    const der = tc.core.db.reader
      .prepare("SELECT certificate_der FROM signing_key WHERE purpose = 'partner-signing'")
      .pluck()
      .get() as Buffer;
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const input = {
      baseUrl: 'https://ida.example/idauthentication/v1',
      mispLicenseKey: 'm',
      partnerId: 'p',
      apiKey: 'k',
      servicePartnerCertificate: pem,
      serviceFirCertificate: pem,
      serviceSignCertificate: pem,
      partnerCertificate: pem,
      partnerPrivateKey: key,
    };
    expect(await tc.fail('idaClient.configure', input, admin)).toMatchObject({
      code: 'PD_IDA_009',
      message: expect.stringMatching(/does not belong/),
    });
    expect(
      (
        await tc.fail(
          'idaClient.configure',
          {
            ...input,
            partnerPrivateKey: `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(80)}\n-----END PRIVATE KEY-----`,
          },
          admin,
        )
      ).code,
    ).toBe('PD_IDA_009');
    expect(await tc.call('idaClient.status', {}, admin)).toEqual({ configured: false });
  });
});
