import 'reflect-metadata';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { adminSession, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';
import { ext, intermediate, issue, keyPair, leaf, root, DIGITAL_SIGNATURE } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';
import type { PartnerDomainName } from '../../main/contract/index.ts';

/* Issue 11 §4: where keymanager's and PMS's rules differed from the desk's. All times are the core's clock. */

const DAY = 86_400_000;
const b64 = (t: string | Uint8Array) => Buffer.from(t).toString('base64');
const file = (c: TestCert) => ({ fileName: 'c.pem', contentBase64: b64(c.pem) });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

let tc: TestCore;
afterEach(() => tc.close());

/** An admin, a DEVICE chain in the trust store, and a device provider `sentinel` still pending. */
async function deviceProvider(config: Record<string, unknown> = {}) {
  tc = testCore({ config });
  await tc.call('setup.createAdmin', ADMIN);
  const admin = await signIn(tc, 'admin', ADMIN.password);
  const now = tc.clock.now().getTime();
  const r = root('CN=Device Root, O=Registry', {
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now + 3650 * DAY),
  });
  const ca = intermediate(r, 'CN=Device CA, O=Registry', {
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now + 3000 * DAY),
  });
  await tc.call(
    'trustStore.upload',
    { partnerDomain: 'DEVICE', fileName: 'chain.pem', contentBase64: b64(r.pem + ca.pem) },
    admin,
  );
  await tc.call(
    'auth.register',
    partnerInput(1, {
      partnerType: 'Device_Provider',
      orgName: 'Sentinel Biometrics',
      username: 'sentinel',
    }),
  );
  const partner = await signIn(tc, 'sentinel', 'Partn3r-Pass!');
  /** A partner certificate valid from 10 days ago until `days` after the core's now (plus `extraMs`). */
  const validFor = (days: number, extraMs = 0) =>
    leaf(ca, 'CN=sentinel, O=Sentinel Biometrics', {
      key: keyPair('rsa2048', 'km-rules'),
      notBefore: new Date(now - 10 * DAY),
      notAfter: new Date(now + days * DAY + extraMs),
    });
  return { admin, partner, now, ca, validFor };
}

describe('minimum remaining validity of a partner certificate (keymanager: 1 year × 365 − 30 days grace)', () => {
  it('defaults to 335 days: exactly 335 is accepted, one second less is refused naming the minimum', async () => {
    const { partner, now, validFor } = await deviceProvider();
    const short = validFor(335, -1000);
    const e = await refuse(
      tc,
      'partnerCertificate.upload',
      { partnerId: 'sentinel', ...file(short) },
      partner,
      'KER-PCM-017',
    );
    expect(e.message).toContain('at least 335 days');
    expect(e.message).toContain(iso(now + 335 * DAY - 1000));
    expect(e.params).toEqual({
      minimumDays: '335',
      validUntil: iso(now + 335 * DAY - 1000),
      requiredUntil: iso(now + 335 * DAY),
    });
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_certificate')).toBe(0);
    expect((await tc.call('session.me', {}, partner)).partner?.approvalStatus).toBe('InProgress');

    const out = await tc.call('partnerCertificate.upload', { partnerId: 'sentinel', ...file(validFor(335)) }, partner);
    expect(out.card).toMatchObject({ uploaded: true, partnerDomain: 'DEVICE' });
  });

  it('refuses a certificate with the 30 days the desk used to ask for', async () => {
    const { partner, validFor } = await deviceProvider();
    const e = await refuse(
      tc,
      'partnerCertificate.upload',
      { partnerId: 'sentinel', ...file(validFor(40)) },
      partner,
      'KER-PCM-017',
    );
    expect(e.message).toMatch(/valid only until .*; at least 335 days of remaining validity are required/);
  });

  it('is configurable, and the refusal names the configured minimum; FTM chip certificates follow the same rule', async () => {
    const { admin, partner, validFor } = await deviceProvider({
      certificates: { partnerMinRemainingDays: 30 },
    });
    const e = await refuse(
      tc,
      'partnerCertificate.upload',
      { partnerId: 'sentinel', ...file(validFor(29)) },
      partner,
      'KER-PCM-017',
    );
    expect(e.message).toContain('at least 30 days');
    await tc.call('partnerCertificate.upload', { partnerId: 'sentinel', ...file(validFor(40)) }, partner);

    // FTM provider with a chip: its chip certificate is held to the same configured minimum
    const now = tc.clock.now().getTime();
    const ftmRoot = root('CN=FTM Root, O=Chip Trust', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 3650 * DAY),
    });
    await tc.call(
      'trustStore.upload',
      { partnerDomain: 'FTM', fileName: 'ftm.pem', contentBase64: b64(ftmRoot.pem) },
      admin,
    );
    await tc.call(
      'auth.register',
      partnerInput(2, {
        partnerType: 'FTM_Provider',
        orgName: 'SecureSilicon',
        username: 'silicon',
      }),
    );
    const ftp = await signIn(tc, 'silicon', 'Partn3r-Pass!');
    const chipCert = (days: number) =>
      leaf(ftmRoot, 'CN=silicon, O=SecureSilicon', {
        key: keyPair('rsa2048', 'km-ftm'),
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + days * DAY),
      });
    await tc.call('partnerCertificate.upload', { partnerId: 'silicon', ...file(chipCert(400)) }, ftp);
    const chip = await tc.call('ftm.create', { partnerId: 'silicon', make: 'SecureSilicon', model: 'SS-1' }, ftp);
    const refused = await refuse(
      tc,
      'ftm.uploadCertificate',
      { ftmId: chip.ftmId, ...file(chipCert(20)) },
      ftp,
      'KER-PCM-017',
    );
    expect(refused.message).toContain('at least 30 days');
    await tc.call('ftm.uploadCertificate', { ftmId: chip.ftmId, ...file(chipCert(31)) }, ftp);
  });
});

