import type { Database } from 'better-sqlite3';

/**
 * Server side of the push. A desk is registered by a signed-in user (the server makes its id and
 * key); `last_seq` is the last command of that desk the server has decided, committed in the same
 * transaction as the command's effects. Every decided command keeps its verdict, so a repeated
 * (desk, seq) answers the stored verdict instead of running again. The audit log gains the desk,
 * the seq and the desk's own time of a pushed command.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE sync_desk (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES app_user(id),
      key_hash TEXT NOT NULL CHECK (length(key_hash) = 64),   -- SHA-256 of the desk key; the key is shown once
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
      last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
      created_at TEXT NOT NULL,
      last_push_at TEXT,
      last_pull_at TEXT
    ) STRICT;
    CREATE INDEX sync_desk_user ON sync_desk(user_id);

    CREATE TABLE sync_command (
      desk_id TEXT NOT NULL REFERENCES sync_desk(id),
      seq INTEGER NOT NULL CHECK (seq > 0),
      method TEXT NOT NULL,
      actor TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('applied', 'conflict')),
      code TEXT,
      message TEXT,
      desk_time TEXT NOT NULL,            -- when the user did it, by the desk's clock
      server_time TEXT NOT NULL,          -- when the server decided it
      PRIMARY KEY (desk_id, seq)
    ) STRICT, WITHOUT ROWID;

    -- Server settings an admin sets for every desk.
    CREATE TABLE sync_setting (
      name TEXT PRIMARY KEY CHECK (name IN ('freezeDays')),
      value INTEGER NOT NULL,
      upd_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE app_audit_log ADD COLUMN desk_id TEXT;
    ALTER TABLE app_audit_log ADD COLUMN desk_seq INTEGER;
    ALTER TABLE app_audit_log ADD COLUMN desk_time TEXT;
    CREATE INDEX audit_desk_seq ON app_audit_log(desk_id, desk_seq) WHERE desk_id IS NOT NULL;
  `);
}
