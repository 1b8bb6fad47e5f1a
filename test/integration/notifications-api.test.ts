import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Audience } from '../../main/core/index.ts';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { ADMIN, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { buildEstate, collectingMailer, nextDay } from '../helpers/notifications.ts';
import type { Estate } from '../helpers/notifications.ts';
import { onboard } from '../helpers/policies.ts';

let tc: TestCore;
let e: Estate;

beforeEach(async () => {
  tc = testCore({
    mailer: collectingMailer(),
    config: { apiKeys: { expiryDays: 30 }, certificates: { caMinValidityMonths: 0 } },
  });
  // root: 30 days after the first run (admin notice); SBI: 15 days after the next day's run
  e = await buildEstate(tc, { sbiExpiry: '2026-12-07', rootDays: 30 });
  await runScheduledJobs(tc.core);
  await nextDay(tc);
  await freshSessions(); // a day passed: the sessions timed out
});

async function freshSessions(): Promise<void> {
  e.admin = (await tc.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
  e.auth.token = await relogin('partner-1');
  e.device.token = await relogin('partner-2');
}
afterEach(() => tc.close());

const code = async (method: Parameters<TestCore['fail']>[0], input: Record<string, unknown>, session: string | null) =>
  (await tc.fail(method, input, session)).code;

describe('notifications: who sees what (pms.md §4)', () => {
  it('shows admins the root, intermediate and weekly kinds and partners their own kinds by role, newest first', async () => {
    const admin = await tc.call('notifications.list', {}, e.admin);
    expect(new Set(admin.data.map((n) => n.notificationType))).toEqual(new Set(['ROOT_CERT_EXPIRY', 'WEEKLY_SUMMARY']));
    const auth = await tc.call('notifications.list', {}, e.auth.token);
    expect(auth.data.map((n) => n.notificationType)).toEqual(['API_KEY_EXPIRY']);
    expect(auth.data[0]).toMatchObject({
      notificationPartnerId: 'partner-1',
      notificationStatus: 'ACTIVE',
      expiryDate: '2026-12-21',
    });
    expect(auth.data[0]!.notificationDetails.apiKeyDetails![0]).toMatchObject({
      apiKeyId: e.apiKeyId,
      apiKeyName: 'Guichet mobile',
      expiryPeriod: 30,
      policyName: 'KYC basic',
      policyGroup: 'Banking',
    });
    const device = await tc.call('notifications.list', {}, e.device.token);
    expect(device.data.map((n) => n.notificationType)).toEqual(['SBI_EXPIRY']);
    expect(device.data[0]!.notificationDetails.sbiDetails![0]).toMatchObject({
      sbiId: e.sbiId,
      sbiVersion: '2.1.0',
      isSbiActive: true,
      expiryPeriod: 15,
    });
    // a device provider asking for API key notices sees none of partner-1's
    expect(
      (await tc.call('notifications.list', { notificationType: 'API_KEY_EXPIRY' }, e.device.token)).totalResults,
    ).toBe(0);
    // filters and paging in SQL
    const page = await tc.call('notifications.list', { pageSize: 1, pageNo: 1 }, e.admin);
    expect(page).toMatchObject({ totalResults: 2, pageNo: 1, pageSize: 1 });
    expect(page.data[0]!.createdDateTime <= admin.data[0]!.createdDateTime).toBe(true);
    expect(
      (await tc.call('notifications.list', { notificationType: 'ROOT_CERT_EXPIRY', itemId: e.shortRootId }, e.admin))
        .totalResults,
    ).toBe(1);
    expect(
      (await tc.call('notifications.list', { notificationType: 'API_KEY_EXPIRY', itemName: 'guichet' }, e.auth.token))
        .totalResults,
    ).toBe(1);
    expect(
      (
        await tc.call(
          'notifications.list',
          { notificationType: 'API_KEY_EXPIRY', expiryDate: '2026-12-22' },
          e.auth.token,
        )
      ).totalResults,
    ).toBe(0);
    expect(
      (
        await tc.call(
          'notifications.list',
          {
            notificationType: 'WEEKLY_SUMMARY',
            createdFromDate: '2026-11-21',
            createdToDate: '2026-11-21',
          },
          e.admin,
        )
      ).totalResults,
    ).toBe(1);
    // a partner that is no longer active sees nothing of it (MOSIP: "for their active partners")
    tc.core.db.writer.prepare("UPDATE partner SET is_active = 0 WHERE id = 'partner-1'").run();
    expect((await tc.call('notifications.list', {}, e.auth.token)).totalResults).toBe(0);
  });

  it('counts unread against the last-seen time and marks it seen when the panel opens', async () => {
    expect(await tc.call('notifications.unread', {}, e.auth.token)).toMatchObject({
      unread: 1,
      seenDateTime: null,
    });
    const seen = await tc.call('notifications.markSeen', {}, e.auth.token);
    expect(seen.seenDateTime).toBe(tc.clock.now().toISOString());
    expect((await tc.call('notifications.unread', {}, e.auth.token)).unread).toBe(0);
    expect((await tc.call('notifications.unread', {}, e.admin)).unread).toBe(2); // per user
    for (let i = 0; i < 15; i++) await nextDay(tc); // the key's 15-day notice
    await freshSessions();
    expect((await tc.call('notifications.unread', {}, e.auth.token)).unread).toBe(1);
  });

  it('dismisses one’s own notice once; refuses others, admin kinds for partners and any other status', async () => {
    const mine = (await tc.call('notifications.list', {}, e.auth.token)).data[0]!;
    const adminNotice = (await tc.call('notifications.list', { notificationType: 'ROOT_CERT_EXPIRY' }, e.admin))
      .data[0]!;
    expect(
      await code(
        'notifications.dismiss',
        { notificationId: mine.notificationId, notificationStatus: 'ACTIVE' },
        e.auth.token,
      ),
    ).toBe('PMS_NOTIFICATION_ERROR_012');
    expect(
      await code('notifications.dismiss', { notificationId: 'nope', notificationStatus: 'DISMISSED' }, e.auth.token),
    ).toBe('PMS_NOTIFICATION_ERROR_008');
    expect(
      await code(
        'notifications.dismiss',
        { notificationId: mine.notificationId, notificationStatus: 'DISMISSED' },
        e.device.token,
      ),
    ).toBe('PMS_NOTIFICATION_ERROR_011');
    expect(
      await code(
        'notifications.dismiss',
        { notificationId: adminNotice.notificationId, notificationStatus: 'DISMISSED' },
        e.auth.token,
      ),
    ).toBe('PMS_NOTIFICATION_ERROR_018');
    const out = await tc.call(
      'notifications.dismiss',
      { notificationId: mine.notificationId, notificationStatus: 'DISMISSED' },
      e.auth.token,
    );
    expect(out.notificationStatus).toBe('DISMISSED');
    expect(
      await code(
        'notifications.dismiss',
        { notificationId: mine.notificationId, notificationStatus: 'DISMISSED' },
        e.auth.token,
      ),
    ).toBe('PMS_NOTIFICATION_ERROR_009');
    expect((await tc.call('notifications.list', { notificationStatus: 'active' }, e.auth.token)).totalResults).toBe(0);
    expect((await tc.call('notifications.unread', {}, e.auth.token)).unread).toBe(0);
    // audited, success and refusals alike
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'notifications.dismiss' AND result = 'success' AND ref_id = ?",
        mine.notificationId,
      ),
    ).toBe(1);
    expect(
      tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'notifications.dismiss' AND result = 'failure'"),
    ).toBe(5);
  });

  it('tells the owner’s and the admins’ UIs through data.changed when a job creates notices', async () => {
    const heard: Array<{ topic: string; audience: Audience }> = [];
    tc.core.onEvent((event, payload, audience) => {
      if (event === 'data.changed') heard.push({ topic: (payload as { topic: string }).topic, audience });
    });
    for (let i = 0; i < 5; i++) await nextDay(tc); // the SBI's 10-day notice
    const sbi = heard.find(
      (h) => h.topic === 'notifications' && 'partners' in h.audience && h.audience.partners?.includes('partner-2'),
    );
    expect(sbi).toBeDefined();
    expect(
      heard.some(
        (h) => h.topic === 'notifications' && 'partners' in h.audience && h.audience.partners?.includes('partner-1'),
      ),
    ).toBe(false);
  });
});

