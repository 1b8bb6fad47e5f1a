import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import en from '../../renderer/src/i18n/en.ts';
import fr from '../../renderer/src/i18n/fr.ts';
import ar from '../../renderer/src/i18n/ar.ts';
import { AUDIT_EVENTS, AUDIT_MODULES, AUDIT_REF_TYPES, AUDITED_METHODS } from '../../main/contract/audit-vocabulary.ts';
import { contract } from '../../main/contract/index.ts';
import {
  auditActionLabel,
  auditActionOptions,
  auditModuleLabel,
  auditRefTypeLabel,
} from '../../renderer/src/lib/audit-words.ts';

async function translator(lng: 'en' | 'fr' | 'ar'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
    lng,
    // No fallback: a word missing in French must show up here, not as its English copy.
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('the audit log in words', () => {
  it('audits every method but the queries', () => {
    expect(AUDITED_METHODS).toContain('partners.reject');
    expect(AUDITED_METHODS).not.toContain('audit.list');
    expect(AUDITED_METHODS.length).toBe(Object.values(contract).filter((m) => m.kind !== 'query').length);
  });

  it('has a word for every module, audited method, event and reference type, in en, fr and ar', async () => {
    for (const lng of ['en', 'fr', 'ar'] as const) {
      const t = await translator(lng);
      const missing = [
        ...AUDIT_MODULES.filter((m) => !t(`audit.words.modules.${m}` as never, { defaultValue: '' })),
        ...[...AUDITED_METHODS, ...AUDIT_EVENTS].filter(
          (a) => typeof t(`audit.words.actions.${a}` as never, { defaultValue: '', returnObjects: true }) !== 'string',
        ),
        ...AUDIT_REF_TYPES.filter((r) => !t(`audit.words.refTypes.${r}` as never, { defaultValue: '' })),
      ];
      expect(missing.map((k) => `${lng}: ${k}`)).toEqual([]);
    }
  });

  it('reads records in the reader’s language, keeps unknown identifiers as they are', async () => {
    const tFr = await translator('fr');
    expect(auditActionLabel(tFr, 'partners.reject')).toBe('Rejeter une inscription');
    expect(auditActionLabel(tFr, 'sbi.stream.start')).toBe('Démarrer un aperçu en direct');
    expect(auditModuleLabel(tFr, 'trust-store')).toBe('Magasin de confiance');
    expect(auditRefTypeLabel(tFr, 'policyRequest')).toBe('Demande de politique');
    expect(auditActionLabel(tFr, 'notifications.created.SBI_EXPIRY')).toBe('Notifier : SBI');
    const tAr = await translator('ar');
    expect(auditActionLabel(tAr, 'idService.kyc')).toBe('الرد على طلب e-KYC');
    // A newer server's action, or a malformed one, is shown as recorded rather than as nothing.
    expect(auditActionLabel(tAr, 'future.method')).toBe('future.method');
    expect(auditActionLabel(tAr, 'notifications.created.NOT_A_TYPE')).toBe('notifications.created.NOT_A_TYPE');
    expect(auditModuleLabel(tAr, 'test')).toBe('test');
  });

  it('offers every audited action once in the filter, sorted in the reader’s words', async () => {
    const t = await translator('fr');
    const options = auditActionOptions(t, 'fr');
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    expect(options.map((o) => o.value)).toContain('assisted.authenticate');
    const labels = options.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'fr')));
  });
});
