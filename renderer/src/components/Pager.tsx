import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format.ts';
import { pagerView } from '../lib/pager.ts';
import { useUi } from '../stores/ui.ts';

export interface PagerIds {
  total: string;
  pageSize: string;
  previous: string;
  next: string;
  indicator: string;
}

export interface PagerProps {
  total: number;
  /** The core stopped counting: more than `total` rows match, and more follow this page. */
  totalIsLowerBound?: boolean | undefined;
  pageNo: number;
  pageSize: number;
  loading: boolean;
  sizes: readonly number[];
  onPage: (pageNo: number) => void;
  onPageSize: (pageSize: number) => void;
  /** Test ids, so each list keeps its own. */
  ids: PagerIds;
  /** "12 certificates" instead of the generic "12 results". */
  totalLabel?: string;
}

/** The one pager under every server-paged list: total, rows per page, previous / page N of M / next. */
export function Pager({
  total,
  totalIsLowerBound = false,
  pageNo,
  pageSize,
  loading,
  sizes,
  onPage,
  onPageSize,
  ids,
  totalLabel,
}: PagerProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const sizeId = useId();
  const view = pagerView(total, pageNo, pageSize, totalIsLowerBound);
  return (
    <nav
      aria-label={t('pager.pager')}
      className="flex flex-wrap items-center gap-4 border-t border-slate-200 px-4 py-3"
    >
      <p className="text-slate-700" data-testid={ids.total} aria-live="polite">
        {totalIsLowerBound
          ? t('pager.totalAtLeast', { n: formatCount(total, lang) })
          : (totalLabel ?? t('pager.total', { n: total }))}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-slate-600">
          {t('pager.pageSize')}
        </label>
        <select
          id={sizeId}
          value={pageSize}
          data-testid={ids.pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="ms-auto flex items-center gap-2">
        <button
          type="button"
          className="btn btn-secondary px-3 py-1"
          disabled={loading || !view.canPrevious}
          onClick={() => onPage(pageNo - 1)}
          data-testid={ids.previous}
        >
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ‹
          </span>
          {t('pager.previous')}
        </button>
        <span className="text-slate-700" data-testid={ids.indicator}>
          {view.pages === null
            ? t('pager.page', { page: view.page })
            : t('pager.pageOf', { page: view.page, pages: view.pages })}
        </span>
        <button
          type="button"
          className="btn btn-secondary px-3 py-1"
          disabled={loading || !view.canNext}
          onClick={() => onPage(pageNo + 1)}
          data-testid={ids.next}
        >
          {t('pager.next')}
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ›
          </span>
        </button>
      </div>
    </nav>
  );
}
