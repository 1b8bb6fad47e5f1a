import type { Database } from 'better-sqlite3';

/**
 * Issue 12. `login_throttle` counts failed sign-ins for logins that match no account, exactly as
 * app_user counts them for real ones, so the answers (attempts left, pause) cannot tell the two
 * apart. `app_session.wrong_passwords` limits guesses at the current password through a session.
 * `ca_certificate.is_virtual` marks the virtual devices' test roots in the trust store;
 * `app_setting` holds installation facts such as "this is a demo database".
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE login_throttle (
      login_key TEXT PRIMARY KEY,          -- SHA-256 of the lower-cased login; the login itself is not kept
      failures INTEGER NOT NULL,
      locked_until TEXT,
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX login_throttle_updated ON login_throttle(updated_at);

    ALTER TABLE app_session ADD COLUMN wrong_passwords INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE ca_certificate ADD COLUMN is_virtual INTEGER NOT NULL DEFAULT 0 CHECK (is_virtual IN (0, 1));

    CREATE TABLE app_setting (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
