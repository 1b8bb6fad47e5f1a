import type { Language } from '../../contract/index.ts';
import type { NotificationDetails, NotificationType } from '../../contract/methods/notifications.ts';

/**
 * One mail per notification kind and language (MOSIP's *_TEMPLATE / *_SUBJECT pairs, pms.md §4):
 * greeting by partner id, what expires and when — in UTC as MOSIP writes it, and in local time —,
 * the steps to renew, and the auto-generated disclaimer.
 */
export interface NotificationMailInput {
  type: NotificationType;
  partnerId: string;
  expiresOn: string;
  period: number;
  details: NotificationDetails;
  /** Where the expiring object (or the notifications page) opens in Partner Desk. */
  link: string;
  timeZone: string;
}

const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar' };

export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function localText(iso: string, lang: Language, timeZone: string): string {
  const f = new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
  return `${f.format(new Date(iso))} (${timeZone})`;
}

interface Words {
  subject: Record<NotificationType, string>;
  hello: (partnerId: string) => string;
  /** Label separator: French sets a space before the colon. */
  colon: string;
  what: Record<Exclude<NotificationType, 'WEEKLY_SUMMARY'>, (name: string) => string>;
  expires: (days: number) => string;
  utc: string;
  local: string;
  domain: string;
  issuedTo: string;
  issuedBy: string;
  policy: string;
  renew: Record<Exclude<NotificationType, 'WEEKLY_SUMMARY'>, string>;
  weeklyIntro: string;
  weeklyNone: string;
  weeklyCounts: (c: {
    partnerCertificates: number;
    ftmChipCertificates: number;
    sbis: number;
    apiKeys: number;
  }) => string;
  weeklyMore: (n: number) => string;
  open: string;
  disclaimer: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    subject: {
      ROOT_CERT_EXPIRY: 'Partner Desk: a root CA certificate expires soon',
      INTERMEDIATE_CERT_EXPIRY: 'Partner Desk: an intermediate CA certificate expires soon',
      PARTNER_CERT_EXPIRY: 'Partner Desk: your partner certificate expires soon',
      FTM_CHIP_CERT_EXPIRY: 'Partner Desk: an FTM chip certificate expires soon',
      SBI_EXPIRY: 'Partner Desk: your SBI expires soon',
      API_KEY_EXPIRY: 'Partner Desk: your API key expires soon',
      WEEKLY_SUMMARY: 'Partner Desk: weekly summary of expiring items',
    },
    hello: (id) => `Dear ${id},`,
    colon: ': ',
    what: {
      ROOT_CERT_EXPIRY: (n) => `The root CA certificate "${n}" in the trust store`,
      INTERMEDIATE_CERT_EXPIRY: (n) => `The intermediate CA certificate "${n}" in the trust store`,
      PARTNER_CERT_EXPIRY: (n) => `Your MOSIP-signed partner certificate for "${n}"`,
      FTM_CHIP_CERT_EXPIRY: (n) => `The certificate of your FTM chip "${n}"`,
      SBI_EXPIRY: (n) => `Your SBI version "${n}"`,
      API_KEY_EXPIRY: (n) => `Your API key "${n}"`,
    },
    expires: (d) => (d === 0 ? 'expires today.' : `expires in ${d} day${d === 1 ? '' : 's'}.`),
    utc: 'Expiry (UTC)',
    local: 'Expiry (local time)',
    domain: 'Partner domain',
    issuedTo: 'Issued to',
    issuedBy: 'Issued by',
    policy: 'Policy',
    renew: {
      ROOT_CERT_EXPIRY:
        'To renew: obtain the new root certificate from the certificate authority and upload it in "Trust store" → "Upload CA certificate" before this one expires.',
      INTERMEDIATE_CERT_EXPIRY:
        'To renew: obtain the new intermediate certificate from the certificate authority and upload it in "Trust store" → "Upload CA certificate" before this one expires.',
      PARTNER_CERT_EXPIRY:
        'To renew: 1. Get a new certificate from your certificate authority. 2. Open "Partner certificate" in Partner Desk. 3. Choose "Re-upload" and upload the new certificate. 4. Download the new MOSIP-signed certificate.',
      FTM_CHIP_CERT_EXPIRY:
        'To renew: open "FTM chips" in Partner Desk, choose the chip and re-upload its certificate.',
      SBI_EXPIRY:
        'To renew: register the new SBI version under "SBIs and devices" and move your devices to it before this one expires.',
      API_KEY_EXPIRY:
        'To renew: generate a new API key under "API keys" for the same policy and switch your systems to it before this one expires.',
    },
    weeklyIntro: 'Here is what expires in the next 7 days:',
    weeklyNone: 'Nothing expires in the next 7 days. This summary is sent every week so you know the check ran.',
    weeklyCounts: (c) =>
      `${c.partnerCertificates} partner certificate(s), ${c.ftmChipCertificates} FTM chip certificate(s), ${c.sbis} SBI(s), ${c.apiKeys} API key(s).`,
    weeklyMore: (n) => `…and ${n} more.`,
    open: 'Open in Partner Desk:',
    disclaimer: 'This is an automatically generated e-mail. Please do not reply.',
  },
  fr: {
    subject: {
      ROOT_CERT_EXPIRY: 'Partner Desk : un certificat d’AC racine expire bientôt',
      INTERMEDIATE_CERT_EXPIRY: 'Partner Desk : un certificat d’AC intermédiaire expire bientôt',
      PARTNER_CERT_EXPIRY: 'Partner Desk : votre certificat de partenaire expire bientôt',
      FTM_CHIP_CERT_EXPIRY: 'Partner Desk : un certificat de puce FTM expire bientôt',
      SBI_EXPIRY: 'Partner Desk : votre SBI expire bientôt',
      API_KEY_EXPIRY: 'Partner Desk : votre clé d’API expire bientôt',
      WEEKLY_SUMMARY: 'Partner Desk : récapitulatif hebdomadaire des échéances',
    },
    hello: (id) => `Bonjour ${id},`,
    colon: ' : ',
    what: {
      ROOT_CERT_EXPIRY: (n) => `Le certificat d’AC racine « ${n} » du magasin de confiance`,
      INTERMEDIATE_CERT_EXPIRY: (n) => `Le certificat d’AC intermédiaire « ${n} » du magasin de confiance`,
      PARTNER_CERT_EXPIRY: (n) => `Votre certificat de partenaire signé par MOSIP pour « ${n} »`,
      FTM_CHIP_CERT_EXPIRY: (n) => `Le certificat de votre puce FTM « ${n} »`,
      SBI_EXPIRY: (n) => `Votre SBI version « ${n} »`,
      API_KEY_EXPIRY: (n) => `Votre clé d’API « ${n} »`,
    },
    expires: (d) => (d === 0 ? 'expire aujourd’hui.' : `expire dans ${d} jour${d === 1 ? '' : 's'}.`),
    utc: 'Expiration (UTC)',
    local: 'Expiration (heure locale)',
    domain: 'Domaine du partenaire',
    issuedTo: 'Délivré à',
    issuedBy: 'Délivré par',
    policy: 'Politique',
    renew: {
      ROOT_CERT_EXPIRY:
        'Pour le renouveler : obtenez le nouveau certificat racine auprès de l’autorité de certification et téléversez-le dans « Magasin de confiance » → « Téléverser un certificat d’AC » avant l’expiration.',
      INTERMEDIATE_CERT_EXPIRY:
        'Pour le renouveler : obtenez le nouveau certificat intermédiaire auprès de l’autorité de certification et téléversez-le dans « Magasin de confiance » → « Téléverser un certificat d’AC » avant l’expiration.',
      PARTNER_CERT_EXPIRY:
        'Pour le renouveler : 1. Obtenez un nouveau certificat auprès de votre autorité de certification. 2. Ouvrez « Certificat de partenaire » dans Partner Desk. 3. Choisissez « Téléverser à nouveau » et envoyez le nouveau certificat. 4. Téléchargez le nouveau certificat signé par MOSIP.',
      FTM_CHIP_CERT_EXPIRY:
        'Pour le renouveler : ouvrez « Puces FTM » dans Partner Desk, choisissez la puce et téléversez à nouveau son certificat.',
      SBI_EXPIRY:
        'Pour le renouveler : enregistrez la nouvelle version du SBI dans « SBI et appareils » et rattachez-y vos appareils avant l’expiration.',
      API_KEY_EXPIRY:
        'Pour la renouveler : générez une nouvelle clé d’API dans « Clés d’API » pour la même politique et basculez vos systèmes avant l’expiration.',
    },
    weeklyIntro: 'Voici ce qui expire dans les 7 prochains jours :',
    weeklyNone:
      'Rien n’expire dans les 7 prochains jours. Ce récapitulatif est envoyé chaque semaine pour confirmer que la vérification a eu lieu.',
    weeklyCounts: (c) =>
      `${c.partnerCertificates} certificat(s) de partenaire, ${c.ftmChipCertificates} certificat(s) de puce FTM, ${c.sbis} SBI, ${c.apiKeys} clé(s) d’API.`,
    weeklyMore: (n) => `… et ${n} de plus.`,
    open: 'Ouvrir dans Partner Desk :',
    disclaimer: 'Ce message est généré automatiquement. Merci de ne pas y répondre.',
  },
  ar: {
    subject: {
      ROOT_CERT_EXPIRY: 'Partner Desk: شهادة جهة تصديق جذرية تنتهي صلاحيتها قريبًا',
      INTERMEDIATE_CERT_EXPIRY: 'Partner Desk: شهادة جهة تصديق وسيطة تنتهي صلاحيتها قريبًا',
      PARTNER_CERT_EXPIRY: 'Partner Desk: شهادة الشريك الخاصة بك تنتهي صلاحيتها قريبًا',
      FTM_CHIP_CERT_EXPIRY: 'Partner Desk: شهادة شريحة FTM تنتهي صلاحيتها قريبًا',
      SBI_EXPIRY: 'Partner Desk: واجهة SBI الخاصة بك تنتهي صلاحيتها قريبًا',
      API_KEY_EXPIRY: 'Partner Desk: مفتاح API الخاص بك تنتهي صلاحيته قريبًا',
      WEEKLY_SUMMARY: 'Partner Desk: الملخص الأسبوعي لما تنتهي صلاحيته',
    },
    hello: (id) => `عزيزي ${id}،`,
    colon: ': ',
    what: {
      ROOT_CERT_EXPIRY: (n) => `شهادة جهة التصديق الجذرية «${n}» في مخزن الثقة`,
      INTERMEDIATE_CERT_EXPIRY: (n) => `شهادة جهة التصديق الوسيطة «${n}» في مخزن الثقة`,
      PARTNER_CERT_EXPIRY: (n) => `شهادة الشريك الموقَّعة من MOSIP الخاصة بـ «${n}»`,
      FTM_CHIP_CERT_EXPIRY: (n) => `شهادة شريحة FTM «${n}»`,
      SBI_EXPIRY: (n) => `واجهة SBI الإصدار «${n}»`,
      API_KEY_EXPIRY: (n) => `مفتاح API «${n}»`,
    },
    expires: (d) => (d === 0 ? 'تنتهي صلاحيتها اليوم.' : `تنتهي صلاحيتها خلال ${d} يوم.`),
    utc: 'تاريخ الانتهاء (UTC)',
    local: 'تاريخ الانتهاء (بالتوقيت المحلي)',
    domain: 'نطاق الشريك',
    issuedTo: 'صادرة إلى',
    issuedBy: 'صادرة عن',
    policy: 'السياسة',
    renew: {
      ROOT_CERT_EXPIRY:
        'للتجديد: احصل على الشهادة الجذرية الجديدة من جهة التصديق وارفعها في «مخزن الثقة» ← «رفع شهادة جهة تصديق» قبل انتهاء صلاحية الحالية.',
      INTERMEDIATE_CERT_EXPIRY:
        'للتجديد: احصل على الشهادة الوسيطة الجديدة من جهة التصديق وارفعها في «مخزن الثقة» ← «رفع شهادة جهة تصديق» قبل انتهاء صلاحية الحالية.',
      PARTNER_CERT_EXPIRY:
        'للتجديد: 1. احصل على شهادة جديدة من جهة التصديق. 2. افتح «شهادة الشريك» في Partner Desk. 3. اختر «إعادة الرفع» وارفع الشهادة الجديدة. 4. نزّل الشهادة الجديدة الموقَّعة من MOSIP.',
      FTM_CHIP_CERT_EXPIRY: 'للتجديد: افتح «شرائح FTM» في Partner Desk، واختر الشريحة وأعد رفع شهادتها.',
      SBI_EXPIRY: 'للتجديد: سجّل إصدار SBI الجديد في «واجهات SBI والأجهزة» وانقل أجهزتك إليه قبل انتهاء صلاحية الحالي.',
      API_KEY_EXPIRY:
        'للتجديد: أنشئ مفتاح API جديدًا في «مفاتيح API» للسياسة نفسها وانقل أنظمتك إليه قبل انتهاء صلاحية الحالي.',
    },
    weeklyIntro: 'هذا ما تنتهي صلاحيته خلال الأيام السبعة القادمة:',
    weeklyNone: 'لا شيء تنتهي صلاحيته خلال الأيام السبعة القادمة. يُرسل هذا الملخص كل أسبوع لتعرف أن الفحص قد جرى.',
    weeklyCounts: (c) =>
      `شهادات الشركاء: ${c.partnerCertificates}، شهادات شرائح FTM: ${c.ftmChipCertificates}، واجهات SBI: ${c.sbis}، مفاتيح API: ${c.apiKeys}.`,
    weeklyMore: (n) => `… و${n} غيرها.`,
    open: 'افتح في Partner Desk:',
    disclaimer: 'هذه رسالة مُنشأة تلقائيًا. يُرجى عدم الرد عليها.',
  },
};

