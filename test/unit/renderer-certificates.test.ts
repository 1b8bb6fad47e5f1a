import { randomBytes } from 'node:crypto';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../renderer/src/lib/base64.ts';
import { parseExpiryPeriod } from '../../renderer/src/lib/certificates.ts';
import { refusalText } from '../../renderer/src/screens/certificates/refusal.ts';
import en from '../../renderer/src/i18n/en.ts';
import fr from '../../renderer/src/i18n/fr.ts';
import ar from '../../renderer/src/i18n/ar.ts';

/** Renderer helpers of the certificate screens that need no browser. */
describe('certificate files in the renderer', () => {
  it('base64-encodes in chunks, byte for byte as Node does, and back', () => {
    for (const size of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 * 3 + 7, 1_000_000]) {
      const bytes = new Uint8Array(randomBytes(size));
      const b64 = bytesToBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(b64)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('accepts "expiring within" 1 to 30 whole days, nothing else', () => {
    expect(parseExpiryPeriod('')).toBeUndefined();
    expect(parseExpiryPeriod('  ')).toBeUndefined();
    expect(parseExpiryPeriod('1')).toBe(1);
    expect(parseExpiryPeriod(' 30 ')).toBe(30);
    for (const bad of ['0', '31', '-1', '1.5', '1e1', 'ten', '007']) expect(parseExpiryPeriod(bad)).toBeNull();
  });
});

describe('expiry badge plurals', () => {
  // i18next picks the form with Intl.PluralRules; every form a language uses needs a message.
  it.each([
    ['en', en],
    ['fr', fr],
    ['ar', ar],
  ] as const)('%s has every plural form its rules produce', (lang, bundle) => {
    const counts = bundle.dashboard.counts as Record<string, string>;
    const rules = new Intl.PluralRules(lang);
    for (const base of ['trustStore', 'partnerCertificate']) {
      for (const n of [0, 1, 2, 3, 11, 100, 1_000_000])
        expect(counts[`${base}_${rules.select(n)}`], `${base} ${n}`).toBeTruthy();
      expect(counts[`${base}_zero`]).toBeTruthy();
    }
  });
});

describe('refused certificates name the values of the rule (issue 11 §4)', () => {
  const translator = async (lng: 'en' | 'fr' | 'ar') => {
    const i18n = createInstance();
    await i18n.init({
      lng,
      resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
      interpolation: { escapeValue: false },
    });
    return i18n.t;
  };
  const formatDate = (lng: string) => (iso: string) =>
    new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  const params = {
    minimumDays: '335',
    validUntil: '2027-01-01T00:00:00Z',
    requiredUntil: '2027-10-23T09:00:00Z',
  };

  it.each(['en', 'fr', 'ar'] as const)(
    '%s: the minimum days and both dates, the minimum months of a CA, and "no CA"',
    async (lng) => {
      const t = await translator(lng);
      const fmt = formatDate(lng);
      const days = refusalText(t, fmt, 'KER-PCM-017', params)!;
      expect(days).toContain('335');
      expect(days).toContain(fmt(params.validUntil));
      expect(days).toContain(fmt(params.requiredUntil));
      expect(days).not.toMatch(/\{\{|\}\}/);
      const months = refusalText(t, fmt, 'KER-PCM-017', {
        minimumMonths: '12',
        validUntil: params.validUntil,
        requiredUntil: params.requiredUntil,
      })!;
      expect(months).toContain('12');
      expect(months).not.toBe(days);
      expect(refusalText(t, fmt, 'PD_PKI_001', { notCa: 'true' })).toBe(t('certificates.refusal.notCa'));
    },
  );

  it('says nothing extra without the values, or for codes it has no values for', async () => {
    const t = await translator('en');
    expect(refusalText(t, String, 'KER-PCM-017', undefined)).toBeNull();
    expect(refusalText(t, String, 'KER-PCM-017', {})).toBeNull();
    expect(refusalText(t, String, 'PD_PKI_001', {})).toBeNull();
    expect(refusalText(t, String, 'KER-PCM-008', { minimumDays: '335' })).toBeNull();
    expect(refusalText(t, String, null, { notCa: 'true' })).toBeNull();
  });
});

describe('file sizes', () => {
  it('says bytes under 1 KB and kB above, in each language', async () => {
    const { formatFileSize } = await import('../../renderer/src/lib/file-size.ts');
    expect(formatFileSize(1, 'en')).toBe('1 byte');
    expect(formatFileSize(200, 'en')).toBe('200 bytes');
    expect(formatFileSize(2560, 'en')).toBe('2.5 kB');
    expect(formatFileSize(200, 'fr')).toMatch(/^200\soctets$/);
    expect(formatFileSize(2560, 'fr')).toMatch(/^2,5\sko$/);
    expect(formatFileSize(200, 'ar-u-nu-latn')).toMatch(/بايت$/);
  });
});
