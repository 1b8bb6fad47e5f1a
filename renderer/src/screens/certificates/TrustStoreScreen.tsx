import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDownload } from '../../hooks/useDownload.ts';
import { useEvent } from '../../hooks/useEvent.ts';
import { Link } from '../../router/Link.tsx';
import { useTrustStore, type TrustRow } from '../../stores/trustStore.ts';
import { CertificateError } from './CertificateError.tsx';
import { SigningCaPanel } from './SigningCaPanel.tsx';
import { TrustProfilesPanel } from './TrustProfilesPanel.tsx';
import { TrustStoreFilterForm } from './TrustStoreFilterForm.tsx';
import { TrustStorePager } from './TrustStorePager.tsx';
import { TrustStoreTable } from './TrustStoreTable.tsx';
import { PANEL_ID, TrustStoreTabs, tabId } from './TrustStoreTabs.tsx';

/** Certificate Trust Store (pms.md §5.4): Root CA / Intermediate CA tabs over one server-side list. */
export function TrustStoreScreen() {
  const { t } = useTranslation();
  const load = useTrustStore((s) => s.load);
  const error = useTrustStore((s) => s.error);
  const caType = useTrustStore((s) => s.caType);
  const { download, busy, error: downloadError } = useDownload();

  useEffect(() => {
    void load();
  }, [load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'trustStore') void load();
  });

  // MOSIP downloads a root as itself and an intermediate with its trust path (P7B).
  const onDownload = (row: TrustRow) =>
    void download(row.certificateId, () =>
      api.call('trustStore.download', { certificateId: row.certificateId, kind: row.caCertificateType === 'ROOT' ? 'certificate' : 'chain' }),
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title">{t('certificates.trustStore.title')}</h1>
          <p className="mt-1 text-slate-600">{t('certificates.trustStore.description')}</p>
        </div>
        <Link to="/admin/trust-store/upload" className="btn btn-primary" data-testid="trust-upload-link">
          {t('certificates.trustStore.upload')}
        </Link>
      </div>
      <SigningCaPanel />
      <TrustProfilesPanel />
      <TrustStoreTabs />
      <div role="tabpanel" id={PANEL_ID} aria-labelledby={tabId(caType)} className="space-y-4">
        <TrustStoreFilterForm />
        <CertificateError error={error ?? downloadError} />
        <div className="panel overflow-hidden">
          <TrustStoreTable downloading={busy} onDownload={onDownload} />
          <TrustStorePager />
        </div>
      </div>
    </div>
  );
}
