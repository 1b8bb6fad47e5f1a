import type { ReadDb } from '../context.ts';
import { likeContains } from './paging.ts';

/**
 * MOSIP's case-insensitive "contains" filters through the trigram indexes of migration 0070. They
 * index `lower(text)` case-sensitively, so a phrase query of the lower-cased filter finds exactly
 * the rows `LIKE likeContains(filter)` finds.
 *
 * A phrase query steps through the entry list of every one of its trigrams, and some trigrams are in
 * nearly every row ("use", "ser"): about 20 µs a match then. So the trigrams are probed first and,
 * when some are rare, those alone give a small superset of candidates, checked with the same LIKE.
 * Only a filter made of common trigrams runs as a phrase.
 *
 * A trigram query needs three characters. Shorter filters on free text use the spread index of
 * migration 0090 (each character and each pair is a trigram there); on a column with a value index
 * they are answered by LIKE over its distinct values (a few for a make, as many as rows for a model).
 */

export interface Term {
  sql: string;
  params: unknown[];
}

/** A trigram found in at most this many entries counts as rare; its candidates are checked one by one. */
export const RARE_MAX = 2000;
/** Trigrams probed per filter at most (a long filter needs only a few rare ones). */
const PROBES_MAX = 16;

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The FTS5 phrase for a filter, or null when it is shorter than one trigram. */
export function trigramQuery(filter: string): string | null {
  const lowered = filter.toLowerCase();
  return [...lowered].length >= 3 ? quote(lowered) : null;
}

/**
 * rowids of a small superset of the entries containing the filter, found through its rare trigrams;
 * null when the filter is shorter than a trigram or all the trigrams probed are common.
 */
export function rareCandidates(db: ReadDb, fts: string, filter: string): number[] | null {
  const chars = [...filter.toLowerCase()];
  const grams = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))].slice(0, PROBES_MAX);
  const probe = db
    .prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ${RARE_MAX + 1})`)
    .pluck();
  const rare = grams.filter((g) => (probe.get(quote(g)) as number) <= RARE_MAX);
  if (rare.length === 0) return null;
  return db
    .prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`)
    .pluck()
    .all(rare.map(quote).join(' AND ')) as number[];
}

