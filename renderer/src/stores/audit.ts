import { create } from 'zustand';
import type { AuditPage, AuditSortField, Input } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

export interface AuditFilters {
  module: string;
  action: string;
  actor: string;
  result: '' | 'success' | 'failure';
  /** Calendar days (YYYY-MM-DD) in the user's time zone. */
  from: string;
  to: string;
}

export type SortType = 'asc' | 'desc';
export const PAGE_SIZES = [8, 25, 50, 100] as const;

export const EMPTY_FILTERS: AuditFilters = { module: '', action: '', actor: '', result: '', from: '', to: '' };

interface AuditState {
  filters: AuditFilters;
  sortFieldName: AuditSortField;
  sortType: SortType;
  pageNo: number;
  pageSize: number;
  page: AuditPage | null;
  error: ApiError | null;
  loading: boolean;
  load(): Promise<void>;
  applyFilters(filters: AuditFilters): void;
  sortBy(field: AuditSortField): void;
  setPage(pageNo: number): void;
  setPageSize(pageSize: number): void;
  reset(): void;
}

/** A local calendar day's first or last instant, as the ISO timestamp the contract expects. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toInput(state: AuditState): Input<'audit.list'> {
  const { filters } = state;
  const text = (value: string) => value.trim() || undefined;
  return {
    pageNo: state.pageNo,
    pageSize: state.pageSize,
    sortFieldName: state.sortFieldName,
    sortType: state.sortType,
    module: text(filters.module),
    action: text(filters.action),
    actor: text(filters.actor),
    result: filters.result || undefined,
    from: dayBoundary(filters.from, false),
    to: dayBoundary(filters.to, true),
  };
}

let latest = 0;
const INITIAL = { filters: EMPTY_FILTERS, sortFieldName: 'time' as const, sortType: 'desc' as const, pageNo: 0, pageSize: 8 };

/** Paging, sorting and filtering all happen in the core (SQL); the store only holds the query. */
export const useAudit = create<AuditState>()((set, get) => ({
  ...INITIAL,
  page: null,
  error: null,
  loading: false,
  async load() {
    const request = ++latest;
    set({ loading: true });
    try {
      const page = await api.call('audit.list', toInput(get()));
      if (request === latest) set({ page, error: null, loading: false });
    } catch (error) {
      if (request === latest) set({ error: toApiError(error), loading: false });
    }
  },
  applyFilters(filters) {
    set({ filters, pageNo: 0 });
    void get().load();
  },
  sortBy(field) {
    const { sortFieldName, sortType } = get();
    // Same column flips the order; a new column starts descending for time, ascending otherwise.
    const next: SortType = field === sortFieldName ? (sortType === 'asc' ? 'desc' : 'asc') : field === 'time' ? 'desc' : 'asc';
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
