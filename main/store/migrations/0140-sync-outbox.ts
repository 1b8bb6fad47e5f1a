import type { Database } from 'better-sqlite3';

/**
 * What this database is in sync (a standalone desk, a server, or a desk joined to a server) and
 * what the outbox needs to replay a command on the server: the method and input to run again,
 * the seed of the command's random source (so the server makes the same ids), and the server's
 * verdict once known. `client_seq` is the per-desk sequence pushed as (deskId, seq).
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE sync_node (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      role TEXT NOT NULL DEFAULT 'standalone' CHECK (role IN ('standalone', 'server', 'desk')),
      -- desk only: while a command applies, the outbox seq its undo images belong to (migration 0141)
      capture_seq INTEGER
    ) STRICT;
    INSERT INTO sync_node (id) VALUES (1);

    ALTER TABLE outbox ADD COLUMN replay_method TEXT;
    ALTER TABLE outbox ADD COLUMN replay_input TEXT CHECK (replay_input IS NULL OR json_valid(replay_input));
    ALTER TABLE outbox ADD COLUMN seed BLOB;
    -- local: never pushed (standalone desk); pending: waiting for the server; applied / conflict: the server's verdict
    ALTER TABLE outbox ADD COLUMN sync_status TEXT NOT NULL DEFAULT 'local' CHECK (sync_status IN ('local', 'pending', 'applied', 'conflict'));
    -- 1 once a complete pull showed the server past this seq: its effects now come from the server's rows
    ALTER TABLE outbox ADD COLUMN acked INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1));
    ALTER TABLE outbox ADD COLUMN result_code TEXT;
    ALTER TABLE outbox ADD COLUMN result_message TEXT;
    ALTER TABLE outbox ADD COLUMN server_time TEXT;
    -- the code a re-apply on top of newer server data refused with (the command still goes to the server)
    ALTER TABLE outbox ADD COLUMN local_error TEXT;
    ALTER TABLE outbox ADD COLUMN ref_type TEXT;
    ALTER TABLE outbox ADD COLUMN ref_id TEXT;

    CREATE INDEX outbox_unacked ON outbox(client_seq) WHERE acked = 0 AND sync_status <> 'local';
    -- the push queue (status 'pending'), the queue view per status and the status counts
    CREATE INDEX outbox_status_seq ON outbox(sync_status, client_seq);
  `);
}
