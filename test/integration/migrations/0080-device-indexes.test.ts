import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';
const OPEN = "(d.approval_status <> 'approved' OR d.is_active = 0)";
const COLS = 'd.id, d.status, d.created_at';

function seed(db: ReturnType<typeof dbAt>): void {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p', 'u', 'Device_Provider', 'Org', 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at) VALUES ('s', 'p', 'Org', 'h', '1.0', ?, ?, 'approved', 1, 'u', ?, ?)",
  ).run(T, T, T, T);
  const dev = db.prepare(
    "INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, approval_status, is_active, cr_by, created_at, updated_at) VALUES (?, 'p', 'Finger', 'Slap', 'm', ?, 'Org', 's', ?, ?, 'u', ?, ?)",
  );
  const states = [
    ['approved', 1],
    ['approved', 0],
    ['pending_approval', 0],
    ['rejected', 0],
  ] as const;
  for (let i = 0; i < 40; i++) {
    const [state, active] = states[i % 4]!;
    dev.run(`d${i}`, `x${i}`, state, active, `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`, T);
  }
}

/** The entries of device_status_open are exactly the devices that are not approved and active. */
function expectIndexHoldsTheOpenDevices(db: ReturnType<typeof dbAt>): void {
  const fromIndex = db
    .prepare(
      `SELECT d.id FROM device_detail d INDEXED BY device_status_open WHERE ${OPEN} ORDER BY d.status, d.created_at, d.id`,
    )
    .pluck()
    .all();
  const fromTable = db
    .prepare(
      "SELECT d.id FROM device_detail d NOT INDEXED WHERE d.status <> 'approved' ORDER BY d.status, d.created_at, d.id",
    )
    .pluck()
    .all();
  expect(fromIndex).toEqual(fromTable);
  expect(fromIndex.length).toBeGreaterThan(0);
}

describe('migration 0080 device indexes', () => {
  it('replaces the status indexes by ones the SBI cascade does not rewrite, on existing rows', () => {
    const db = dbAt(70);
    seed(db);
    migrate(db, 80);
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'device_detail'")
      .pluck()
      .all();
    expect(names).toEqual(expect.arrayContaining(['device_status_open', 'device_sbi_created']));
    expect(names).not.toContain('device_status_created');
    expect(names).not.toContain('device_sbi_status');
    expectIndexHoldsTheOpenDevices(db);
    // the SBI cascade: approved devices are deactivated (they enter the index), pending ones rejected
    db.prepare(
      "UPDATE device_detail SET approval_status = CASE approval_status WHEN 'pending_approval' THEN 'rejected' ELSE approval_status END, is_active = 0 WHERE status IN ('approved', 'pending_approval')",
    ).run();
    expectIndexHoldsTheOpenDevices(db);
    expect(db.prepare("SELECT COUNT(*) FROM device_detail WHERE status = 'approved'").pluck().get()).toBe(0);
  });

  it('serves the status filters and the status order from device_status_open and device_created', () => {
    const db = dbAt(80);
    const uses = (sql: string, index: RegExp, ...params: unknown[]) => {
      const p = plan(db, sql, ...params);
      expect(p, sql).toMatch(index);
      expect(p, sql).not.toMatch(/TEMP B-TREE/);
    };
    uses(
      `SELECT ${COLS} FROM device_detail d WHERE d.status = ? AND ${OPEN} ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_status_open \(status=\?\)/,
      'pending_approval',
    );
    uses(
      `SELECT ${COLS} FROM device_detail d WHERE d.status = ? AND ${OPEN} ORDER BY d.status DESC, d.created_at DESC, d.id DESC LIMIT 8`,
      /device_status_open \(status=\?\)/,
      'rejected',
    );
    // approved devices are the bulk: walked in date order, the status checked on the way
    uses(
      `SELECT ${COLS} FROM device_detail d WHERE d.status = 'approved' ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /SCAN d USING INDEX device_created/,
    );
    uses(
      `SELECT ${COLS} FROM device_detail d WHERE d.status = 'approved' ORDER BY d.status ASC, d.created_at ASC, d.id ASC LIMIT 8`,
      /SCAN d USING INDEX device_created/,
    );
    // the status order: two ordered streams merged
    for (const dir of ['ASC', 'DESC']) {
      const p = plan(
        db,
        `SELECT ${COLS} FROM device_detail d WHERE d.status = 'approved' UNION ALL SELECT ${COLS} FROM device_detail d WHERE ${OPEN} ORDER BY status ${dir}, created_at ${dir}, id ${dir} LIMIT 8`,
      );
      expect(p).toMatch(
        /MERGE \(UNION ALL\)[\s\S]*SCAN d USING INDEX device_created[\s\S]*SCAN d USING INDEX device_status_open/,
      );
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    // the SBI cascade: one UPDATE through device_sbi_created; the devices of an SBI by date; the per-SBI counts
    const sbis =
      "SELECT id FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?";
    expect(
      plan(
        db,
        `UPDATE device_detail SET is_active = 0 WHERE sbi_id IN (${sbis}) AND status IN ('approved', 'pending_approval')`,
        T,
      ),
    ).toMatch(/device_sbi_created \(sbi_id=\?\)/);
    uses(
      `SELECT ${COLS} FROM device_detail d WHERE d.sbi_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_sbi_created \(sbi_id=\?\)/,
      's',
    );
    uses(
      `SELECT ${COLS} FROM device_detail d ORDER BY d.sbi_id ASC, d.created_at ASC, d.id ASC LIMIT 8`,
      /SCAN d USING INDEX device_sbi_created/,
    );
    expect(
      plan(
        db,
        'SELECT sbi_id, status, COUNT(*) FROM device_detail WHERE sbi_id IN (?, ?) GROUP BY sbi_id, status',
        'a',
        'b',
      ),
    ).toMatch(/device_sbi_created \(sbi_id=\?\)/);
  });
});
