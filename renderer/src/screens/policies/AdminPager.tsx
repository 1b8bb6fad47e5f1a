import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_PAGE_SIZES, type PagedStore } from '../../stores/adminLists.ts';

export function AdminPager<Row>({ store, testId }: { store: PagedStore<Row>; testId: string }) {
  const { t } = useTranslation();
  const sizeId = useId();
  const { page, pageNo, pageSize, loading, setPage, setPageSize } = store();
  const total = page?.totalResults ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t('policies.list.pager')} className="flex flex-wrap items-center gap-4 border-t border-slate-200 px-4 py-3">
      <p className="text-slate-700" data-testid={`${testId}-total`} aria-live="polite">
        {t('policies.list.total', { n: total })}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-slate-600">
          {t('policies.list.pageSize')}
        </label>
        <select id={sizeId} value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1" data-testid={`${testId}-page-size`}>
          {ADMIN_PAGE_SIZES.map((size) => (
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
          {t('policies.list.previous')}
        </button>
        <span className="text-slate-700">{t('policies.list.pageOf', { page: Math.min(pageNo + 1, pages), pages })}</span>
        <button type="button" className="btn btn-secondary px-3 py-1" disabled={loading || pageNo + 1 >= pages} onClick={() => setPage(pageNo + 1)} data-testid={`${testId}-next`}>
          {t('policies.list.next')}
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ›
          </span>
        </button>
      </div>
    </nav>
  );
}
