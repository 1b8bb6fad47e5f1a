import { create } from 'zustand';
import { toApiError, type ApiError } from '../api/errors.ts';

export type SortType = 'asc' | 'desc';
export const LIST_PAGE_SIZES = [8, 25, 50, 100] as const;

export interface Page<R> {
  pageNo: number;
  pageSize: number;
  totalResults: number;
  /** More than totalResults match (the core's count stopped at its cap), and more follow this page. */
  totalIsLowerBound?: boolean | undefined;
  data: R[];
}

export interface ListQuery<F> {
  filters: F;
  pageNo: number;
  pageSize: number;
  sortFieldName: string;
  sortType: SortType;
}

export interface ListState<R, F> extends ListQuery<F> {
  page: Page<R> | null;
  error: ApiError | null;
  loading: boolean;
  load(): Promise<void>;
  applyFilters(filters: F): void;
  sortBy(field: string): void;
  setPage(pageNo: number): void;
  setPageSize(pageSize: number): void;
  reset(): void;
}

export interface ListOptions<R, F> {
  filters: F;
  sortFieldName: string;
  sortType: SortType;
  /** Sort fields that start descending when first chosen (dates). */
  descFirst?: readonly string[];
  fetch(query: ListQuery<F>): Promise<Page<R>>;
}

/** A server-side paged, sorted and filtered list (the trust store's model, for any list method). */
export function createListStore<R, F>(options: ListOptions<R, F>) {
  let latest = 0;
  const initial: ListQuery<F> = { filters: options.filters, pageNo: 0, pageSize: 8, sortFieldName: options.sortFieldName, sortType: options.sortType };
  return create<ListState<R, F>>()((set, get) => ({
    ...initial,
    page: null,
    error: null,
    loading: false,
    async load() {
      const request = ++latest; // only the newest answer is kept
      set({ loading: true });
      const { filters, pageNo, pageSize, sortFieldName, sortType } = get();
      try {
        const page = await options.fetch({ filters, pageNo, pageSize, sortFieldName, sortType });
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
      const next: SortType = field === sortFieldName ? (sortType === 'asc' ? 'desc' : 'asc') : options.descFirst?.includes(field) ? 'desc' : 'asc';
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

export type ListStore<R, F> = ReturnType<typeof createListStore<R, F>>;

/** Trimmed text or undefined, for optional filter inputs. */
export const text = (value: string): string | undefined => value.trim() || undefined;
