import type { ReadDb } from '../context.ts';

const WINDOW_MS = 30 * 86_400_000;

/** Trust-store badge: root and intermediate CAs valid now and expiring within 30 days (pms.md §5.2). */
export function expiringCaCount(db: ReadDb, now: Date): number {
  const from = now.toISOString();
  const to = new Date(now.getTime() + WINDOW_MS).toISOString();
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM ca_certificate WHERE ca_type = 'ROOT' AND not_after BETWEEN ? AND ? AND not_before <= ?)
                   + (SELECT COUNT(*) FROM ca_certificate WHERE ca_type = 'INTERMEDIATE' AND not_after BETWEEN ? AND ? AND not_before <= ?) AS n`,
    )
    .get(from, to, from, from, to, from) as { n: number };
  return row.n;
}

/** Partner-certificate badge: this user's MOSIP-signed certificates expiring within 30 days. */
export function expiringPartnerCertificates(db: ReadDb, partnerIds: readonly string[], now: Date): number {
  if (partnerIds.length === 0) return 0;
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM partner_certificate WHERE partner_id IN (${partnerIds.map(() => '?').join(',')}) AND mosip_not_after BETWEEN ? AND ?`,
    )
    .get(...partnerIds, now.toISOString(), new Date(now.getTime() + WINDOW_MS).toISOString()) as {
    n: number;
  };
  return row.n;
}
