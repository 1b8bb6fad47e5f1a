import type { TFunction } from 'i18next';

/**
 * The translated explanation of a refused certificate, when the core sent the values it names
 * (the required minimum validity and its date, or that an uploaded "CA" is none); null otherwise.
 * `formatDate` renders the core's ISO times in the UI language.
 */
export function refusalText(
  t: TFunction,
  formatDate: (iso: string) => string,
  code: string | null,
  params: Readonly<Record<string, string>> | undefined,
): string | null {
  if (!params) return null;
  const date = (iso: string | undefined) => (iso ? formatDate(iso) : '');
  const dates = { validUntil: date(params.validUntil), requiredUntil: date(params.requiredUntil) };
  if (code === 'KER-PCM-017' && params.minimumDays)
    return t('certificates.refusal.minimumDays', { ...dates, minimumDays: params.minimumDays });
  if (code === 'KER-PCM-017' && params.minimumMonths)
    return t('certificates.refusal.minimumMonths', {
      ...dates,
      minimumMonths: params.minimumMonths,
    });
  if (code === 'PD_PKI_001' && params.notCa) return t('certificates.refusal.notCa');
  return null;
}
