import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../../renderer/src/i18n/en.ts';
import fr from '../../renderer/src/i18n/fr.ts';
import ar from '../../renderer/src/i18n/ar.ts';

/*
 * Counted phrases go through i18next's plural forms ("1 change", never "1 changes"). A string
 * with {{count}} and no plural suffix is either a "label: number" form or a missing plural.
 */

/** "Label: {{count}}" strings (the number alone after a colon) need no plural form. */
const LABEL_FORM = /:\s*\{\{count\}\}\.?$/;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function strings(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

describe('plural forms', () => {
  it('every counted phrase in every language has plural forms, unless it is a label and a number', () => {
    for (const [lang, bundle] of Object.entries({ en, fr, ar })) {
      const bare = strings(bundle).filter(
        ([key, text]) => text.includes('{{count}}') && !PLURAL.test(key) && !LABEL_FORM.test(text),
      );
      expect(bare.map(([key]) => `${lang}: ${key}`)).toEqual([]);
    }
  });

  it('says "1 change" in English and French and uses the dual in Arabic', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
      lng: 'en',
      fallbackLng: 'en',
    });
    expect(i18n.t('sync.queue.total', { count: 1 })).toBe('1 change');
    expect(i18n.t('sync.queue.total', { count: 3 })).toBe('3 changes');
    expect(i18n.getFixedT('fr')('sync.queue.total', { count: 1 })).toBe('1 modification');
    expect(i18n.getFixedT('ar')('sync.queue.total', { count: 2 })).toBe('تعديلان');
    expect(i18n.getFixedT('ar')('sync.queue.total', { count: 5 })).toBe('5 تعديلات');
  });
});
