import { Pager } from '../../components/Pager.tsx';
import { LIST_PAGE_SIZES, type ListStore } from '../../stores/pagedList.ts';

export function ListPager<R, F>({ store, testId }: { store: ListStore<R, F>; testId: string }) {
  const total = store((s) => s.page?.totalResults ?? 0);
  const lowerBound = store((s) => s.page?.totalIsLowerBound);
  const pageNo = store((s) => s.pageNo);
  const pageSize = store((s) => s.pageSize);
  const loading = store((s) => s.loading);
  const setPage = store((s) => s.setPage);
  const setPageSize = store((s) => s.setPageSize);
  const ids = { total: `${testId}-total`, pageSize: `${testId}-page-size`, previous: `${testId}-previous`, next: `${testId}-next`, indicator: `${testId}-page-indicator` };
  return <Pager total={total} totalIsLowerBound={lowerBound} pageNo={pageNo} pageSize={pageSize} loading={loading} sizes={LIST_PAGE_SIZES} onPage={setPage} onPageSize={setPageSize} ids={ids} />;
}
