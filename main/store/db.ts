import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type { DB };

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This database was written by a newer version of Partner Desk (schema ${found}; this version understands up to ${supported}). ` +
        'Update Partner Desk, or open a different data directory.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Opens (creating if needed) the database file and brings it to the latest schema. */
export function openDatabase(file: string, options: { upTo?: number } = {}): DB {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.upTo ?? LATEST_VERSION);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending step in one transaction; refuses a database from a newer release. */
export function migrate(db: DB, upTo: number = LATEST_VERSION): void {
  for (let i = 1; i < MIGRATIONS.length; i++) {
    if (MIGRATIONS[i]!.version <= MIGRATIONS[i - 1]!.version) throw new Error('MIGRATIONS must be strictly increasing');
  }
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) throw new DatabaseTooNewError(current, LATEST_VERSION);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  })();
}
