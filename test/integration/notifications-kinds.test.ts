import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { collectingMailer, DAY_MS } from '../helpers/notifications.ts';
import { adminSession, onboard } from '../helpers/policies.ts';
import type { TestPartner } from '../helpers/policies.ts';

/*
 * The kinds the year test does not build through the UI commands: an FTM chip certificate and an
 * intermediate CA. Their rows are written directly (the chip flow needs the virtual chip); the
 * jobs that read them run through the command path as everywhere else.
 */
let tc: TestCore;
let admin: string;
let ftm: TestPartner;
let mailer: ReturnType<typeof collectingMailer>;
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(async () => {
  mailer = collectingMailer();
  tc = testCore({ mailer });
  admin = await adminSession(tc);
  ftm = await onboard(tc, 5, null, { type: 'FTM_Provider' });
  const now = tc.clock.now().getTime();
  const t = iso(now);
  const chip = tc.core.db.writer.prepare(
    `INSERT INTO ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, approval_status, is_active, certificate_alias, certificate_der, cert_issued_to, cert_issued_by, cert_not_before, cert_not_after, cert_uploaded_at, cr_by, created_at, updated_at)
     VALUES (?, 'partner-5', 'SecureSilicon', ?, 'Org 5', ?, ?, ?, x'00', 'chip', 'FTM CA', ?, ?, ?, 'partner-5', ?, ?)`,
  );
  chip.run('chip-1', 'SS-1', 'approved', 1, 'alias-1', t, iso(now + 10 * DAY_MS), t, t, t);
  chip.run('chip-2', 'SS-2', 'rejected', 0, 'alias-2', t, iso(now + 10 * DAY_MS), t, t, t); // not announced
  tc.core.db.writer
    .prepare(
      `INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by)
       VALUES ('ica-1', 'FTM', 'INTERMEDIATE', 'tp', x'00', 'CN=FTM CA', 'CN=FTM Root', 'FTM CA', 'FTM Root', '01', ?, ?, ?, 'admin')`,
    )
    .run(t, iso(now + 15 * DAY_MS), t);
});
afterEach(() => tc.close());

describe('FTM chip and intermediate CA notices', () => {
  it('announces an approved chip’s certificate to its provider and an intermediate CA to the admin', async () => {
    expect((await tc.call('notifications.expiryJob', { kind: 'FTM_CHIP_CERTIFICATES' }, admin)).created).toBe(1);
    expect((await tc.call('notifications.expiryJob', { kind: 'CA_CERTIFICATES' }, admin)).created).toBe(1);
    const chip = (await tc.call('notifications.list', {}, ftm.token)).data;
    expect(chip.map((n) => n.notificationType)).toEqual(['FTM_CHIP_CERT_EXPIRY']);
    expect(chip[0]!.notificationDetails.ftmDetails![0]).toMatchObject({
      ftmId: 'chip-1',
      make: 'SecureSilicon',
      model: 'SS-1',
      certificateId: 'alias-1',
      partnerDomain: 'FTM',
      expiryPeriod: 10,
      certificateType: 'FTM_CHIP',
    });
    const ca = (await tc.call('notifications.list', { notificationType: 'INTERMEDIATE_CERT_EXPIRY' }, admin)).data;
    expect(ca[0]!.notificationDetails.certificateDetails![0]).toMatchObject({
      certificateId: 'ica-1',
      issuedTo: 'FTM CA',
      partnerDomain: 'FTM',
      expiryPeriod: 15,
      certificateType: 'INTERMEDIATE',
    });
    // the FTM provider may not ask for the admin's kinds
    expect(
      (await tc.fail('notifications.list', { notificationType: 'INTERMEDIATE_CERT_EXPIRY' }, ftm.token)).code,
    ).toBe('PMS_NOTIFICATION_ERROR_006');
    await tc.call('notifications.deliverMail', {}, admin);
    expect(mailer.sent.map((m) => m.subject).sort()).toEqual([
      'Partner Desk: an FTM chip certificate expires soon',
      'Partner Desk: an intermediate CA certificate expires soon',
    ]);
    expect(mailer.sent.find((m) => m.subject.includes('FTM'))!.text).toContain(
      'The certificate of your FTM chip "SecureSilicon SS-1" expires in 10 days.',
    );
  });
});
