import type { NotificationDetails } from '../../contract/methods/notifications.ts';
import type { CommandCtx, ReadDb, WriteDb } from '../context.ts';
import { addDays, dayOf, lastWeeklyInstant, skipped } from './days.ts';
import { insertNotifications, lastRunDay, partnerAdmins, recordRun } from './store.ts';

/** Each list in a summary names at most this many items; the totals count them all. */
export const SUMMARY_LIST_CAP = 50;
const WEEK_MS = 7 * 86_400_000;
const ACTIVE_PARTNER = "p.approval_status = 'approved' AND p.is_active = 1";

/** The day of the weekly summary due now (the last scheduled instant), or null when it was already made. */
export function weeklyDue(db: ReadDb | WriteDb, now: Date, dayOfWeek: number, hourUtc: number): string | null {
  const day = dayOf(lastWeeklyInstant(now, dayOfWeek, hourUtc));
  const last = lastRunDay(db, 'WEEKLY_SUMMARY');
  return last !== null && last >= day ? null : day;
}

/** Everything partners own that expires within the next 7 days (MOSIP WeeklyNotificationsTasklet). */
function expiringWithinAWeek(db: WriteDb, from: string, to: string, skip: readonly string[]): NotificationDetails {
  const keep = (r: { partnerId: string }) => !skipped(r.partnerId, skip);
  const partnerCerts = (
    db
      .prepare(
        `SELECT c.certificate_id AS certificateId, c.issued_by AS issuedBy, c.issued_to AS issuedTo, c.partner_id AS partnerId, c.domain AS partnerDomain, c.mosip_not_after AS expiryDateTime
       FROM partner_certificate c JOIN partner p ON p.id = c.partner_id WHERE c.mosip_not_after >= ? AND c.mosip_not_after < ? AND ${ACTIVE_PARTNER} ORDER BY c.mosip_not_after`,
      )
      .all(from, to) as Array<{
      certificateId: string;
      issuedBy: string;
      issuedTo: string;
      partnerId: string;
      partnerDomain: string;
      expiryDateTime: string;
    }>
  ).filter(keep);
  const ftm = (
    db
      .prepare(
        `SELECT f.id AS ftmId, f.make, f.model, f.certificate_alias AS certificateId, f.cert_issued_by AS issuedBy, f.cert_issued_to AS issuedTo, p.id AS partnerId, f.cert_not_after AS expiryDateTime
       FROM ftp_chip_detail f JOIN partner p ON p.id = f.foundational_trust_provider_id
      WHERE f.cert_not_after >= ? AND f.cert_not_after < ? AND f.approval_status = 'approved' AND f.is_active = 1 AND ${ACTIVE_PARTNER} ORDER BY f.cert_not_after`,
      )
      .all(from, to) as Array<{
      ftmId: string;
      make: string;
      model: string;
      certificateId: string;
      issuedBy: string;
      issuedTo: string;
      partnerId: string;
      expiryDateTime: string;
    }>
  ).filter(keep);
  const sbis = (
    db
      .prepare(
        `SELECT s.id AS sbiId, s.sw_version AS sbiVersion, p.id AS partnerId, s.status, s.is_active AS active, s.sw_cr_dtimes AS sbiCreatedDateTime, s.sw_expiry_dtimes AS sbiExpiryDateTime, s.created_at AS createdDateTime
       FROM secure_biometric_interface s JOIN partner p ON p.id = s.provider_id
      WHERE ((s.approval_status = 'approved' AND s.is_active = 1) OR (s.approval_status = 'pending_approval' AND s.is_active = 0)) AND s.sw_expiry_dtimes >= ? AND s.sw_expiry_dtimes < ? AND ${ACTIVE_PARTNER}
      ORDER BY s.sw_expiry_dtimes`,
      )
      .all(from, to) as Array<{
      sbiId: string;
      sbiVersion: string;
      partnerId: string;
      status: string;
      active: number;
      sbiCreatedDateTime: string;
      sbiExpiryDateTime: string;
      createdDateTime: string;
    }>
  ).filter(keep);
  const keys = (
    db
      .prepare(
        `SELECT k.id AS apiKeyId, k.label AS apiKeyName, p.id AS partnerId, k.valid_to AS expiryDateTime, ap.name AS policyName, COALESCE(g.name, '') AS policyGroup
       FROM partner_policy k JOIN partner p ON p.id = k.part_id JOIN auth_policy ap ON ap.id = k.policy_id LEFT JOIN policy_group g ON g.id = ap.policy_group_id
      WHERE k.is_active = 1 AND k.valid_to >= ? AND k.valid_to < ? AND ${ACTIVE_PARTNER} ORDER BY k.valid_to`,
      )
      .all(from, to) as Array<{
      apiKeyId: string;
      apiKeyName: string;
      partnerId: string;
      expiryDateTime: string;
      policyName: string;
      policyGroup: string;
    }>
  ).filter(keep);
  const daysLeft = (iso: string) => Math.max(0, Math.floor((Date.parse(iso) - Date.parse(from)) / 86_400_000));
  return {
    certificateDetails: partnerCerts.slice(0, SUMMARY_LIST_CAP).map((c) => ({
      ...c,
      expiryPeriod: daysLeft(c.expiryDateTime),
      certificateType: 'PARTNER' as const,
    })),
    ftmDetails: ftm.slice(0, SUMMARY_LIST_CAP).map((f) => ({
      ...f,
      partnerDomain: 'FTM',
      expiryPeriod: daysLeft(f.expiryDateTime),
      certificateType: 'FTM_CHIP' as const,
    })),
    sbiDetails: sbis.slice(0, SUMMARY_LIST_CAP).map(({ active, ...s }) => ({
      ...s,
      isSbiActive: active === 1,
      isSbiExpired: false,
      countOfApprovedDevices: 0,
      countOfPendingDevices: 0,
      expiryPeriod: daysLeft(s.sbiExpiryDateTime),
    })),
    apiKeyDetails: keys.slice(0, SUMMARY_LIST_CAP).map((k) => ({ ...k, expiryPeriod: daysLeft(k.expiryDateTime) })),
    totals: {
      partnerCertificates: partnerCerts.length,
      ftmChipCertificates: ftm.length,
      sbis: sbis.length,
      apiKeys: keys.length,
    },
  };
}

