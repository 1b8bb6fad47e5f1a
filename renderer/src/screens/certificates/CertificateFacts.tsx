import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';

type Details = Output<'trustStore.detail'>['details'];

/** Subject, issuer, serial, validity, thumbprints, key and usages as a definition list. */
export function CertificateFacts({ details, extra = [] }: { details: Details; extra?: [string, ReactNode, string][] }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const none = t('certificates.trustDetail.none');
  const mono = (value: string) => (
    <span dir="ltr" className="break-all font-mono text-xs">
      {value}
    </span>
  );
  const rows: [string, ReactNode, string][] = [
    ...extra,
    [t('certificates.trustDetail.subject'), mono(details.subject), 'subject'],
    [t('certificates.trustDetail.issuer'), mono(details.issuer), 'issuer'],
    [t('certificates.trustDetail.serialNumber'), mono(details.serialNumber), 'serial'],
    [
      t('certificates.trustDetail.validity'),
      t('certificates.trustDetail.validityRange', {
        from: formatDateTime(details.notBefore, lang),
        to: formatDateTime(details.notAfter, lang),
      }),
      'validity',
    ],
    [
      t('certificates.trustDetail.sha256'),
      <CopyableId value={details.sha256Thumbprint} label={t('certificates.trustDetail.sha256')} testId="sha256" />,
      'sha256',
    ],
    [
      t('certificates.trustDetail.sha1'),
      <CopyableId value={details.sha1Thumbprint} label={t('certificates.trustDetail.sha1')} testId="sha1" />,
      'sha1',
    ],
    [t('certificates.trustDetail.publicKey'), mono(details.publicKey), 'public-key'],
    [t('certificates.trustDetail.signatureAlgorithm'), mono(details.signatureAlgorithm), 'signature-algorithm'],
    [
      t('certificates.trustDetail.keyUsage'),
      details.keyUsage.length ? mono(details.keyUsage.join(', ')) : none,
      'key-usage',
    ],
    [
      t('certificates.trustDetail.extendedKeyUsage'),
      details.extendedKeyUsage.length ? mono(details.extendedKeyUsage.join(', ')) : none,
      'extended-key-usage',
    ],
  ];
  return (
    <dl className="divide-y divide-slate-100" data-testid="certificate-facts">
      {rows.map(([label, value, key]) => (
        <div key={key} className="grid gap-1 py-2 sm:grid-cols-[11rem_1fr]">
          <dt className="text-slate-600">{label}</dt>
          <dd className="min-w-0 break-words text-slate-900" data-testid={`fact-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Every extension: name (with its OID), critical or not, and its value as the core describes it. */
export function ExtensionsTable({ extensions }: { extensions: Details['extensions'] }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="extensions-table">
        <caption className="sr-only">{t('certificates.trustDetail.extensions')}</caption>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-100 text-xs font-semibold uppercase tracking-wide text-slate-700">
            <th scope="col" className="px-3 py-2 text-start">
              {t('certificates.trustDetail.extensionName')}
            </th>
            <th scope="col" className="px-3 py-2 text-start">
              {t('certificates.trustDetail.critical')}
            </th>
            <th scope="col" className="px-3 py-2 text-start">
              {t('certificates.trustDetail.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {extensions.map((e, i) => (
            <tr key={`${e.oid}-${i}`} className="border-b border-slate-100 align-top" data-testid="extension-row">
              <th scope="row" className="px-3 py-2 text-start font-medium">
                <span dir="ltr">{e.name}</span>
                {e.name !== e.oid ? (
                  <span dir="ltr" className="block font-mono text-xs font-normal text-slate-500">
                    {e.oid}
                  </span>
                ) : null}
              </th>
              <td className="px-3 py-2">
                {e.critical ? t('certificates.trustDetail.yes') : t('certificates.trustDetail.no')}
              </td>
              <td className="break-all px-3 py-2 font-mono text-xs">
                <bdi dir="ltr">{e.value}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
