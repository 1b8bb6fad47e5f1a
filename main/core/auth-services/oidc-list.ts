import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, ReadDb } from '../context.ts';
import { SEEK_MAX, factPlan, runFactList } from '../lists/fact-list.ts';
import type { FactFilters, FactListSpec } from '../lists/fact-list.ts';
import { Where } from '../lists/sort.ts';
import { scanFilter } from '../lists/text-search.ts';
import { partnerScope } from '../partners/access.ts';
import { CLIENT_COLUMNS, clientOut, clientVerdict, findClient } from './oidc-clients.ts';
import type { ClientRow } from './oidc-clients.ts';

export const OIDC_LIST: FactListSpec = {
  fact: { table: 'oidc_client', alias: 'c', partnerCol: 'rp_id', policyCol: 'policy_id' },
  columns: CLIENT_COLUMNS,
  sorts: {
    createdDateTime: { terms: ['c.created_at', 'c.id'], driver: 'row', indexed: ['status'] },
    status: { terms: ['c.status', 'c.created_at', 'c.id'], driver: 'row', indexed: ['status'] },
    partnerId: { terms: ['c.rp_id', 'c.created_at', 'c.id'], driver: 'row' },
    clientName: { terms: ['c.name COLLATE NOCASE', 'c.id'], driver: 'row' },
    orgName: {
      terms: ['p.name COLLATE NOCASE', 'p.id', 'c.created_at', 'c.id'],
      driver: 'partner',
      driverIndex: 'partner_name_id',
    },
    policyName: {
      terms: ['pol.name COLLATE NOCASE', 'pol.id', 'c.created_at', 'c.id'],
      driver: 'policy',
      driverIndex: 'auth_policy_name',
    },
    policyGroupName: {
      terms: ['g.name COLLATE NOCASE', 'pol.name COLLATE NOCASE', 'c.created_at', 'c.id'],
      driver: 'group',
    },
  },
  counter: { eq: 'status' },
  fallback: 'createdDateTime',
  fallbackType: 'desc',
};

function filters(db: ReadDb, actor: Actor, input: ParsedInput<'oidcClients.list'>): FactFilters {
  return {
    scope: partnerScope(actor),
    dims: input,
    eq: input.status ? [{ name: 'status', column: 'c.status', value: input.status }] : [],
    other: new Where(),
    text: input.clientName
      ? scanFilter(
          db,
          { name: 'clientName', table: 'oidc_client', alias: 'c', column: 'name' },
          input.clientName,
          SEEK_MAX,
        )
      : undefined,
  };
}

export function clientListPlan(db: ReadDb, actor: Actor, input: ParsedInput<'oidcClients.list'>) {
  return factPlan(db, OIDC_LIST, input, filters(db, actor, input));
}

export function listClients(db: ReadDb, actor: Actor, input: ParsedInput<'oidcClients.list'>, countCap?: number) {
  const { total, totalIsLowerBound, rows } = runFactList<ClientRow>(
    db,
    OIDC_LIST,
    input,
    filters(db, actor, input),
    countCap,
  );
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    totalIsLowerBound,
    data: rows.map((c) => {
      const full = findClient(db, c.id);
      return { ...clientOut(c), usable: full ? clientVerdict(full) : ('unknown' as const) };
    }),
  };
}