async function relogin(user: string): Promise<string> {
  return (await tc.call('auth.login', { login: user, password: 'Partn3r-Pass!' })).token;
}

describe('notifications: bad input for every method', () => {
  it('answers each with a stable code and changes nothing', async () => {
    const before = tc.count('SELECT COUNT(*) AS n FROM notification');
    const auth = e.auth.token;
    // list
    expect(await code('notifications.list', { notificationType: 'ROOT_CERT_EXPIRY' }, auth)).toBe(
      'PMS_NOTIFICATION_ERROR_006',
    );
    expect(await code('notifications.list', { notificationType: 'WEEKLY_SUMMARY' }, auth)).toBe(
      'PMS_NOTIFICATION_ERROR_006',
    );
    expect(await code('notifications.list', { itemId: 'x' }, auth)).toBe('PMS_NOTIFICATION_ERROR_015');
    expect(
      await code('notifications.list', { notificationType: 'API_KEY_EXPIRY', expiryDate: '2026-02-30' }, auth),
    ).toBe('PMS_NOTIFICATION_ERROR_016');
    expect(
      await code('notifications.list', { notificationType: 'API_KEY_EXPIRY', expiryDate: '30/12/2026' }, auth),
    ).toBe('PMS_NOTIFICATION_ERROR_016');
    expect(
      await code('notifications.list', { notificationType: 'API_KEY_EXPIRY', createdFromDate: '2026-11-01' }, auth),
    ).toBe('PMS_NOTIFICATION_ERROR_017');
    expect(await code('notifications.list', { notificationType: 'WEEKLY_SUMMARY', itemId: 'x' }, e.admin)).toBe(
      'PD_NOTIF_001',
    );
    expect(
      await code('notifications.list', { notificationType: 'WEEKLY_SUMMARY', createdFromDate: 'yesterday' }, e.admin),
    ).toBe('PMS_NOTIFICATION_ERROR_016');
    expect(await code('notifications.list', { pageNo: -1 }, auth)).toBe('PMS_PRT_360');
    expect(await code('notifications.list', { pageSize: 0 }, auth)).toBe('PMS_PRT_361');
    expect(await code('notifications.list', { sortFieldName: 'email_wrapped' }, auth)).toBe('PMS_PRT_357');
    expect(await code('notifications.list', { sortType: 'sideways' }, auth)).toBe('PMS_PRT_358');
    expect(await code('notifications.list', { notificationType: 'EVERYTHING' }, auth)).toBe('PMS_COR_002');
    expect(await code('notifications.list', { itemName: 'a\u0000b', notificationType: 'API_KEY_EXPIRY' }, auth)).toBe(
      'PMS_COR_002',
    );
    expect(await code('notifications.list', { extra: 1 }, auth)).toBe('PMS_COR_002');
    expect(await code('notifications.list', {}, null)).toBe('PD_AUTH_003');
    // unread, markSeen
    expect(await code('notifications.unread', { since: 'now' }, auth)).toBe('PMS_COR_002');
    expect(await code('notifications.unread', {}, 'not-a-session')).toBe('PD_AUTH_003');
    expect(await code('notifications.markSeen', { at: '2020-01-01' }, auth)).toBe('PMS_COR_002');
    // dismiss
    expect(await code('notifications.dismiss', { notificationId: '' }, auth)).toBe('PMS_COR_002');
    expect(
      await code('notifications.dismiss', { notificationId: 'x'.repeat(200), notificationStatus: 'DISMISSED' }, auth),
    ).toBe('PMS_COR_002');
    expect(await code('notifications.dismiss', { notificationId: 42, notificationStatus: 'DISMISSED' }, auth)).toBe(
      'PMS_COR_002',
    );
    // admin-only methods
    expect(await code('notifications.mailStatus', {}, auth)).toBe('PD_AUTH_004');
    expect(await code('notifications.deliverMail', {}, auth)).toBe('PD_AUTH_004');
    expect(await code('notifications.deliverMail', { retryNow: 'yes' }, e.admin)).toBe('PMS_COR_002');
    expect(await code('notifications.expiryJob', { kind: 'API_KEYS' }, auth)).toBe('PD_AUTH_004');
    expect(await code('notifications.expiryJob', { kind: 'EVERYTHING' }, e.admin)).toBe('PMS_COR_002');
    expect(await code('notifications.weeklySummary', { force: true }, e.admin)).toBe('PMS_COR_002');
    expect(await code('notifications.purge', {}, e.device.token)).toBe('PD_AUTH_004');
    expect(tc.count('SELECT COUNT(*) AS n FROM notification')).toBe(before);
    // the core still answers
    expect((await tc.call('notifications.list', {}, auth)).totalResults).toBe(1);
    const third = await onboard(tc, 3, null, { type: 'FTM_Provider' });
    expect((await tc.call('notifications.list', {}, third.token)).totalResults).toBe(0);
  });

  it('lets the admin run a job by hand; a second run of the day creates nothing', async () => {
    expect((await tc.call('notifications.expiryJob', { kind: 'SBIS' }, e.admin)).created).toBe(0);
    expect((await tc.call('notifications.weeklySummary', {}, e.admin)).created).toBe(0);
  });
});
