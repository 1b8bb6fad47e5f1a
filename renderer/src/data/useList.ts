import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAGE_SIZES, type Input, type MethodName, type Output, type SortType } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { useListStates, type ListQuery } from './listState.ts';

type PagingKey = 'pageNo' | 'pageSize' | 'sortFieldName' | 'sortType';

/** Contract methods that answer a MOSIP page (`data`, `totalResults`) for paging input. */
export type ListMethod = {
  [M in MethodName]: Output<M> extends { data: readonly unknown[]; totalResults: number }
    ? Input<M> extends { pageNo?: number; sortType?: string }
      ? M
      : never
    : never;
}[MethodName];

export type Row<M extends ListMethod> = Output<M>['data'][number];
/** The method's filters and scope: its input without paging. */
export type ListFilters<M extends ListMethod> = Omit<Input<M>, PagingKey>;
export type FilterName<M extends ListMethod> = keyof ListFilters<M> & string;
/** From the text typed in a filter to the contract's value; trimmed text otherwise. */
export type FilterParsers<M extends ListMethod> = {
  [K in FilterName<M>]?: (text: string) => ListFilters<M>[K] | undefined;
};

export interface ListOptions<M extends ListMethod> {
  /** Keeps this list's query across screens; lists of one method on two screens need two ids. */
  id: string;
  sortFieldName: string;
  sortType: SortType;
  /** Sort fields that start descending when first chosen (dates). */
  descFirst?: readonly string[];
  /** A fixed part of the input that is not a filter (a tab: the CA type, the policy type). */
  scope?: Partial<ListFilters<M>>;
  /** Filter texts a list opens with (a link to "the devices of this SBI"); Clear empties them. */
  filters?: Partial<Record<FilterName<M>, string>>;
  parse?: FilterParsers<M>;
}

export interface ListState<M extends ListMethod> {
  query: ListQuery;
  page: Output<M> | undefined;
  rows: readonly Row<M>[];
  error: ApiError | null;
  /** No page yet. */
  loading: boolean;
  /** Any request in flight (a refresh keeps the previous page on screen). */
  fetching: boolean;
  applyFilters(filters: Record<string, string>): void;
  sortBy(field: string): void;
  setPage(pageNo: number): void;
  setPageSize(pageSize: number): void;
  setScope(scope: Partial<ListFilters<M>>): void;
  refetch(): void;
}

function toInput<M extends ListMethod>(query: ListQuery, parse: FilterParsers<M> | undefined): Input<M> {
  const filters: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(query.filters)) {
    const parser = parse?.[name as FilterName<M>];
    filters[name] = parser ? parser(text) : text.trim() || undefined;
  }
  const { pageNo, pageSize, sortFieldName, sortType } = query;
  // The names come from FilterName<M> and each value from its parser: the shape is Input<M>.
  return { ...query.scope, ...filters, pageNo, pageSize, sortFieldName, sortType } as Input<M>;
}

/**
 * A server-side list of a contract method: filters, sort and paging are the method's own input,
 * answered in the core's SQL; the page is cached and refreshed as `useRecord`'s answers are.
 * A total the core stopped counting at its cap comes back with `totalIsLowerBound`.
 */
export function useList<M extends ListMethod>(method: M, options: ListOptions<M>): ListState<M> {
  const initial: ListQuery = {
    filters: { ...options.filters },
    scope: (options.scope ?? {}) as Record<string, unknown>,
    pageNo: 0,
    pageSize: PAGE_SIZES[0],
    sortFieldName: options.sortFieldName,
    sortType: options.sortType,
  };
  const stored = useListStates((s) => s.lists[options.id]);
  const put = useListStates((s) => s.put);
  const query = stored ?? initial;
  const update = (change: Partial<ListQuery>) => put(options.id, { ...query, ...change });
  const input = toInput<M>(query, options.parse);
  const result = useQuery<Output<M>, ApiError>({
    queryKey: [method, input],
    queryFn: async () => {
      try {
        return await api.call(method, input);
      } catch (error) {
        throw toApiError(error);
      }
    },
    // A new page or order keeps the old rows on screen until the answer arrives.
    placeholderData: keepPreviousData,
  });
  const page = result.data;
  return {
    query,
    page,
    rows: (page?.data ?? []) as readonly Row<M>[],
    error: result.error,
    loading: result.isPending,
    fetching: result.isFetching,
    applyFilters: (filters) => update({ filters, pageNo: 0 }),
    sortBy(field) {
      const same = field === query.sortFieldName;
      const sortType: SortType = same
        ? query.sortType === 'asc'
          ? 'desc'
          : 'asc'
        : options.descFirst?.includes(field)
          ? 'desc'
          : 'asc';
      update({ sortFieldName: field, sortType, pageNo: 0 });
    },
    setPage: (pageNo) => update({ pageNo: Math.max(0, pageNo) }),
    setPageSize: (pageSize) => update({ pageSize, pageNo: 0 }),
    setScope: (scope) => update({ scope: { ...query.scope, ...scope }, pageNo: 0 }),
    refetch: () => void result.refetch(),
  };
}
