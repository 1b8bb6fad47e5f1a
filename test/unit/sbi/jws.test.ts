/**
 * native/sbi/jws.ts and hash-chain.ts against decoding written here from sbi.md §2.1 and §2.4:
 * split + base64url + crypto.verify for the JWS, and a hand computation of the hash chain.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJws, jwsJson, signJws, verifyJwsSignature } from '../../../lib/sbi/jws.ts';
import { EMPTY_HASH_HEX, chainHash } from '../../../lib/sbi/hash-chain.ts';
import { isSbiError } from '../../../lib/sbi/errors.ts';
import { keyPair, leaf, root } from '../../helpers/pki.ts';

const ca = root('CN=JWS Test Root, O=PD Test', { key: keyPair('rsa2048', 'jws-root') });
const signer = leaf(ca, 'CN=JWS Device, O=PD Test', { key: keyPair('rsa2048', 'jws-device') });
const other = leaf(ca, 'CN=Other Device, O=PD Test', { key: keyPair('rsa2048', 'jws-other') });

function sbiCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSbiError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('signJws', () => {
  it('produces header.payload.signature that an independent RS256 check accepts', () => {
    const payload = JSON.stringify({ deviceId: '2', deviceStatus: 'Ready', name: 'Zoë ✓' });
    const jws = signJws(payload, signer.key.privateKey, signer.der);
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(jws.split('.')).toHaveLength(3);
    for (const part of [h, p, s]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as {
      alg: string;
      typ: string;
      x5c: string[];
    };
    expect(header.alg).toBe('RS256');
    expect(header.typ).toBe('JWT');
    // x5c[0] is standard base64 of the DER (not base64url).
    expect(header.x5c[0]).toBe(Buffer.from(signer.der).toString('base64'));
    expect(Buffer.from(p, 'base64url').toString('utf8')).toBe(payload);
    const publicKey = new X509Certificate(Buffer.from(header.x5c[0]!, 'base64')).publicKey;
    expect(verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    // …and the same check refuses another payload under this signature.
    expect(
      verify(
        'sha256',
        Buffer.from(`${h}.${Buffer.from('{}').toString('base64url')}`, 'ascii'),
        publicKey,
        Buffer.from(s, 'base64url'),
      ),
    ).toBe(false);
  });
});

describe('decodeJws / verifyJwsSignature / jwsJson', () => {
  const good = signJws(JSON.stringify({ a: 1 }), signer.key.privateKey, signer.der);
  const [h, p, s] = good.split('.') as [string, string, string];
  const header = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('decodes and verifies a good JWS', () => {
    const d = decodeJws(good);
    expect(Buffer.from(d.signerDer).equals(Buffer.from(signer.der))).toBe(true);
    expect(() => verifyJwsSignature(d)).not.toThrow();
    expect(jwsJson(d)).toEqual({ a: 1 });
  });

  it.each([
    ['not a string', 42],
    ['two parts', `${h}.${p}`],
    ['four parts', `${good}.x`],
    ['non-base64url characters', `${h}.${p}+/.${s}`],
    ['header not JSON', `${Buffer.from('{nope').toString('base64url')}.${p}.${s}`],
    ['header an array', `${header([1])}.${p}.${s}`],
    ['alg none', `${header({ alg: 'none', x5c: [Buffer.from(signer.der).toString('base64')] })}.${p}.${s}`],
    ['alg HS256', `${header({ alg: 'HS256', x5c: [Buffer.from(signer.der).toString('base64')] })}.${p}.${s}`],
    ['x5c missing', `${header({ alg: 'RS256' })}.${p}.${s}`],
    ['x5c empty', `${header({ alg: 'RS256', x5c: [] })}.${p}.${s}`],
    ['x5c[0] base64url instead of base64', `${header({ alg: 'RS256', x5c: ['ab_-'] })}.${p}.${s}`],
    ['x5c[0] empty', `${header({ alg: 'RS256', x5c: [''] })}.${p}.${s}`],
  ])('refuses %s with SBI_JWS_MALFORMED', (_why, input) => {
    expect(sbiCode(() => decodeJws(input))).toBe('SBI_JWS_MALFORMED');
  });

  it('x5c[0] that is not a certificate is SBI_JWS_MALFORMED at verification', () => {
    const d = decodeJws(`${header({ alg: 'RS256', x5c: [Buffer.from('not a cert').toString('base64')] })}.${p}.${s}`);
    expect(sbiCode(() => verifyJwsSignature(d))).toBe('SBI_JWS_MALFORMED');
  });

  it('a signature by another key, or over other bytes, is SBI_SIGNATURE', () => {
    const swapped = `${header({ alg: 'RS256', typ: 'JWT', x5c: [Buffer.from(other.der).toString('base64')] })}.${p}.${s}`;
    expect(sbiCode(() => verifyJwsSignature(decodeJws(swapped)))).toBe('SBI_SIGNATURE');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ a: 2 })).toString('base64url')}.${s}`;
    expect(sbiCode(() => verifyJwsSignature(decodeJws(tampered)))).toBe('SBI_SIGNATURE');
  });

  it('a payload that is not a JSON object is SBI_MALFORMED', () => {
    for (const body of ['[1,2]', 'nope', '"str"']) {
      const jws = signJws(body, signer.key.privateKey, signer.der);
      expect(sbiCode(() => jwsJson(decodeJws(jws)))).toBe('SBI_MALFORMED');
    }
  });
});

describe('chainHash (§2.4)', () => {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();
  const iso1 = Buffer.from('FIR\x00020\x00 first record', 'latin1');
  const iso2 = Buffer.from('FIR\x00020\x00 second record', 'latin1');

  it('matches a hand computation, starting from SHA-256 of the empty string', () => {
    // Known answer: SHA-256("") is e3b0c442…b855.
    expect(EMPTY_HASH_HEX).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const h1 = sha(Buffer.concat([sha(Buffer.alloc(0)), sha(iso1)]))
      .toString('hex')
      .toUpperCase();
    const h2 = sha(Buffer.concat([Buffer.from(h1, 'hex'), sha(iso2)]))
      .toString('hex')
      .toUpperCase();
    expect(chainHash('', iso1)).toBe(h1);
    expect(chainHash(h1, iso2)).toBe(h2);
    expect(h2).toMatch(/^[0-9A-F]{64}$/);
  });

  it('treats blank, null, and SHA-256("") in either case as the same start', () => {
    const h = chainHash(null, iso1);
    expect(chainHash(undefined, iso1)).toBe(h);
    expect(chainHash('   ', iso1)).toBe(h);
    expect(chainHash(EMPTY_HASH_HEX, iso1)).toBe(h);
    expect(chainHash(EMPTY_HASH_HEX.toUpperCase(), iso1)).toBe(h);
    expect(chainHash(h, iso1)).not.toBe(h);
  });

  it('refuses a previousHash that is neither blank nor 64 hex characters', () => {
    for (const bad of ['abc', 'z'.repeat(64), 'A'.repeat(63), 'A'.repeat(65)])
      expect(() => chainHash(bad, iso1)).toThrow(RangeError);
  });
});
