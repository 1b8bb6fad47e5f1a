import { useTranslation } from 'react-i18next';
import { Pager } from '../../components/Pager.tsx';
import { PAGE_SIZES, useTrustStore } from '../../stores/trustStore.ts';

const IDS = { total: 'trust-total', pageSize: 'trust-page-size', previous: 'trust-page-previous', next: 'trust-page-next', indicator: 'trust-page-indicator' };

export function TrustStorePager() {
  const { t } = useTranslation();
  const { page, pageNo, pageSize, loading, setPage, setPageSize } = useTrustStore();
  const total = page?.totalResults ?? 0;
  return <Pager totalLabel={t('certificates.trustStore.total', { n: total })} total={total} pageNo={pageNo} pageSize={pageSize} loading={loading} sizes={PAGE_SIZES} onPage={setPage} onPageSize={setPageSize} ids={IDS} />;
}
