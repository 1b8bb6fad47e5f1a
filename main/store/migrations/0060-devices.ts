import type { Database } from 'better-sqlite3';

/** MOSIP's derived status (pms.md §1.7): approved + inactive reads as deactivated. */
const STATUS = `CASE WHEN approval_status = 'approved' AND is_active = 1 THEN 'approved' WHEN approval_status = 'approved' THEN 'deactivated' ELSE approval_status END`;

/** list_count(tbl, k) per derived status, as countTriggers (0030) does for a stored column. */
function statusCountTriggers(table: string): string {
  const st = (row: 'NEW' | 'OLD') =>
    STATUS.replace(/approval_status/g, `${row}.approval_status`).replace(/is_active/g, `${row}.is_active`);
  const up = (row: 'NEW' | 'OLD') =>
    `INSERT INTO list_count (tbl, k, n) VALUES ('${table}', ${st(row)}, 1) ON CONFLICT (tbl, k) DO UPDATE SET n = n + 1;`;
  const down = (row: 'NEW' | 'OLD') => `UPDATE list_count SET n = n - 1 WHERE tbl = '${table}' AND k = ${st(row)};`;
  return `
    CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table} BEGIN ${up('NEW')} END;
    CREATE TRIGGER ${table}_count_update AFTER UPDATE OF approval_status, is_active ON ${table} WHEN (${st('OLD')}) IS NOT (${st('NEW')})
      BEGIN ${down('OLD')} ${up('NEW')} END;
    CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table} BEGIN ${down('OLD')} END;`;
}

