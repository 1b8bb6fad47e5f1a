import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../contract.ts';
import en from './en.ts';
import fr from './fr.ts';
import ar from './ar.ts';

const RTL: ReadonlySet<Language> = new Set<Language>(['ar']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Locale for Intl formatting; Latin digits keep ids, counts and dates readable across locales. */
export function intlLocale(lang: Language): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}

/** Keeps <html lang dir> in step with the UI language so RTL layout and screen readers follow. */
export function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}

export function initI18n(lang: Language): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  applyDocumentLanguage(lang);
  return i18n;
}

export { i18n };