describe('trust-store upload: CA-ness first, then the 12 months keymanager asks of a CA', () => {
  async function admin() {
    tc = testCore();
    await tc.call('setup.createAdmin', ADMIN);
    return signIn(tc, 'admin', ADMIN.password);
  }
  const upload = (certs: TestCert[], partnerDomain: PartnerDomainName = 'AUTH') => ({
    partnerDomain,
    fileName: 'ca.pem',
    contentBase64: b64(certs.map((c) => c.pem).join('')),
  });

  it('tells an end-entity certificate uploaded as a CA that it is no CA, even when it is also too short-lived', async () => {
    const token = await admin();
    const now = tc.clock.now().getTime();
    const r = root('CN=Auth Root, O=Registry', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 3650 * DAY),
    });
    await tc.call('trustStore.upload', upload([r]), token);
    // a partner certificate (no basicConstraints) valid for 40 more days: keymanager's 12-month rule would fire first
    const endEntity = leaf(r, 'CN=partner, O=Org', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 40 * DAY),
    });
    const e = await refuse(tc, 'trustStore.upload', upload([endEntity]), token, 'PD_PKI_001');
    expect(e.message).toMatch(
      /^partner is not a CA certificate \(it has no basicConstraints extension\); only root and intermediate CA certificates go into the trust store\.$/,
    );
    expect(e.params).toEqual({ notCa: 'true' });
    // basicConstraints present but cA=FALSE, self-signed: keymanager itself would store it as a ROOT
    const selfSignedLeaf = issue(
      {
        subject: 'CN=Self Leaf, O=Org',
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 3650 * DAY),
      },
      [ext.basicConstraints(false), ext.keyUsage([DIGITAL_SIGNATURE])],
    );
    const e2 = await refuse(tc, 'trustStore.upload', upload([selfSignedLeaf]), token, 'PD_PKI_001');
    expect(e2.message).toContain('its basicConstraints say cA=FALSE');
    expect(tc.count('SELECT COUNT(*) AS n FROM ca_certificate')).toBe(1);
  });

  it('refuses a CA valid less than 12 more months, naming the minimum; a v1 certificate still gets the version answer', async () => {
    const token = await admin();
    const now = tc.clock.now().getTime();
    const short = root('CN=Short Root, O=Registry', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 200 * DAY),
    });
    const e = await refuse(tc, 'trustStore.upload', upload([short]), token, 'KER-PCM-017');
    expect(e.message).toContain('at least 12 months');
    expect(e.params).toMatchObject({ minimumMonths: '12', validUntil: iso(now + 200 * DAY) });
    const v1 = issue({
      subject: 'CN=Old Root, O=Registry',
      version: 1,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 3650 * DAY),
    });
    await refuse(tc, 'trustStore.upload', upload([v1]), token, 'KER-PCM-007');
  });

  it('reports each certificate of a bundle with its own reason and the values its message names', async () => {
    const token = await admin();
    const now = tc.clock.now().getTime();
    const r = root('CN=Bundle Root, O=Registry', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 3650 * DAY),
    });
    const short = intermediate(r, 'CN=Short CA, O=Registry', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 100 * DAY),
    });
    const endEntity = leaf(r, 'CN=partner, O=Org', {
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 100 * DAY),
    });
    const out = await tc.call('trustStore.upload', upload([r, short, endEntity]), token);
    expect(out.status).toBe('Partial Success');
    expect(out.results.map((x) => [x.status, x.code, x.params])).toEqual([
      ['Upload Success', null, undefined],
      [
        'Upload Failed',
        'KER-PCM-017',
        {
          minimumMonths: '12',
          validUntil: iso(now + 100 * DAY),
          requiredUntil: expect.any(String),
        },
      ],
      ['Upload Failed', 'PD_PKI_001', { notCa: 'true' }],
    ]);
  });
});

