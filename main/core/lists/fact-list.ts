import type { ReadDb } from '../context.ts';
import type { PageArgs } from './paging.ts';
import { likeContains } from './paging.ts';
import { Where, listPage } from './sort.ts';
import type { ListPage } from './sort.ts';

/**
 * Paged lists over the large tables that hang off a partner and a policy (link requests, API keys,
 * OIDC clients: a million rows and more). Filtering, sorting and paging stay in SQL; what this adds
 * is the choice of plan, which SQLite cannot make well without statistics:
 *
 * - partner and policy filters (id, name, type, group — MOSIP's "contains") are first resolved on
 *   the small tables to id lists, once for both the count and the page;
 * - a small result (≤ SEEK_MAX rows) reached through an index is fetched by seeking those ids and
 *   sorted — cheap, whatever the sort;
 * - a large result is walked in sort order: the sort column's index (of the big table, or of the
 *   partner / policy / group table driving a CROSS JOIN) is read in order and the filters are
 *   checked on the way ("+col" keeps SQLite from trading the order for a filter index), so a page
 *   reads about its own rows. The page's ids come from the index alone; the joins for display run
 *   on those few ids only, so deep pages do not pay for the rows they skip.
 */
export const SEEK_MAX = 1000;

export type Driver = 'row' | 'partner' | 'policy' | 'group';

export interface FactTable {
  table: string;
  /** alias of the big table in every SQL fragment */
  alias: string;
  partnerCol: string;
  policyCol: string;
}

export interface SortSpec {
  terms: readonly string[];
  driver: Driver;
  /** The driving table's index, pinned: a UNIQUE (column, id) index, so rows below it need no sort. */
  driverIndex?: string;
  /** Equality filters the walk may still use an index for: that index also gives this order. */
  indexed?: readonly string[];
}

export interface FactListSpec {
  fact: FactTable;
  /** Select list over f (the big table's alias), p, pol, g. */
  columns: string;
  sorts: Record<string, SortSpec>;
  fallback: string;
  fallbackType: 'asc' | 'desc';
  /** list_count keeps per-state totals of the table (migration 0030): the filter they answer. */
  counter: { eq: string };
}

export interface DimensionFilters {
  partnerId?: string | undefined;
  orgName?: string | undefined;
  partnerType?: string | undefined;
  policyId?: string | undefined;
  policyName?: string | undefined;
  policyGroupName?: string | undefined;
}

export interface FactFilters {
  /** The caller's partner ids; null for the partner admin. */
  scope: readonly string[] | null;
  dims: DimensionFilters;
  /** Equality filters on the big table, by name (for SortSpec.indexed). */
  eq: ReadonlyArray<{ name: string; column: string; value: unknown }>;
  /** Other terms on the big table (contains, ranges): never used to pick an index. */
  other: Where;
  /**
   * A contains-filter with a covering index of its own (a name, a label): its matches are looked up
   * first and, when few, fetched by id instead of walking the table for them.
   */
  lookup?: { sql: string; params: unknown[] } | undefined;
}

interface Sql {
  sql: string;
  params: unknown[];
}

export interface FactPlan {
  page: ListPage;
  /** null when a dimension filter matches nothing. */
  count: Sql | null;
  seekable: boolean;
  seek: Sql;
  walkIds: Sql;
  /** Display rows for the ids of a walked page: append the JSON array of ids as last parameter. */
  details: string;
}

const inJson = (expr: string) => `${expr} IN (SELECT value FROM json_each(?))`;

/** `expr IN (…)` for an id list: bound one by one while short (SQLite then knows how many), else as JSON. */
function inList(w: Where, expr: string, ids: readonly string[]): void {
  if (ids.length <= 200) w.in(expr, ids);
  else w.add(inJson(expr), JSON.stringify(ids));
}

function partnerIds(db: ReadDb, f: FactFilters): string[] | null {
  const w = new Where();
  if (f.dims.partnerId) w.add("id LIKE ? ESCAPE '\\'", likeContains(f.dims.partnerId));
  if (f.dims.orgName) w.add("name LIKE ? ESCAPE '\\'", likeContains(f.dims.orgName));
  if (f.dims.partnerType) w.add('partner_type_code = ?', f.dims.partnerType);
  if (!w.parts.length) return f.scope ? [...f.scope] : null;
  if (f.scope) w.in('id', f.scope);
  return (db.prepare(`SELECT id FROM partner ${w.sql}`).pluck().all(...w.params) as string[]);
}

function policyIds(db: ReadDb, f: FactFilters): string[] | null {
  const w = new Where();
  if (f.dims.policyId) w.add("id LIKE ? ESCAPE '\\'", likeContains(f.dims.policyId));
  if (f.dims.policyName) w.add("name LIKE ? ESCAPE '\\'", likeContains(f.dims.policyName));
  if (f.dims.policyGroupName) w.add("policy_group_id IN (SELECT id FROM policy_group WHERE name LIKE ? ESCAPE '\\')", likeContains(f.dims.policyGroupName));
  if (!w.parts.length) return null;
  return db.prepare(`SELECT id FROM auth_policy ${w.sql}`).pluck().all(...w.params) as string[];
}

