import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AUDIT_SORT_FIELDS, type AuditSortField } from '../contract.ts';
import { useAudit } from '../stores/audit.ts';
import { AuditRow, AUDIT_GRID } from './AuditRow.tsx';

const ROW_HEIGHT = 44;
const COLUMNS = ['time', 'module', 'action', 'actor', 'reference', 'result', 'errorCode'] as const;

function isSortable(column: (typeof COLUMNS)[number]): column is AuditSortField {
  return (AUDIT_SORT_FIELDS as readonly string[]).includes(column);
}

/** ARIA table on divs: the body is virtualized, which a <table> cannot do with positioned rows. */
export function AuditTable() {
  const { t } = useTranslation();
  const { page, sortFieldName, sortType, sortBy, loading } = useAudit();
  const rows = page?.data ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is stateful by design; this component is simply not compiler-memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Render the first rows before the container is measured (first paint, tests).
    initialRect: { width: 960, height: 480 },
  });

  return (
    <div className="overflow-x-auto">
      <div role="table" aria-label={t('audit.title')} aria-rowcount={rows.length + 1} aria-busy={loading} className="min-w-[60rem]">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={`${AUDIT_GRID} border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700`}>
            {COLUMNS.map((column) => {
              const active = isSortable(column) && column === sortFieldName;
              const ariaSort = active ? (sortType === 'asc' ? 'ascending' : 'descending') : isSortable(column) ? 'none' : undefined;
              return (
                <div key={column} role="columnheader" aria-sort={ariaSort} className="px-3 py-2 text-start">
                  {isSortable(column) ? (
                    <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-brand-700" onClick={() => sortBy(column)} data-testid={`sort-${column}`}>
                      {t(`audit.${column}`)}
                      <span aria-hidden="true">{active ? (sortType === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    t(`audit.${column}`)
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="max-h-[60vh] overflow-y-auto" data-testid="audit-body">
          {rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-slate-600" data-testid="audit-empty">
              {page ? t('audit.empty') : t('app.loading')}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const record = rows[item.index];
                return record ? <AuditRow key={record.eventId} record={record} index={item.index} start={item.start} size={item.size} /> : null;
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