/**
 * One WEEKLY_SUMMARY per partner admin for the last scheduled instant. Unlike MOSIP, a week with
 * nothing expiring still gets its summary, saying so: a missing summary looks like a broken job.
 */
export function runWeeklySummary(ctx: CommandCtx): { created: number; day: string } {
  const cfg = ctx.deps.config.notifications;
  const day = weeklyDue(ctx.db, ctx.now, cfg.weeklySummary.dayOfWeek, cfg.weeklySummary.hourUtc);
  if (day === null)
    return {
      created: 0,
      day: dayOf(lastWeeklyInstant(ctx.now, cfg.weeklySummary.dayOfWeek, cfg.weeklySummary.hourUtc)),
    };
  const from = ctx.now.toISOString();
  const details = expiringWithinAWeek(
    ctx.db,
    from,
    new Date(ctx.now.getTime() + WEEK_MS).toISOString(),
    cfg.skipPartnerIds,
  );
  const admins = partnerAdmins(ctx.db).filter((a) => !skipped(a.id, cfg.skipPartnerIds));
  const { created } = insertNotifications(
    ctx,
    admins.map((a) => ({
      userId: a.id,
      partnerId: a.id,
      type: 'WEEKLY_SUMMARY' as const,
      itemKey: day,
      itemName: '',
      expiresOn: addDays(day, 0),
      period: -1,
      details,
      email: a.email,
      lang: a.lang_code,
    })),
  );
  recordRun(ctx.db, 'WEEKLY_SUMMARY', day, from);
  if (created > 0) ctx.changed('notifications');
  return { created, day };
}

/** MOSIP DeletePastNotificationsTasklet: notifications created before today − retentionDays go. */
export function purgeOld(ctx: CommandCtx): number {
  const cfg = ctx.deps.config.notifications;
  if (!cfg.deletePastNotifications) return 0;
  const cutoff = addDays(dayOf(ctx.now), -cfg.retentionDays);
  // A mail not delivered yet keeps its notification: a failed send is retried, never lost.
  const r = ctx.db
    .prepare("DELETE FROM notification WHERE created_at < ? AND email_status IN ('SENT', 'NONE')")
    .run(cutoff);
  recordRun(ctx.db, 'PURGE', dayOf(ctx.now), ctx.now.toISOString());
  if (r.changes > 0) ctx.changed('notifications');
  return r.changes;
}
