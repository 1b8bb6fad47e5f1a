import { Pager } from '../components/Pager.tsx';
import { PAGE_SIZES, useAudit } from '../stores/audit.ts';

const IDS = { total: 'audit-total', pageSize: 'page-size', previous: 'page-previous', next: 'page-next', indicator: 'page-indicator' };

export function AuditPager() {
  const { page, pageNo, pageSize, loading, setPage, setPageSize } = useAudit();
  return <Pager total={page?.totalResults ?? 0} pageNo={pageNo} pageSize={pageSize} loading={loading} sizes={PAGE_SIZES} onPage={setPage} onPageSize={setPageSize} ids={IDS} />;
}
