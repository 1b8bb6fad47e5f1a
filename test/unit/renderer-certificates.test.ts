import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../renderer/src/lib/base64.ts';
import { parseExpiryPeriod } from '../../renderer/src/lib/certificates.ts';
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
      for (const n of [0, 1, 2, 3, 11, 100, 1_000_000]) expect(counts[`${base}_${rules.select(n)}`], `${base} ${n}`).toBeTruthy();
      expect(counts[`${base}_zero`]).toBeTruthy();
    }
  });
});
