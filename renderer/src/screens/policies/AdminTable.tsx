import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PagedStore } from '../../stores/adminLists.ts';

const ROW_HEIGHT = 52;

export interface Column<Row> {
  key: string;
  label: string;
  /** A CSS grid track ("10rem", "minmax(8rem,1fr)"). */
  width: string;
  sortable?: boolean;
  render: (row: Row) => ReactNode;
}

interface AdminTableProps<Row> {
  store: PagedStore<Row>;
  columns: Column<Row>[];
  label: string;
  testId: string;
  rowTestId: string;
  rowKey: (row: Row) => string;
  rowData?: (row: Row) => Record<string, string>;
}

/** ARIA table on divs with a virtualized body and sortable headers, as the trust store. */
export function AdminTable<Row>({ store, columns, label, testId, rowTestId, rowKey, rowData }: AdminTableProps<Row>) {
  const { t } = useTranslation();
  const { page, sortFieldName, sortType, sortBy, loading } = store();
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
  // Set through the CSSOM (allowed by the CSP), never as a style attribute in markup.
  const grid = { display: 'grid', gridTemplateColumns: columns.map((c) => c.width).join(' '), alignItems: 'center' } as const;

  return (
    <div className="overflow-x-auto">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} aria-busy={loading} className="min-w-[64rem]" data-testid={testId}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} style={grid} className="border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700">
            {columns.map((column) => {
              const active = column.sortable && column.key === sortFieldName;
              const ariaSort = active ? (sortType === 'asc' ? 'ascending' : 'descending') : column.sortable ? 'none' : undefined;
              return (
                <div key={column.key} role="columnheader" aria-sort={ariaSort} className="px-3 py-2 text-start">
                  {column.sortable ? (
                    <button type="button" className="inline-flex items-center gap-1 text-start uppercase hover:text-brand-700" onClick={() => sortBy(column.key)} data-testid={`${testId}-sort-${column.key}`}>
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
              {page ? t('policies.list.empty') : t('app.loading')}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                const data = Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([k, v]) => [`data-${k}`, v]));
                return (
                  <div
                    key={rowKey(row)}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid={rowTestId}
                    {...data}
                    style={{ ...grid, position: 'absolute', insetInlineStart: 0, top: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
                    className={`border-b border-slate-100 text-slate-800 ${item.index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
                  >
                    {columns.map((column) => (
                      <div key={column.key} role="cell" className="flex min-w-0 items-center px-3" data-col={column.key}>
                        {column.render(row)}
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

/** A text cell that truncates with the full value on hover. */
export function Cut({ text, ltr, testId }: { text: string; ltr?: boolean; testId?: string }) {
  return (
    <span className={`truncate ${ltr ? 'font-mono text-xs' : ''}`} dir={ltr ? 'ltr' : 'auto'} title={text} data-testid={testId}>
      <bdi>{text}</bdi>
    </span>
  );
}
