import type { NotificationType } from '../../contract/methods/notifications.ts';
import type { Config } from '../config.ts';
import type { CommandCtx, WriteDb } from '../context.ts';
import { addDays, daysBetween, dayOf, dueRanges, periodDue, skipped } from './days.ts';
import type { Draft } from './store.ts';
import { insertNotifications, jobWindow, partnerAdmins, recordRun } from './store.ts';

export type ExpiryKind = 'CA_CERTIFICATES' | 'PARTNER_CERTIFICATES' | 'FTM_CHIP_CERTIFICATES' | 'SBIS' | 'API_KEYS';

const PERIODS: Record<ExpiryKind, keyof Config['notifications']['periods']> = {
  CA_CERTIFICATES: 'caCertificates',
  PARTNER_CERTIFICATES: 'partnerCertificates',
  FTM_CHIP_CERTIFICATES: 'ftmChipCertificates',
  SBIS: 'sbis',
  API_KEYS: 'apiKeys',
};

/** An item found expiring in the window: its expiry and who owns it. */
interface Owner {
  partner_id: string;
  user_id: string;
  email_id: string;
  lang_code: string;
}

const ACTIVE_PARTNER = "p.approval_status = 'approved' AND p.is_active = 1";
const OWNER_COLS = 'p.id AS partner_id, p.user_id, p.email_id, p.lang_code';

/** Reads the candidates of each due range with one index range scan per range. */
function byRanges<T>(
  db: WriteDb,
  sql: string,
  today: string,
  ranges: Array<[number, number]>,
  ...before: unknown[]
): T[] {
  const stmt = db.prepare(sql);
  const out: T[] = [];
  for (const [lo, hi] of ranges) out.push(...(stmt.all(...before, addDays(today, lo), addDays(today, hi + 1)) as T[]));
  return out;
}

interface Match<T> {
  row: T;
  expiry: string;
  period: number;
}

/** Keeps the rows whose nearest due period falls in the window (MOSIP: the first matching period only). */
function due<T>(
  rows: T[],
  expiryOf: (r: T) => string,
  today: string,
  periods: readonly number[],
  window: number,
): Array<Match<T>> {
  const out: Array<Match<T>> = [];
  for (const row of rows) {
    const expiry = expiryOf(row);
    const period = periodDue(daysBetween(today, expiry.slice(0, 10)), periods, window);
    if (period !== null) out.push({ row, expiry, period });
  }
  return out;
}

function partnerDraft(
  o: Owner,
  type: NotificationType,
  itemKey: string,
  itemName: string,
  m: { expiry: string; period: number },
  details: Draft['details'],
): Draft {
  return {
    userId: o.user_id,
    partnerId: o.partner_id,
    type,
    itemKey,
    itemName,
    expiresOn: m.expiry.slice(0, 10),
    period: m.period,
    details,
    email: o.email_id,
    lang: o.lang_code,
  };
}

interface CaRow {
  id: string;
  domain: string;
  ca_type: 'ROOT' | 'INTERMEDIATE';
  issued_to: string;
  issued_by: string;
  not_after: string;
}

function caDrafts(
  db: WriteDb,
  today: string,
  ranges: Array<[number, number]>,
  periods: readonly number[],
  window: number,
  skip: readonly string[],
): Draft[] {
  const rows = [
    ...byRanges<CaRow>(
      db,
      'SELECT id, domain, ca_type, issued_to, issued_by, not_after FROM ca_certificate WHERE ca_type = ? AND not_after >= ? AND not_after < ?',
      today,
      ranges,
      'ROOT',
    ),
    ...byRanges<CaRow>(
      db,
      'SELECT id, domain, ca_type, issued_to, issued_by, not_after FROM ca_certificate WHERE ca_type = ? AND not_after >= ? AND not_after < ?',
      today,
      ranges,
      'INTERMEDIATE',
    ),
  ];
  const matches = due(rows, (r) => r.not_after, today, periods, window);
  if (matches.length === 0) return [];
  const admins = partnerAdmins(db).filter((a) => !skipped(a.id, skip));
  const drafts: Draft[] = [];
  for (const m of matches) {
    const r = m.row;
    const type: NotificationType = r.ca_type === 'ROOT' ? 'ROOT_CERT_EXPIRY' : 'INTERMEDIATE_CERT_EXPIRY';
    for (const a of admins) {
      const detail = {
        certificateId: r.id,
        issuedBy: r.issued_by,
        issuedTo: r.issued_to,
        partnerId: a.id,
        partnerDomain: r.domain,
        expiryDateTime: r.not_after,
        expiryPeriod: m.period,
        certificateType: r.ca_type,
      };
      drafts.push({
        userId: a.id,
        partnerId: a.id,
        type,
        itemKey: r.id,
        itemName: r.issued_to,
        expiresOn: r.not_after.slice(0, 10),
        period: m.period,
        details: { certificateDetails: [detail] },
        email: a.email,
        lang: a.lang_code,
      });
    }
  }
  return drafts;
}

