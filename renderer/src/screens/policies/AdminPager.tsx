import { Pager } from '../../components/Pager.tsx';
import { ADMIN_PAGE_SIZES, type PagedStore } from '../../stores/adminLists.ts';

export function AdminPager<Row>({ store, testId }: { store: PagedStore<Row>; testId: string }) {
  const { page, pageNo, pageSize, loading, setPage, setPageSize } = store();
  const ids = { total: `${testId}-total`, pageSize: `${testId}-page-size`, previous: `${testId}-previous`, next: `${testId}-next`, indicator: `${testId}-page-indicator` };
  return <Pager total={page?.totalResults ?? 0} totalIsLowerBound={page?.totalIsLowerBound} pageNo={pageNo} pageSize={pageSize} loading={loading} sizes={ADMIN_PAGE_SIZES} onPage={setPage} onPageSize={setPageSize} ids={ids} />;
}
