import { afterEach, describe, expect, it } from 'vitest';
import { EXPIRY_PERIODS } from '../../main/core/config.ts';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { buildEstate, collectingMailer, DAY_MS, nextDay, periodsOf } from '../helpers/notifications.ts';

let tc: TestCore;
afterEach(() => tc?.close());

// 2026-11-21 (the TestClock's start) is a Saturday.
const START = new Date('2026-11-21T09:00:00.000Z');

describe('notification jobs over a year on the test clock', () => {
  it('fires every period once per item, a summary every Saturday, and deletes after 60 days', async () => {
    const mailer = collectingMailer();
    tc = testCore({
      mailer,
      config: { apiKeys: { expiryDays: 40 }, certificates: { caMinValidityMonths: 0 } },
    });
    const estate = await buildEstate(tc, { sbiExpiry: '2027-09-01', rootDays: 200 });
    const firstRun = await runScheduledJobs(tc.core);
    expect(firstRun.notifications.weekly).toBe(1); // today's Saturday 00:00 summary, made at 09:00
    const again = await runScheduledJobs(tc.core);
    expect(again.notifications).toMatchObject({ created: 0, weekly: 0 }); // the same day twice creates nothing twice

    // the first period-30 notice of the API key: kept 60 days after its creation day, gone the day after
    let firstKeyNotice: { id: string; created_at: string } | undefined;
    let keptUntil = '';
    for (let day = 1; day <= 366; day++) {
      await nextDay(tc);
      firstKeyNotice ??= tc.core.db.reader
        .prepare("SELECT id, created_at FROM notification WHERE type = 'API_KEY_EXPIRY' AND period = 30")
        .get() as typeof firstKeyNotice;
      if (firstKeyNotice && tc.count('SELECT COUNT(*) AS n FROM notification WHERE id = ?', firstKeyNotice.id) === 1)
        keptUntil = tc.clock.now().toISOString().slice(0, 10);
    }
    expect(firstKeyNotice).toBeDefined();
    const createdDay = Date.parse(firstKeyNotice!.created_at.slice(0, 10));
    expect((Date.parse(keptUntil) - createdDay) / DAY_MS).toBe(60);

    // Retention keeps 60 days, so count what every job created from the audit log (one record each).
    const created = (type: string) =>
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = ? AND result = 'success'",
        `notifications.created.${type}`,
      );
    expect(created('API_KEY_EXPIRY')).toBe(EXPIRY_PERIODS.length);
    expect(created('SBI_EXPIRY')).toBe(EXPIRY_PERIODS.length);
    expect(created('PARTNER_CERT_EXPIRY')).toBe(EXPIRY_PERIODS.length);
    expect(created('ROOT_CERT_EXPIRY')).toBe(EXPIRY_PERIODS.length); // one admin
    // the 53 Saturdays from 2026-11-21 to 2027-11-20, one summary each
    expect(created('WEEKLY_SUMMARY')).toBe(53);

    // Periods as mailed: each kind's mails, in order, are 30, 15, 10 … 0 days before expiry.
    const mailed = (needle: string) => mailer.sent.filter((m) => m.subject.includes(needle));
    expect(mailed('clé d’API')).toHaveLength(13); // French: the auth partner's registration language
    expect(mailed('certificat de partenaire')).toHaveLength(13);
    expect(mailed('SBI')).toHaveLength(13); // Arabic subject still names SBI
    expect(mailed('root CA')).toHaveLength(13);
    expect(mailed('weekly summary')).toHaveLength(53);
    expect(
      mailed('clé d’API')
        .map((m) => /expire (aujourd’hui|dans (\d+) jours?)/.exec(m.text)?.[2] ?? '0')
        .map(Number),
    ).toEqual(EXPIRY_PERIODS);
    // the still-kept tail of the SBI notices shows the periods it was created for
    expect(periodsOf(tc, 'SBI_EXPIRY', estate.sbiId).length).toBeLessThanOrEqual(13);
    // nothing older than the retention period is left
    const oldest = tc.core.db.reader.prepare('SELECT MIN(created_at) FROM notification').pluck().get() as string;
    expect(Date.parse(tc.clock.now().toISOString().slice(0, 10)) - Date.parse(oldest.slice(0, 10))).toBeLessThanOrEqual(
      60 * DAY_MS,
    );
    // every summary says what expires, or that nothing does
    const summaries = mailed('weekly summary');
    expect(summaries.filter((m) => m.text.includes('Nothing expires in the next 7 days')).length).toBeGreaterThan(40);
    expect(summaries.some((m) => m.text.includes('API key(s)') && !m.text.includes('Nothing expires'))).toBe(true);
  }, 120_000);

  it('catches up after a desk was off for three days with one notice per item at the nearest period', async () => {
    const mailer = collectingMailer();
    tc = testCore({
      mailer,
      config: { apiKeys: { expiryDays: 20 }, certificates: { caMinValidityMonths: 0 } },
    });
    const estate = await buildEstate(tc, { sbiExpiry: '2026-12-11', rootDays: 300 }); // SBI: 20 days on
    await runScheduledJobs(tc.core);
    for (let day = 1; day <= 10; day++) await nextDay(tc); // n = 10 on day 10
    // off on days 11, 12, 13 (n = 9, 8, 7); back on day 14 (n = 6)
    tc.clock.current = new Date(tc.clock.now().getTime() + 3 * DAY_MS);
    const back = await nextDay(tc);
    expect(periodsOf(tc, 'API_KEY_EXPIRY', estate.apiKeyId)).toEqual([15, 10, 6]);
    expect(periodsOf(tc, 'SBI_EXPIRY', estate.sbiId)).toEqual([15, 10, 6]);
    expect(back.notifications.created).toBe(2); // one per item, not one per missed day
    for (let day = 0; day < 8; day++) await nextDay(tc);
    expect(periodsOf(tc, 'API_KEY_EXPIRY', estate.apiKeyId)).toEqual([15, 10, 6, 5, 4, 3, 2, 1, 0]);
  }, 60_000);

  it('leaves out partners on the skip list and honours configured periods and weekday', async () => {
    tc = testCore({
      mailer: collectingMailer(),
      config: {
        apiKeys: { expiryDays: 12 },
        certificates: { caMinValidityMonths: 0 },
        notifications: {
          periods: { apiKeys: [7, 1], sbis: [3] },
          skipPartnerIds: ['partner-2'],
          weeklySummary: { dayOfWeek: 1, hourUtc: 6 },
        },
      },
    });
    const estate = await buildEstate(tc, { sbiExpiry: '2026-12-01', rootDays: 300 });
    await runScheduledJobs(tc.core);
    for (let day = 1; day <= 14; day++) await nextDay(tc);
    expect(periodsOf(tc, 'API_KEY_EXPIRY', estate.apiKeyId)).toEqual([7, 1]);
    expect(periodsOf(tc, 'SBI_EXPIRY', estate.sbiId)).toEqual([]); // partner-2 is skipped
    // Mondays 06:00: 2026-11-16 on the first run, then 11-23 (run 11-24 00:30) and 11-30 (run 12-01 00:30)
    const days = tc.core.db.reader
      .prepare("SELECT item_key FROM notification WHERE type = 'WEEKLY_SUMMARY' ORDER BY item_key")
      .pluck()
      .all();
    expect(days).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
    expect(START.getUTCDay()).toBe(6);
  }, 60_000);
});