interface PartnerCertRow extends Owner {
  certificate_id: string;
  domain: string;
  issued_to: string;
  issued_by: string;
  mosip_not_after: string;
}

function partnerCertDrafts(
  db: WriteDb,
  today: string,
  ranges: Array<[number, number]>,
  periods: readonly number[],
  window: number,
): Draft[] {
  // MOSIP checks the MOSIP-signed copy: that is the certificate the partner's traffic is signed with.
  const rows = byRanges<PartnerCertRow>(
    db,
    `SELECT c.certificate_id, c.domain, c.issued_to, c.issued_by, c.mosip_not_after, ${OWNER_COLS}
       FROM partner_certificate c JOIN partner p ON p.id = c.partner_id
      WHERE c.mosip_not_after >= ? AND c.mosip_not_after < ? AND ${ACTIVE_PARTNER}`,
    today,
    ranges,
  );
  return due(rows, (r) => r.mosip_not_after, today, periods, window).map((m) => {
    const r = m.row;
    const detail = {
      certificateId: r.certificate_id,
      issuedBy: r.issued_by,
      issuedTo: r.issued_to,
      partnerId: r.partner_id,
      partnerDomain: r.domain,
      expiryDateTime: r.mosip_not_after,
      expiryPeriod: m.period,
      certificateType: 'PARTNER' as const,
    };
    return partnerDraft(r, 'PARTNER_CERT_EXPIRY', r.certificate_id, r.issued_to, m, {
      certificateDetails: [detail],
    });
  });
}

interface FtmRow extends Owner {
  id: string;
  make: string;
  model: string;
  certificate_alias: string;
  cert_issued_to: string;
  cert_issued_by: string;
  cert_not_after: string;
}

function ftmDrafts(
  db: WriteDb,
  today: string,
  ranges: Array<[number, number]>,
  periods: readonly number[],
  window: number,
): Draft[] {
  const rows = byRanges<FtmRow>(
    db,
    `SELECT f.id, f.make, f.model, f.certificate_alias, f.cert_issued_to, f.cert_issued_by, f.cert_not_after, ${OWNER_COLS}
       FROM ftp_chip_detail f JOIN partner p ON p.id = f.foundational_trust_provider_id
      WHERE f.cert_not_after >= ? AND f.cert_not_after < ? AND f.approval_status = 'approved' AND f.is_active = 1 AND ${ACTIVE_PARTNER}`,
    today,
    ranges,
  );
  return due(rows, (r) => r.cert_not_after, today, periods, window).map((m) => {
    const r = m.row;
    const detail = {
      certificateId: r.certificate_alias,
      issuedBy: r.cert_issued_by,
      issuedTo: r.cert_issued_to,
      partnerId: r.partner_id,
      partnerDomain: 'FTM',
      expiryDateTime: r.cert_not_after,
      expiryPeriod: m.period,
      certificateType: 'FTM_CHIP' as const,
      ftmId: r.id,
      make: r.make,
      model: r.model,
    };
    return partnerDraft(r, 'FTM_CHIP_CERT_EXPIRY', r.id, `${r.make} ${r.model}`, m, {
      ftmDetails: [detail],
    });
  });
}

interface SbiRow extends Owner {
  id: string;
  sw_version: string;
  status: string;
  is_active: number;
  sw_cr_dtimes: string;
  sw_expiry_dtimes: string;
  created_at: string;
  approved: number;
  pending: number;
}

