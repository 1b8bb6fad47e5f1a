/**
 * What the pager shows for a page of a server list. A total that is a lower bound (the core
 * stopped counting at its cap: `totalIsLowerBound`) has no last page: the core only says so when
 * rows follow the current page, so "next" stays open and no "of M" is shown.
 */
export interface PagerView {
  /** 1-based page shown */
  page: number;
  /** null when the total is a lower bound */
  pages: number | null;
  canPrevious: boolean;
  canNext: boolean;
}

export function pagerView(total: number, pageNo: number, pageSize: number, totalIsLowerBound: boolean): PagerView {
  const canPrevious = pageNo > 0;
  if (totalIsLowerBound) return { page: pageNo + 1, pages: null, canPrevious, canNext: true };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(pageNo + 1, pages), pages, canPrevious, canNext: pageNo + 1 < pages };
}
