import type { ParsedInput } from '../../contract/index.ts';
import type { ReadDb } from '../context.ts';
import { SEEK_MAX } from '../lists/fact-list.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { ListPage } from '../lists/sort.ts';
import { ADMIN_ROW_COLUMNS, adminRowOut, partnerStatusSql } from './queries.ts';
import type { AdminRow } from './queries.ts';

/**
 * The admin partners list (pms.md §2.3 admin-partners) over 100k partners, planned as the large
 * lists are (lists/fact-list.ts): contains-filters are resolved first and, when they match few
 * partners, those are fetched and sorted; otherwise the sort column's index is walked with the
 * filters checked on the way, and only the page's partners are joined to their group.
 */
const SORTS: Record<string, { terms: readonly string[]; indexed?: readonly string[] }> = {
  partnerId: { terms: ['p.id'], indexed: ['type'] },
  partnerType: { terms: ['p.partner_type_code', 'p.id'], indexed: ['type'] },
  orgName: { terms: ['p.name COLLATE NOCASE', 'p.id'] },
  emailAddress: { terms: ['p.email_id COLLATE NOCASE', 'p.id'] },
  createdDateTime: { terms: ['p.created_at', 'p.id'], indexed: ['status', 'cert'] },
  // ascending: 'not_uploaded' before 'uploaded', newest first within each (one backward index walk)
  certificateUploadStatus: {
    terms: ['-(p.certificate_alias IS NULL)', '-p.created_at', '-p.id'],
    indexed: ['cert'],
  },
  status: {
    terms: ['p.approval_status', 'p.is_active', 'p.created_at', 'p.id'],
    indexed: ['status'],
  },
  // NULL (no group) sorts first ascending; walked in two parts below
  policyGroupName: { terms: ['g.name COLLATE NOCASE', 'p.id'], indexed: ['group'] },
};

const FROM = 'FROM partner p LEFT JOIN policy_group g ON g.id = p.policy_group_id';
const inJson = (expr: string) => `${expr} IN (SELECT value FROM json_each(?))`;

interface Filters {
  text: Where;
  /** Equality filters by name, in indexable and in residual ("+col") form. */
  eq: Array<{ name: string; sql: string; residual: string; params: unknown[] }>;
  empty: boolean;
}

function filters(db: ReadDb, input: ParsedInput<'partners.list'>): Filters {
  const text = new Where();
  if (input.partnerId) text.add("p.id LIKE ? ESCAPE '\\'", likeContains(input.partnerId));
  if (input.orgName) text.add("p.name LIKE ? ESCAPE '\\'", likeContains(input.orgName));
  if (input.emailAddress) text.add("p.email_id LIKE ? ESCAPE '\\'", likeContains(input.emailAddress));
  const eq: Filters['eq'] = [];
  if (input.partnerType)
    eq.push({
      name: 'type',
      sql: 'p.partner_type_code = ?',
      residual: '+p.partner_type_code = ?',
      params: [input.partnerType],
    });
  if (input.status) {
    const sql = partnerStatusSql(input.status);
    eq.push({ name: 'status', sql, residual: sql.replace(/p\./g, '+p.'), params: [] });
  }
  if (input.certificateUploadStatus) {
    // the expression of index partner_cert, so SQLite can use it
    eq.push({
      name: 'cert',
      sql: '(p.certificate_alias IS NULL) = ?',
      residual: '+(p.certificate_alias IS NULL) = ?',
      params: [input.certificateUploadStatus === 'uploaded' ? 0 : 1],
    });
  }
  let empty = false;
  if (input.policyGroupName) {
    const groups = db
      .prepare("SELECT id FROM policy_group WHERE name LIKE ? ESCAPE '\\'")
      .pluck()
      .all(likeContains(input.policyGroupName)) as string[];
    empty = groups.length === 0;
    eq.push({
      name: 'group',
      sql: inJson('p.policy_group_id'),
      residual: inJson('+p.policy_group_id'),
      params: [JSON.stringify(groups)],
    });
  }
  return { text, eq, empty };
}

function whereOf(f: Filters, residualExcept: readonly string[] | null): Where {
  const w = new Where();
  for (const [i, t] of f.text.parts.entries()) w.add(t, ...(f.text.termParams[i] ?? []));
  for (const e of f.eq) w.add(residualExcept && !residualExcept.includes(e.name) ? e.residual : e.sql, ...e.params);
  return w;
}

