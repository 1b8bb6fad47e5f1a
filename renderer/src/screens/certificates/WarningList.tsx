import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isWarningCode } from '../../lib/certificates.ts';

/** PD_PKI_W0x on an accepted certificate: Partner Desk took it, the MOSIP backend will not. */
export function WarningList({ warnings, testId = 'certificate-warnings' }: { warnings: readonly string[]; testId?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  if (warnings.length === 0) return null;
  return (
    <section role="note" aria-labelledby={titleId} data-testid={testId} className="rounded-md border border-amber-300 bg-wait-bg px-4 py-3 text-wait-fg">
      <h3 id={titleId} className="flex items-center gap-2 font-semibold">
        <span aria-hidden="true">⚠</span>
        {t('certificates.warnings.title')}
      </h3>
      <ul className="mt-2 list-disc space-y-1 ps-5">
        {warnings.map((code) => (
          <li key={code} data-testid="certificate-warning" data-code={code}>
            <span dir="ltr" className="font-mono text-xs">
              {code}
            </span>{' '}
            — {isWarningCode(code) ? t(`certificates.warnings.${code}`) : t('certificates.warnings.unknown', { code })}
          </li>
        ))}
      </ul>
    </section>
  );
}
