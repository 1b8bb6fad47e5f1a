import type { Database } from 'better-sqlite3';

/**
 * The trust store (root and intermediate CA certificates per partner domain), partner
 * certificates with their MOSIP-signed copies, and the deployment's own signing keys. MOSIP keeps
 * these in keymanager; the desk keeps them locally so it can validate and issue offline.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE ca_certificate (
      id TEXT PRIMARY KEY,
      domain TEXT NOT NULL CHECK (domain IN ('AUTH', 'DEVICE', 'FTM')),
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
      UNIQUE (domain, thumbprint)
    ) STRICT;
    CREATE INDEX ca_type_uploaded ON ca_certificate(ca_type, uploaded_at);
    CREATE INDEX ca_type_domain_uploaded ON ca_certificate(ca_type, domain, uploaded_at);
    CREATE INDEX ca_type_not_after ON ca_certificate(ca_type, not_after);
    CREATE INDEX ca_domain ON ca_certificate(domain, ca_type);

    CREATE TABLE partner_certificate (
      partner_id TEXT PRIMARY KEY REFERENCES partner(id),
      certificate_id TEXT NOT NULL UNIQUE,
      domain TEXT NOT NULL CHECK (domain IN ('AUTH', 'DEVICE', 'FTM')),
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
    CREATE INDEX partner_certificate_expiry ON partner_certificate(mosip_not_after);

    CREATE TABLE signing_key (
      purpose TEXT PRIMARY KEY CHECK (purpose IN ('partner-signing')),
      certificate_der BLOB NOT NULL,
      wrapped_private_key BLOB NOT NULL,   -- PKCS#8, AES-256-GCM under the host's key-encryption key
      created_at TEXT NOT NULL
    ) STRICT;
  `);
}
