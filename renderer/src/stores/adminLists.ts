import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Input, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

export type SortType = 'asc' | 'desc';
export const ADMIN_PAGE_SIZES = [8, 25, 50, 100] as const;

export interface Paged<Row> {
  totalResults: number;
  /** More than totalResults match (the core's count stopped at its cap), and more follow this page. */
  totalIsLowerBound?: boolean | undefined;
  data: Row[];
}

export type Filters = Record<string, string>;

export interface PagedState<Row> {
  /** A fixed part of the query that is not a filter (the policy type of a policy list). */
  scope: string;
  filters: Filters;
  sortFieldName: string;
  sortType: SortType;
  pageNo: number;
  pageSize: number;
  page: Paged<Row> | null;
  error: ApiError | null;
  loading: boolean;
  load(): Promise<void>;
  setScope(scope: string): void;
  applyFilters(filters: Filters): void;
  sortBy(field: string): void;
  setPage(pageNo: number): void;
  setPageSize(pageSize: number): void;
  reset(): void;
}

export type PagedStore<Row> = UseBoundStore<StoreApi<PagedState<Row>>>;

interface Query {
  scope: string;
  filters: Filters;
  pageNo: number;
  pageSize: number;
  sortFieldName: string;
  sortType: SortType;
}

/** Empty strings mean "no filter"; the contract wants them left out. */
function compact(filters: Filters): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.trim() || undefined]));
}

/**
 * A server-side list (filter, sort, paging in the core's SQL), as the trust store's store:
 * only the newest answer of a burst of loads is kept.
 */
export function createPagedStore<Row>(options: {
  empty: Filters;
  sortFieldName: string;
  sortType: SortType;
  scope?: string;
  dated?: readonly string[];
  fetch: (query: Query & { compact: Record<string, string | undefined> }) => Promise<Paged<Row>>;
}): PagedStore<Row> {
  const initial = {
    scope: options.scope ?? '',
    filters: options.empty,
    sortFieldName: options.sortFieldName,
    sortType: options.sortType,
    pageNo: 0,
    pageSize: 8,
  };
  let latest = 0;
  return create<PagedState<Row>>()((set, get) => ({
    ...initial,
    page: null,
    error: null,
    loading: false,
    async load() {
      const request = ++latest;
      set({ loading: true });
      const { scope, filters, pageNo, pageSize, sortFieldName, sortType } = get();
      try {
        const page = await options.fetch({ scope, filters, pageNo, pageSize, sortFieldName, sortType, compact: compact(filters) });
        if (request === latest) set({ page, error: null, loading: false });
      } catch (error) {
        if (request === latest) set({ error: toApiError(error), loading: false });
      }
    },
    setScope(scope) {
      if (scope === get().scope) return;
      set({ scope, pageNo: 0, page: null, filters: options.empty });
      void get().load();
    },
    applyFilters(filters) {
      set({ filters, pageNo: 0 });
      void get().load();
    },
    sortBy(field) {
      const { sortFieldName, sortType } = get();
      const dated = options.dated?.includes(field) ?? false;
      const next: SortType = field === sortFieldName ? (sortType === 'asc' ? 'desc' : 'asc') : dated ? 'desc' : 'asc';
      set({ sortFieldName: field, sortType: next, pageNo: 0 });
      void get().load();
    },
    setPage(pageNo) {
      set({ pageNo: Math.max(0, pageNo) });
      void get().load();
    },
    setPageSize(pageSize) {
      set({ pageSize, pageNo: 0 });
      void get().load();
    },
    reset() {
      latest += 1;
      set({ ...initial, page: null, error: null, loading: false });
    },
  }));
}

export type PolicyGroupRow = Output<'policyGroups.list'>['data'][number];
export type PolicyRow = Output<'policies.list'>['data'][number];
export type LinkRow = Output<'linking.list'>['data'][number];
export type PartnerRow = Output<'partners.list'>['data'][number];
export type PolicyTypeName = 'Auth' | 'DataShare';

export const usePolicyGroups = createPagedStore<PolicyGroupRow>({
  empty: { policyGroupId: '', name: '', description: '', status: '' },
  sortFieldName: 'createdDateTime',
  sortType: 'desc',
  dated: ['createdDateTime'],
  fetch: ({ compact: f, ...q }) =>
    api.call('policyGroups.list', {
      pageNo: q.pageNo,
      pageSize: q.pageSize,
      sortFieldName: q.sortFieldName,
      sortType: q.sortType,
      policyGroupId: f.policyGroupId,
      name: f.name,
      description: f.description,
      status: f.status as Input<'policyGroups.list'>['status'],
    }),
});

export const usePolicies = createPagedStore<PolicyRow>({
  empty: { policyId: '', policyName: '', policyDescription: '', policyGroupName: '', status: '' },
  sortFieldName: 'createdDateTime',
  sortType: 'desc',
  scope: 'Auth',
  dated: ['createdDateTime'],
  fetch: ({ compact: f, ...q }) =>
    api.call('policies.list', {
      policyType: q.scope as PolicyTypeName,
      pageNo: q.pageNo,
      pageSize: q.pageSize,
      sortFieldName: q.sortFieldName,
      sortType: q.sortType,
      policyId: f.policyId,
      policyName: f.policyName,
      policyDescription: f.policyDescription,
      policyGroupName: f.policyGroupName,
      status: f.status as Input<'policies.list'>['status'],
    }),
});

/** Status ascending is the core's default order: 'InProgress' sorts first, so pending requests lead. */
export const useLinking = createPagedStore<LinkRow>({
  empty: { partnerId: '', partnerType: '', orgName: '', policyId: '', policyName: '', policyGroupName: '', status: '' },
  sortFieldName: 'status',
  sortType: 'asc',
  dated: ['createdDateTime'],
  fetch: ({ compact: f, ...q }) =>
    api.call('linking.list', {
      pageNo: q.pageNo,
      pageSize: q.pageSize,
      sortFieldName: q.sortFieldName,
      sortType: q.sortType,
      partnerId: f.partnerId,
      partnerType: f.partnerType as Input<'linking.list'>['partnerType'],
      orgName: f.orgName,
      policyId: f.policyId,
      policyName: f.policyName,
      policyGroupName: f.policyGroupName,
      status: f.status as Input<'linking.list'>['status'],
    }),
});

export const usePartners = createPagedStore<PartnerRow>({
  empty: { partnerId: '', partnerType: '', orgName: '', policyGroupName: '', emailAddress: '', certificateUploadStatus: '', status: '' },
  sortFieldName: 'createdDateTime',
  sortType: 'desc',
  dated: ['createdDateTime'],
  fetch: ({ compact: f, ...q }) =>
    api.call('partners.list', {
      pageNo: q.pageNo,
      pageSize: q.pageSize,
      sortFieldName: q.sortFieldName,
      sortType: q.sortType,
      partnerId: f.partnerId,
      partnerType: f.partnerType as Input<'partners.list'>['partnerType'],
      orgName: f.orgName,
      policyGroupName: f.policyGroupName,
      emailAddress: f.emailAddress,
      certificateUploadStatus: f.certificateUploadStatus as Input<'partners.list'>['certificateUploadStatus'],
      status: f.status as Input<'partners.list'>['status'],
    }),
});
