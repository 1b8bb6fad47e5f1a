import type { ParsedInput } from '../../contract/index.ts';
import type { ReadDb } from '../context.ts';
import { likeContains, pageClause } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { SortTerms } from '../lists/sort.ts';
import { GROUP_COLUMNS, groupOut, policySummary } from './queries.ts';
import type { GroupRow, PolicyRow } from './queries.ts';

const GROUP_SORTS: SortTerms = {
  policyGroupId: ['g.id'],
  name: ['g.name COLLATE NOCASE'],
  description: ['g.descr COLLATE NOCASE', 'g.id'],
  createdDateTime: ['g.created_at', 'g.id'],
  // 'activated' before 'deactivated' when ascending
  status: ['-g.is_active', 'g.created_at', 'g.id'],
};

export function listGroups(db: ReadDb, input: ParsedInput<'policyGroups.list'>) {
  const page = listPage(input, GROUP_SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  if (input.policyGroupId) w.add("g.id LIKE ? ESCAPE '\\'", likeContains(input.policyGroupId));
  if (input.name) w.add("g.name LIKE ? ESCAPE '\\'", likeContains(input.name));
  if (input.description) w.add("g.descr LIKE ? ESCAPE '\\'", likeContains(input.description));
  if (input.status) w.add('g.is_active = ?', input.status === 'activated' ? 1 : 0);
  const total = db.prepare(`SELECT COUNT(*) AS n FROM policy_group g ${w.sql}`).get(...w.params) as { n: number };
  const rows = db
    .prepare(`SELECT ${GROUP_COLUMNS} FROM policy_group g ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
    .all(...w.params, page.limit, page.offset) as GroupRow[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total.n,
    data: rows.map(groupOut),
  };
}

/** Active groups by name, for the partner's searchable group choice. */
export function searchActiveGroups(db: ReadDb, input: ParsedInput<'policyGroups.searchActive'>) {
  const page = pageClause(
    { pageNo: input.pageNo, pageSize: input.pageSize, sortType: 'asc' },
    { name: 'g.name COLLATE NOCASE' },
    'name',
  );
  const w = new Where().add('g.is_active = 1');
  if (input.name) w.add("g.name LIKE ? ESCAPE '\\'", likeContains(input.name));
  const total = db.prepare(`SELECT COUNT(*) AS n FROM policy_group g ${w.sql}`).get(...w.params) as { n: number };
  const rows = db
    .prepare(`SELECT g.id, g.name, g.descr FROM policy_group g ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
    .all(...w.params, page.limit, page.offset) as Array<{
    id: string;
    name: string;
    descr: string;
  }>;
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total.n,
    data: rows.map((g) => ({ policyGroupId: g.id, name: g.name, description: g.descr })),
  };
}

const POLICY_SORTS: SortTerms = {
  policyId: ['pol.id'],
  policyName: ['pol.name COLLATE NOCASE', 'pol.id'],
  policyDescription: ['pol.descr COLLATE NOCASE', 'pol.id'],
  policyGroupName: ['g.name COLLATE NOCASE', 'pol.id'],
  createdDateTime: ['pol.created_at', 'pol.id'],
  status: ['pol.status', 'pol.created_at', 'pol.id'],
};

/** One list per type, as MOSIP's Auth Policies and Data Share Policies screens. */
export function listPolicies(db: ReadDb, input: ParsedInput<'policies.list'>) {
  const page = listPage(input, POLICY_SORTS, 'createdDateTime', 'desc');
  const w = new Where().add('pol.policy_type = ?', input.policyType);
  if (input.policyId) w.add("pol.id LIKE ? ESCAPE '\\'", likeContains(input.policyId));
  if (input.policyName) w.add("pol.name LIKE ? ESCAPE '\\'", likeContains(input.policyName));
  if (input.policyDescription) w.add("pol.descr LIKE ? ESCAPE '\\'", likeContains(input.policyDescription));
  if (input.policyGroupName)
    w.add(
      "pol.policy_group_id IN (SELECT id FROM policy_group WHERE name LIKE ? ESCAPE '\\')",
      likeContains(input.policyGroupName),
    );
  if (input.policyGroupId) w.add('pol.policy_group_id = ?', input.policyGroupId);
  if (input.status) w.add('pol.status = ?', input.status);
  const total = db.prepare(`SELECT COUNT(*) AS n FROM auth_policy pol ${w.sql}`).get(...w.params) as { n: number };
  const rows = db
    .prepare(
      `SELECT pol.id, pol.policy_type, pol.name, pol.descr, pol.policy_group_id, pol.status, pol.created_at, g.name AS group_name
       FROM auth_policy pol JOIN policy_group g ON g.id = pol.policy_group_id ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...w.params, page.limit, page.offset) as PolicyRow[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total.n,
    data: rows.map(policySummary),
  };
}
