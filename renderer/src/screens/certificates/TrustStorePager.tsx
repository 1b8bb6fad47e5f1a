import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES, useTrustStore } from '../../stores/trustStore.ts';

export function TrustStorePager() {
  const { t } = useTranslation();
  const sizeId = useId();
  const { page, pageNo, pageSize, loading, setPage, setPageSize } = useTrustStore();
  const total = page?.totalResults ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <nav aria-label={t('certificates.trustStore.pager')} className="flex flex-wrap items-center gap-4 border-t border-slate-200 px-4 py-3">
      <p className="text-slate-700" data-testid="trust-total" aria-live="polite">
        {t('certificates.trustStore.total', { n: total })}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-slate-600">
          {t('certificates.trustStore.pageSize')}
        </label>
        <select
          id={sizeId}
          value={pageSize}
          data-testid="trust-page-size"
          onChange={(event) => setPageSize(Number(event.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="ms-auto flex items-center gap-2">
        <button type="button" className="btn btn-secondary px-3 py-1" disabled={loading || pageNo <= 0} onClick={() => setPage(pageNo - 1)} data-testid="trust-page-previous">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ‹
          </span>
          {t('certificates.trustStore.previous')}
        </button>
        <span className="text-slate-700" data-testid="trust-page-indicator">
          {t('certificates.trustStore.pageOf', { page: Math.min(pageNo + 1, pages), pages })}
        </span>
        <button type="button" className="btn btn-secondary px-3 py-1" disabled={loading || pageNo + 1 >= pages} onClick={() => setPage(pageNo + 1)} data-testid="trust-page-next">
          {t('certificates.trustStore.next')}
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ›
          </span>
        </button>
      </div>
    </nav>
  );
}
