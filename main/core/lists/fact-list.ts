import type { ReadDb } from '../context.ts';
import type { PageArgs } from './paging.ts';
import { likeContains } from './paging.ts';
import { Where, listPage } from './sort.ts';
import type { ListPage } from './sort.ts';
import { inTerm } from './text-search.ts';
import type { TextFilter } from './text-search.ts';
import { COUNT_CAP } from './count-cap.ts';

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
  /**
   * list_count keeps per-state totals of the table (migration 0030): the filter they answer;
   * `byPartnerType` names the list_count table that keeps them per partner type too (0070).
   */
  counter: { eq: string; byPartnerType?: string };
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
   * A contains-filter with an index of its own (lists/text-search.ts): few matches are fetched by
   * id; otherwise the count reads its index and a walk checks it row by row.
   */
  text?: TextFilter | undefined;
}

interface Sql {
  sql: string;
  params: unknown[];
}

export interface FactPlan {
  page: ListPage;
  /** null when a dimension filter matches nothing. */
  count: Sql | null;
  /** The same count stopped early: append the limit (cap + 1) as last parameter; null when `count` is kept, not counted. */
  cappedCount: Sql | null;
  seekable: boolean;
  seek: Sql;
  walkIds: Sql;
  /** Display rows for the ids of a walked page: append the JSON array of ids as last parameter. */
  details: string;
}

const inJson = (expr: string) => `${expr} IN (SELECT value FROM json_each(?))`;

function inList(w: Where, expr: string, ids: readonly string[]): void {
  const t = inTerm(expr, ids);
  w.add(t.sql, ...t.params);
}

/** Only the partner type limits the partners: it stays a subquery (20k ids need not travel to JS and back). */
const typeOnly = (f: FactFilters): string | null =>
  f.dims.partnerType && !f.dims.partnerId && !f.dims.orgName && !f.scope ? f.dims.partnerType : null;

function partnerIds(db: ReadDb, f: FactFilters): string[] | null {
  if (typeOnly(f)) return null;
  const w = new Where();
  if (f.dims.partnerId) w.add("id LIKE ? ESCAPE '\\'", likeContains(f.dims.partnerId));
  if (f.dims.orgName) w.add("name LIKE ? ESCAPE '\\'", likeContains(f.dims.orgName));
  if (f.dims.partnerType) w.add('partner_type_code = ?', f.dims.partnerType);
  if (!w.parts.length) return f.scope ? [...f.scope] : null;
  if (f.scope) w.in('id', f.scope);
  return db
    .prepare(`SELECT id FROM partner ${w.sql}`)
    .pluck()
    .all(...w.params) as string[];
}