/** rowids of the entries whose text contains the filter (a phrase query), at most `limit`; null below three characters. */
export function matchRowids(db: ReadDb, fts: string, filter: string, limit: number): number[] | null {
  const q = trigramQuery(filter);
  if (q === null) return null;
  return db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?`).pluck().all(q, limit) as number[];
}

/** `expr IN (…)` over values or ids: bound one by one while short (SQLite then knows how many), else as JSON. */
export function inTerm(expr: string, values: readonly unknown[]): Term {
  if (values.length === 0) return { sql: '0', params: [] };
  if (values.length <= 200) return { sql: `${expr} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
  return { sql: `${expr} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] };
}

export interface ValueMatch {
  /** the matching distinct values, as stored */
  values: string[];
  /** rows holding one of them (the value index keeps the counts) */
  rows: number;
}

/**
 * The distinct values of a value index (0070 `valueIndex`) that contain the filter, with their
 * total row count; null when more than `max` values match — then rows are filtered one by one.
 */
export function matchValues(db: ReadDb, index: string, filter: string, max: number): ValueMatch | null {
  const like = likeContains(filter);
  const candidates = trigramQuery(filter) === null ? null : rareCandidates(db, `${index}_fts`, filter);
  let found: Array<{ value: string; n: number }>;
  if (candidates) {
    const ids = inTerm('id', candidates);
    found = db
      .prepare(`SELECT value, n FROM ${index} WHERE ${ids.sql} AND value LIKE ? ESCAPE '\\' LIMIT ?`)
      .all(...ids.params, like, max + 1) as typeof found;
  } else if (trigramQuery(filter) === null) {
    found = db
      .prepare(`SELECT value, n FROM ${index} WHERE value LIKE ? ESCAPE '\\' LIMIT ?`)
      .all(like, max + 1) as typeof found;
  } else {
    found = db
      .prepare(
        `SELECT v.value, v.n FROM ${index}_fts f CROSS JOIN ${index} v ON v.id = f.rowid WHERE ${index}_fts MATCH ? LIMIT ?`,
      )
      .all(trigramQuery(filter), max + 1) as typeof found;
  }
  if (found.length > max) return null;
  return { values: found.map((f) => f.value), rows: found.reduce((sum, f) => sum + f.n, 0) };
}

/** How a list applies one contains-filter (fact-list.ts, devices/lists.ts). */
export interface TextFilter {
  /** The filter's name: a sort whose index is the filter's own reads it in `count` form. */
  name: string;
  /** The matching rows' ids when they are few (at most RARE_MAX): those rows are reached by id. */
  ids: string[] | null;
  /** A query for the number of rows this filter alone matches, when an index answers it. */
  total: Term | null;
  /** `total` when it counts match by match: stopped at a limit appended as last parameter. */
  cappedTotal?: Term;
  /** The filter in a form the count can drive from an index. */
  count: Term;
  /** The filter checked on each row reached some other way (a walk in sort order, a seek). */
  check: Term;
}

/** Values a value index may resolve a filter to before rows are checked one by one instead. */
export const VALUES_MAX = 2000;

const likeTerm = (expr: string, filter: string): Term => ({
  sql: `${expr} LIKE ? ESCAPE '\\'`,
  params: [likeContains(filter)],
});
const plain = (name: string, expr: string, filter: string): TextFilter => ({
  name,
  ids: null,
  total: null,
  count: likeTerm(expr, filter),
  check: likeTerm(expr, filter),
});
const known = (n: number): Term => ({ sql: 'SELECT ?', params: [n] });

interface At {
  name: string;
  table: string;
  alias: string;
  column: string;
}

/**
 * A contains-filter on free text with a row index (0070 rowTextIndex): few candidates from rare
 * trigrams are checked and reached by id; a filter of common trigrams is counted by a phrase query
 * and checked row by row on the page's walk (its matches are then many).
 */
export function rowTextFilter(db: ReadDb, at: At & { fts: string; charsFts?: string }, filter: string): TextFilter {
  const column = `${at.alias}.${at.column}`;
  if (trigramQuery(filter) === null) {
    // 1–2 characters: one trigram of the spread index (migration 0090) when its entries are few;
    // when they are many, the matches are dense and a walk in sort order finds a page at once.
    const short = at.charsFts ? shortCandidates(db, at.charsFts, filter) : null;
    return short ? byCandidates(db, at, filter, short) : plain(at.name, column, filter);
  }
  const candidates = rareCandidates(db, at.fts, filter);
  if (candidates) return byCandidates(db, at, filter, candidates);
  const q = trigramQuery(filter);
  const phrase = {
    sql: `${at.alias}.rowid IN (SELECT rowid FROM ${at.fts} WHERE ${at.fts} MATCH ?)`,
    params: [q],
  };
  return {
    name: at.name,
    ids: null,
    total: { sql: `SELECT COUNT(*) FROM ${at.fts} WHERE ${at.fts} MATCH ?`, params: [q] },
    cappedTotal: {
      sql: `SELECT COUNT(*) FROM (SELECT 1 FROM ${at.fts} WHERE ${at.fts} MATCH ? LIMIT ?)`,
      params: [q],
    },
    count: phrase,
    check: likeTerm(column, filter),
  };
}

/** Candidates (rowids) checked with the filter's LIKE; the rows that pass are reached by id. */
function byCandidates(db: ReadDb, at: At, filter: string, candidates: number[]): TextFilter {
  const column = `${at.alias}.${at.column}`;
  const rowids = inTerm(`${at.alias}.rowid`, candidates);
  const like = likeTerm(column, filter);
  const ids = db
    .prepare(`SELECT ${at.alias}.id FROM ${at.table} ${at.alias} WHERE ${rowids.sql} AND ${like.sql}`)
    .pluck()
    .all(...rowids.params, ...like.params) as string[];
  return { ...plain(at.name, column, filter), ids, total: known(ids.length) };
}

/**
 * rowids of the rows whose text holds a 1–2 character filter, from the spread index (0090: "a"
 * is the trigram "\x01a\x01", "ab" is "a\x01b"); null when more than RARE_MAX rows hold it.
 */
export function shortCandidates(db: ReadDb, charsFts: string, filter: string): number[] | null {
  const chars = [...filter.toLowerCase()];
  if (chars.length === 0 || chars.length > 2) return null;
  const gram = quote(chars.length === 1 ? `\x01${chars[0]}\x01` : `${chars[0]}\x01${chars[1]}`);
  const found = db
    .prepare(`SELECT rowid FROM ${charsFts} WHERE ${charsFts} MATCH ? LIMIT ${RARE_MAX + 1}`)
    .pluck()
    .all(gram) as number[];
  return found.length > RARE_MAX ? null : found;
}

/**
 * A contains-filter on a short column with a value index (0070 valueIndex): resolved to the
 * matching values, then the rows through the column's index. `collate` names the collation of that
 * index (a NOCASE index serves the same rows: LIKE is itself ASCII case-insensitive).
 */
export function valueFilter(
  db: ReadDb,
  at: At & { index: string; collate?: string },
  filter: string,
  seekMax: number,
): TextFilter {
  const column = `${at.alias}.${at.column}`;
  const m = matchValues(db, at.index, filter, VALUES_MAX);
  if (!m) return plain(at.name, column, filter);
  const collated = at.collate ? `${column} COLLATE ${at.collate}` : column;
  const count = inTerm(collated, m.values);
  const ids =
    m.rows <= seekMax
      ? (db
          .prepare(`SELECT ${at.alias}.id FROM ${at.table} ${at.alias} WHERE ${count.sql}`)
          .pluck()
          .all(...count.params) as string[])
      : null;
  return {
    name: at.name,
    ids,
    total: known(m.rows),
    count,
    check: inTerm(`+${collated}`, m.values),
  };
}

/**
 * A contains-filter on a column without a text index (a client name): its matches are looked up on
 * the column's covering index first and, when at most `seekMax`, fetched by id.
 */
export function scanFilter(db: ReadDb, at: At, filter: string, seekMax: number): TextFilter {
  const column = `${at.alias}.${at.column}`;
  const like = likeTerm(column, filter);
  const found = db
    .prepare(`SELECT ${at.alias}.id FROM ${at.table} ${at.alias} WHERE ${like.sql} LIMIT ?`)
    .pluck()
    .all(...like.params, seekMax + 1) as string[];
  if (found.length > seekMax) return plain(at.name, column, filter);
  return { ...plain(at.name, column, filter), ids: found, total: known(found.length) };
}
