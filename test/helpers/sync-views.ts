import type { Database } from 'better-sqlite3';
import type { Role } from '../../main/contract/index.ts';
import { ALL, REPLICATED_TABLES, scopeOf } from '../../main/core/sync/tables.ts';
import { selectList } from '../../main/core/sync/wire.ts';

export type Snapshot = Record<string, Array<Record<string, unknown>>>;
type Db = Pick<Database, 'prepare'>;

function rows(
  db: Db,
  table: (typeof REPLICATED_TABLES)[number],
  where?: { sql: string; uid: string },
): Array<Record<string, unknown>> {
  const sql = `SELECT ${selectList(table)} FROM ${table.name}${where ? ` WHERE ${where.sql}` : ''} ORDER BY ${table.key.join(', ')}`;
  return (where ? db.prepare(sql).all({ uid: where.uid }) : db.prepare(sql).all()) as Array<Record<string, unknown>>;
}

/** Every replicated table as the server's database shows it to `userId` (by the user's roles there). */
export function serverViewOf(db: Db, userId: string): Snapshot {
  const roles = db.prepare('SELECT role FROM user_role WHERE user_id = ?').pluck().all(userId) as Role[];
  const out: Snapshot = {};
  for (const t of REPLICATED_TABLES) {
    const scope = scopeOf(t, roles);
    out[t.name] = scope === null ? [] : scope === ALL ? rows(db, t) : rows(db, t, { sql: scope, uid: userId });
  }
  return out;
}

/** Every replicated table in a desk's database. */
export function deskViewOf(db: Db): Snapshot {
  const out: Snapshot = {};
  for (const t of REPLICATED_TABLES) out[t.name] = rows(db, t);
  return out;
}