function itemLines(w: Words, input: NotificationMailInput, lang: Language): string[] {
  const d = input.details;
  const cert = d.certificateDetails?.[0] ?? d.ftmDetails?.[0];
  const sbi = d.sbiDetails?.[0];
  const key = d.apiKeyDetails?.[0];
  const type = input.type as Exclude<NotificationType, 'WEEKLY_SUMMARY'>;
  const name =
    key?.apiKeyName ??
    sbi?.sbiVersion ??
    (d.ftmDetails?.[0] ? `${d.ftmDetails[0].make} ${d.ftmDetails[0].model}` : cert?.issuedTo) ??
    '';
  const expiry =
    key?.expiryDateTime ?? sbi?.sbiExpiryDateTime ?? cert?.expiryDateTime ?? `${input.expiresOn}T00:00:00.000Z`;
  const c = w.colon;
  const lines = [
    `${w.what[type](name)} ${w.expires(input.period)}`,
    '',
    `${w.utc}${c}${utcText(expiry)}`,
    `${w.local}${c}${localText(expiry, lang, input.timeZone)}`,
  ];
  if (cert)
    lines.push(
      `${w.domain}${c}${cert.partnerDomain}`,
      `${w.issuedTo}${c}${cert.issuedTo}`,
      `${w.issuedBy}${c}${cert.issuedBy}`,
    );
  if (key) lines.push(`${w.policy}${c}${key.policyName}${key.policyGroup ? ` (${key.policyGroup})` : ''}`);
  lines.push('', w.renew[type]);
  return lines;
}

