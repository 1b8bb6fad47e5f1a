import type { Row } from '../../data/useList.ts';

export type PolicyGroupRow = Row<'policyGroups.list'>;
export type PolicyRow = Row<'policies.list'>;
export type LinkRow = Row<'linking.list'>;
export type PartnerRow = Row<'partners.list'>;
export type PolicyTypeName = 'Auth' | 'DataShare';