function policyIds(db: ReadDb, f: FactFilters): string[] | null {
  const w = new Where();
  if (f.dims.policyId) w.add("id LIKE ? ESCAPE '\\'", likeContains(f.dims.policyId));
  if (f.dims.policyName) w.add("name LIKE ? ESCAPE '\\'", likeContains(f.dims.policyName));
  if (f.dims.policyGroupName)
    w.add(
      "policy_group_id IN (SELECT id FROM policy_group WHERE name LIKE ? ESCAPE '\\')",
      likeContains(f.dims.policyGroupName),
    );
  if (!w.parts.length) return null;
  return db
    .prepare(`SELECT id FROM auth_policy ${w.sql}`)
    .pluck()
    .all(...w.params) as string[];
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
  const page = listPage(
    args,
    Object.fromEntries(Object.entries(spec.sorts).map(([k, s]) => [k, s.terms])),
    spec.fallback,
    spec.fallbackType,
  );
  const sort = spec.sorts[page.alias]!;
  const { table, alias: f, partnerCol, policyCol } = spec.fact;
  const parts = partnerIds(db, filters);
  const pols = policyIds(db, filters);
  const text = filters.text;
  const byId = text?.ids ?? null;

  const where = new Where(); // indexable form, for the count
  const seek = new Where(); // the id lists drive; the rest is checked on the rows they reach
  const walk = new Where(); // the sort order drives; filters are checked on the way
  const byType = typeOnly(filters);
  const ids = byId || parts || pols || byType;
  if (parts) {
    inList(where, `${f}.${partnerCol}`, parts);
    inList(seek, `${f}.${partnerCol}`, parts);
    inList(walk, sort.driver === 'partner' ? '+p.id' : `+${f}.${partnerCol}`, parts);
  }
  if (byType) {
    const ofType = `${f}.${partnerCol} IN (SELECT id FROM partner WHERE partner_type_code = ?)`;
    where.add(ofType, byType);
    seek.add(ofType, byType);
    // a walk over partners checks (or, in type order, seeks) the type on the partner row itself
    walk.add(sort.driver === 'partner' ? 'p.partner_type_code = ?' : `+${ofType}`, byType);
  }
  if (pols) {
    inList(where, `${f}.${policyCol}`, pols);
    inList(seek, `${byId || parts || byType ? '+' : ''}${f}.${policyCol}`, pols);
    inList(walk, sort.driver === 'policy' || sort.driver === 'group' ? '+pol.id' : `+${f}.${policyCol}`, pols);
  }
  if (byId) {
    inList(where, `${f}.id`, byId);
    inList(seek, `${f}.id`, byId);
    inList(walk, `+${f}.id`, byId);
  } else if (text) {
    where.add(text.count.sql, ...text.count.params);
    seek.add(text.check.sql, ...text.check.params);
    const inOrder = sort.indexed?.includes(text.name) ? text.count : text.check;
    walk.add(inOrder.sql, ...inOrder.params);
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
  const kept = keptCount(spec, filters, Boolean(pols));
  // a text filter alone counts on its own index (a phrase query), stopped as early as the rows would be
  const textAlone = kept !== null && kept === text?.total ? (text.cappedTotal ?? null) : null;
  return {
    page,
    count: empty ? null : (kept ?? { sql: `SELECT COUNT(*) FROM ${table} ${f} ${where.sql}`, params: where.params }),
    cappedCount:
      empty || (kept && !textAlone)
        ? null
        : (textAlone ?? {
            sql: `SELECT COUNT(*) FROM (SELECT 1 FROM ${table} ${f} ${where.sql} LIMIT ?)`,
            params: where.params,
          }),
    seekable: Boolean(parts || byType || pols || byId || filters.eq.length),
    seek: {
      sql: `SELECT ${spec.columns} ${joins} ${seek.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
      params: [...seek.params, page.limit, page.offset],
    },
    walkIds: {
      sql: `SELECT ${f}.id ${fromFor(spec, sort)} ${walk.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
      params: [...walk.params, page.limit, page.offset],
    },
    details: `SELECT ${spec.columns} ${joins} WHERE ${inJson(`${f}.id`)} ORDER BY ${page.orderBy}`,
  };
}

/**
 * The total when something keeps it, so nothing is counted: no filter or only the state (list_count,
 * 0030), the partner type with or without the state (0070), or only a text filter whose index knows.
 */
function keptCount(spec: FactListSpec, filters: FactFilters, policyFilter: boolean): Sql | null {
  const { table } = spec.fact;
  const { dims, eq, other, text, scope } = filters;
  if (policyFilter || other.parts.length > 0 || !eq.every((e) => e.name === spec.counter.eq)) return null;
  const partnerFilter = Boolean(scope || dims.partnerId || dims.orgName);
  const state = eq[0] ? String(eq[0].value) : null; // JS numbers bind as REAL: '1', not '1.0'
  if (text) return !partnerFilter && !dims.partnerType && !state ? text.total : null;
  if (partnerFilter) return null;
  const sum = 'SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = ?';
  if (dims.partnerType) {
    const byType = spec.counter.byPartnerType;
    if (!byType) return null;
    // '<type>/<state>' keys: one state, or all of the type's ('/' sorts just below '0')
    return state
      ? { sql: `${sum} AND k = ?`, params: [byType, `${dims.partnerType}/${state}`] }
      : {
          sql: `${sum} AND k >= ? AND k < ?`,
          params: [byType, `${dims.partnerType}/`, `${dims.partnerType}0`],
        };
  }
  return state ? { sql: `${sum} AND k = ?`, params: [table, state] } : { sql: sum, params: [table] };
}

export interface FactPage<Row> {
  total: number;
  /** More rows than `total` match, and some follow this page (the count stopped at the cap). */
  totalIsLowerBound: boolean;
  rows: Row[];
}

export function runFactList<Row>(
  db: ReadDb,
  spec: FactListSpec,
  args: PageArgs,
  filters: FactFilters,
  countCap = COUNT_CAP,
): FactPage<Row> {
  const plan = factPlan(db, spec, args, filters);
  if (!plan.count) return { total: 0, totalIsLowerBound: false, rows: [] };
  const counted = plan.cappedCount
    ? (db
        .prepare(plan.cappedCount.sql)
        .pluck()
        .get(...plan.cappedCount.params, countCap + 1) as number)
    : null;
  if (counted === null || counted <= countCap) {
    const total =
      counted ??
      (db
        .prepare(plan.count.sql)
        .pluck()
        .get(...plan.count.params) as number);
    if (total === 0 || plan.page.offset >= total) return { total, totalIsLowerBound: false, rows: [] };
    if (plan.seekable && total <= SEEK_MAX)
      return {
        total,
        totalIsLowerBound: false,
        rows: db.prepare(plan.seek.sql).all(...plan.seek.params) as Row[],
      };
    return { total, totalIsLowerBound: false, rows: walkedPage<Row>(db, plan, plan.page.limit) };
  }
  // More than the cap match, so the walk finds the page: one row past it tells whether more follow.
  const { limit, offset } = plan.page;
  const rows = walkedPage<Row>(db, plan, limit + 1);
  if (rows.length > limit)
    return {
      total: Math.max(countCap, offset + limit),
      totalIsLowerBound: true,
      rows: rows.slice(0, limit),
    };
  // the last page (its end is the exact total) or past it (counted after all: a page nobody reaches by paging)
  const total =
    rows.length > 0
      ? offset + rows.length
      : (db
          .prepare(plan.count.sql)
          .pluck()
          .get(...plan.count.params) as number);
  return { total, totalIsLowerBound: false, rows };
}

/** The page's ids by walking the sort order, `limit` of them, then their display rows. */
function walkedPage<Row>(db: ReadDb, plan: FactPlan, limit: number): Row[] {
  const params = [...plan.walkIds.params.slice(0, -2), limit, plan.page.offset];
  const ids = db
    .prepare(plan.walkIds.sql)
    .pluck()
    .all(...params) as string[];
  return db.prepare(plan.details).all(JSON.stringify(ids)) as Row[];
}