describe('MISP partners’ certificates belong to the MISP domain', () => {
  it('chains a MISP partner’s certificate in MISP only, stores it there and shows the domain', async () => {
    tc = testCore();
    await tc.call('setup.createAdmin', ADMIN);
    const admin = await signIn(tc, 'admin', ADMIN.password);
    const now = tc.clock.now().getTime();
    const chain = (name: string) => {
      const r = root(`CN=${name} Root, O=Registry`, {
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 3650 * DAY),
      });
      return {
        root: r,
        ca: intermediate(r, `CN=${name} CA, O=Registry`, {
          notBefore: new Date(now - DAY),
          notAfter: new Date(now + 3000 * DAY),
        }),
      };
    };
    const auth = chain('Auth');
    await tc.call(
      'trustStore.upload',
      { partnerDomain: 'AUTH', fileName: 'a.pem', contentBase64: b64(auth.root.pem + auth.ca.pem) },
      admin,
    );
    await tc.call(
      'auth.register',
      partnerInput(1, { partnerType: 'MISP_Partner', orgName: 'Kiosk MISP', username: 'kiosk' }),
    );
    const kiosk = await signIn(tc, 'kiosk', 'Partn3r-Pass!');
    expect((await tc.call('partnerCertificate.list', {}, kiosk)).cards[0]).toMatchObject({
      partnerId: 'kiosk',
      partnerDomain: 'MISP',
      uploaded: false,
    });

    const key = keyPair('rsa2048', 'km-misp');
    const underAuth = leaf(auth.ca, 'CN=kiosk, O=Kiosk MISP', {
      key,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 700 * DAY),
    });
    await refuse(tc, 'partnerCertificate.upload', { partnerId: 'kiosk', ...file(underAuth) }, kiosk, 'KER-PCM-006');

    const misp = chain('MISP');
    const added = await tc.call(
      'trustStore.upload',
      { partnerDomain: 'MISP', fileName: 'm.pem', contentBase64: b64(misp.root.pem + misp.ca.pem) },
      admin,
    );
    expect(added.status).toBe('Upload Success');
    const list = await tc.call('trustStore.list', { caCertificateType: 'ROOT', partnerDomain: 'MISP' }, admin);
    expect(list.data.map((c) => [c.partnerDomain, c.issuedTo])).toEqual([['MISP', 'MISP Root']]);

    const underMisp = leaf(misp.ca, 'CN=kiosk, O=Kiosk MISP', {
      key,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 700 * DAY),
    });
    const out = await tc.call('partnerCertificate.upload', { partnerId: 'kiosk', ...file(underMisp) }, kiosk);
    expect(out.card).toMatchObject({ partnerDomain: 'MISP', uploaded: true, issuedBy: 'MISP CA' });
    expect(
      tc.core.db.reader.prepare('SELECT domain FROM partner_certificate WHERE partner_id = ?').get('kiosk'),
    ).toEqual({ domain: 'MISP' });
  });

  it('refuses domains keymanager does not know, in any spelling but its own', async () => {
    tc = testCore();
    const admin = await adminSession(tc);
    const r = root('CN=Any Root, O=Registry');
    for (const partnerDomain of ['misp', 'OTHER', '', 7]) {
      await refuse(
        tc,
        'trustStore.upload',
        { partnerDomain, fileName: 'r.pem', contentBase64: b64(r.pem) },
        admin,
        'PMS_COR_002',
      );
    }
    expect(tc.count('SELECT COUNT(*) AS n FROM ca_certificate')).toBe(0);
  });
});

