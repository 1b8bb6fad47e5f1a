import type { Database } from 'better-sqlite3';

/**
 * Device indexes that the SBI cascade does not have to rewrite.
 *
 * The expiry job of the benchmark deactivates 10k SBIs with 80k devices. Every device whose status
 * changes moved in each index keyed by the status, and those entries lie all over the indexes:
 * 0060's device_status_created (status, created_at, id) and device_sbi_status (sbi_id, status, …)
 * were 27k of the 48k pages the job wrote and about a third of its CPU.
 *
 * - device_status_open keeps the status index for every device but the approved (and active) ones,
 *   the bulk and the common state: deactivating a device inserts one entry, nothing leaves the big
 *   'approved' range. A filter on 'approved' walks device_created and checks the status; the status
 *   sort reads the approved devices from device_created and the rest from this index, merged
 *   (UNION ALL … ORDER BY: two ordered streams, devices/lists.ts).
 * - device_sbi_created drops the status from the per-SBI index: the cascade reads the status from
 *   the rows it updates anyway, and the per-SBI counts of a page of SBIs read their few rows.
 */
export default function migrate(db: Database): void {
  db.exec(`
    DROP INDEX device_status_created;
    CREATE INDEX device_status_open ON device_detail(status, created_at, id) WHERE approval_status <> 'approved' OR is_active = 0;
    DROP INDEX device_sbi_status;
    CREATE INDEX device_sbi_created ON device_detail(sbi_id, created_at, id);
  `);
}
