import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion } from '../../../main/store/db.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/store/migrations/index.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pd-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migration runner', () => {
  it('numbers steps in increasing order and ends at LATEST_VERSION', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_VERSION).toBe(versions.at(-1));
  });

  it('opens a real file in WAL mode with foreign keys and is idempotent on reopen', () => {
    const file = join(tmp(), 'a.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(LATEST_VERSION);
    again.close();
  });

  it('refuses a database written by a newer version with a clear message and leaves it untouched', () => {
    const file = join(tmp(), 'new.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of Partner Desk/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    check.close();
  });

  it('rolls a failing step back entirely', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE app_user (x INTEGER) STRICT'); // collides with step 10
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'partner_type'").get()).toEqual({ n: 0 });
  });
});
