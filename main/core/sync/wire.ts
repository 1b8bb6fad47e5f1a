import type { Database, Statement } from 'better-sqlite3';
import type { ReplicatedTable, WireRow } from './tables.ts';
import { TABLE_BY_NAME } from './tables.ts';

type Db = Pick<Database, 'prepare'>;
export type KeyValues = Array<string | number | null>;

export function tableOf(name: string): ReplicatedTable {
  const t = TABLE_BY_NAME.get(name);
  if (!t) throw new Error(`not a replicated table: ${name}`);
  return t;
}

/** SELECT list of the travelling columns, BLOBs as hex. */
export function selectList(t: ReplicatedTable): string {
  return t.columns.map((c) => (t.blobs.includes(c) ? `hex(${c}) AS ${c}` : c)).join(', ');
}

export function keyWhere(t: ReplicatedTable): string {
  return t.key.map((k) => `${k} = ?`).join(' AND ');
}

export function keyOfRow(t: ReplicatedTable, row: WireRow): KeyValues {
  return t.key.map((k) => row[k] ?? null);
}

const cache = new WeakMap<object, Map<string, Statement<unknown[]>>>();
function stmt(db: Db, sql: string): Statement<unknown[]> {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

/** The row as it travels, or undefined when absent (or outside `scope`, an extra SQL condition). */
export function readRow(
  db: Db,
  t: ReplicatedTable,
  key: KeyValues,
  scope?: { sql: string; uid: string },
): WireRow | undefined {
  const where = scope ? `${keyWhere(t)} AND (${scope.sql})` : keyWhere(t);
  const s = stmt(db, `SELECT ${selectList(t)} FROM ${t.name} WHERE ${where}`);
  return (scope ? s.get(...key, { uid: scope.uid }) : s.get(...key)) as WireRow | undefined;
}

function toSql(t: ReplicatedTable, column: string, value: WireRow[string] | undefined): unknown {
  if (value === undefined || value === null) return null;
  return t.blobs.includes(column) ? Buffer.from(String(value), 'hex') : value;
}

/** Inserts or updates the travelling columns; desk-only NOT NULL columns get their local default on insert. */
export function upsertRow(db: Db, t: ReplicatedTable, row: WireRow): void {
  const locals = Object.entries(t.localDefaults ?? {});
  const cols = [...t.columns, ...locals.map(([c]) => c)];
  const updates = t.columns.filter((c) => !t.key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const sql =
    `INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})` +
    ` ON CONFLICT (${t.key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  stmt(db, sql).run(...t.columns.map((c) => toSql(t, c, row[c])), ...locals.map(([, v]) => v));
}

export function deleteRow(db: Db, t: ReplicatedTable, key: KeyValues): void {
  stmt(db, `DELETE FROM ${t.name} WHERE ${keyWhere(t)}`).run(...key);
}
