import { afterEach, describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { deliverDueMails } from '../../main/core/notifications/run.ts';
import { ADMIN, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { buildEstate, nextDay } from '../helpers/notifications.ts';
import { decodeQuotedPrintable, startSmtp } from '../helpers/smtp.ts';

let tc: TestCore;
let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
afterEach(async () => {
  tc?.close();
  await smtp?.close();
});

/** The decoded subject and body of a raw mail (MIME encoded-words and quoted-printable undone). */
function readable(raw: string): { subject: string; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(decodeQuotedPrintable(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
  );
  const bodyRaw = rest.join('\n\n');
  const body = /Content-Transfer-Encoding: base64/i.test(head)
    ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
    : Buffer.from(decodeQuotedPrintable(bodyRaw), 'latin1').toString('utf8');
  return { subject, body };
}

describe('notification mails through a real SMTP server', () => {
  it('sends each notice in the recipient’s registration language, with UTC and local times and the link', async () => {
    smtp = await startSmtp();
    tc = testCore({
      config: {
        apiKeys: { expiryDays: 30 },
        certificates: { caMinValidityMonths: 0 },
        smtp: { host: '127.0.0.1', port: smtp.port, allowSelfSigned: true },
        notifications: { timeZone: 'Africa/Abidjan' },
      },
    });
    // SBI: 15 days from the next run (2026-11-22 → 2026-12-07)
    const estate = await buildEstate(tc, { sbiExpiry: '2026-12-07', rootDays: 300 });
    await runScheduledJobs(tc.core); // 2026-11-21 09:00: the key expires on 12-21, in 30 days
    await nextDay(tc); // 2026-11-22 00:30: the SBI expires in 15 days
    const byRecipient = (to: string) => smtp!.mails.filter((m) => m.to.includes(to)).map((m) => readable(m.raw));
    const fr = byRecipient('pat1@org1.example');
    expect(fr.map((m) => m.subject)).toContain('Partner Desk : votre clé d’API expire bientôt');
    const key = fr.find((m) => m.subject.includes('clé d’API'))!;
    expect(key.body).toContain('Bonjour partner-1,');
    expect(key.body).toContain('Votre clé d’API « Guichet mobile » expire dans 30 jours.');
    expect(key.body).toMatch(/Expiration \(UTC\) : 2026-12-21 09:00 UTC/);
    expect(key.body).toMatch(/Expiration \(heure locale\) : 21 décembre 2026 .*09:00 \(Africa\/Abidjan\)/);
    expect(key.body).toContain(`http://127.0.0.1:9/#/partner/api-keys/view?id=${estate.apiKeyId}`);
    const ar = byRecipient('pat2@org2.example');
    expect(ar.map((m) => m.subject)).toEqual(['Partner Desk: واجهة SBI الخاصة بك تنتهي صلاحيتها قريبًا']);
    expect(ar[0]!.body).toContain('عزيزي partner-2،');
    expect(ar[0]!.body).toContain('تاريخ الانتهاء (UTC): 2026-12-07 00:00 UTC');
    const en = byRecipient('ada@registry.example');
    expect(en.map((m) => m.subject)).toEqual(['Partner Desk: weekly summary of expiring items']); // made on the first run (Saturday)
    expect(en[0]!.body).toContain('Nothing expires in the next 7 days.');
    // recorded as sent, audited per mail; the address at rest is wrapped, never plain
    expect(tc.count("SELECT COUNT(*) AS n FROM notification WHERE email_status = 'SENT'")).toBe(smtp.mails.length);
    expect(
      tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'notifications.mail' AND result = 'success'"),
    ).toBe(smtp.mails.length);
    const stored = JSON.stringify(tc.core.db.reader.prepare('SELECT * FROM notification').all());
    expect(stored).not.toContain('pat1@org1.example');
  });

  it('keeps a mail the server refuses, retries it with doubling waits, shows it to the admin and sends it later', async () => {
    let down = true;
    smtp = await startSmtp({ refuse: () => down });
    tc = testCore({
      config: {
        apiKeys: { expiryDays: 45 },
        certificates: { caMinValidityMonths: 0 },
        smtp: { host: '127.0.0.1', port: smtp.port, allowSelfSigned: true },
        notifications: { mailRetry: { firstSeconds: 60, maxSeconds: 200 } },
      },
    });
    const estate = await buildEstate(tc, { sbiExpiry: '2027-06-30', rootDays: 300 });
    await runScheduledJobs(tc.core); // the weekly summary to the admin: refused
    const status = await tc.call('notifications.mailStatus', {}, estate.admin);
    expect(status).toMatchObject({ retrying: 1, sent: 0 });
    expect(status.failing[0]).toMatchObject({ notificationType: 'WEEKLY_SUMMARY', attempts: 1 });
    expect(status.failing[0]!.error).toMatch(/451|unavailable/i);
    expect(status.failing[0]!.nextAttemptDateTime).toBe(new Date(tc.clock.now().getTime() + 60_000).toISOString());
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'notifications.mail' AND result = 'failure' AND error_code = 'PD_NOTIF_002'",
      ),
    ).toBe(1);
    // not due yet: nothing is tried
    expect(await deliverDueMails(tc.core)).toEqual({ sent: 0, failed: 0 });
    tc.clock.advance(61);
    expect(await deliverDueMails(tc.core)).toEqual({ sent: 0, failed: 1 });
    const second = (await tc.call('notifications.mailStatus', {}, estate.admin)).failing[0]!;
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptDateTime).toBe(new Date(tc.clock.now().getTime() + 120_000).toISOString());
    tc.clock.advance(121);
    await deliverDueMails(tc.core);
    tc.clock.advance(201); // capped at maxSeconds
    expect((await tc.call('notifications.mailStatus', {}, estate.admin)).failing[0]!.attempts).toBe(3);
    // retention does not remove a notification whose mail is still owed
    tc.clock.advance(70 * 86_400);
    await tc.core.runAsSystem('notifications.purge', {});
    expect(
      tc.count("SELECT COUNT(*) AS n FROM notification WHERE type = 'WEEKLY_SUMMARY' AND item_key = '2026-11-21'"),
    ).toBe(1);
    // the server is back: the admin's "retry now" sends it
    down = false;
    const admin = await signIn(tc, 'admin', ADMIN.password); // the earlier session timed out meanwhile
    expect(await tc.call('notifications.deliverMail', { retryNow: true }, admin)).toMatchObject({
      sent: expect.any(Number),
      failed: 0,
    });
    const mail = readable((await smtp.waitForMail(1)).raw);
    expect(mail.subject).toBe('Partner Desk: weekly summary of expiring items');
    expect(
      tc.count("SELECT COUNT(*) AS n FROM notification WHERE item_key = '2026-11-21' AND email_status = 'SENT'"),
    ).toBe(1);
  });
});