/** The display rows of the given partners, sorted, optionally one page of them. */
function details(db: ReadDb, ids: readonly string[], page: ListPage, paged = false): AdminRow[] {
  const sql = `SELECT ${ADMIN_ROW_COLUMNS} ${FROM} WHERE ${inJson('p.id')} ORDER BY ${page.orderBy}`;
  return (
    paged
      ? db.prepare(`${sql} LIMIT ? OFFSET ?`).all(JSON.stringify(ids), page.limit, page.offset)
      : db.prepare(sql).all(JSON.stringify(ids))
  ) as AdminRow[];
}

export function partnerListPlan(db: ReadDb, input: ParsedInput<'partners.list'>) {
  const page = listPage(
    input,
    Object.fromEntries(Object.entries(SORTS).map(([k, s]) => [k, s.terms])),
    'createdDateTime',
    'desc',
  );
  const f = filters(db, input);
  const where = whereOf(f, null);
  const walk = whereOf(f, SORTS[page.alias]?.indexed ?? []);
  const dir = page.desc ? 'DESC' : 'ASC';
  return {
    page,
    empty: f.empty,
    hasText: f.text.parts.length > 0,
    seekable: f.eq.length > 0,
    matches: {
      sql: `SELECT p.id FROM partner p ${where.sql} LIMIT ${SEEK_MAX + 1}`,
      params: where.params,
    },
    count: { sql: `SELECT COUNT(*) FROM partner p ${where.sql}`, params: where.params },
    seek: {
      sql: `SELECT ${ADMIN_ROW_COLUMNS} ${FROM} ${where.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
      params: where.params,
    },
    walkIds: {
      sql: `SELECT p.id FROM partner p ${walk.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
      params: walk.params,
    },
    // Sorting by group name walks the group-name index and each group's partners (partner_group);
    // a LEFT JOIN cannot be driven from the group side, so partners without a group are a part of their own.
    ungroupedCount: {
      sql: `SELECT COUNT(*) FROM partner p WHERE p.policy_group_id IS NULL ${walk.and}`,
      params: walk.params,
    },
    ungroupedIds: {
      sql: `SELECT p.id FROM partner p WHERE p.policy_group_id IS NULL ${walk.and} ORDER BY p.id ${dir} LIMIT ? OFFSET ?`,
      params: walk.params,
    },
    groupedIds: {
      sql: `SELECT p.id FROM policy_group g CROSS JOIN partner p ON p.policy_group_id = g.id ${walk.sql} ORDER BY g.name COLLATE NOCASE ${dir}, p.id ${dir} LIMIT ? OFFSET ?`,
      params: walk.params,
    },
  };
}

function walkByGroup(db: ReadDb, q: ReturnType<typeof partnerListPlan>, total: number): string[] {
  const { page } = q;
  const ungrouped = db
    .prepare(q.ungroupedCount.sql)
    .pluck()
    .get(...q.ungroupedCount.params) as number;
  // Ascending puts partners without a group first (as SQL sorts NULL), descending last.
  const [first, second] = page.desc ? [q.groupedIds, q.ungroupedIds] : [q.ungroupedIds, q.groupedIds];
  const firstSize = page.desc ? total - ungrouped : ungrouped;
  let ids: string[] = [];
  if (page.offset < firstSize)
    ids = db
      .prepare(first.sql)
      .pluck()
      .all(...first.params, page.limit, page.offset) as string[];
  if (ids.length < page.limit)
    ids = ids.concat(
      db
        .prepare(second.sql)
        .pluck()
        .all(...second.params, page.limit - ids.length, Math.max(0, page.offset - firstSize)) as string[],
    );
  return ids;
}

export function listPartners(db: ReadDb, input: ParsedInput<'partners.list'>) {
  const q = partnerListPlan(db, input);
  const { page } = q;
  const result = (total: number, rows: AdminRow[]) => ({
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    data: rows.map(adminRowOut),
  });
  if (q.empty) return result(0, []);
  if (q.hasText) {
    // One pass over the (covering) index of the filtered column; few matches are simply fetched.
    const ids = db
      .prepare(q.matches.sql)
      .pluck()
      .all(...q.matches.params) as string[];
    if (ids.length <= SEEK_MAX) return result(ids.length, details(db, ids, page, true));
  }
  const total = db
    .prepare(q.count.sql)
    .pluck()
    .get(...q.count.params) as number;
  if (total === 0 || page.offset >= total) return result(total, []);
  if (q.seekable && total <= SEEK_MAX)
    return result(total, db.prepare(q.seek.sql).all(...q.seek.params, page.limit, page.offset) as AdminRow[]);
  const ids =
    page.alias === 'policyGroupName'
      ? walkByGroup(db, q, total)
      : (db
          .prepare(q.walkIds.sql)
          .pluck()
          .all(...q.walkIds.params, page.limit, page.offset) as string[]);
  return result(total, details(db, ids, page));
}
