import type { TFunction } from 'i18next';
import { notificationObjectPath, type Language, type Output } from '../../contract.ts';
import { intlLocale } from '../../i18n/index.ts';

export type NotificationView = Output<'notifications.list'>['data'][number];

/** One sentence per notification in the UI language (the mail used the registration language). */
export function describeNotification(n: NotificationView, t: TFunction, lang: Language, today: string): string {
  const d = n.notificationDetails;
  if (n.notificationType === 'WEEKLY_SUMMARY') {
    const c = d.totals ?? { partnerCertificates: 0, ftmChipCertificates: 0, sbis: 0, apiKeys: 0 };
    if (c.partnerCertificates + c.ftmChipCertificates + c.sbis + c.apiKeys === 0) return t('notifications.weeklyNone');
    return t('notifications.weekly', {
      certs: c.partnerCertificates,
      ftm: c.ftmChipCertificates,
      sbis: c.sbis,
      keys: c.apiKeys,
    });
  }
  const cert = d.certificateDetails?.[0];
  const ftm = d.ftmDetails?.[0];
  const sbi = d.sbiDetails?.[0];
  const key = d.apiKeyDetails?.[0];
  const name = key?.apiKeyName ?? sbi?.sbiVersion ?? (ftm ? `${ftm.make} ${ftm.model}` : cert?.issuedTo) ?? '';
  const domain = ftm?.partnerDomain ?? cert?.partnerDomain ?? '';
  const what = t(`notifications.what.${n.notificationType}`, {
    name,
    domain,
    partner: n.notificationPartnerId,
  });
  if (n.expiryDate === today) return t('notifications.expiresToday', { what });
  return t('notifications.expiresOn', { what, date: formatDay(n.expiryDate, lang) });
}

/** A UTC calendar day as the locale writes it; in UTC, so no time zone moves it a day. */
export function formatDay(day: string, lang: Language): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime())
    ? day
    : new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** The object's page with its renew action (null for a summary, which has no single object). */
export function objectLink(n: NotificationView): string | null {
  return n.notificationType === 'WEEKLY_SUMMARY' ? null : notificationObjectPath(n.notificationType, itemIdOf(n));
}

function itemIdOf(n: NotificationView): string {
  const d = n.notificationDetails;
  return (
    d.apiKeyDetails?.[0]?.apiKeyId ??
    d.sbiDetails?.[0]?.sbiId ??
    d.ftmDetails?.[0]?.ftmId ??
    d.certificateDetails?.[0]?.certificateId ??
    ''
  );
}
