import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { DetailView } from '../../components/DetailView.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { useDownload } from '../../hooks/useDownload.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';
import { CertificateFacts, ExtensionsTable } from './CertificateFacts.tsx';
import { ChainPicture } from './ChainPicture.tsx';
import { WarningList } from './WarningList.tsx';

/** `#/admin/trust-store/view?id=<certificateId>`: details, chain picture, downloads. */
export function TrustDetailScreen() {
  const { t } = useTranslation();
  const id = useRoute().query.get('id') ?? '';
  const record = useRecord('trustStore.detail', id ? { certificateId: id } : null);
  const { download, busy, error: downloadError } = useDownload();

  const back = (
    <Link to="/admin/trust-store" className="link inline-flex items-center gap-1" data-testid="detail-back">
      <span aria-hidden="true" className="inline-block rtl:rotate-180">
        ‹
      </span>
      {t('certificates.trustDetail.back')}
    </Link>
  );

  if (!id) {
    return (
      <div className="space-y-4">
        {back}
        <p role="alert" className="text-slate-700">
          {t('certificates.trustDetail.missingId')}
        </p>
      </div>
    );
  }
  return (
    <DetailView record={record} frame={back} errorView={(error) => <CertificateError error={error} />}>
      {(detail) => (
        <TrustDetail detail={detail} back={back} busy={busy} download={download} downloadError={downloadError} />
      )}
    </DetailView>
  );
}

interface TrustDetailProps {
  detail: Output<'trustStore.detail'>;
  back: ReactNode;
  busy: string | null;
  download: ReturnType<typeof useDownload>['download'];
  downloadError: ReturnType<typeof useDownload>['error'];
}

function TrustDetail({ detail, back, busy, download, downloadError }: TrustDetailProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const { row, details } = detail;
  const fetchFile = (kind: 'certificate' | 'chain') => () =>
    fetchOnce('trustStore.download', { certificateId: row.certificateId, kind });
  return (
    <div className="space-y-4" data-testid="trust-detail" data-ca-type={row.caCertificateType}>
      {back}
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title flex flex-wrap items-center gap-2">
            {t('certificates.trustDetail.title', {
              type: t(`certificates.caTypes.${row.caCertificateType}`),
            })}
            <StatusBadge status={row.status ? 'valid' : 'expired'} testId="detail-status" />
          </h1>
          <p className="mt-1 text-lg text-slate-800" data-testid="detail-issued-to">
            <bdi>{row.issuedTo}</bdi>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy !== null}
            aria-busy={busy === 'certificate'}
            onClick={() => void download('certificate', fetchFile('certificate'))}
            data-testid="download-certificate"
          >
            {t('certificates.trustDetail.downloadCertificate')}
          </button>
          {row.caCertificateType === 'INTERMEDIATE' ? (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy !== null || detail.chainError !== null}
              aria-busy={busy === 'chain'}
              onClick={() => void download('chain', fetchFile('chain'))}
              data-testid="download-chain"
            >
              {t('certificates.trustDetail.downloadChain')}
            </button>
          ) : null}
        </div>
      </div>
      <CertificateError error={downloadError} />
      <WarningList warnings={detail.warnings} />
      <div className="grid items-start gap-4 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="trust-detail-facts" className="panel p-5">
          <h2 id="trust-detail-facts" className="text-base font-semibold text-slate-900">
            {t('certificates.trustDetail.details')}
          </h2>
          <CertificateFacts
            details={details}
            extra={[
              [
                t('certificates.trustDetail.certificateId'),
                <CopyableId
                  value={row.certificateId}
                  label={t('certificates.trustDetail.certificateId')}
                  testId="detail-certificate-id"
                />,
                'id',
              ],
              [t('certificates.trustDetail.partnerDomain'), t(`certificates.domains.${row.partnerDomain}`), 'domain'],
              [t('certificates.trustDetail.uploadedDateTime'), formatDateTime(row.uploadedDateTime, lang), 'uploaded'],
            ]}
          />
        </section>
        <ChainPicture
          chain={detail.chain}
          chainError={detail.chainError}
          caType={row.caCertificateType}
          domain={row.partnerDomain}
          profile={detail.profile}
          warnings={detail.chainWarnings}
        />
      </div>
      <section aria-labelledby="trust-detail-extensions" className="panel p-5">
        <h2 id="trust-detail-extensions" className="mb-3 text-base font-semibold text-slate-900">
          {t('certificates.trustDetail.extensions')}
        </h2>
        <ExtensionsTable extensions={details.extensions} />
      </section>
    </div>
  );
}