function sbiDrafts(
  db: WriteDb,
  today: string,
  ranges: Array<[number, number]>,
  periods: readonly number[],
  window: number,
  now: string,
): Draft[] {
  // Approved active SBIs and those still pending approval: both stop working at expiry.
  const sql = `SELECT s.id, s.sw_version, s.status, s.is_active, s.sw_cr_dtimes, s.sw_expiry_dtimes, s.created_at, ${OWNER_COLS},
      (SELECT COUNT(*) FROM device_detail d WHERE d.sbi_id = s.id AND d.approval_status = 'approved' AND d.is_active = 1) AS approved,
      (SELECT COUNT(*) FROM device_detail d WHERE d.sbi_id = s.id AND d.approval_status = 'pending_approval') AS pending
    FROM secure_biometric_interface s JOIN partner p ON p.id = s.provider_id
    WHERE s.approval_status = ? AND s.is_active = ? AND s.sw_expiry_dtimes >= ? AND s.sw_expiry_dtimes < ? AND ${ACTIVE_PARTNER}`;
  const rows = [
    ...byRanges<SbiRow>(db, sql, today, ranges, 'approved', 1),
    ...byRanges<SbiRow>(db, sql, today, ranges, 'pending_approval', 0),
  ];
  return due(rows, (r) => r.sw_expiry_dtimes, today, periods, window).map((m) => {
    const r = m.row;
    const detail = {
      sbiId: r.id,
      sbiVersion: r.sw_version,
      partnerId: r.partner_id,
      status: r.status,
      isSbiActive: r.is_active === 1,
      isSbiExpired: r.sw_expiry_dtimes < now,
      countOfApprovedDevices: r.approved,
      countOfPendingDevices: r.pending,
      sbiCreatedDateTime: r.sw_cr_dtimes,
      sbiExpiryDateTime: r.sw_expiry_dtimes,
      createdDateTime: r.created_at,
      expiryPeriod: m.period,
    };
    return partnerDraft(r, 'SBI_EXPIRY', r.id, r.sw_version, m, { sbiDetails: [detail] });
  });
}

interface ApiKeyRow extends Owner {
  id: string;
  label: string;
  valid_to: string;
  policy_name: string;
  group_name: string | null;
}

function apiKeyDrafts(
  db: WriteDb,
  today: string,
  ranges: Array<[number, number]>,
  periods: readonly number[],
  window: number,
): Draft[] {
  const rows = byRanges<ApiKeyRow>(
    db,
    `SELECT k.id, k.label, k.valid_to, ap.name AS policy_name, g.name AS group_name, ${OWNER_COLS}
       FROM partner_policy k JOIN partner p ON p.id = k.part_id JOIN auth_policy ap ON ap.id = k.policy_id LEFT JOIN policy_group g ON g.id = ap.policy_group_id
      WHERE k.is_active = 1 AND k.valid_to >= ? AND k.valid_to < ? AND ${ACTIVE_PARTNER}`,
    today,
    ranges,
  );
  return due(rows, (r) => r.valid_to, today, periods, window).map((m) => {
    const r = m.row;
    const detail = {
      apiKeyId: r.id,
      apiKeyName: r.label,
      partnerId: r.partner_id,
      expiryDateTime: r.valid_to,
      expiryPeriod: m.period,
      policyGroup: r.group_name ?? '',
      policyName: r.policy_name,
    };
    return partnerDraft(r, 'API_KEY_EXPIRY', r.id, r.label, m, { apiKeyDetails: [detail] });
  });
}

/**
 * One expiry job for today (UTC, by the core's clock) over the days since it last ran. Creates what
 * is due and records the run; a second run on the same day finds everything already there.
 */
export function runExpiryJob(ctx: CommandCtx, kind: ExpiryKind): { created: number; day: string } {
  const cfg = ctx.deps.config.notifications;
  const today = dayOf(ctx.now);
  const window = jobWindow(ctx.db, kind, today);
  const periods = cfg.periods[PERIODS[kind]];
  const ranges = dueRanges(periods, window);
  const db = ctx.db;
  let drafts: Draft[];
  if (kind === 'CA_CERTIFICATES') drafts = caDrafts(db, today, ranges, periods, window, cfg.skipPartnerIds);
  else if (kind === 'PARTNER_CERTIFICATES') drafts = partnerCertDrafts(db, today, ranges, periods, window);
  else if (kind === 'FTM_CHIP_CERTIFICATES') drafts = ftmDrafts(db, today, ranges, periods, window);
  else if (kind === 'SBIS') drafts = sbiDrafts(db, today, ranges, periods, window, ctx.now.toISOString());
  else drafts = apiKeyDrafts(db, today, ranges, periods, window);
  if (kind !== 'CA_CERTIFICATES') drafts = drafts.filter((d) => !skipped(d.partnerId, cfg.skipPartnerIds));
  const { created, partners } = insertNotifications(ctx, drafts);
  recordRun(ctx.db, kind, today, ctx.now.toISOString());
  if (created > 0) ctx.changed('notifications', kind === 'CA_CERTIFICATES' ? {} : { partners });
  return { created, day: today };
}