function fromFor(spec: FactListSpec, sort: SortSpec): string {
  const { table, alias: f, partnerCol, policyCol } = spec.fact;
  const pinned = sort.driverIndex ? ` INDEXED BY ${sort.driverIndex}` : '';
  switch (sort.driver) {
    case 'row':
      return `FROM ${table} ${f}`;
    case 'partner':
      return `FROM partner p${pinned} CROSS JOIN ${table} ${f} ON ${f}.${partnerCol} = p.id`;
    case 'policy':
      return `FROM auth_policy pol${pinned} CROSS JOIN ${table} ${f} ON ${f}.${policyCol} = pol.id`;
    case 'group':
      return `FROM policy_group g CROSS JOIN auth_policy pol ON pol.policy_group_id = g.id CROSS JOIN ${table} ${f} ON ${f}.${policyCol} = pol.id`;
  }
}

/** Builds every statement of a list request; runFactList picks among them. */
export function factPlan(db: ReadDb, spec: FactListSpec, args: PageArgs, filters: FactFilters): FactPlan {
  const page = listPage(args, Object.fromEntries(Object.entries(spec.sorts).map(([k, s]) => [k, s.terms])), spec.fallback, spec.fallbackType);
  const sort = spec.sorts[page.alias]!;
  const { table, alias: f, partnerCol, policyCol } = spec.fact;
  const parts = partnerIds(db, filters);
  const pols = policyIds(db, filters);
  const found = filters.lookup ? (db.prepare(`${filters.lookup.sql} LIMIT ${SEEK_MAX + 1}`).pluck().all(...filters.lookup.params) as string[]) : null;
  const byId = found && found.length <= SEEK_MAX ? found : null;

  const where = new Where(); // indexable form, for the count
  const seek = new Where(); // the id lists drive; the rest is checked on the rows they reach
  const walk = new Where(); // the sort order drives; filters are checked on the way
  const ids = byId || parts || pols;
  if (parts) {
    inList(where, `${f}.${partnerCol}`, parts);
    inList(seek, `${f}.${partnerCol}`, parts);
    inList(walk, sort.driver === 'partner' ? '+p.id' : `+${f}.${partnerCol}`, parts);
  }
  if (pols) {
    inList(where, `${f}.${policyCol}`, pols);
    inList(seek, `${byId || parts ? '+' : ''}${f}.${policyCol}`, pols);
    inList(walk, sort.driver === 'policy' || sort.driver === 'group' ? '+pol.id' : `+${f}.${policyCol}`, pols);
  }
  if (byId) {
    inList(where, `${f}.id`, byId);
    inList(seek, `${f}.id`, byId);
    inList(walk, `+${f}.id`, byId);
  }
  for (const e of filters.eq) {
    where.add(`${e.column} = ?`, e.value);
    seek.add(`${ids ? '+' : ''}${e.column} = ?`, e.value);
    walk.add(`${sort.indexed?.includes(e.name) ? '' : '+'}${e.column} = ?`, e.value);
  }
  for (const [i, term] of filters.other.parts.entries()) {
    const params = filters.other.termParams[i] ?? [];
    where.add(term, ...params);
    seek.add(term, ...params);
    walk.add(term, ...params);
  }

  const joins = `FROM ${table} ${f} JOIN partner p ON p.id = ${f}.${partnerCol} JOIN auth_policy pol ON pol.id = ${f}.${policyCol} JOIN policy_group g ON g.id = pol.policy_group_id`;
  const empty = (parts && parts.length === 0) || (pols && pols.length === 0) || (byId && byId.length === 0);
  // No filter, or only the counted state: the total is kept by triggers instead of counted.
  const counted = !parts && !pols && !found && filters.other.parts.length === 0 && filters.eq.every((e) => e.name === spec.counter.eq);
  const state = filters.eq[0];
  const count: Sql = counted
    ? state
      ? { sql: 'SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ? AND k = ?', params: [table, String(state.value)] } // JS numbers bind as REAL: '1', not '1.0'
      : { sql: 'SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ?', params: [table] }
    : { sql: `SELECT COUNT(*) FROM ${table} ${f} ${where.sql}`, params: where.params };
  return {
    page,
    count: empty ? null : count,
    seekable: Boolean(parts || pols || byId || filters.eq.length),
    seek: { sql: `SELECT ${spec.columns} ${joins} ${seek.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`, params: [...seek.params, page.limit, page.offset] },
    walkIds: { sql: `SELECT ${f}.id ${fromFor(spec, sort)} ${walk.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`, params: [...walk.params, page.limit, page.offset] },
    details: `SELECT ${spec.columns} ${joins} WHERE ${inJson(`${f}.id`)} ORDER BY ${page.orderBy}`,
  };
}

export function runFactList<Row>(db: ReadDb, spec: FactListSpec, args: PageArgs, filters: FactFilters): { total: number; rows: Row[] } {
  const plan = factPlan(db, spec, args, filters);
  if (!plan.count) return { total: 0, rows: [] };
  const total = db.prepare(plan.count.sql).pluck().get(...plan.count.params) as number;
  if (total === 0 || plan.page.offset >= total) return { total, rows: [] };
  if (plan.seekable && total <= SEEK_MAX) return { total, rows: db.prepare(plan.seek.sql).all(...plan.seek.params) as Row[] };
  const ids = db.prepare(plan.walkIds.sql).pluck().all(...plan.walkIds.params) as string[];
  return { total, rows: db.prepare(plan.details).all(JSON.stringify(ids)) as Row[] };
}
