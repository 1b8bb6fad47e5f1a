/**
 * Auth CAPTURE encryption of bioValue (sbi.md §2.5), against a configurable encryption certificate
 * (the deployment's "MOSIP key", or the compliance bench's): AES-256-GCM under a fresh session key
 * per item, with IV and AAD taken from timestamp XOR transactionId, and the session key wrapped
 * with RSA-OAEP (SHA-256, MGF1-SHA-256).
 */
import { X509Certificate, constants, createCipheriv, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface EncryptionTarget {
  der: Buffer;
  publicKey: KeyObject;
  /** UPPER hex SHA-256 of the certificate's DER. */
  thumbprint: string;
  subject: string;
}

export class EncryptionCertError extends Error {
  override name = 'EncryptionCertError';
}

/** Accepts DER bytes or a PEM string; the key must be RSA (OAEP). */
export function encryptionTarget(cert: Uint8Array | string): EncryptionTarget {
  let x: X509Certificate;
  try {
    x = new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  } catch {
    throw new EncryptionCertError('the encryption certificate is not an X.509 certificate (DER or PEM)');
  }
  if (x.publicKey.asymmetricKeyType !== 'rsa')
    throw new EncryptionCertError('the encryption certificate must hold an RSA key (RSA-OAEP)');
  return {
    der: x.raw,
    publicKey: x.publicKey,
    thumbprint: createHash('sha256').update(x.raw).digest('hex').toUpperCase(),
    subject: x.subject,
  };
}

/** XOR of the two UTF-8 strings, the shorter left-padded with zero bytes (MockMDS getXOR/prependZeros). */
export function timestampXorTransactionId(timestamp: string, transactionId: string): Buffer {
  const a = Buffer.from(timestamp, 'utf8');
  const b = Buffer.from(transactionId, 'utf8');
  const n = Math.max(a.length, b.length);
  const pa = Buffer.concat([Buffer.alloc(n - a.length), a]);
  const pb = Buffer.concat([Buffer.alloc(n - b.length), b]);
  return Buffer.from(pa.map((v, i) => v ^ (pb[i] ?? 0)));
}

export interface EncryptedBioValue {
  bioValue: string;
  sessionKey: string;
  thumbprint: string;
}

export function encryptBioValue(
  target: EncryptionTarget,
  iso: Uint8Array,
  timestamp: string,
  transactionId: string,
): EncryptedBioValue {
  const xor = timestampXorTransactionId(timestamp, transactionId);
  const aad = xor.subarray(xor.length - 16);
  const iv = xor.subarray(xor.length - 12);
  const key = randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(iso), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt(
    { key: target.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    key,
  );
  return {
    bioValue: sealed.toString('base64url'),
    sessionKey: wrapped.toString('base64url'),
    thumbprint: target.thumbprint,
  };
}
