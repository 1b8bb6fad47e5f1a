import { describe, expect, it } from 'vitest';
import { intermediate, leaf, root, trustFor } from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

const NB = new Date('2024-03-01T00:00:00Z');
const NA = new Date('2024-04-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('validity at an explicit time (inclusive, whole seconds)', () => {
  const r = root();
  const i = intermediate(r);
  const l = leaf(i, 'CN=Dated', { notBefore: NB, notAfter: NA });
  const base = { leaf: l, trust: trustFor([r]), intermediates: [i] };

  it('accepts exactly at notBefore and exactly at notAfter', () => {
    accepts({ ...base, at: NB });
    accepts({ ...base, at: NA });
  });

  it('accepts within the second of notAfter (RFC 5280 has one-second granularity) and warns: Java refuses it', () => {
    const v = accepts({ ...base, at: at('2024-04-01T00:00:00.005Z') });
    expect(v.warnings).toContain('PD_PKI_W01');
  });

  it('refuses one second after notAfter with KER-PCM-004', () => {
    refuses({ ...base, at: at('2024-04-01T00:00:01Z') }, 'KER-PCM-004', l);
  });

  it('refuses before notBefore, even by a fraction of a second, with KER-PMS-020 (future-dated)', () => {
    refuses({ ...base, at: at('2024-02-29T23:59:59.999Z') }, 'KER-PMS-020', l);
  });

  it('refuses an expired intermediate, naming the intermediate', () => {
    const old = intermediate(r, 'CN=Old Intermediate', { notAfter: at('2025-01-01T00:00:00Z') });
    const l2 = leaf(old);
    refuses({ leaf: l2, trust: trustFor([r]), intermediates: [old] }, 'KER-PCM-004', old);
  });

  it('refuses a not-yet-valid intermediate with KER-PMS-020', () => {
    const early = intermediate(r, 'CN=Early Intermediate', {
      notBefore: at('2030-01-01T00:00:00Z'),
    });
    refuses({ leaf: leaf(early), trust: trustFor([r]), intermediates: [early] }, 'KER-PMS-020', early);
  });

  it('enforces the trust anchor validity too (as keymanager does at CA upload, and as limbo expects)', () => {
    const expiredRoot = root('CN=Expired Root', { notAfter: at('2025-01-01T00:00:00Z') });
    refuses({ leaf: leaf(expiredRoot), trust: trustFor([expiredRoot]) }, 'KER-PCM-004', expiredRoot);
  });

  it('refuses a leaf with less remaining validity than required with KER-PCM-017', () => {
    const ca = intermediate(r, 'CN=Short CA', { notAfter: at('2026-12-01T00:00:00Z') });
    const year = 365 * 24 * 3600 * 1000;
    refuses({ leaf: ca, trust: trustFor([r]), options: { minRemainingValidityMs: year } }, 'KER-PCM-017', ca);
    accepts({ leaf: ca, trust: trustFor([r]), options: { minRemainingValidityMs: year / 12 } });
  });

  it('handles GeneralizedTime dates after 2049', () => {
    const until = { notAfter: at('2080-01-01T00:00:00Z') };
    const r2 = root('CN=Long Root', until);
    const i2 = intermediate(r2, 'CN=Long Intermediate', until);
    const far = leaf(i2, 'CN=Far', { notAfter: at('2070-01-01T00:00:00Z') });
    accepts({
      leaf: far,
      trust: trustFor([r2]),
      intermediates: [i2],
      at: at('2069-12-31T23:59:59Z'),
    });
    refuses(
      { leaf: far, trust: trustFor([r2]), intermediates: [i2], at: at('2070-01-01T00:00:01Z') },
      'KER-PCM-004',
      far,
    );
  });

  it('refuses an invalid validation time instead of guessing', () => {
    refuses({ ...base, at: new Date('not a date') }, 'KER-PCM-004');
  });
});
