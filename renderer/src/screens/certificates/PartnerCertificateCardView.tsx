import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ValidityBadge } from '../../components/ValidityBadge.tsx';
import { useDownload } from '../../hooks/useDownload.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { CertificateCard } from '../../lib/certificates.ts';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';
import { DownloadMenu } from './DownloadMenu.tsx';
import { partnerTypeName } from './partnerType.ts';
import { WarningList } from './WarningList.tsx';

interface CardProps {
  card: CertificateCard;
  /** The partner admin may download a deactivated partner's certificates (the core allows it). */
  isAdmin: boolean;
  onUpload: (card: CertificateCard) => void;
}

/** One partner id (pms.md §5.3): the upload invitation, or the certificate with Re-Upload and Download. */
export function PartnerCertificateCardView({ card, isAdmin, onUpload }: CardProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const noteId = useId();
  // The moment the card was shown; the list refetches on every change anyway.
  const [now] = useState(() => Date.now());
  const { download, busy, error } = useDownload();
  const typeName = partnerTypeName(t, card.partnerType);
  const domainName = t(`certificates.domains.${card.partnerDomain}`);

  // MOSIP: approved but inactive = deactivated; the core refuses uploads unless pending or active.
  const deactivated = card.approvalStatus === 'approved' && !card.partnerActive;
  const mayUpload = card.approvalStatus === 'InProgress' || card.partnerActive;
  const uploadBlocked = deactivated
    ? t('certificates.partnerCert.deactivated')
    : mayUpload
      ? undefined
      : t('errors.PMS_PMP_016');
  const downloadBlocked =
    deactivated && !isAdmin
      ? t('certificates.partnerCert.deactivated')
      : card.isExpired
        ? t('errors.PD_CERT_001')
        : undefined;
  const caSignedExpired = card.caSignedExpiryDateTime !== null && Date.parse(card.caSignedExpiryDateTime) < now;

  const uploadButton = (label: string, testId: string) => (
    <span title={uploadBlocked} className="inline-block">
      <button
        type="button"
        className={card.uploaded ? 'btn btn-secondary' : 'btn btn-primary'}
        aria-disabled={uploadBlocked !== undefined}
        aria-describedby={uploadBlocked ? noteId : undefined}
        onClick={() => {
          if (!uploadBlocked) onUpload(card);
        }}
        data-testid={testId}
      >
        {label}
      </button>
    </span>
  );

  const facts: [string, ReactNode, string][] = [
    [t('certificates.partnerCert.partnerType'), typeName, 'type'],
    [t('certificates.partnerCert.partnerDomain'), domainName, 'domain'],
    [
      t('certificates.partnerCert.uploaded'),
      card.uploadedDateTime ? formatDateTime(card.uploadedDateTime, lang) : t('common.none'),
      'uploaded',
    ],
  ];
  const date = (at: string | null) => (at ? formatDateTime(at, lang) : t('common.none'));
  // The uploaded certificate and the MOSIP-signed copy differ in issuer and validity: each is shown whole
  // (the card's own badge is the MOSIP-signed copy's, the one MOSIP goes by).
  const certificates: {
    key: string;
    heading: string;
    facts: [string, ReactNode, string][];
    expiry: string | null;
    expired: boolean;
  }[] = [
    {
      key: 'ca-signed',
      heading: t('certificates.partnerCert.caSignedHeading'),
      expiry: card.caSignedExpiryDateTime,
      expired: caSignedExpired,
      facts: [
        [t('certificates.partnerCert.issuedTo'), <bdi>{card.issuedTo ?? t('common.none')}</bdi>, 'issued-to'],
        [t('certificates.partnerCert.issuedBy'), <bdi>{card.issuedBy ?? t('common.none')}</bdi>, 'issued-by'],
        [t('certificates.partnerCert.expiry'), date(card.caSignedExpiryDateTime), 'ca-expiry'],
      ],
    },
    {
      key: 'mosip',
      heading: t('certificates.partnerCert.mosipHeading'),
      expiry: card.expiryDateTime,
      expired: card.isExpired,
      facts: [
        [
          t('certificates.partnerCert.issuedBy'),
          <bdi>{card.mosipIssuedBy ?? t('common.none')}</bdi>,
          'mosip-issued-by',
        ],
        [t('certificates.partnerCert.expiry'), date(card.expiryDateTime), 'expiry'],
      ],
    },
  ];

  return (
    <li
      className="panel p-5"
      data-testid="partner-cert-card"
      data-partner-id={card.partnerId}
      data-uploaded={card.uploaded}
      data-expired={card.isExpired}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          <span className="sr-only">{t('certificates.partnerCert.partnerId')}: </span>
          <CopyableId value={card.partnerId} label={t('certificates.partnerCert.partnerId')} testId="card-partner-id" />
        </h2>
        <span className="text-slate-600">{typeName}</span>
        {deactivated ? <StatusBadge status="deactivated" testId="card-deactivated" /> : null}
        {card.uploaded && card.expiryDateTime ? (
          <ValidityBadge expiry={card.expiryDateTime} expired={card.isExpired} now={now} testId="card-validity" />
        ) : null}
      </div>

      {card.uploaded ? (
        <>
          <FactGrid facts={facts} />
          <div className="mt-3 grid gap-3 lg:grid-cols-2">
            {certificates.map((c) => (
              <section
                key={c.key}
                className="rounded-md border border-slate-200 p-3"
                aria-labelledby={`${noteId}-${c.key}`}
                data-testid={`card-${c.key}`}
              >
                <h3
                  id={`${noteId}-${c.key}`}
                  className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-800"
                >
                  {c.heading}
                  {c.expiry && c.key === 'ca-signed' ? (
                    <ValidityBadge expiry={c.expiry} expired={c.expired} now={now} testId={`card-${c.key}-validity`} />
                  ) : null}
                </h3>
                <FactGrid facts={c.facts} />
              </section>
            ))}
          </div>
          <WarningList warnings={card.warnings} />
          <div className="mt-4 flex flex-wrap items-center gap-2">
            {uploadButton(t('certificates.partnerCert.reupload'), 'card-reupload')}
            <DownloadMenu
              label={t('certificates.partnerCert.download')}
              testId="card-download"
              busy={busy !== null}
              disabledReason={downloadBlocked}
              choices={[
                {
                  key: 'caSigned',
                  label: t('certificates.partnerCert.downloadOriginal'),
                  testId: 'download-ca-signed',
                  disabledReason: caSignedExpired ? t('errors.PD_CERT_001') : undefined,
                },
                {
                  key: 'mosipSigned',
                  label: t('certificates.partnerCert.downloadMosip'),
                  testId: 'download-mosip-signed',
                },
              ]}
              onChoose={(kind) =>
                void download(kind, () =>
                  fetchOnce('partnerCertificate.download', {
                    partnerId: card.partnerId,
                    kind: kind === 'caSigned' ? 'caSigned' : 'mosipSigned',
                  }),
                )
              }
            />
          </div>
          {downloadBlocked && downloadBlocked !== uploadBlocked ? (
            <p className="mt-2 text-sm font-medium text-bad-fg" data-testid="card-download-blocked">
              {downloadBlocked}
            </p>
          ) : null}
        </>
      ) : (
        <div
          className="mt-3 rounded-md border border-dashed border-ok-fg/40 bg-ok-bg/60 p-4"
          data-testid="card-not-uploaded"
        >
          <p className="font-semibold text-ok-fg">{t('certificates.partnerCert.notUploaded')}</p>
          <p className="mt-1 text-slate-700">
            {t('certificates.partnerCert.formatHint', { domain: domainName, org: card.orgName })}
          </p>
          <div className="mt-3">{uploadButton(t('certificates.partnerCert.upload'), 'card-upload')}</div>
        </div>
      )}
      {uploadBlocked ? (
        <p id={noteId} className="mt-2 text-sm text-slate-700" data-testid="card-blocked-note">
          {uploadBlocked}
        </p>
      ) : null}
      <div className="mt-2">
        <CertificateError error={error} />
      </div>
    </li>
  );
}

function FactGrid({ facts }: { facts: [string, ReactNode, string][] }) {
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
      {facts.map(([label, value, key]) => (
        <div key={key}>
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="break-words text-slate-900" data-testid={`card-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
