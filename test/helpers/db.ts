import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';
import { migrate } from '../../main/store/db.ts';

/** An in-memory database brought to exactly `version` (Signal's updateToVersion). */
export function dbAt(version: number): DB {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

/** The plan's detail lines, to assert index use. */
export function plan(db: DB, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('\n');
}
