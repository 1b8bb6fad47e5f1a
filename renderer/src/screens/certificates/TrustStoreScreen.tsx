import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, listIds } from '../../components/ListView.tsx';
import { ValidityBadge } from '../../components/ValidityBadge.tsx';
import { useList } from '../../data/useList.ts';
import { useDownload } from '../../hooks/useDownload.ts';
import { PARTNER_DOMAINS, isPartnerDomain, parseExpiryPeriod, type CaType } from '../../lib/certificates.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import type { Output } from '../../contract.ts';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';
import { SigningCaPanel } from './SigningCaPanel.tsx';
import { TrustProfilesPanel } from './TrustProfilesPanel.tsx';
import { PANEL_ID, TrustStoreTabs, tabId } from './TrustStoreTabs.tsx';

type TrustRow = Output<'trustStore.list'>['data'][number];
const IDS = listIds('trust', {
  table: 'trust-table',
  pager: { previous: 'trust-page-previous', next: 'trust-page-next' },
  filters: { apply: 'trust-apply', clear: 'trust-clear' },
});

/** Certificate Trust Store (pms.md §5.4): Root CA / Intermediate CA tabs over one server-side list. */
export function TrustStoreScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  // The moment the list was shown: what "expires in N days" counts from.
  const [shownAt] = useState(() => Date.now());
  const list = useList('trustStore.list', {
    id: 'trustStore',
    scope: { caCertificateType: 'ROOT' },
    sortFieldName: 'uploadedDateTime',
    sortType: 'desc',
    descFirst: ['uploadedDateTime', 'validFrom', 'validTill'],
    parse: {
      partnerDomain: (v) => (isPartnerDomain(v) ? v : undefined),
      expiryPeriod: (v) => parseExpiryPeriod(v) ?? undefined,
    },
  });
  const caType = (list.query.scope.caCertificateType ?? 'ROOT') as CaType;
  const { download, busy, error: downloadError } = useDownload();

  // MOSIP downloads a root as itself and an intermediate with its trust path (P7B).
  const onDownload = (row: TrustRow) =>
    void download(row.certificateId, () =>
      fetchOnce('trustStore.download', {
        certificateId: row.certificateId,
        kind: row.caCertificateType === 'ROOT' ? 'certificate' : 'chain',
      }),
    );

  const columns: Column<TrustRow>[] = [
    {
      id: 'certificateId',
      label: t('certificates.trustStore.certificateId'),
      width: '10rem',
      sort: 'certificateId',
      flex: true,
      cell: (r) => (
        <>
          <span dir="ltr" className="truncate font-mono text-xs" title={r.certificateId} data-testid="trust-row-id">
            {r.certificateId}
          </span>
          <CopyButton value={r.certificateId} label={t('certificates.trustStore.certificateId')} />
        </>
      ),
    },
    {
      id: 'partnerDomain',
      label: t('certificates.trustStore.partnerDomain'),
      width: '8.5rem',
      sort: 'partnerDomain',
      cell: (r) => (
        <span title={t(`certificates.domains.${r.partnerDomain}`)} data-testid="trust-row-domain">
          {t(`certificates.domains.${r.partnerDomain}`)}
        </span>
      ),
    },
    {
      id: 'issuedTo',
      label: t('certificates.trustStore.issuedTo'),
      width: 'minmax(8rem,1fr)',
      sort: 'issuedTo',
      cell: (r) => (
        <span className="flex min-w-0 items-center gap-1" title={r.issuedTo} data-testid="trust-row-issued-to">
          <bdi className="truncate">{r.issuedTo}</bdi>
          {r.isVirtual ? (
            <span
              className="shrink-0 rounded bg-wait-bg px-1 text-xs text-wait-fg"
              title={t('certificates.trustStore.virtualRootHint')}
              data-testid="trust-row-virtual"
            >
              {t('certificates.trustStore.virtualRoot')}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'issuedBy',
      label: t('certificates.trustStore.issuedBy'),
      width: 'minmax(8rem,1fr)',
      sort: 'issuedBy',
      cell: (r) => <bdi title={r.issuedBy}>{r.issuedBy}</bdi>,
    },
    {
      id: 'validFrom',
      label: t('certificates.trustStore.validFrom'),
      width: '7rem',
      sort: 'validFrom',
      cell: (r) => <span title={formatDateTime(r.validFrom, lang)}>{formatDate(r.validFrom, lang)}</span>,
    },
    {
      id: 'validTill',
      label: t('certificates.trustStore.validTill'),
      width: '7rem',
      sort: 'validTill',
      cell: (r) => <span title={formatDateTime(r.validTill, lang)}>{formatDate(r.validTill, lang)}</span>,
    },
    {
      id: 'uploadedDateTime',
      label: t('certificates.trustStore.uploadedDateTime'),
      width: '8.5rem',
      sort: 'uploadedDateTime',
      cell: (r) => <span className="text-xs">{formatDateTime(r.uploadedDateTime, lang)}</span>,
    },
    {
      id: 'status',
      label: t('certificates.trustStore.status'),
      width: '6.5rem',
      cell: (r) => <ValidityBadge expiry={r.validTill} expired={!r.status} now={shownAt} testId="trust-row-status" />,
    },
    {
      id: 'action',
      label: t('certificates.trustStore.action'),
      width: '10rem',
      flex: true,
      cell: (r) => (
        <>
          <Link
            to={`/admin/trust-store/view?id=${encodeURIComponent(r.certificateId)}`}
            className="btn btn-quiet"
            aria-label={t('certificates.trustStore.viewLabel', { id: r.issuedTo })}
            data-testid="trust-row-view"
          >
            {t('certificates.trustStore.view')}
          </Link>
          <button
            type="button"
            className="btn btn-quiet"
            disabled={busy === r.certificateId}
            aria-busy={busy === r.certificateId}
            aria-label={t('certificates.trustStore.downloadLabel', { id: r.issuedTo })}
            onClick={() => onDownload(r)}
            data-testid="trust-row-download"
          >
            {t('certificates.trustStore.download')}
          </button>
        </>
      ),
    },
  ];

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
      <TrustStoreTabs caType={caType} onSelect={(type) => list.setScope({ caCertificateType: type })} />
      <div role="tabpanel" id={PANEL_ID} aria-labelledby={tabId(caType)}>
        <ListView
          list={list}
          columns={columns}
          rowKey={(r) => r.certificateId}
          rowData={(r) => ({ 'certificate-id': r.certificateId })}
          label={t(`certificates.caTypes.${caType}`)}
          empty={t('certificates.trustStore.empty')}
          ids={IDS}
          tableData={{ 'ca-type': caType }}
          minWidth="72rem"
          totalLabel={(n) => t('certificates.trustStore.total', { n })}
          errorView={(error) => <CertificateError error={error ?? downloadError} />}
          filters={[
            { name: 'certificateId', label: t('certificates.trustStore.certificateId'), ltr: true },
            {
              name: 'partnerDomain',
              label: t('certificates.trustStore.partnerDomain'),
              options: PARTNER_DOMAINS.map((d) => ({
                value: d,
                label: t(`certificates.domains.${d}`),
              })),
            },
            { name: 'issuedTo', label: t('certificates.trustStore.issuedTo') },
            { name: 'issuedBy', label: t('certificates.trustStore.issuedBy') },
            {
              name: 'expiryPeriod',
              label: t('certificates.trustStore.expiryPeriod'),
              type: 'number',
              min: 1,
              max: 30,
              hint: t('certificates.trustStore.expiryHint'),
              valid: (v) => parseExpiryPeriod(v) !== null,
            },
          ]}
        />
      </div>
    </div>
  );
}
