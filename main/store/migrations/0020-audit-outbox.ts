import type { Database } from 'better-sqlite3';

/** The audit log (every command, success and failure) and the outbox that sync replays. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE app_audit_log (
      event_id TEXT PRIMARY KEY,
      module TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      ref_type TEXT,
      ref_id TEXT,
      result TEXT NOT NULL CHECK (result IN ('success', 'failure')),
      error_code TEXT,
      time TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_time ON app_audit_log(time);
    CREATE INDEX audit_module_time ON app_audit_log(module, time);
    CREATE INDEX audit_actor_time ON app_audit_log(actor, time);
    CREATE INDEX audit_result_time ON app_audit_log(result, time);

    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      client_seq INTEGER NOT NULL UNIQUE,
      command TEXT NOT NULL,
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      actor TEXT NOT NULL,
      time TEXT NOT NULL,
      synced_at TEXT
    ) STRICT;
    CREATE INDEX outbox_unsynced ON outbox(client_seq) WHERE synced_at IS NULL;
  `);
}
