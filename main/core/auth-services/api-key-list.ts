import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, ReadDb } from '../context.ts';
import { SEEK_MAX, factPlan, runFactList } from '../lists/fact-list.ts';
import type { FactFilters, FactListSpec } from '../lists/fact-list.ts';
import { Where } from '../lists/sort.ts';
import { valueFilter } from '../lists/text-search.ts';
import { partnerScope } from '../partners/access.ts';
import { KEY_COLUMNS, keyOut, keyUsable } from './api-keys.ts';
import type { KeyRow } from './api-keys.ts';

/** Each sort follows an index of migration 0040 (or the partner / policy / group name indexes). */
export const API_KEY_LIST: FactListSpec = {
  fact: { table: 'partner_policy', alias: 'k', partnerCol: 'part_id', policyCol: 'policy_id' },
  columns: KEY_COLUMNS,
  sorts: {
    createdDateTime: { terms: ['k.created_at', 'k.id'], driver: 'row', indexed: ['status'] },
    apiKeyExpiryDateTime: { terms: ['k.valid_to', 'k.id'], driver: 'row', indexed: ['status'] },
    // ascending: 'activated' before 'deactivated', newest first within each (one backward index walk)
    status: {
      terms: ['-k.is_active', '-k.created_at', '-k.id'],
      driver: 'row',
      indexed: ['status'],
    },
    partnerId: { terms: ['k.part_id', 'k.created_at', 'k.id'], driver: 'row' },
    // a label filter's own index: its values are read in order (lists/text-search.ts)
    apiKeyLabel: { terms: ['k.label COLLATE NOCASE', 'k.id'], driver: 'row', indexed: ['label'] },
    orgName: {
      terms: ['p.name COLLATE NOCASE', 'p.id', 'k.created_at', 'k.id'],
      driver: 'partner',
      driverIndex: 'partner_name_id',
    },
    policyName: {
      terms: ['pol.name COLLATE NOCASE', 'pol.id', 'k.created_at', 'k.id'],
      driver: 'policy',
      driverIndex: 'auth_policy_name',
    },
    policyGroupName: {
      terms: ['g.name COLLATE NOCASE', 'pol.name COLLATE NOCASE', 'k.created_at', 'k.id'],
      driver: 'group',
    },
  },
  counter: { eq: 'status' },
  fallback: 'createdDateTime',
  fallbackType: 'desc',
};

// partner_policy_label_sort is (label COLLATE NOCASE, id)
const LABEL = {
  name: 'label',
  index: 'api_key_label_value',
  table: 'partner_policy',
  alias: 'k',
  column: 'label',
  collate: 'NOCASE',
};

function filters(db: ReadDb, actor: Actor, input: ParsedInput<'apiKeys.list'>, now: Date): FactFilters {
  const other = new Where();
  // MOSIP expiryPeriod: keys whose expiry falls between now and now + N days
  if (input.expiryPeriod)
    other.add(
      'k.valid_to > ? AND k.valid_to <= ?',
      now.toISOString(),
      new Date(now.getTime() + input.expiryPeriod * 86_400_000).toISOString(),
    );
  return {
    scope: partnerScope(actor),
    dims: input,
    eq: input.status ? [{ name: 'status', column: 'k.is_active', value: input.status === 'activated' ? 1 : 0 }] : [],
    other,
    text: input.apiKeyLabel ? valueFilter(db, LABEL, input.apiKeyLabel, SEEK_MAX) : undefined,
  };
}

export function apiKeyListPlan(db: ReadDb, actor: Actor, input: ParsedInput<'apiKeys.list'>, now: Date) {
  return factPlan(db, API_KEY_LIST, input, filters(db, actor, input, now));
}

export function listApiKeys(
  db: ReadDb,
  actor: Actor,
  input: ParsedInput<'apiKeys.list'>,
  now: Date,
  countCap?: number,
) {
  const { total, totalIsLowerBound, rows } = runFactList<KeyRow>(
    db,
    API_KEY_LIST,
    input,
    filters(db, actor, input, now),
    countCap,
  );
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total,
    totalIsLowerBound,
    data: rows.map((k) => ({ ...keyOut(k, now), usable: keyUsable(db, k.id, now) })),
  };
}
