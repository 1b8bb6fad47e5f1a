import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { Actor, WriteDb } from '../context.ts';

const DAY_MS = 86_400_000;

export interface DeskCommand {
  seq: number;
}

/** The next outbox seq; the undo triggers (migration 0141) record under it while the command applies. */
export function deskCommandStarts(db: WriteDb): DeskCommand {
  const { seq } = db.prepare('SELECT COALESCE(MAX(client_seq), 0) + 1 AS seq FROM outbox').get() as { seq: number };
  db.prepare('UPDATE sync_node SET capture_seq = ? WHERE id = 1').run(seq);
  return { seq };
}

/** Stops recording; a command that is not queued (sign-in, sessions) keeps no undo images. */
export function deskCommandEnds(db: WriteDb, desk: DeskCommand, queued: boolean): void {
  db.prepare('UPDATE sync_node SET capture_seq = NULL WHERE id = 1').run();
  if (!queued) db.prepare('DELETE FROM sync_undo WHERE seq = ?').run(desk.seq);
}

/** When a desk stops taking new changes: `freezeDays` after its last complete pull (null: never). */
export function freezesAt(conn: { freeze_days: number; last_pull_at: string | null; joined_at: string }): Date | null {
  if (conn.freeze_days <= 0) return null;
  return new Date(Date.parse(conn.last_pull_at ?? conn.joined_at) + conn.freeze_days * DAY_MS);
}

interface Entry {
  seq: number;
  command: string;
  payload: unknown;
  actor: Actor | null;
  replay: { method: string; input: unknown } | false;
  seed: Buffer;
  time: string;
  ref: { type: string; id: string } | undefined;
}

/** Queues a command for the server, or refuses it when only the server may do it or the desk is frozen. */
export function deskOutboxEntry(db: WriteDb, now: Date, e: Entry): void {
  if (!e.actor) throw new AppError('PD_SYNC_005', 'On a desk joined to a server, this is done on the server.');
  if (e.replay === false) throw new AppError('PD_SYNC_004', 'This change can only be made on the server.');
  const conn = db
    .prepare('SELECT freeze_days, last_pull_at, joined_at, user_id FROM sync_connection WHERE id = 1')
    .get() as { freeze_days: number; last_pull_at: string | null; joined_at: string; user_id: string } | undefined;
  if (!conn) throw new Error('a desk without a connection row');
  if (conn.user_id !== e.actor.userId)
    throw new AppError('PD_SYNC_003', 'Only the user this desk was joined with can make changes on it.');
  const freeze = freezesAt(conn);
  if (freeze && now.getTime() >= freeze.getTime()) {
    throw new AppError(
      'PD_SYNC_006',
      `This desk has not synced for ${conn.freeze_days} days; sync it before making changes.`,
    );
  }
  db.prepare(
    `INSERT INTO outbox (id, client_seq, command, payload, actor, time, replay_method, replay_input, seed, sync_status, ref_type, ref_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(
    randomUUID(),
    e.seq,
    e.command,
    JSON.stringify(e.payload ?? null),
    e.actor.userId,
    e.time,
    e.replay.method,
    JSON.stringify(e.replay.input ?? {}),
    e.seed,
    e.ref?.type ?? null,
    e.ref?.id ?? null,
  );
}
