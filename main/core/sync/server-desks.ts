import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';
import { syncRole } from './node.ts';

type Db = ReadDb | WriteDb;

export interface DeskRow {
  id: string;
  user_id: string;
  key_hash: string;
  last_seq: number;
}

export function requireServer(db: Db): void {
  if (syncRole(db) !== 'server') throw new AppError('PD_SYNC_011', 'This Partner Desk does not serve desks.');
}

export function hashDeskKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * The desk must exist, belong to the signed-in user and present its key: a desk id alone (seen in
 * a log, or another desk's) gets nothing. One code for all three, so a caller cannot probe ids.
 */
export function verifyDesk(db: Db, actor: Actor, deskId: string, deskKey: string): DeskRow {
  const row = db.prepare('SELECT id, user_id, key_hash, last_seq FROM sync_desk WHERE id = ?').get(deskId) as
    DeskRow | undefined;
  const given = Buffer.from(hashDeskKey(deskKey), 'hex');
  const ok =
    row !== undefined && row.user_id === actor.userId && timingSafeEqual(given, Buffer.from(row.key_hash, 'hex'));
  if (!ok) throw new AppError('PD_SYNC_001', 'This desk is not registered to your account on this server.');
  return row;
}

export function freezeDays(db: Db): number {
  const row = db.prepare("SELECT value FROM sync_setting WHERE name = 'freezeDays'").get() as
    { value: number } | undefined;
  return row?.value ?? 0;
}
