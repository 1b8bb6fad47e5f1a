import type { Database } from 'better-sqlite3';

/**
 * The trust profile each partner domain validates with (lib/pki/README.md "Trust profiles").
 * No row means the default, `keymanager`; the admin sets one per domain through
 * `trustStore.setProfile`, audited like every command.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE trust_profile (
      domain TEXT PRIMARY KEY CHECK (domain IN ('AUTH', 'DEVICE', 'FTM', 'MISP')),
      profile TEXT NOT NULL CHECK (profile IN ('keymanager', 'strict')),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
