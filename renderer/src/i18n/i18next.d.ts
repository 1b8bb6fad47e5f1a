import 'i18next';
import type en from './en.ts';

// Typed keys: t('unknown.key') is a compile error, and en is the source of truth for the shape.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
    strictKeyChecks: true;
  }
}
