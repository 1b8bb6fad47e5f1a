import type { Database } from 'better-sqlite3';

const DAY_MS = 86_400_000;

/** Midnight UTC of the day `now` falls on. */
function dayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Day index → count, from rows of (YYYY-MM-DD, n); days outside the window are ignored. */
function toSeries(rows: Array<{ d: string; n: number }>, from: Date, days: number): number[] {
  const series = new Array<number>(days).fill(0);
  for (const row of rows) {
    const i = Math.round((Date.parse(`${row.d}T00:00:00Z`) - from.getTime()) / DAY_MS);
    if (i >= 0 && i < days) series[i] = (series[i] ?? 0) + row.n;
  }
  return series;
}

/*
 * Each query is a range scan of an expiry index (see the migrations' indexes and the EXPLAIN QUERY
 * PLAN test); the window is bounded by `days`, so the cost follows what expires, not table size.
 */
const EXPIRY_QUERIES = {
  caCertificates:
    'SELECT substr(not_after, 1, 10) AS d, COUNT(*) AS n FROM ca_certificate WHERE not_after >= ? AND not_after < ? GROUP BY d',
  partnerCertificates:
    'SELECT substr(mosip_not_after, 1, 10) AS d, COUNT(*) AS n FROM partner_certificate WHERE mosip_not_after >= ? AND mosip_not_after < ? GROUP BY d',
  sbis: "SELECT substr(sw_expiry_dtimes, 1, 10) AS d, COUNT(*) AS n FROM secure_biometric_interface WHERE sw_expiry_dtimes >= ? AND sw_expiry_dtimes < ? AND +approval_status = 'approved' AND +is_active = 1 GROUP BY d",
  ftmChips:
    'SELECT substr(cert_not_after, 1, 10) AS d, COUNT(*) AS n FROM ftp_chip_detail WHERE cert_not_after >= ? AND cert_not_after < ? AND +is_active = 1 GROUP BY d',
  apiKeys:
    'SELECT substr(valid_to, 1, 10) AS d, COUNT(*) AS n FROM partner_policy WHERE is_active = 1 AND valid_to >= ? AND valid_to < ? GROUP BY d',
} as const;

export type ExpiryKind = keyof typeof EXPIRY_QUERIES;

export function expiryTimeline(
  db: Database,
  now: Date,
  days: number,
): { from: string; series: Record<ExpiryKind, number[]> } {
  const from = dayStart(now);
  const until = new Date(from.getTime() + days * DAY_MS);
  const series = {} as Record<ExpiryKind, number[]>;
  for (const [kind, sql] of Object.entries(EXPIRY_QUERIES) as Array<[ExpiryKind, string]>) {
    // Counted from now, not midnight: what expired earlier today is no longer "expiring".
    const rows = db.prepare(sql).all(now.toISOString(), until.toISOString()) as Array<{
      d: string;
      n: number;
    }>;
    series[kind] = toSeries(rows, from, days);
  }
  return { from: from.toISOString().slice(0, 10), series };
}

export const EXPIRY_SQL = EXPIRY_QUERIES;
export const ACTIVITY_SQL =
  'SELECT substr(time, 1, 10) AS d, result, COUNT(*) AS n FROM app_audit_log WHERE time >= ? GROUP BY d, result';

/** Audit records per day, today being the last of `days`. */
export function auditActivity(
  db: Database,
  now: Date,
  days: number,
): { from: string; success: number[]; failure: number[] } {
  const from = new Date(dayStart(now).getTime() - (days - 1) * DAY_MS);
  const rows = db.prepare(ACTIVITY_SQL).all(from.toISOString()) as Array<{
    d: string;
    result: 'success' | 'failure';
    n: number;
  }>;
  return {
    from: from.toISOString().slice(0, 10),
    success: toSeries(
      rows.filter((r) => r.result === 'success'),
      from,
      days,
    ),
    failure: toSeries(
      rows.filter((r) => r.result === 'failure'),
      from,
      days,
    ),
  };
}
