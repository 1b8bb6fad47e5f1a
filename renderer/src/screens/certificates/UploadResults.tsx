import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { isErrorCode } from '../../contract.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import type { PartnerDomain } from '../../lib/certificates.ts';
import { Link } from '../../router/Link.tsx';
import { refusalText } from './refusal.ts';
import { WarningList } from './WarningList.tsx';

type UploadOutput = Output<'trustStore.upload'>;
type Result = UploadOutput['results'][number];

const OVERALL = {
  'Upload Success': 'statusSuccess',
  'Partial Success': 'statusPartial',
  'Upload Failed': 'statusFailed',
} as const;

/** One row per certificate of the file: accepted (type, id, warnings) or refused (code + message). */
export function UploadResults({ domain, output }: { domain: PartnerDomain; output: UploadOutput }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const domainName = t(`certificates.domains.${domain}`);

  function message(r: Result): string {
    if (r.status === 'Upload Success') {
      return r.caCertificateType === 'ROOT'
        ? t('certificates.trustUpload.addedRoot', { domain: domainName })
        : t('certificates.trustUpload.addedIntermediate', { domain: domainName });
    }
    return (
      refusalText(t, (iso) => formatDateTime(iso, lang), r.code, r.params) ??
      (r.code && isErrorCode(r.code) ? t(`errors.${r.code}`) : r.message)
    );
  }

  const tone =
    output.status === 'Upload Success'
      ? 'bg-ok-bg text-ok-fg'
      : output.status === 'Partial Success'
        ? 'bg-wait-bg text-wait-fg'
        : 'bg-bad-bg text-bad-fg';
  return (
    <section className="panel space-y-4 p-5" data-testid="upload-results" data-status={output.status}>
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-slate-600">{t('certificates.trustUpload.overall')}:</span>
        <span
          role="status"
          className={`rounded-full px-3 py-1 text-sm font-semibold ${tone}`}
          data-testid="upload-overall"
        >
          {t(`certificates.trustUpload.${OVERALL[output.status]}`)}
        </span>
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700">
              <th scope="col" className="px-3 py-2 text-start">
                {t('certificates.trustUpload.index')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('certificates.trustUpload.status')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('certificates.trustUpload.type')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('certificates.trustUpload.issuedTo')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('certificates.trustUpload.message')}
              </th>
            </tr>
          </thead>
          <tbody>
            {output.results.map((r) => {
              const ok = r.status === 'Upload Success';
              return (
                <tr
                  key={r.index}
                  className="border-b border-slate-100 align-top"
                  data-testid="upload-result"
                  data-status={ok ? 'success' : 'failure'}
                  data-code={r.code ?? ''}
                >
                  <td className="px-3 py-2 text-slate-600">{r.index + 1}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={ok ? 'success' : 'failure'} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.caCertificateType ? t(`certificates.caTypes.${r.caCertificateType}`) : t('common.none')}
                  </td>
                  <td className="px-3 py-2">
                    {ok && r.certificateId ? (
                      <Link
                        to={`/admin/trust-store/view?id=${encodeURIComponent(r.certificateId)}`}
                        className="link"
                        data-testid="upload-result-view"
                      >
                        <bdi>{r.issuedTo ?? r.certificateId}</bdi>
                      </Link>
                    ) : (
                      <bdi>{r.issuedTo ?? t('common.none')}</bdi>
                    )}
                  </td>
                  <td className="space-y-2 px-3 py-2">
                    <p data-testid="upload-result-message">
                      {r.code ? (
                        <>
                          <span dir="ltr" className="font-mono text-xs">
                            {r.code}
                          </span>{' '}
                          —{' '}
                        </>
                      ) : null}
                      {message(r)}
                    </p>
                    <WarningList warnings={r.warnings} testId="upload-result-warnings" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
