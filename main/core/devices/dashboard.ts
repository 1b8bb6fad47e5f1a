import type { ReadDb } from '../context.ts';

const WINDOW_MS = 30 * 86_400_000;
const pending = (db: ReadDb, tbl: string): number =>
  db
    .prepare("SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ? AND k = 'pending_approval'")
    .pluck()
    .get(tbl) as number;

/** Admin SBI-Device card: pending SBIs and devices (kept by triggers, one lookup each at any size). */
export function pendingSbiDevice(db: ReadDb): { sbi: number; device: number } {
  return { sbi: pending(db, 'secure_biometric_interface'), device: pending(db, 'device_detail') };
}

/** Admin FTM Chip card: chips pending approval. */
export function pendingFtm(db: ReadDb): number {
  return pending(db, 'ftp_chip_detail');
}

const inIds = (ids: readonly string[]) => ids.map(() => '?').join(', ');

/** Provider badge: own approved SBIs expiring within 30 days (MOSIP: expiryPeriod=30&status=approved). */
export function expiringSbis(db: ReadDb, partnerIds: readonly string[], now: Date): number {
  if (partnerIds.length === 0) return 0;
  return db
    .prepare(
      `SELECT COUNT(*) FROM secure_biometric_interface WHERE provider_id IN (${inIds(partnerIds)}) AND +status = 'approved' AND +sw_expiry_dtimes BETWEEN ? AND ?`,
    )
    .pluck()
    .get(...partnerIds, now.toISOString(), new Date(now.getTime() + WINDOW_MS).toISOString()) as number;
}

/** Provider badge: own FTM chip certificates (of chips not rejected or deactivated) expiring within 30 days. */
export function expiringFtmCertificates(db: ReadDb, partnerIds: readonly string[], now: Date): number {
  if (partnerIds.length === 0) return 0;
  return db
    .prepare(
      `SELECT COUNT(*) FROM ftp_chip_detail WHERE foundational_trust_provider_id IN (${inIds(partnerIds)}) AND +status IN ('approved', 'pending_approval') AND +cert_not_after BETWEEN ? AND ?`,
    )
    .pluck()
    .get(...partnerIds, now.toISOString(), new Date(now.getTime() + WINDOW_MS).toISOString()) as number;
}