/**
 * SBIs, devices and FTM chips (pms.md §1.1, §1.7). Statuses are stored as MOSIP stores them
 * (approval_status + is_active); `status` is MOSIP's derived status as a virtual column, indexed.
 *
 * MOSIP links devices to SBIs through `device_detail_sbi`; in the V2 flow a device is created
 * under exactly one SBI and the link is active exactly when the device is approved and active, so
 * the link is folded into `device_detail.sbi_id` (NULL = orphan) with the SBI's version copied
 * (an SBI's version never changes) — every admin sort then has its own index.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE reg_device_type (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL
    ) STRICT;
    CREATE TABLE reg_device_sub_type (
      dtype_code TEXT NOT NULL REFERENCES reg_device_type(code),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (dtype_code, code)
    ) STRICT;
    INSERT INTO reg_device_type (code, name) VALUES ('Finger', 'Finger'), ('Iris', 'Iris'), ('Face', 'Face');
    INSERT INTO reg_device_sub_type (dtype_code, code, name) VALUES
      ('Finger', 'Slap', 'Slap'), ('Finger', 'Single', 'Single'), ('Finger', 'Touchless', 'Touchless'),
      ('Iris', 'Single', 'Single'), ('Iris', 'Double', 'Double'),
      ('Face', 'Full face', 'Full face');

    CREATE TABLE secure_biometric_interface (
      id TEXT PRIMARY KEY,
      provider_id TEXT NOT NULL REFERENCES partner(id),
      partner_org_name TEXT NOT NULL,
      sw_binary_hash TEXT NOT NULL CHECK (length(sw_binary_hash) BETWEEN 1 AND 1024),
      sw_version TEXT NOT NULL CHECK (length(sw_version) BETWEEN 1 AND 64),   -- trimmed
      sw_cr_dtimes TEXT NOT NULL,
      sw_expiry_dtimes TEXT NOT NULL,
      approval_status TEXT NOT NULL CHECK (approval_status IN ('pending_approval', 'approved', 'rejected')),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      status TEXT GENERATED ALWAYS AS (${STATUS}) VIRTUAL,
      -- devices linked to this SBI, kept by triggers on device_detail (the countOfAssociatedDevices sort)
      device_count INTEGER NOT NULL DEFAULT 0,
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- PMS_AUT_512: a version is unique per provider (trimmed)
    CREATE UNIQUE INDEX sbi_provider_version ON secure_biometric_interface(provider_id, sw_version);
    CREATE INDEX sbi_created ON secure_biometric_interface(created_at, id);
    CREATE INDEX sbi_provider_created ON secure_biometric_interface(provider_id, created_at, id);
    CREATE INDEX sbi_status_created ON secure_biometric_interface(status, created_at, id);
    CREATE INDEX sbi_version ON secure_biometric_interface(sw_version, id);
    CREATE INDEX sbi_org ON secure_biometric_interface(partner_org_name, id);
    CREATE INDEX sbi_sw_created ON secure_biometric_interface(sw_cr_dtimes, id);
    CREATE INDEX sbi_expiry ON secure_biometric_interface(sw_expiry_dtimes, id);
    -- the expiry job and "approved SBIs expiring within N days"
    CREATE INDEX sbi_device_count ON secure_biometric_interface(device_count, id);
    CREATE INDEX sbi_state_expiry ON secure_biometric_interface(approval_status, is_active, sw_expiry_dtimes);

    CREATE TABLE device_detail (
      id TEXT PRIMARY KEY,
      dprovider_id TEXT NOT NULL REFERENCES partner(id),
      dtype_code TEXT NOT NULL,
      dstype_code TEXT NOT NULL,
      make TEXT NOT NULL CHECK (length(make) BETWEEN 1 AND 36),
      model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 36),
      partner_org_name TEXT NOT NULL,
      sbi_id TEXT REFERENCES secure_biometric_interface(id),      -- device_detail_sbi; NULL = orphan
      sbi_version TEXT,
      approval_status TEXT NOT NULL CHECK (approval_status IN ('pending_approval', 'approved', 'rejected')),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      status TEXT GENERATED ALWAYS AS (${STATUS}) VIRTUAL,
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL,
      FOREIGN KEY (dtype_code, dstype_code) REFERENCES reg_device_sub_type(dtype_code, code)
    ) STRICT;
    -- PMS_AUT_003: unique among devices that are not rejected and not deactivated (MOSIP 1.2.2.0 partial index)
    CREATE UNIQUE INDEX device_unique_live ON device_detail(dprovider_id, dtype_code, dstype_code, make, model)
      WHERE approval_status = 'pending_approval' OR (approval_status = 'approved' AND is_active = 1);
    CREATE INDEX device_created ON device_detail(created_at, id);
    CREATE INDEX device_status_created ON device_detail(status, created_at, id);
    CREATE INDEX device_provider_created ON device_detail(dprovider_id, created_at, id);
    CREATE INDEX device_sbi_status ON device_detail(sbi_id, status, created_at, id);
    CREATE INDEX device_type_created ON device_detail(dtype_code, created_at, id);
    CREATE INDEX device_subtype_created ON device_detail(dstype_code, created_at, id);
    CREATE INDEX device_type_subtype_created ON device_detail(dtype_code, dstype_code, created_at, id);
    CREATE INDEX device_sbi_version ON device_detail(sbi_version, id);
    CREATE INDEX device_org ON device_detail(partner_org_name, id);
    CREATE INDEX device_make ON device_detail(make, id);
    CREATE INDEX device_model ON device_detail(model, id);
    CREATE TRIGGER device_sbi_count_insert AFTER INSERT ON device_detail WHEN NEW.sbi_id IS NOT NULL
      BEGIN UPDATE secure_biometric_interface SET device_count = device_count + 1 WHERE id = NEW.sbi_id; END;
    CREATE TRIGGER device_sbi_count_delete AFTER DELETE ON device_detail WHEN OLD.sbi_id IS NOT NULL
      BEGIN UPDATE secure_biometric_interface SET device_count = device_count - 1 WHERE id = OLD.sbi_id; END;
    CREATE TRIGGER device_sbi_count_update AFTER UPDATE OF sbi_id ON device_detail WHEN OLD.sbi_id IS NOT NEW.sbi_id BEGIN
      UPDATE secure_biometric_interface SET device_count = device_count - 1 WHERE id = OLD.sbi_id;
      UPDATE secure_biometric_interface SET device_count = device_count + 1 WHERE id = NEW.sbi_id;
    END;
    ${statusCountTriggers('secure_biometric_interface')}
    ${statusCountTriggers('device_detail')}

    CREATE TABLE ftp_chip_detail (
      id TEXT PRIMARY KEY,
      foundational_trust_provider_id TEXT NOT NULL REFERENCES partner(id),
      make TEXT NOT NULL CHECK (length(make) BETWEEN 1 AND 36),
      model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 36),
      partner_org_name TEXT NOT NULL,
      approval_status TEXT NOT NULL CHECK (approval_status IN ('pending_cert_upload', 'pending_approval', 'approved', 'rejected')),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      status TEXT GENERATED ALWAYS AS (${STATUS}) VIRTUAL,
      -- the chip certificate (keymanager keeps it under certificate_alias; FTM certs are not re-signed)
      certificate_alias TEXT,
      certificate_der BLOB,
      cert_issued_to TEXT,
      cert_issued_by TEXT,
      cert_not_before TEXT,
      cert_not_after TEXT,
      cert_uploaded_at TEXT,
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL,
      CHECK ((certificate_alias IS NULL) = (certificate_der IS NULL))
    ) STRICT;
    -- PMP_AUT_032: unique among chips that are not rejected and not deactivated
    CREATE UNIQUE INDEX ftm_unique_live ON ftp_chip_detail(foundational_trust_provider_id, make, model)
      WHERE approval_status IN ('pending_cert_upload', 'pending_approval') OR (approval_status = 'approved' AND is_active = 1);
    CREATE INDEX ftm_created ON ftp_chip_detail(created_at, id);
    CREATE INDEX ftm_provider_created ON ftp_chip_detail(foundational_trust_provider_id, created_at, id);
    CREATE INDEX ftm_status_created ON ftp_chip_detail(status, created_at, id);
    CREATE INDEX ftm_make ON ftp_chip_detail(make, id);
    CREATE INDEX ftm_model ON ftp_chip_detail(model, id);
    CREATE INDEX ftm_org ON ftp_chip_detail(partner_org_name, id);
    CREATE INDEX ftm_cert_expiry ON ftp_chip_detail(cert_not_after);
    ${statusCountTriggers('ftp_chip_detail')}
  `);
}
