import { create } from 'zustand';
import type { Input, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { parseExpiryPeriod, type CaType, type PartnerDomain } from '../lib/certificates.ts';

export type TrustPage = Output<'trustStore.list'>;
export type TrustRow = TrustPage['data'][number];

/** MOSIP's sort aliases for trust certificates (the contract input's sortFieldName). */
export const TRUST_SORT_FIELDS = ['certificateId', 'partnerDomain', 'issuedTo', 'issuedBy', 'validFrom', 'validTill', 'uploadedDateTime'] as const;
export type TrustSortField = (typeof TRUST_SORT_FIELDS)[number];
export type SortType = 'asc' | 'desc';
export const PAGE_SIZES = [8, 25, 50, 100] as const;

export interface TrustFilters {
  certificateId: string;
  partnerDomain: '' | PartnerDomain;
  issuedTo: string;
  issuedBy: string;
  /** Days (1–30) as typed; empty = no expiry filter. */
  expiryPeriod: string;
}

export const EMPTY_TRUST_FILTERS: TrustFilters = { certificateId: '', partnerDomain: '', issuedTo: '', issuedBy: '', expiryPeriod: '' };

interface TrustStoreState {
  caType: CaType;
  filters: TrustFilters;
  sortFieldName: TrustSortField;
  sortType: SortType;
  pageNo: number;
  pageSize: number;
  page: TrustPage | null;
  error: ApiError | null;
  loading: boolean;
  load(): Promise<void>;
  setCaType(caType: CaType): void;
  applyFilters(filters: TrustFilters): void;
  sortBy(field: TrustSortField): void;
  setPage(pageNo: number): void;
  setPageSize(pageSize: number): void;
  reset(): void;
}

function toInput(state: TrustStoreState): Input<'trustStore.list'> {
  const { filters } = state;
  const text = (value: string) => value.trim() || undefined;
  return {
    caCertificateType: state.caType,
    pageNo: state.pageNo,
    pageSize: state.pageSize,
    sortFieldName: state.sortFieldName,
    sortType: state.sortType,
    certificateId: text(filters.certificateId),
    partnerDomain: filters.partnerDomain || undefined,
    issuedTo: text(filters.issuedTo),
    issuedBy: text(filters.issuedBy),
    expiryPeriod: parseExpiryPeriod(filters.expiryPeriod) ?? undefined,
  };
}

let latest = 0;
const INITIAL = {
  caType: 'ROOT' as CaType,
  filters: EMPTY_TRUST_FILTERS,
  sortFieldName: 'uploadedDateTime' as TrustSortField,
  sortType: 'desc' as SortType,
  pageNo: 0,
  pageSize: 8,
};

/** Trust store list: paging, sorting and filtering happen in the core (SQL), as the audit log. */
export const useTrustStore = create<TrustStoreState>()((set, get) => ({
  ...INITIAL,
  page: null,
  error: null,
  loading: false,
  async load() {
    const request = ++latest;
    set({ loading: true });
    try {
      const page = await api.call('trustStore.list', toInput(get()));
      if (request === latest) set({ page, error: null, loading: false });
    } catch (error) {
      if (request === latest) set({ error: toApiError(error), loading: false });
    }
  },
  setCaType(caType) {
    if (caType === get().caType) return;
    // The other tab is another list: start at its first page, keep the filters.
    set({ caType, pageNo: 0, page: null });
    void get().load();
  },
  applyFilters(filters) {
    set({ filters, pageNo: 0 });
    void get().load();
  },
  sortBy(field) {
    const { sortFieldName, sortType } = get();
    const dated = field === 'uploadedDateTime' || field === 'validFrom' || field === 'validTill';
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
    set({ ...INITIAL, page: null, error: null, loading: false });
  },
}));