describe('policy request decision status (PMS compares it case-insensitively)', () => {
  async function pending() {
    tc = testCore();
    const admin = await adminSession(tc);
    const groupId = (await newGroup(tc, admin, 'Banking')).policyGroupId;
    const policyId = (await newPolicy(tc, admin, groupId, { name: 'KYC basic' })).policyId;
    const p = await onboard(tc, 1, groupId);
    const req = (policy: string) =>
      tc.call('linking.request', { partnerId: p.id, policyId: policy, comments: 'Account opening checks.' }, p.token);
    return { admin, groupId, p, req, policyId };
  }

  it('accepts APPROVED, Rejected and padded spellings and stores MOSIP’s lower-case status', async () => {
    const { admin, req, policyId, groupId } = await pending();
    const first = await req(policyId);
    expect((await tc.call('linking.decide', { id: first.id, status: 'Rejected' }, admin)).status).toBe('rejected');
    const second = await req(policyId);
    expect((await tc.call('linking.decide', { id: second.id, status: ' APPROVED ' }, admin)).status).toBe('approved');
    const other = (await newPolicy(tc, admin, groupId, { name: 'KYC full' })).policyId;
    const third = await req(other);
    expect((await tc.call('linking.decide', { id: third.id, status: 'rEjEcTeD' }, admin)).status).toBe('rejected');
    const statuses = tc.core.db.reader
      .prepare('SELECT status_code AS s FROM partner_policy_request ORDER BY created_at, id')
      .pluck()
      .all();
    expect([...statuses].sort()).toEqual(['approved', 'rejected', 'rejected']);
    const outbox = tc.core.db.reader
      .prepare("SELECT payload FROM outbox WHERE command = 'linking.decide'")
      .pluck()
      .all() as string[];
    expect(outbox.map((o) => (JSON.parse(o) as { status: string }).status).sort()).toEqual([
      'approved',
      'rejected',
      'rejected',
    ]);
  });

  it('answers PMS_PM_045 for an unknown status and leaves the request pending; malformed input stays PMS_COR_002', async () => {
    const { admin, req, policyId } = await pending();
    const r = await req(policyId);
    for (const status of ['maybe', 'approve', 'InProgress', 'deactivated', 'approved!']) {
      const e = await refuse(tc, 'linking.decide', { id: r.id, status }, admin, 'PMS_PM_045');
      expect(e.fields).toEqual({ status: 'PMS_PM_045' });
    }
    for (const status of ['', '   ', 7, null, 'x'.repeat(33)]) {
      await refuse(tc, 'linking.decide', { id: r.id, status }, admin, 'PMS_COR_002');
    }
    expect(
      tc.core.db.reader.prepare('SELECT status_code FROM partner_policy_request WHERE id = ?').pluck().get(r.id),
    ).toBe('InProgress');
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'linking.decide' AND result = 'failure' AND error_code = 'PMS_PM_045'",
      ),
    ).toBe(5);
    expect(tc.count("SELECT COUNT(*) AS n FROM outbox WHERE command = 'linking.decide'")).toBe(0);
  });
});
