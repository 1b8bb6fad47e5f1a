import type { WriteDb } from '../context.ts';

/** Devices per state, kept by triggers (list_count, migration 0060). */
function deviceTotals(db: WriteDb): { approved: number; pending: number } {
  const rows = db
    .prepare("SELECT k, n FROM list_count WHERE tbl = 'device_detail' AND k IN ('approved', 'pending_approval')")
    .all() as Array<{ k: string; n: number }>;
  const n = (k: string) => rows.find((r) => r.k === k)?.n ?? 0;
  return { approved: n('approved'), pending: n('pending_approval') };
}

/**
 * The deactivation cascade of pms.md §3.4 / §4, set-based over the SBIs `sbiSet` selects
 * (an SQL subquery returning SBI ids, with its parameters): approved devices become inactive,
 * pending devices are rejected — in one UPDATE that visits each device once. The counts are what
 * left each state, read from the trigger-kept totals before and after.
 */
export function cascadeDevices(
  db: WriteDb,
  sbiSet: { sql: string; params: unknown[] },
  actor: string,
  time: string,
): { devicesDeactivated: number; devicesRejected: number } {
  const before = deviceTotals(db);
  db.prepare(
    `UPDATE device_detail SET approval_status = CASE approval_status WHEN 'pending_approval' THEN 'rejected' ELSE approval_status END,
     is_active = 0, upd_by = ?, updated_at = ? WHERE sbi_id IN (${sbiSet.sql}) AND status IN ('approved', 'pending_approval')`,
  ).run(actor, time, ...sbiSet.params);
  const after = deviceTotals(db);
  return {
    devicesDeactivated: before.approved - after.approved,
    devicesRejected: before.pending - after.pending,
  };
}

/** One audit record per row the system changed (set-based), beside the job's own record. */
export function auditRows(
  db: WriteDb,
  args: { action: string; refType: string; select: string; params: unknown[]; time: string },
): void {
  db.prepare(
    `INSERT INTO app_audit_log (event_id, module, action, actor, ref_type, ref_id, result, error_code, time)
     SELECT lower(hex(randomblob(16))), 'devices', ?, 'system', ?, id, 'success', NULL, ? FROM (${args.select})`,
  ).run(args.action, args.refType, args.time, ...args.params);
}

const EXPIRED_APPROVED =
  "SELECT id FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?";
const EXPIRED_PENDING =
  "SELECT id FROM secure_biometric_interface WHERE approval_status = 'pending_approval' AND sw_expiry_dtimes < ?";

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
  auditRows(db, {
    action: 'sbi.autoDeactivated',
    refType: 'sbi',
    select: EXPIRED_APPROVED,
    params: [t],
    time: t,
  });
  auditRows(db, {
    action: 'sbi.autoRejected',
    refType: 'sbi',
    select: EXPIRED_PENDING,
    params: [t],
    time: t,
  });
  const sbisDeactivated = db
    .prepare(
      "UPDATE secure_biometric_interface SET is_active = 0, upd_by = 'system', updated_at = ? WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?",
    )
    .run(t, t).changes;
  const sbisRejected = db
    .prepare(
      "UPDATE secure_biometric_interface SET approval_status = 'rejected', is_active = 0, upd_by = 'system', updated_at = ? WHERE approval_status = 'pending_approval' AND sw_expiry_dtimes < ?",
    )
    .run(t, t).changes;
  return {
    counts: { sbisDeactivated, sbisRejected, ...devices },
    deactivatedIds: approved,
    rejectedIds: pending,
  };
}
