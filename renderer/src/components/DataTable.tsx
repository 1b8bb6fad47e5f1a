import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SortType } from '../contract.ts';

export interface Column<R> {
  id: string;
  label: string;
  /** A CSS grid track ("10rem", "minmax(8rem,1fr)"). */
  width: string;
  /** The contract's sort field when the column sorts. */
  sort?: string;
  /** Lay the cell out as a row (text + copy button) instead of one truncated line. */
  flex?: boolean;
  cell(row: R): ReactNode;
}

export interface DataTableIds {
  table?: string;
  row: string;
  body?: string;
  empty: string;
  /** `${sort}${column.id}` on each sort button. */
  sort: string;
}

interface DataTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string;
  /** data-* attributes of a row (tests and styling find rows by them). */
  rowData?(row: R): Record<string, string>;
  label: string;
  sortFieldName: string;
  sortType: SortType;
  onSort(field: string): void;
  busy: boolean;
  /** Shown in place of rows: "Loading…" or the list's empty text. */
  placeholder: string;
  ids: DataTableIds;
  minWidth?: string;
  rowHeight?: number;
  tableData?: Record<string, string>;
}

/** ARIA table on divs: sortable headers and a virtualized body (a <table> cannot position rows). */
export function DataTable<R>(props: DataTableProps<R>) {
  const {
    rows,
    columns,
    rowKey,
    rowData,
    label,
    sortFieldName,
    sortType,
    onSort,
    busy,
    placeholder,
    ids,
    minWidth = '64rem',
    rowHeight = 48,
    tableData,
  } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is stateful by design; this component is simply not compiler-memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Render the first rows before the container is measured (first paint, tests).
    initialRect: { width: 1200, height: 480 },
  });
  // Set through the CSSOM (allowed by the CSP), never as a style attribute in markup.
  const grid = {
    display: 'grid',
    gridTemplateColumns: columns.map((c) => c.width).join(' '),
    alignItems: 'center',
  } as const;
  const attrs = (data: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));

  return (
    <div className="overflow-x-auto">
      <div
        role="table"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-busy={busy}
        style={{ minWidth }}
        data-testid={ids.table}
        {...attrs(tableData)}
      >
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            style={grid}
            className="border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700"
          >
            {columns.map((column) => {
              const active = column.sort !== undefined && column.sort === sortFieldName;
              const ariaSort = active
                ? sortType === 'asc'
                  ? 'ascending'
                  : 'descending'
                : column.sort
                  ? 'none'
                  : undefined;
              return (
                <div key={column.id} role="columnheader" aria-sort={ariaSort} className="px-3 py-2 text-start">
                  {column.sort ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 text-start uppercase hover:text-brand-700"
                      onClick={() => onSort(column.sort ?? column.id)}
                      data-testid={`${ids.sort}${column.id}`}
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
        <div ref={scrollRef} role="rowgroup" className="max-h-[60vh] overflow-y-auto" data-testid={ids.body}>
          {rows.length === 0 ? (
            // A row group holds rows only (ARIA): the placeholder is one row with one cell.
            <div role="row">
              <p role="cell" className="px-4 py-8 text-center text-slate-600" data-testid={ids.empty}>
                {placeholder}
              </p>
            </div>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (row === undefined) return null;
                return (
                  <div
                    key={rowKey(row)}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid={ids.row}
                    data-key={rowKey(row)}
                    {...attrs(rowData?.(row))}
                    style={{
                      ...grid,
                      position: 'absolute',
                      insetInlineStart: 0,
                      top: 0,
                      width: '100%',
                      height: item.size,
                      transform: `translateY(${item.start}px)`,
                    }}
                    className={`border-b border-slate-100 text-sm text-slate-800 ${item.index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
                  >
                    {columns.map((column) => (
                      <div
                        key={column.id}
                        role="cell"
                        className={column.flex ? 'flex min-w-0 items-center px-3' : 'min-w-0 truncate px-3'}
                        data-col={column.id}
                      >
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

/** A text cell that truncates with the full value on hover; Latin ids stay left-to-right. */
export function Cut({ text, ltr, testId }: { text: string; ltr?: boolean; testId?: string }) {
  return (
    <span
      className={`truncate ${ltr ? 'font-mono text-xs' : ''}`}
      dir={ltr ? 'ltr' : 'auto'}
      title={text}
      data-testid={testId}
    >
      <bdi>{text}</bdi>
    </span>
  );
}
