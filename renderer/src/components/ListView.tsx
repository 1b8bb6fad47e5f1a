import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '../contract.ts';
import type { ApiError } from '../api/errors.ts';
import type { FilterName, ListMethod, ListState, Row } from '../data/useList.ts';
import { DataTable, type Column, type DataTableIds } from './DataTable.tsx';
import { FilterBar, type FilterBarIds, type FilterField } from './FilterBar.tsx';
import { FormError } from './FormError.tsx';
import { Pager, type PagerIds } from './Pager.tsx';

export type ListIds = DataTableIds & { pager: PagerIds; filters: FilterBarIds };

/** Test ids from one prefix: `p`, `p-row`, `p-empty`, `p-sort-<col>`, `p-total`, `p-filters`… */
export function listIds(
  prefix: string,
  over: Partial<Omit<ListIds, 'pager' | 'filters'>> & {
    pager?: Partial<PagerIds>;
    filters?: Partial<FilterBarIds>;
  } = {},
): ListIds {
  const { pager, filters, ...table } = over;
  return {
    table: prefix,
    row: `${prefix}-row`,
    body: `${prefix}-body`,
    empty: `${prefix}-empty`,
    sort: `${prefix}-sort-`,
    ...table,
    pager: { ...pagerIds(prefix), ...pager },
    filters: { ...filterIds(`${prefix}-filters`), ...filters },
  };
}

/** A pager's test ids from one prefix (`p-total`, `p-page-size`, `p-previous`, `p-next`, `p-page-indicator`). */
export function pagerIds(prefix: string): PagerIds {
  return {
    total: `${prefix}-total`,
    pageSize: `${prefix}-page-size`,
    previous: `${prefix}-previous`,
    next: `${prefix}-next`,
    indicator: `${prefix}-page-indicator`,
  };
}

/** A filter bar's test ids from one prefix (`p`, `p-apply`, `p-clear`). */
export function filterIds(prefix: string): FilterBarIds {
  return { form: prefix, apply: `${prefix}-apply`, clear: `${prefix}-clear` };
}

interface ListViewProps<M extends ListMethod> {
  list: ListState<M>;
  columns: readonly Column<Row<M>>[];
  rowKey(row: Row<M>): string;
  rowData?(row: Row<M>): Record<string, string>;
  /** The table's accessible name. */
  label: string;
  empty: string;
  filters?: readonly FilterField<FilterName<M>>[];
  ids: ListIds;
  /** "12 certificates" instead of "12 results". */
  totalLabel?(total: number): string;
  /** Replaces the default error banner (certificate errors have their own). */
  errorView?(error: ApiError | null): ReactNode;
  minWidth?: string;
  rowHeight?: number;
  tableData?: Record<string, string>;
}

/** The one server list: filter bar, error, virtualized sortable table, pager; loading and empty states. */
export function ListView<M extends ListMethod>({
  list,
  columns,
  rowKey,
  rowData,
  label,
  empty,
  filters,
  ids,
  totalLabel,
  errorView,
  minWidth,
  rowHeight,
  tableData,
}: ListViewProps<M>) {
  const { t } = useTranslation();
  const { query, page } = list;
  return (
    <div className="space-y-4">
      {filters ? (
        <FilterBar
          key={JSON.stringify(query.filters)}
          fields={filters}
          applied={query.filters}
          onApply={list.applyFilters}
          ids={ids.filters}
          label={t('list.filters')}
          anyLabel={t('list.any')}
        />
      ) : null}
      {errorView ? errorView(list.error) : <FormError error={list.error} />}
      <div className="panel overflow-hidden">
        <DataTable
          rows={list.rows}
          columns={columns}
          rowKey={rowKey}
          rowData={rowData}
          label={label}
          sortFieldName={query.sortFieldName}
          sortType={query.sortType}
          onSort={list.sortBy}
          busy={list.fetching}
          placeholder={page ? empty : t('app.loading')}
          ids={ids}
          minWidth={minWidth}
          rowHeight={rowHeight}
          tableData={tableData}
        />
        <ListPager list={list} ids={ids.pager} totalLabel={totalLabel} />
      </div>
    </div>
  );
}

/** The pager of a `useList` list, for lists shown as something other than a table (cards). */
export function ListPager<M extends ListMethod>({
  list,
  ids,
  totalLabel,
}: {
  list: ListState<M>;
  ids: PagerIds;
  totalLabel?(total: number): string;
}) {
  const { query, page } = list;
  const total = page?.totalResults ?? 0;
  return (
    <Pager
      total={total}
      totalIsLowerBound={page?.totalIsLowerBound}
      totalLabel={totalLabel?.(total)}
      pageNo={query.pageNo}
      pageSize={query.pageSize}
      loading={list.fetching}
      sizes={PAGE_SIZES}
      onPage={list.setPage}
      onPageSize={list.setPageSize}
      ids={ids}
    />
  );
}
