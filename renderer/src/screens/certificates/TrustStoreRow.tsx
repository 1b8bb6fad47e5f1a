import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import type { TrustRow } from '../../stores/trustStore.ts';
import { useUi } from '../../stores/ui.ts';

export const TRUST_GRID = 'grid grid-cols-[10rem_8.5rem_minmax(8rem,1fr)_minmax(8rem,1fr)_7rem_7rem_8.5rem_6.5rem_10rem] items-center';

interface TrustStoreRowProps {
  row: TrustRow;
  index: number;
  start: number;
  size: number;
  downloading: boolean;
  onDownload: (row: TrustRow) => void;
}

export function TrustStoreRow({ row, index, start, size, downloading, onDownload }: TrustStoreRowProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="trust-row"
      data-certificate-id={row.certificateId}
      // Positioning is set through the CSSOM (allowed by the CSP), not a style attribute in markup.
      style={{ position: 'absolute', insetInlineStart: 0, top: 0, width: '100%', height: size, transform: `translateY(${start}px)` }}
      className={`${TRUST_GRID} border-b border-slate-100 text-slate-800 ${index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
    >
      <div role="cell" className="flex min-w-0 items-center px-3">
        <span dir="ltr" className="truncate font-mono text-xs" title={row.certificateId} data-testid="trust-row-id">
          {row.certificateId}
        </span>
        <CopyButton value={row.certificateId} label={t('certificates.trustStore.certificateId')} />
      </div>
      <div role="cell" className="truncate px-3" title={t(`certificates.domains.${row.partnerDomain}`)} data-testid="trust-row-domain">
        {t(`certificates.domains.${row.partnerDomain}`)}
      </div>
      <div role="cell" className="flex min-w-0 items-center gap-1 px-3" title={row.issuedTo} data-testid="trust-row-issued-to">
        <bdi className="truncate">{row.issuedTo}</bdi>
        {row.isVirtual ? (
          <span className="shrink-0 rounded bg-wait-bg px-1 text-xs text-wait-fg" title={t('certificates.trustStore.virtualRootHint')} data-testid="trust-row-virtual">
            {t('certificates.trustStore.virtualRoot')}
          </span>
        ) : null}
      </div>
      <div role="cell" className="truncate px-3" title={row.issuedBy}>
        <bdi>{row.issuedBy}</bdi>
      </div>
      <div role="cell" className="px-3 whitespace-nowrap" title={formatDateTime(row.validFrom, lang)}>
        {formatDate(row.validFrom, lang)}
      </div>
      <div role="cell" className="px-3 whitespace-nowrap" title={formatDateTime(row.validTill, lang)}>
        {formatDate(row.validTill, lang)}
      </div>
      <div role="cell" className="px-3 text-xs">
        {formatDateTime(row.uploadedDateTime, lang)}
      </div>
      <div role="cell" className="px-3">
        <StatusBadge status={row.status ? 'valid' : 'expired'} testId="trust-row-status" />
      </div>
      <div role="cell" className="flex items-center px-1">
        <Link
          to={`/admin/trust-store/view?id=${encodeURIComponent(row.certificateId)}`}
          className="btn btn-quiet"
          aria-label={t('certificates.trustStore.viewLabel', { id: row.issuedTo })}
          data-testid="trust-row-view"
        >
          {t('certificates.trustStore.view')}
        </Link>
        <button
          type="button"
          className="btn btn-quiet"
          disabled={downloading}
          aria-busy={downloading}
          aria-label={t('certificates.trustStore.downloadLabel', { id: row.issuedTo })}
          onClick={() => onDownload(row)}
          data-testid="trust-row-download"
        >
          {t('certificates.trustStore.download')}
        </button>
      </div>
    </div>
  );
}
