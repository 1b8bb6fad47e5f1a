/**
 * "512 bytes" under 1 KB (never "1 KB" for 200 bytes), "2.5 kB" above, in the language's own words.
 * Takes the Intl locale (i18n's `intlLocale`) so it stays free of the i18n module.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const kb = bytes >= 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: kb ? 'kilobyte' : 'byte',
    unitDisplay: kb ? 'short' : 'long',
    maximumFractionDigits: 1,
  }).format(kb ? bytes / 1024 : bytes);
}
