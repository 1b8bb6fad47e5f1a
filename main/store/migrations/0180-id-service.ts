import type { Database } from 'better-sqlite3';

/**
 * The ID authentication service (docs/id-service.md): its own key pairs (IDA's PARTNER, IDA-FIR
 * and SIGN references, private halves wrapped under the host's KEK), enrolled identities with
 * their biometric records (the record wrapped too; the test matcher compares a digest), MISP
 * licence keys (stored as hashes, like API keys), and the transaction ids each partner used,
 * so a replayed request is refused.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE ida_key (
      reference_id TEXT PRIMARY KEY CHECK (reference_id IN ('PARTNER', 'IDA-FIR', 'SIGN')),
      certificate_der BLOB NOT NULL,
      thumbprint TEXT NOT NULL UNIQUE CHECK (length(thumbprint) = 64),
      wrapped_private_key BLOB NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE ida_identity (
      individual_id TEXT PRIMARY KEY CHECK (length(individual_id) BETWEEN 1 AND 64),
      id_type TEXT NOT NULL CHECK (id_type IN ('UIN', 'VID')),
      demographics TEXT NOT NULL CHECK (json_valid(demographics) AND json_type(demographics) = 'object'),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE ida_biometric (
      individual_id TEXT NOT NULL REFERENCES ida_identity (individual_id) ON DELETE CASCADE,
      seq INTEGER NOT NULL CHECK (seq >= 0),
      bio_type TEXT NOT NULL CHECK (bio_type IN ('Finger', 'Iris', 'Face')),
      bio_sub_type TEXT NOT NULL,            -- MOSIP's names ('Left IndexFinger', 'Right', 'UNKNOWN'; '' for face)
      record_digest TEXT NOT NULL CHECK (length(record_digest) = 64),
      wrapped_record BLOB NOT NULL,          -- the ISO 19794 record, AES-256-GCM under the host's KEK
      PRIMARY KEY (individual_id, seq)
    ) STRICT;

    CREATE TABLE ida_misp_license (
      license_hash TEXT PRIMARY KEY CHECK (length(license_hash) = 64),
      misp_partner_id TEXT NOT NULL REFERENCES partner (id),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      valid_from TEXT NOT NULL,
      valid_to TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE ida_transaction (
      partner_id TEXT NOT NULL,
      transaction_id TEXT NOT NULL,
      seen_at TEXT NOT NULL,
      PRIMARY KEY (partner_id, transaction_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX ida_transaction_by_time ON ida_transaction (seen_at);
  `);
}
