import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TRUST_SORT_FIELDS, useTrustStore, type TrustRow, type TrustSortField } from '../../stores/trustStore.ts';
import { TrustStoreRow, TRUST_GRID } from './TrustStoreRow.tsx';

const ROW_HEIGHT = 48;
const COLUMNS = ['certificateId', 'partnerDomain', 'issuedTo', 'issuedBy', 'validFrom', 'validTill', 'uploadedDateTime', 'status', 'action'] as const;

function isSortable(column: (typeof COLUMNS)[number]): column is TrustSortField {
  return (TRUST_SORT_FIELDS as readonly string[]).includes(column);
}

interface TrustStoreTableProps {
  downloading: string | null;
  onDownload: (row: TrustRow) => void;
}

/** ARIA table on divs with a virtualized body, as the audit log. */
export function TrustStoreTable({ downloading, onDownload }: TrustStoreTableProps) {
  const { t } = useTranslation();
  const { page, sortFieldName, sortType, sortBy, loading, caType } = useTrustStore();
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
    initialRect: { width: 1200, height: 480 },
  });

  return (
    <div className="overflow-x-auto">
      <div
        role="table"
        aria-label={t(`certificates.caTypes.${caType}`)}
        aria-rowcount={rows.length + 1}
        aria-busy={loading}
        className="min-w-[72rem]"
        data-testid="trust-table"
        data-ca-type={caType}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={`${TRUST_GRID} border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700`}>
            {COLUMNS.map((column) => {
              const active = isSortable(column) && column === sortFieldName;
              const ariaSort = active ? (sortType === 'asc' ? 'ascending' : 'descending') : isSortable(column) ? 'none' : undefined;
              return (
                <div key={column} role="columnheader" aria-sort={ariaSort} className="px-3 py-2 text-start">
                  {isSortable(column) ? (
                    <button type="button" className="inline-flex items-center gap-1 text-start uppercase hover:text-brand-700" onClick={() => sortBy(column)} data-testid={`trust-sort-${column}`}>
                      {t(`certificates.trustStore.${column}`)}
                      <span aria-hidden="true">{active ? (sortType === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    t(`certificates.trustStore.${column}`)
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="max-h-[60vh] overflow-y-auto" data-testid="trust-body">
          {rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-slate-600" data-testid="trust-empty">
              {page ? t('certificates.trustStore.empty') : t('app.loading')}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                return row ? (
                  <TrustStoreRow
                    key={row.certificateId}
                    row={row}
                    index={item.index}
                    start={item.start}
                    size={item.size}
                    downloading={downloading === row.certificateId}
                    onDownload={onDownload}
                  />
                ) : null;
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
