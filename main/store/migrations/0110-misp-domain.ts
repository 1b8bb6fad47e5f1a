import type { Database } from 'better-sqlite3';

/**
 * MISP partners' certificates belong to keymanager's MISP domain (the portal maps MISP_Partner →
 * MISP), so the trust store and partner certificates take a fourth domain. SQLite cannot alter a
 * CHECK constraint: both tables are rebuilt with the same columns, rows and indexes. Rows stay
 * in the domain they were validated in (a MISP partner's earlier AUTH certificate stays AUTH).
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE ca_certificate_new (
      id TEXT PRIMARY KEY,
      domain TEXT NOT NULL CHECK (domain IN ('AUTH', 'DEVICE', 'FTM', 'MISP')),
      ca_type TEXT NOT NULL CHECK (ca_type IN ('ROOT', 'INTERMEDIATE')),
      thumbprint TEXT NOT NULL,
      der BLOB NOT NULL,
      subject TEXT NOT NULL,
      issuer TEXT NOT NULL,
      issued_to TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      serial TEXT NOT NULL,
      not_before TEXT NOT NULL,
      not_after TEXT NOT NULL,
      uploaded_at TEXT NOT NULL,
      uploaded_by TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
      is_virtual INTEGER NOT NULL DEFAULT 0 CHECK (is_virtual IN (0, 1)),
      UNIQUE (domain, thumbprint)
    ) STRICT;
    INSERT INTO ca_certificate_new SELECT id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by, warnings, is_virtual FROM ca_certificate;
    DROP TABLE ca_certificate;
    ALTER TABLE ca_certificate_new RENAME TO ca_certificate;
    CREATE INDEX ca_type_uploaded ON ca_certificate(ca_type, uploaded_at);
    CREATE INDEX ca_type_domain_uploaded ON ca_certificate(ca_type, domain, uploaded_at);
    CREATE INDEX ca_type_not_after ON ca_certificate(ca_type, not_after);
    CREATE INDEX ca_domain ON ca_certificate(domain, ca_type);

    CREATE TABLE partner_certificate_new (
      partner_id TEXT PRIMARY KEY REFERENCES partner(id),
      certificate_id TEXT NOT NULL UNIQUE,
      domain TEXT NOT NULL CHECK (domain IN ('AUTH', 'DEVICE', 'FTM', 'MISP')),
      thumbprint TEXT NOT NULL,
      ca_signed_der BLOB NOT NULL,
      mosip_signed_der BLOB NOT NULL,
      issued_to TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      ca_not_before TEXT NOT NULL,
      ca_not_after TEXT NOT NULL,
      mosip_not_before TEXT NOT NULL,
      mosip_not_after TEXT NOT NULL,
      uploaded_at TEXT NOT NULL,
      uploaded_by TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings))
    ) STRICT;
    INSERT INTO partner_certificate_new SELECT partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by,
      ca_not_before, ca_not_after, mosip_not_before, mosip_not_after, uploaded_at, uploaded_by, warnings FROM partner_certificate;
    DROP TABLE partner_certificate;
    ALTER TABLE partner_certificate_new RENAME TO partner_certificate;
    CREATE INDEX partner_certificate_expiry ON partner_certificate(mosip_not_after);
  `);
}
