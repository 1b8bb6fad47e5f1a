import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isWarningCode } from '../../lib/certificates.ts';

/** W01–W03: the desk accepted what the MOSIP backend will refuse. The rest: MOSIP accepts, strict validators refuse. */
const BACKEND_REFUSES = new Set(['PD_PKI_W01', 'PD_PKI_W02', 'PD_PKI_W03']);

/** PD_PKI_W* on an accepted certificate, in two groups with their own titles. */
export function WarningList({
  warnings,
  testId = 'certificate-warnings',
}: {
  warnings: readonly string[];
  testId?: string;
}) {
  const backend = warnings.filter((w) => BACKEND_REFUSES.has(w) || !isWarningCode(w));
  const lenient = warnings.filter((w) => !BACKEND_REFUSES.has(w) && isWarningCode(w));
  return (
    <>
      <WarningGroup warnings={backend} testId={testId} titleKey="certificates.warnings.title" />
      <WarningGroup warnings={lenient} testId={`${testId}-lenient`} titleKey="certificates.warnings.lenientTitle" />
    </>
  );
}

function WarningGroup({
  warnings,
  testId,
  titleKey,
}: {
  warnings: readonly string[];
  testId: string;
  titleKey: 'certificates.warnings.title' | 'certificates.warnings.lenientTitle';
}) {
  const { t } = useTranslation();
  const titleId = useId();
  if (warnings.length === 0) return null;
  return (
    <section
      role="note"
      aria-labelledby={titleId}
      data-testid={testId}
      className="rounded-md border border-amber-300 bg-wait-bg px-4 py-3 text-wait-fg"
    >
      <h3 id={titleId} className="flex items-center gap-2 font-semibold">
        <span aria-hidden="true">⚠</span>
        {t(titleKey)}
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
