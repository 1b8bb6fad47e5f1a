import type { Language } from '../contract.ts';
import { intlLocale } from '../i18n/index.ts';

/** Detail views show 24-hour date-time (pms.md §5.5); invalid input is shown as given. */
export function formatDateTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(date);
}

export function formatDate(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium' }).format(date);
}

/** "a, b and c" with the locale's own separators (Arabic uses "،"). */
export function formatList(items: string[], lang: Language): string {
  return new Intl.ListFormat(intlLocale(lang), { style: 'narrow', type: 'unit' }).format(items);
}

/** A count with the locale's grouping ("10,000", "10 000"), Latin digits. */
export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(n);
}

/** A calendar day (UTC) in short form ("7 Dec", "7 déc.") for chart axes and day tables. */
export function formatDay(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(ms);
}
