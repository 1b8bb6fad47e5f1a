import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListStore } from '../../stores/pagedList.ts';

const ROW_HEIGHT = 52;

export interface Column<R> {
  id: string;
  label: string;
  /** Grid track, e.g. '8rem' or 'minmax(8rem,1fr)'. */
  width: string;
  /** The contract's sort field when the column sorts. */
  sort?: string;
  cell(row: R): ReactNode;
}

interface ListTableProps<R, F> {
  store: ListStore<R, F>;
  columns: readonly Column<R>[];
  rowKey(row: R): string;
  label: string;
  empty: string;
  testId: string;
  minWidth?: string;
}

/** ARIA table on divs with a virtualized body and sortable headers, as the trust store and audit log. */
export function ListTable<R, F>({ store, columns, rowKey, label, empty, testId, minWidth = '72rem' }: ListTableProps<R, F>) {
  const { t } = useTranslation();
  const page = store((s) => s.page);
  const loading = store((s) => s.loading);
  const sortFieldName = store((s) => s.sortFieldName);
  const sortType = store((s) => s.sortType);
  const sortBy = store((s) => s.sortBy);
  const rows = page?.data ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1200, height: 480 },
  });
  const grid = { display: 'grid', gridTemplateColumns: columns.map((c) => c.width).join(' '), alignItems: 'center' } as const;

  return (
    <div className="overflow-x-auto">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} aria-busy={loading} style={{ minWidth }} data-testid={testId}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} style={grid} className="border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700">
            {columns.map((column) => {
              const active = column.sort !== undefined && column.sort === sortFieldName;
              const ariaSort = active ? (sortType === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined;
              return (
                <div key={column.id} role="columnheader" aria-sort={ariaSort} className="px-3 py-2 text-start">
                  {column.sort ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 text-start uppercase hover:text-brand-700"
                      onClick={() => sortBy(column.sort ?? column.id)}
                      data-testid={`${testId}-sort-${column.id}`}
                    >
                      {column.label}
                      <span aria-hidden="true">{active ? (sortType === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    column.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="max-h-[60vh] overflow-y-auto">
          {rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-slate-600" data-testid={`${testId}-empty`}>
              {page ? empty : t('app.loading')}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <div
                    key={rowKey(row)}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid={`${testId}-row`}
                    data-key={rowKey(row)}
                    style={{ ...grid, position: 'absolute', insetInlineStart: 0, top: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
                    className={`border-b border-slate-100 text-sm text-slate-800 ${item.index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
                  >
                    {columns.map((column) => (
                      <div key={column.id} role="cell" className="min-w-0 truncate px-3" data-col={column.id}>
                        {column.cell(row)}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
