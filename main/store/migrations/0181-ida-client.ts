import type { Database } from 'better-sqlite3';

/**
 * The desk's IDA client (docs/id-service.md): where the ID authentication service is, its
 * certificates, and the desk's authentication-partner identity. The private key and the API key
 * rest wrapped under the host's KEK. One row: a desk talks to one service.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE ida_client (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      base_url TEXT NOT NULL,
      misp_license_key TEXT NOT NULL,
      partner_id TEXT NOT NULL,
      wrapped_api_key BLOB NOT NULL,
      service_partner_cert BLOB NOT NULL,   -- requests are encrypted to it (IDA's PARTNER)
      service_fir_cert BLOB NOT NULL,       -- the devices encrypt biometrics to it (IDA-FIR)
      service_sign_cert BLOB NOT NULL,      -- answers must be signed with it (SIGN)
      partner_cert BLOB NOT NULL,
      wrapped_partner_key BLOB NOT NULL,
      timeout_ms INTEGER NOT NULL CHECK (timeout_ms BETWEEN 1000 AND 120000),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;
  `);
}
