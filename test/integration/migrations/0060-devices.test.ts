import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';

describe('migration 0060 devices', () => {
  it('creates the catalogue, SBI, device and FTM chip tables with MOSIP statuses and uniqueness', () => {
    const db = dbAt(60);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(T, T);
    db.prepare(
      "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p', 'u', 'Device_Provider', 'Org', 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
    ).run(T, T);
    const sbi = db.prepare(
      "INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at) VALUES (?, 'p', 'Org', 'h', ?, ?, ?, ?, ?, 'u', ?, ?)",
    );
    sbi.run('s1', '1.0', T, T, 'approved', 0, T, T);
    expect(db.prepare("SELECT status FROM secure_biometric_interface WHERE id = 's1'").pluck().get()).toBe(
      'deactivated',
    );
    expect(() => sbi.run('s2', '1.0', T, T, 'pending_approval', 0, T, T)).toThrow(/UNIQUE/);
    expect(() => sbi.run('s3', '2.0', T, T, 'InProgress', 0, T, T)).toThrow(/CHECK/);
    const dev = db.prepare(
      "INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, approval_status, is_active, cr_by, created_at, updated_at) VALUES (?, 'p', ?, ?, 'm', 'x', 'Org', 's1', ?, ?, 'u', ?, ?)",
    );
    expect(() => dev.run('d0', 'Iris', 'Slap', 'pending_approval', 0, T, T)).toThrow(/FOREIGN KEY/);
    dev.run('d1', 'Finger', 'Slap', 'rejected', 0, T, T);
    dev.run('d2', 'Finger', 'Slap', 'approved', 0, T, T);
    dev.run('d3', 'Finger', 'Slap', 'pending_approval', 0, T, T);
    expect(() => dev.run('d4', 'Finger', 'Slap', 'approved', 1, T, T)).toThrow(/UNIQUE/);
    const counts = db.prepare("SELECT k, n FROM list_count WHERE tbl = 'device_detail' AND n > 0 ORDER BY k").all();
    expect(counts).toEqual([
      { k: 'deactivated', n: 1 },
      { k: 'pending_approval', n: 1 },
      { k: 'rejected', n: 1 },
    ]);
    db.prepare("UPDATE device_detail SET approval_status = 'approved', is_active = 1 WHERE id = 'd3'").run();
    expect(db.prepare("SELECT n FROM list_count WHERE tbl = 'device_detail' AND k = 'approved'").pluck().get()).toBe(1);
    expect(
      db.prepare("SELECT n FROM list_count WHERE tbl = 'device_detail' AND k = 'pending_approval'").pluck().get(),
    ).toBe(0);
  });

  it('serves every admin list filter + sort, the job and the dashboard counts from indexes', () => {
    const db = dbAt(60);
    const uses = (sql: string, index: RegExp, ...params: unknown[]) => {
      const p = plan(db, sql, ...params);
      expect(p, sql).toMatch(index);
      expect(p, sql).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    };
    const S = 'SELECT * FROM secure_biometric_interface s';
    uses(`${S} ORDER BY s.created_at DESC, s.id DESC LIMIT 8`, /sbi_created/);
    uses(
      `${S} WHERE s.status = ? ORDER BY s.created_at DESC, s.id DESC LIMIT 8`,
      /sbi_status_created \(status=\?\)/,
      'approved',
    );
    uses(
      `${S} WHERE s.provider_id IN (?) ORDER BY s.created_at DESC, s.id DESC LIMIT 8`,
      /sbi_provider_created \(provider_id=\?\)/,
      'p',
    );
    uses(`${S} ORDER BY s.sw_version ASC, s.id ASC LIMIT 8`, /sbi_version/);
    uses(`${S} ORDER BY s.partner_org_name ASC, s.id ASC LIMIT 8`, /sbi_org/);
    uses(`${S} ORDER BY s.sw_cr_dtimes ASC, s.id ASC LIMIT 8`, /sbi_sw_created/);
    uses(`${S} ORDER BY s.sw_expiry_dtimes ASC, s.id ASC LIMIT 8`, /sbi_expiry/);
    uses(`${S} ORDER BY s.status ASC, s.created_at ASC, s.id ASC LIMIT 8`, /sbi_status_created/);
    uses(`${S} ORDER BY s.provider_id ASC, s.created_at ASC, s.id ASC LIMIT 8`, /sbi_provider_created/);
    uses(`${S} ORDER BY s.device_count DESC, s.id DESC LIMIT 8`, /sbi_device_count/);
    uses(`${S} WHERE s.sw_expiry_dtimes < ? ORDER BY s.sw_expiry_dtimes DESC, s.id DESC LIMIT 8`, /sbi_expiry/, T);
    // the expiry job
    expect(
      plan(
        db,
        "SELECT id FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?",
        T,
      ),
    ).toMatch(/sbi_state_expiry \(approval_status=\? AND is_active=\? AND sw_expiry_dtimes<\?\)/);
    expect(
      plan(
        db,
        "SELECT id FROM secure_biometric_interface WHERE approval_status = 'pending_approval' AND sw_expiry_dtimes < ?",
        T,
      ),
    ).toMatch(/sbi_state_expiry/);
    expect(
      plan(
        db,
        "UPDATE device_detail SET is_active = 0 WHERE sbi_id IN (SELECT id FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?) AND status = 'approved'",
        T,
      ),
    ).toMatch(/device_sbi_status \(sbi_id=\? AND status=\?\)/);

    const D = 'SELECT * FROM device_detail d';
    uses(`${D} ORDER BY d.created_at DESC, d.id DESC LIMIT 8`, /device_created/);
    uses(
      `${D} WHERE d.status = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_status_created \(status=\?\)/,
      'approved',
    );
    uses(
      `${D} WHERE d.dprovider_id IN (?) ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_provider_created \(dprovider_id=\?\)/,
      'p',
    );
    // the devices of one SBI (tens of rows): a seek, then a small sort
    expect(plan(db, `${D} WHERE d.sbi_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`, 's')).toMatch(
      /device_sbi_status \(sbi_id=\?\)/,
    );
    uses(
      `${D} WHERE d.dtype_code = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_type_created \(dtype_code=\?\)/,
      'Finger',
    );
    uses(
      `${D} WHERE d.dtype_code = ? AND d.dstype_code = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_type_subtype_created \(dtype_code=\? AND dstype_code=\?\)/,
      'Face',
      'Full face',
    );
    uses(
      `${D} WHERE d.dstype_code = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 8`,
      /device_subtype_created \(dstype_code=\?\)/,
      'Slap',
    );
    for (const [terms, index] of [
      ['d.id', /PRIMARY KEY|sqlite_autoindex_device_detail/],
      ['d.sbi_id, d.status, d.created_at, d.id', /device_sbi_status/],
      ['d.sbi_version, d.id', /device_sbi_version/],
      ['d.dprovider_id, d.created_at, d.id', /device_provider_created/],
      ['d.partner_org_name, d.id', /device_org/],
      ['d.dtype_code, d.created_at, d.id', /device_type_created/],
      ['d.dstype_code, d.created_at, d.id', /device_subtype_created/],
      ['d.make, d.id', /device_make/],
      ['d.model, d.id', /device_model/],
      ['d.status, d.created_at, d.id', /device_status_created/],
    ] as const) {
      uses(
        `${D} ORDER BY ${terms
          .split(', ')
          .map((t) => `${t} ASC`)
          .join(', ')} LIMIT 8`,
        index,
      );
    }
    expect(plan(db, 'SELECT COUNT(*) FROM device_detail d WHERE d.dprovider_id IN (?)', 'p')).toMatch(
      /COVERING INDEX device_provider_created/,
    );
    expect(plan(db, 'SELECT COUNT(*) FROM device_detail d WHERE d.dtype_code = ?', 'Finger')).toMatch(
      /COVERING INDEX device_type_(subtype_)?created/,
    );
    expect(
      plan(
        db,
        'SELECT sbi_id, status, COUNT(*) FROM device_detail WHERE sbi_id IN (?, ?) GROUP BY sbi_id, status',
        'a',
        'b',
      ),
    ).toMatch(/device_sbi_status \(sbi_id=\?\)/);

    const F = 'SELECT * FROM ftp_chip_detail f';
    uses(`${F} ORDER BY f.created_at DESC, f.id DESC LIMIT 8`, /ftm_created/);
    uses(
      `${F} WHERE f.status = ? ORDER BY f.created_at DESC, f.id DESC LIMIT 8`,
      /ftm_status_created \(status=\?\)/,
      'approved',
    );
    uses(
      `${F} WHERE f.foundational_trust_provider_id IN (?) ORDER BY f.created_at DESC, f.id DESC LIMIT 8`,
      /ftm_provider_created/,
      'p',
    );

    // dashboard counts: pending by list_count, provider badges by the provider's own rows
    expect(
      plan(db, "SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ? AND k = 'pending_approval'", 'device_detail'),
    ).toMatch(/PRIMARY KEY|sqlite_autoindex_list_count/);
    expect(
      plan(
        db,
        "SELECT COUNT(*) FROM secure_biometric_interface WHERE provider_id IN (?) AND +status = 'approved' AND +sw_expiry_dtimes BETWEEN ? AND ?",
        'p',
        T,
        T,
      ),
    ).toMatch(/sbi_provider_created \(provider_id=\?\)|sbi_provider_version/);
    expect(
      plan(
        db,
        "SELECT COUNT(*) FROM ftp_chip_detail WHERE foundational_trust_provider_id IN (?) AND +status IN ('approved', 'pending_approval') AND +cert_not_after BETWEEN ? AND ?",
        'p',
        T,
        T,
      ),
    ).toMatch(/ftm_provider_created|ftm_unique_live/);
  });
});
