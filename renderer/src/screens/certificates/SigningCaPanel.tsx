import { useTranslation } from 'react-i18next';
import { CopyableId } from '../../components/CopyButton.tsx';
import { useDownload } from '../../hooks/useDownload.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';

/** The deployment's signing CA (keymanager's PMS master key in MOSIP): what backends must trust. */
export function SigningCaPanel() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  // Refreshed on `partners`: the CA is created with the first partner certificate upload.
  const { data: ca, error } = useRecord('trustStore.signingCertificate', {});
  const { download, busy, error: downloadError } = useDownload();

  const details = ca?.details;
  const file = ca?.file;
  return (
    <section aria-labelledby="signing-ca-title" className="panel p-4" data-testid="signing-ca">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="signing-ca-title" className="text-base font-semibold text-slate-900">
            {t('certificates.signingCa.title')}
          </h2>
          <p className="mt-1 text-slate-600">{t('certificates.signingCa.explain')}</p>
        </div>
        {file ? (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy !== null}
            onClick={() => void download('signing', async () => file)}
            data-testid="signing-ca-download"
          >
            {t('certificates.signingCa.download')}
          </button>
        ) : null}
      </div>
      <CertificateError error={error ?? downloadError} />
      {details ? (
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('certificates.signingCa.subject')}</dt>
          <dd className="break-words font-mono text-xs" data-testid="signing-ca-subject">
            <bdi dir="ltr">{details.subject}</bdi>
          </dd>
          <dt className="text-slate-600">{t('certificates.signingCa.validity')}</dt>
          <dd>
            {t('certificates.trustDetail.validityRange', {
              from: formatDateTime(details.notBefore, lang),
              to: formatDateTime(details.notAfter, lang),
            })}
          </dd>
          <dt className="text-slate-600">{t('certificates.signingCa.sha256')}</dt>
          <dd className="min-w-0 break-all">
            <CopyableId value={details.sha256Thumbprint} label={t('certificates.signingCa.sha256')} />
          </dd>
        </dl>
      ) : ca ? (
        <p className="mt-2 text-slate-600" data-testid="signing-ca-none">
          {t('certificates.signingCa.none')}
        </p>
      ) : null}
    </section>
  );
}
