import type { Database } from 'better-sqlite3';

/**
 * Desk side: the one server this desk joined and where it stands with it. The server session token
 * is kept so the desk syncs without asking for the password again; the user's credential for
 * offline sign-in is the ordinary password hash in app_user, cached at the online sign-in.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE sync_connection (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      server_url TEXT NOT NULL,
      fingerprint TEXT,                   -- SHA-256 of the server's certificate, pinned at join; NULL on plain loopback
      desk_id TEXT NOT NULL,
      desk_key TEXT NOT NULL,
      user_id TEXT NOT NULL,
      server_session TEXT,                -- NULL: the server session ended; the user signs in online again
      credential TEXT,                    -- the user's password hash, made on this desk at the online sign-in
      cookie INTEGER NOT NULL DEFAULT 0,  -- the server change-log seq pulled up to
      server_last_seq INTEGER NOT NULL DEFAULT 0,
      freeze_days INTEGER NOT NULL DEFAULT 0,   -- 0: never freeze
      joined_at TEXT NOT NULL,
      last_pull_at TEXT,                  -- the last complete pull (the freeze counts from here)
      last_push_at TEXT,
      last_error TEXT,
      last_error_at TEXT
    ) STRICT;
  `);
}
