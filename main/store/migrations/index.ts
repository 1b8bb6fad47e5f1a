import type { Database } from 'better-sqlite3';
import m0010 from './0010-accounts.ts';
import m0020 from './0020-audit-outbox.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Ordered, one file per step, numbered in tens so a step can be slotted in during review. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'accounts', up: m0010 },
  { version: 20, name: 'audit-outbox', up: m0020 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
