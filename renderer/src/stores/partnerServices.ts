import type { Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { createListStore, text } from './pagedList.ts';

export type LinkRow = Output<'linking.list'>['data'][number];
export type ApiKeyRow = Output<'apiKeys.list'>['data'][number];
export type OidcRow = Output<'oidcClients.list'>['data'][number];

export type LinkFilters = {
  partnerId: string;
  policyName: string;
  policyGroupName: string;
  status: '' | LinkRow['status'];
};
export const EMPTY_LINK_FILTERS: LinkFilters = { partnerId: '', policyName: '', policyGroupName: '', status: '' };

/** The partner's own policy requests ("Policies", pms.md §5.3). */
export const usePartnerPolicies = createListStore<LinkRow, LinkFilters>({
  filters: EMPTY_LINK_FILTERS,
  sortFieldName: 'createdDateTime',
  sortType: 'desc',
  descFirst: ['createdDateTime'],
  fetch: ({ filters, ...q }) =>
    api.call('linking.list', {
      ...q,
      partnerId: text(filters.partnerId),
      policyName: text(filters.policyName),
      policyGroupName: text(filters.policyGroupName),
      status: filters.status || undefined,
    }),
});

export type ApiKeyFilters = {
  partnerId: string;
  orgName: string;
  apiKeyLabel: string;
  policyName: string;
  policyGroupName: string;
  status: '' | ApiKeyRow['status'];
};
export const EMPTY_API_KEY_FILTERS: ApiKeyFilters = { partnerId: '', orgName: '', apiKeyLabel: '', policyName: '', policyGroupName: '', status: '' };

function apiKeyStore() {
  return createListStore<ApiKeyRow, ApiKeyFilters>({
    filters: EMPTY_API_KEY_FILTERS,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime', 'apiKeyExpiryDateTime'],
    fetch: ({ filters, ...q }) =>
      api.call('apiKeys.list', {
        ...q,
        partnerId: text(filters.partnerId),
        orgName: text(filters.orgName),
        apiKeyLabel: text(filters.apiKeyLabel),
        policyName: text(filters.policyName),
        policyGroupName: text(filters.policyGroupName),
        status: filters.status || undefined,
      }),
  });
}

export type OidcFilters = {
  partnerId: string;
  orgName: string;
  clientName: string;
  policyName: string;
  policyGroupName: string;
  status: '' | OidcRow['status'];
};
export const EMPTY_OIDC_FILTERS: OidcFilters = { partnerId: '', orgName: '', clientName: '', policyName: '', policyGroupName: '', status: '' };

function oidcStore() {
  return createListStore<OidcRow, OidcFilters>({
    filters: EMPTY_OIDC_FILTERS,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
    fetch: ({ filters, ...q }) =>
      api.call('oidcClients.list', {
        ...q,
        partnerId: text(filters.partnerId),
        orgName: text(filters.orgName),
        clientName: text(filters.clientName),
        policyName: text(filters.policyName),
        policyGroupName: text(filters.policyGroupName),
        status: filters.status || undefined,
      }),
  });
}

/** Partner lists and admin lists are separate stores: each keeps its own page and filters. */
export const usePartnerApiKeys = apiKeyStore();
export const useAdminApiKeys = apiKeyStore();
export const usePartnerOidcClients = oidcStore();
export const useAdminOidcClients = oidcStore();
