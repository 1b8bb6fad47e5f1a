import { constants, createCipheriv, createHash, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBenchEncryptionKey, decryptBioValue, ivAndAad } from '../../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey, EncryptedBio } from '../../../lib/sbi/decrypt.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';

/**
 * The device side of sbi.md §2.5, written here from the specification text on its own: XOR of the
 * UTF-8 timestamp and transaction id with the shorter one left-padded with zeros, iv = last 12
 * bytes, aad = last 16, AES-256-GCM (ciphertext ‖ tag), OAEP-SHA256 session key, thumbprint =
 * UPPER_HEX(SHA-256(DER)).
 */
function deviceEncrypt(
  iso: Buffer,
  certDer: Uint8Array,
  timestamp: string,
  transactionId: string,
  key = randomBytes(32),
): EncryptedBio {
  const t = Buffer.from(timestamp, 'utf8');
  const x = Buffer.from(transactionId, 'utf8');
  const len = Math.max(t.length, x.length);
  const pad = (b: Buffer) => Buffer.concat([Buffer.alloc(len - b.length), b]);
  const pt = pad(t);
  const px = pad(x);
  const xor = Buffer.from(pt.map((v, i) => v ^ px[i]!));
  const cipher = createCipheriv('aes-256-gcm', key, xor.subarray(len - 12));
  cipher.setAAD(xor.subarray(len - 16));
  const sealed = Buffer.concat([cipher.update(iso), cipher.final(), cipher.getAuthTag()]);
  const publicKey = new X509Certificate(certDer).publicKey;
  return {
    bioValue: sealed.toString('base64url'),
    sessionKey: publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      key,
    ).toString('base64url'),
    thumbprint: createHash('sha256').update(certDer).digest('hex').toUpperCase(),
    timestamp,
    transactionId,
  };
}

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SbiError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('Auth CAPTURE decryption with the bench key (sbi.md §2.5)', () => {
  let bench: BenchEncryptionKey;
  let other: BenchEncryptionKey;
  beforeAll(async () => {
    [bench, other] = await Promise.all([createBenchEncryptionKey(), createBenchEncryptionKey()]);
  });
  const iso = Buffer.concat([Buffer.from('FIR\x00020\x00', 'latin1'), randomBytes(500)]);

  it('recovers the ISO record for timestamps and transaction ids of every length relation', () => {
    for (const txn of ['SBI1014-7', 'a-transaction-id-longer-than-the-timestamp-itself', 'abcd']) {
      const item = deviceEncrypt(iso, bench.certificateDer, '2026-03-04T05:06:07Z', txn);
      expect(decryptBioValue(item, bench).equals(iso)).toBe(true);
    }
  });

  it('derives iv and aad from the right end of the zero-padded XOR', () => {
    const { iv, aad } = ivAndAad('2026-03-04T05:06:07Z', 'abcd');
    const t = Buffer.from('2026-03-04T05:06:07Z');
    const expectedTail = Buffer.from(t.subarray(4).map((v, i) => (i >= 12 ? v ^ 'abcd'.charCodeAt(i - 12) : v)));
    expect(aad.equals(expectedTail)).toBe(true);
    expect(iv.equals(expectedTail.subarray(4))).toBe(true);
    expect(() => ivAndAad('short', 'tiny')).toThrow(SbiError);
  });

  it('refuses a capture encrypted to another certificate, by thumbprint and by key', () => {
    const item = deviceEncrypt(iso, other.certificateDer, '2026-03-04T05:06:07Z', 'SBI1014-7');
    expect(code(() => decryptBioValue(item, bench))).toMatch(
      /^SBI_DECRYPT: thumbprint [0-9A-F]{64} is not the bench's/,
    );
    expect(code(() => decryptBioValue({ ...item, thumbprint: null }, bench))).toMatch(
      /^SBI_DECRYPT: sessionKey does not decrypt/,
    );
  });

  it('detects a changed timestamp, transaction id or ciphertext through the GCM tag', () => {
    const item = deviceEncrypt(iso, bench.certificateDer, '2026-03-04T05:06:07Z', 'SBI1014-7');
    expect(code(() => decryptBioValue({ ...item, timestamp: '2026-03-04T05:06:08Z' }, bench))).toMatch(
      /^SBI_DECRYPT: bioValue fails AES-256-GCM/,
    );
    expect(code(() => decryptBioValue({ ...item, transactionId: 'SBI1014-8' }, bench))).toMatch(
      /^SBI_DECRYPT: bioValue fails AES-256-GCM/,
    );
    const sealed = Buffer.from(item.bioValue, 'base64url');
    sealed[3] = sealed[3]! ^ 1;
    expect(code(() => decryptBioValue({ ...item, bioValue: sealed.toString('base64url') }, bench))).toMatch(
      /^SBI_DECRYPT: bioValue fails/,
    );
  });

  it('refuses malformed fields with the field named', () => {
    const item = deviceEncrypt(iso, bench.certificateDer, '2026-03-04T05:06:07Z', 'SBI1014-7');
    expect(code(() => decryptBioValue({ ...item, bioValue: 'not base64url!' }, bench))).toBe(
      'SBI_DECRYPT: bioValue is not base64url',
    );
    expect(code(() => decryptBioValue({ ...item, sessionKey: '***' }, bench))).toBe(
      'SBI_DECRYPT: sessionKey is not base64url',
    );
    expect(code(() => decryptBioValue({ ...item, bioValue: 'AAAA' }, bench))).toBe(
      'SBI_DECRYPT: bioValue is shorter than the GCM tag',
    );
    const shortKey = publicEncrypt(
      {
        key: new X509Certificate(bench.certificateDer).publicKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      randomBytes(16),
    );
    expect(code(() => decryptBioValue({ ...item, sessionKey: shortKey.toString('base64url') }, bench))).toMatch(
      /session key is 128 bits/,
    );
  });

  it('does not accept an OAEP-SHA1 session key (the specification fixes SHA-256)', () => {
    const publicKey = new X509Certificate(bench.certificateDer).publicKey;
    const item = deviceEncrypt(iso, bench.certificateDer, '2026-03-04T05:06:07Z', 'SBI1014-7');
    const sha1 = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      randomBytes(32),
    );
    expect(code(() => decryptBioValue({ ...item, sessionKey: sha1.toString('base64url') }, bench))).toMatch(
      /^SBI_DECRYPT: sessionKey does not decrypt/,
    );
  });
});
