import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, signIn } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { trustStoreOf } from '../../main/core/certificates/trust.ts';
import { validateCertificatePath } from '../../lib/pki/index.ts';

let tc: TestCore;
let password: string;
beforeAll(async () => {
  tc = testCore();
  const demo = await tc.call('setup.loadDemo', {});
  password = demo.password;
}, 60_000);
afterAll(() => tc.close());

describe('demo dataset', () => {
  it('has partners of every kind and a generated password shown once, never stored in clear', async () => {
    expect(password).toMatch(/^Demo-[A-Za-z0-9_-]{12}1!$/);
    expect(tc.count('SELECT COUNT(DISTINCT partner_type_code) AS n FROM partner')).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(tc.core.db.reader.prepare('SELECT * FROM app_user').all())).not.toContain(password);
    expect((await tc.fail('setup.loadDemo', {})).code).toBe('PD_SETUP_002');
  });

  it('has a PKI per domain whose partner certificates chain, with one near expiry and one expired', async () => {
    expect(
      tc.core.db.reader
        .prepare(
          'SELECT domain, ca_type, COUNT(*) AS n FROM ca_certificate GROUP BY domain, ca_type ORDER BY domain, ca_type',
        )
        .all(),
    ).toEqual([
      { domain: 'AUTH', ca_type: 'INTERMEDIATE', n: 1 },
      { domain: 'AUTH', ca_type: 'ROOT', n: 1 },
      { domain: 'DEVICE', ca_type: 'INTERMEDIATE', n: 1 },
      { domain: 'DEVICE', ca_type: 'ROOT', n: 2 },
      { domain: 'FTM', ca_type: 'INTERMEDIATE', n: 1 },
      { domain: 'FTM', ca_type: 'ROOT', n: 2 },
      { domain: 'MISP', ca_type: 'INTERMEDIATE', n: 1 },
      { domain: 'MISP', ca_type: 'ROOT', n: 1 },
    ]);
    // the second DEVICE and FTM roots are the virtual SBI's, which starts with the demo (issue 6)
    const admin = await signIn(tc, 'admin', password);
    expect(await tc.call('virtualSbi.state', {}, admin)).toMatchObject({
      running: true,
      rootsTrusted: true,
    });
    // marked as test roots; in a demo database the admin is not asked again
    expect(
      tc.core.db.reader
        .prepare('SELECT domain, is_virtual FROM ca_certificate WHERE is_virtual = 1 ORDER BY domain')
        .all(),
    ).toEqual([
      { domain: 'DEVICE', is_virtual: 1 },
      { domain: 'FTM', is_virtual: 1 },
    ]);
    expect(await tc.call('virtualSbi.trustRoots', {}, admin)).toEqual({
      added: 0,
      alreadyPresent: 2,
    });
    const now = tc.clock.now().getTime();
    const certs = tc.core.db.reader
      .prepare('SELECT partner_id, domain, ca_signed_der, mosip_not_after FROM partner_certificate')
      .all() as Array<{
      partner_id: string;
      domain: 'AUTH' | 'DEVICE' | 'FTM';
      ca_signed_der: Buffer;
      mosip_not_after: string;
    }>;
    expect(certs).toHaveLength(6); // the five onboarded partners and the demo registration desk (issue 16)
    const trust = trustStoreOf(tc.core.db.reader);
    for (const c of certs) {
      const verdict = validateCertificatePath({
        leaf: new Uint8Array(c.ca_signed_der),
        domain: c.domain,
        trust,
        at: new Date(now),
      });
      expect(verdict.ok, `${c.partner_id}: ${verdict.ok ? '' : verdict.message}`).toBe(true);
    }
    const left = certs.map((c) => (Date.parse(c.mosip_not_after) - now) / 86_400_000);
    expect(left.filter((d) => d < 0)).toHaveLength(1);
    expect(left.filter((d) => d >= 0 && d <= 30)).toHaveLength(1);
    expect(tc.count('SELECT COUNT(*) AS n FROM partner WHERE certificate_alias IS NOT NULL')).toBe(6);
  });

  it('shows the admin the expiring CA on the dashboard and a partner its expiring certificate', async () => {
    const admin = await signIn(tc, 'admin', password);
    const summary = await tc.call('dashboard.summary', {}, admin);
    expect(summary.cards.find((c) => c.id === 'trustStore')?.count).toBe(1);
    const nile = await signIn(tc, 'nile-credential-bureau', password);
    const cards = await tc.call('partnerCertificate.list', {}, nile);
    expect(cards.cards[0]).toMatchObject({
      partnerId: 'nile-credential-bureau',
      uploaded: true,
      isExpired: false,
    });
    expect((await tc.call('dashboard.summary', {}, nile)).cards.find((c) => c.id === 'partnerCertificate')?.count).toBe(
      1,
    );
    const ftm = await signIn(tc, 'securesilicon-ftm', password);
    expect(
      (await tc.fail('partnerCertificate.download', { partnerId: 'securesilicon-ftm', kind: 'mosipSigned' }, ftm)).code,
    ).toBe('PD_CERT_001');
  });
});
