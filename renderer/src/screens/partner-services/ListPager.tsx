import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_PAGE_SIZES, type ListStore } from '../../stores/pagedList.ts';

export function ListPager<R, F>({ store, testId }: { store: ListStore<R, F>; testId: string }) {
  const { t } = useTranslation();
  const sizeId = useId();
  const total = store((s) => s.page?.totalResults ?? 0);
  const pageNo = store((s) => s.pageNo);
  const pageSize = store((s) => s.pageSize);
  const loading = store((s) => s.loading);
  const setPage = store((s) => s.setPage);
  const setPageSize = store((s) => s.setPageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t('partnerServices.list.pager')} className="flex flex-wrap items-center gap-4 border-t border-slate-200 px-4 py-3">
      <p className="text-slate-700" data-testid={`${testId}-total`} aria-live="polite">
        {t('partnerServices.list.total', { n: total })}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-slate-600">
          {t('partnerServices.list.pageSize')}
        </label>
        <select id={sizeId} value={pageSize} onChange={(event) => setPageSize(Number(event.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {LIST_PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="ms-auto flex items-center gap-2">
        <button type="button" className="btn btn-secondary px-3 py-1" disabled={loading || pageNo <= 0} onClick={() => setPage(pageNo - 1)} data-testid={`${testId}-previous`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ‹
          </span>
          {t('partnerServices.list.previous')}
        </button>
        <span className="text-slate-700">{t('partnerServices.list.pageOf', { page: Math.min(pageNo + 1, pages), pages })}</span>
        <button type="button" className="btn btn-secondary px-3 py-1" disabled={loading || pageNo + 1 >= pages} onClick={() => setPage(pageNo + 1)} data-testid={`${testId}-next`}>
          {t('partnerServices.list.next')}
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ›
          </span>
        </button>
      </div>
    </nav>
  );
}
