import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type { DB };

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
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

/**
 * SQL functions the schema's triggers call. Every connection that writes is opened through
 * `migrate`, so every writer has them (read-only connections never fire triggers).
 */
export function registerSqlFunctions(db: DB): void {
  // "abc" → "\x01a\x01b\x01c\x01": every character and every pair of neighbours becomes a trigram
  // ("\x01a\x01", "a\x01b"), so a 1–2 character filter can use a trigram index (migration 0090).
  db.function('pd_spread', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? `\x01${[...text].join('\x01')}\x01` : null,
  );
}

/** Runs every pending step in one transaction; refuses a database from a newer release. */
export function migrate(db: DB, upTo: number = LATEST_VERSION): void {
  registerSqlFunctions(db);
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
