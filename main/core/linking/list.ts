import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, ReadDb } from '../context.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import { partnerScope } from '../partners/access.ts';
import { LINK_COLUMNS, linkOut } from './queries.ts';
import type { LinkRow } from './queries.ts';

/**
 * Which table drives the join for each sort: sorting by a partner, policy or group column walks that
 * table's index and, for each of its rows, the requests of it in (created_at, id) order — so a page
 * of a million requests reads only its rows instead of sorting them all. CROSS JOIN pins that order.
 */
const R = 'partner_policy_request r';
const JOIN_P = 'CROSS JOIN partner p ON p.id = r.part_id';
const JOIN_POL = 'CROSS JOIN auth_policy pol ON pol.id = r.policy_id';
const JOIN_G = 'CROSS JOIN policy_group g ON g.id = pol.policy_group_id';
const BY_REQUEST = `FROM ${R} ${JOIN_P} ${JOIN_POL} ${JOIN_G}`;
const BY_PARTNER = `FROM partner p CROSS JOIN ${R} ON r.part_id = p.id ${JOIN_POL} ${JOIN_G}`;
const BY_POLICY = `FROM auth_policy pol CROSS JOIN ${R} ON r.policy_id = pol.id ${JOIN_P} ${JOIN_G}`;
const BY_GROUP = `FROM policy_group g CROSS JOIN auth_policy pol ON pol.policy_group_id = g.id CROSS JOIN ${R} ON r.policy_id = pol.id ${JOIN_P}`;

const SORTS = {
  createdDateTime: ['r.created_at', 'r.id'],
  // 'InProgress' sorts before the lower-case states: ascending lists pending requests first.
  status: ['r.status_code', 'r.created_at', 'r.id'],
  partnerId: ['r.part_id', 'r.created_at', 'r.id'],
  policyId: ['r.policy_id', 'r.created_at', 'r.id'],
  orgName: ['p.name COLLATE NOCASE', 'p.id', 'r.created_at', 'r.id'],
  partnerType: ['p.partner_type_code', 'p.id', 'r.created_at', 'r.id'],
  policyName: ['pol.name COLLATE NOCASE', 'pol.id', 'r.created_at', 'r.id'],
  policyGroupName: ['g.name COLLATE NOCASE', 'pol.name COLLATE NOCASE', 'r.created_at', 'r.id'],
} as const;
const DRIVER: Record<keyof typeof SORTS, string> = {
  createdDateTime: BY_REQUEST,
  status: BY_REQUEST,
  partnerId: BY_REQUEST,
  policyId: BY_REQUEST,
  orgName: BY_PARTNER,
  partnerType: BY_PARTNER,
  policyName: BY_POLICY,
  policyGroupName: BY_GROUP,
};

/** Filters on the request table; partner and policy filters become id subqueries on the small tables. */
export function linkFilters(actor: Actor, input: ParsedInput<'linking.list'>): Where {
  const w = new Where();
  const scope = partnerScope(actor);
  if (scope) w.in('r.part_id', scope);
  const partner = new Where();
  if (input.partnerId) partner.add("id LIKE ? ESCAPE '\\'", likeContains(input.partnerId));
  if (input.orgName) partner.add("name LIKE ? ESCAPE '\\'", likeContains(input.orgName));
  if (input.partnerType) partner.add('partner_type_code = ?', input.partnerType);
  if (partner.parts.length) w.add(`r.part_id IN (SELECT id FROM partner ${partner.sql})`, ...partner.params);
  const policy = new Where();
  if (input.policyId) policy.add("id LIKE ? ESCAPE '\\'", likeContains(input.policyId));
  if (input.policyName) policy.add("name LIKE ? ESCAPE '\\'", likeContains(input.policyName));
  if (input.policyGroupName) policy.add("policy_group_id IN (SELECT id FROM policy_group WHERE name LIKE ? ESCAPE '\\')", likeContains(input.policyGroupName));
  if (policy.parts.length) w.add(`r.policy_id IN (SELECT id FROM auth_policy ${policy.sql})`, ...policy.params);
  if (input.partnerComment) w.add("r.request_detail LIKE ? ESCAPE '\\'", likeContains(input.partnerComment));
  if (input.status) w.add('r.status_code = ?', input.status);
  return w;
}

export function linkListSql(actor: Actor, input: ParsedInput<'linking.list'>) {
  const page = listPage(input, SORTS, 'status', 'asc');
  const w = linkFilters(actor, input);
  return {
    page,
    count: { sql: `SELECT COUNT(*) AS n FROM ${R} ${w.sql}`, params: w.params },
    rows: { sql: `SELECT ${LINK_COLUMNS} ${DRIVER[page.alias as keyof typeof SORTS]} ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`, params: [...w.params, page.limit, page.offset] },
  };
}

export function listLinks(db: ReadDb, actor: Actor, input: ParsedInput<'linking.list'>) {
  const q = linkListSql(actor, input);
  const total = db.prepare(q.count.sql).get(...q.count.params) as { n: number };
  const rows = db.prepare(q.rows.sql).all(...q.rows.params) as LinkRow[];
  return { pageNo: input.pageNo, pageSize: input.pageSize, totalResults: total.n, data: rows.map(linkOut) };
}
