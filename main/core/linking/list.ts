import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, ReadDb } from '../context.ts';
import { factPlan, runFactList } from '../lists/fact-list.ts';
import type { FactFilters, FactListSpec } from '../lists/fact-list.ts';
import { Where } from '../lists/sort.ts';
import { rowTextFilter } from '../lists/text-search.ts';
import { partnerScope } from '../partners/access.ts';
import { LINK_COLUMNS, linkOut } from './queries.ts';
import type { LinkRow } from './queries.ts';

/** Sorts end in (created_at, id) within their column; each follows an index (migration 0030). */
export const LINK_LIST: FactListSpec = {
  fact: {
    table: 'partner_policy_request',
    alias: 'r',
    partnerCol: 'part_id',
    policyCol: 'policy_id',
  },
  columns: LINK_COLUMNS,
  sorts: {
    createdDateTime: { terms: ['r.created_at', 'r.id'], driver: 'row', indexed: ['status'] },
    // 'InProgress' sorts before the lower-case states: ascending lists pending requests first, oldest first.
    status: {
      terms: ['r.status_code', 'r.created_at', 'r.id'],
      driver: 'row',
      indexed: ['status'],
    },
    partnerId: { terms: ['r.part_id', 'r.status_code', 'r.created_at', 'r.id'], driver: 'row' },
    policyId: { terms: ['r.policy_id', 'r.created_at', 'r.id'], driver: 'row' },
    orgName: {
      terms: ['p.name COLLATE NOCASE', 'p.id', 'r.status_code', 'r.created_at', 'r.id'],
      driver: 'partner',
      driverIndex: 'partner_name_id',
      indexed: ['status'],
    },
    partnerType: {
      terms: ['p.partner_type_code', 'p.id', 'r.status_code', 'r.created_at', 'r.id'],
      driver: 'partner',
      driverIndex: 'partner_type_id',
      indexed: ['status'],
    },
    policyName: {
      terms: ['pol.name COLLATE NOCASE', 'pol.id', 'r.created_at', 'r.id'],
      driver: 'policy',
      driverIndex: 'auth_policy_name',
    },
    policyGroupName: {
      terms: ['g.name COLLATE NOCASE', 'pol.name COLLATE NOCASE', 'r.created_at', 'r.id'],
      driver: 'group',
    },
  },
  counter: { eq: 'status', byPartnerType: 'partner_policy_request:type' },
  fallback: 'status',
  fallbackType: 'asc',
};

const COMMENT = {
  name: 'comment',
  fts: 'ppr_comment_fts',
  charsFts: 'ppr_comment_chars',
  table: 'partner_policy_request',
  alias: 'r',
  column: 'request_detail',
};

function filters(db: ReadDb, actor: Actor, input: ParsedInput<'linking.list'>): FactFilters {
  return {
    scope: partnerScope(actor),
    dims: input,
    eq: input.status ? [{ name: 'status', column: 'r.status_code', value: input.status }] : [],
    other: new Where(),
    text: input.partnerComment ? rowTextFilter(db, COMMENT, input.partnerComment) : undefined,
  };
}

export function linkListPlan(db: ReadDb, actor: Actor, input: ParsedInput<'linking.list'>) {
  return factPlan(db, LINK_LIST, input, filters(db, actor, input));
}

export function listLinks(db: ReadDb, actor: Actor, input: ParsedInput<'linking.list'>, countCap?: number) {
  const { total, totalIsLowerBound, rows } = runFactList<LinkRow>(
    db,
    LINK_LIST,
    input,
    filters(db, actor, input),
    countCap,
  );
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    totalIsLowerBound,
    data: rows.map(linkOut),
  };
}