function weeklyLines(w: Words, input: NotificationMailInput, lang: Language): string[] {
  const d = input.details;
  const t = d.totals ?? { partnerCertificates: 0, ftmChipCertificates: 0, sbis: 0, apiKeys: 0 };
  const all = t.partnerCertificates + t.ftmChipCertificates + t.sbis + t.apiKeys;
  if (all === 0) return [w.weeklyNone];
  const lines = [w.weeklyIntro, w.weeklyCounts(t), ''];
  const when = (iso: string) => `${utcText(iso)} — ${localText(iso, lang, input.timeZone)}`;
  for (const c of d.certificateDetails ?? [])
    lines.push(`• ${c.partnerId} — ${c.issuedTo} (${c.partnerDomain}): ${when(c.expiryDateTime)}`);
  for (const f of d.ftmDetails ?? [])
    lines.push(`• ${f.partnerId} — FTM ${f.make} ${f.model}: ${when(f.expiryDateTime)}`);
  for (const s of d.sbiDetails ?? [])
    lines.push(`• ${s.partnerId} — SBI ${s.sbiVersion}: ${when(s.sbiExpiryDateTime)}`);
  for (const k of d.apiKeyDetails ?? [])
    lines.push(`• ${k.partnerId} — API ${k.apiKeyName}: ${when(k.expiryDateTime)}`);
  const listed =
    (d.certificateDetails?.length ?? 0) +
    (d.ftmDetails?.length ?? 0) +
    (d.sbiDetails?.length ?? 0) +
    (d.apiKeyDetails?.length ?? 0);
  if (all > listed) lines.push(w.weeklyMore(all - listed));
  return lines;
}

export function notificationMail(lang: Language, input: NotificationMailInput): { subject: string; text: string } {
  const w = WORDS[lang];
  const body = input.type === 'WEEKLY_SUMMARY' ? weeklyLines(w, input, lang) : itemLines(w, input, lang);
  const text = [w.hello(input.partnerId), '', ...body, '', `${w.open} ${input.link}`, '', '—', w.disclaimer, ''].join(
    '\n',
  );
  return { subject: w.subject[input.type], text };
}
