import type { WriteDb } from '../context.ts';

/**
 * The deactivation cascade of pms.md §3.4 / §4, set-based over the SBIs `sbiSet` selects
 * (an SQL subquery returning SBI ids, with its parameters): approved devices become inactive,
 * pending devices are rejected. Returns the counts.
 */
export function cascadeDevices(db: WriteDb, sbiSet: { sql: string; params: unknown[] }, actor: string, time: string): { devicesDeactivated: number; devicesRejected: number } {
  const deactivated = db
    .prepare(`UPDATE device_detail SET is_active = 0, upd_by = ?, updated_at = ? WHERE sbi_id IN (${sbiSet.sql}) AND status = 'approved'`)
    .run(actor, time, ...sbiSet.params).changes;
  const rejected = db
    .prepare(`UPDATE device_detail SET approval_status = 'rejected', is_active = 0, upd_by = ?, updated_at = ? WHERE sbi_id IN (${sbiSet.sql}) AND status = 'pending_approval'`)
    .run(actor, time, ...sbiSet.params).changes;
  return { devicesDeactivated: deactivated, devicesRejected: rejected };
}

/** One audit record per row the system changed (set-based), beside the job's own record. */
export function auditRows(db: WriteDb, args: { action: string; refType: string; select: string; params: unknown[]; time: string }): void {
  db.prepare(
    `INSERT INTO app_audit_log (event_id, module, action, actor, ref_type, ref_id, result, error_code, time)
     SELECT lower(hex(randomblob(16))), 'devices', ?, 'system', ?, id, 'success', NULL, ? FROM (${args.select})`,
  ).run(args.action, args.refType, args.time, ...args.params);
}

const EXPIRED_APPROVED = "SELECT id FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?";
const EXPIRED_PENDING = "SELECT id FROM secure_biometric_interface WHERE approval_status = 'pending_approval' AND sw_expiry_dtimes < ?";

/**
 * MOSIP SbiExpiryAutoDeactivationTasklet as a handful of UPDATEs: approved SBIs past expiry are
 * deactivated with the cascade, pending ones rejected; every changed SBI is audited as 'system'
 * (its devices follow the SBI: the job's own record and outbox entry carry the counts and SBI ids).
 */
export function expireSbisSql(db: WriteDb, now: Date) {
  const t = now.toISOString();
  const expiredSet = { sql: `${EXPIRED_APPROVED} UNION ALL ${EXPIRED_PENDING}`, params: [t, t] };
  const devices = cascadeDevices(db, expiredSet, 'system', t);
  const approved = db.prepare(EXPIRED_APPROVED).pluck().all(t) as string[];
  const pending = db.prepare(EXPIRED_PENDING).pluck().all(t) as string[];
  auditRows(db, { action: 'sbi.autoDeactivated', refType: 'sbi', select: EXPIRED_APPROVED, params: [t], time: t });
  auditRows(db, { action: 'sbi.autoRejected', refType: 'sbi', select: EXPIRED_PENDING, params: [t], time: t });
  const sbisDeactivated = db
    .prepare("UPDATE secure_biometric_interface SET is_active = 0, upd_by = 'system', updated_at = ? WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?")
    .run(t, t).changes;
  const sbisRejected = db
    .prepare("UPDATE secure_biometric_interface SET approval_status = 'rejected', is_active = 0, upd_by = 'system', updated_at = ? WHERE approval_status = 'pending_approval' AND sw_expiry_dtimes < ?")
    .run(t, t).changes;
  return { counts: { sbisDeactivated, sbisRejected, ...devices }, deactivatedIds: approved, rejectedIds: pending };
}
