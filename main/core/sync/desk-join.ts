import type { ErrorCode, SyncActivityView } from '../../contract/index.ts';
import { writeAudit } from '../command.ts';
import type { WriteDb } from '../context.ts';
import { REPLICATED_TABLES } from './tables.ts';

/** A desk client that is doing nothing. */
export const IDLE: SyncActivityView = { syncing: false, paused: false, progress: null };

/**
 * A join that did not finish its first full sync (cancelled, or the server went away) leaves the
 * desk as it was before: empty and standalone, so the user can join again. A half-pulled desk
 * would hold rows but maybe not its own user's, and could neither sign in nor join again.
 * The desk registered on the server stays there unused.
 */
export function abandonJoin(db: WriteDb, now: Date, code: ErrorCode): void {
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    const conn = db.prepare('SELECT desk_id, user_id FROM sync_connection WHERE id = 1').get() as
      { desk_id: string; user_id: string } | undefined;
    for (const t of [...REPLICATED_TABLES].reverse()) db.prepare(`DELETE FROM ${t.name}`).run();
    db.prepare('DELETE FROM sync_undo').run();
    db.prepare("DELETE FROM outbox WHERE sync_status <> 'local'").run();
    db.prepare('DELETE FROM sync_connection').run();
    db.prepare("UPDATE sync_node SET role = 'standalone', capture_seq = NULL WHERE id = 1").run();
    writeAudit(db, {
      module: 'sync',
      action: 'sync.connect',
      actor: conn?.user_id ?? 'anonymous',
      ref: conn ? { type: 'desk', id: conn.desk_id } : undefined,
      result: 'failure',
      errorCode: code,
      time: now.toISOString(),
    });
  })();
}
