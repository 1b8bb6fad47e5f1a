/**
 * The cryptography both ends of an IDA e-KYC exchange share (keymanager's CryptoCore as IDA
 * uses it): AES-256-GCM with a 128-bit tag and no AAD, laid out ciphertext ‖ tag ‖ IV with a
 * 16-byte IV at the end (keymanager reads the IV from the last 16 bytes); RSA-OAEP with SHA-256
 * and MGF1-SHA-256 for the session key; thumbprints as upper-case hex SHA-256 of a certificate.
 */
import {
  X509Certificate,
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const IV_BYTES = 16;
const TAG_BYTES = 16;

export class IdaCryptoError extends Error {
  override name = 'IdaCryptoError';
}

export function sealAesGcm(key: Uint8Array, plain: Uint8Array, iv: Uint8Array): Buffer {
  if (iv.length !== IV_BYTES) throw new RangeError('the IV must be 16 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag(), iv]);
}

/** Throws IdaCryptoError when the block is too short or fails GCM authentication. */
export function openAesGcm(key: Uint8Array, sealed: Uint8Array): Buffer {
  if (key.length !== 32) throw new IdaCryptoError('the session key is not 256 bits');
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new IdaCryptoError('the encrypted block is shorter than tag and IV');
  const iv = sealed.subarray(sealed.length - IV_BYTES);
  const tag = sealed.subarray(sealed.length - IV_BYTES - TAG_BYTES, sealed.length - IV_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - IV_BYTES - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new IdaCryptoError('the encrypted block fails AES-256-GCM authentication');
  }
}

export function wrapSessionKey(publicKey: KeyObject, key: Uint8Array): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, key);
}

export function unwrapSessionKey(privateKey: KeyObject, wrapped: Uint8Array): Buffer {
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped);
  } catch {
    throw new IdaCryptoError('the session key does not decrypt (RSA-OAEP, SHA-256)');
  }
}

export const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();
export const upperHexSha256 = (data: Uint8Array | string): string => sha256(data).toString('hex').toUpperCase();
export const thumbprintOf = (der: Uint8Array): string => upperHexSha256(der);

/** A parsed certificate with what the exchange needs from it. */
export interface IdaCert {
  der: Buffer;
  x509: X509Certificate;
  publicKey: KeyObject;
  thumbprint: string;
}

/** Accepts DER bytes or a PEM text; throws IdaCryptoError for anything else or a non-RSA key. */
export function idaCert(cert: Uint8Array | string, what: string): IdaCert {
  let x: X509Certificate;
  try {
    x = new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  } catch {
    throw new IdaCryptoError(`${what} is not an X.509 certificate`);
  }
  if (x.publicKey.asymmetricKeyType !== 'rsa') throw new IdaCryptoError(`${what} must hold an RSA key`);
  return { der: x.raw, x509: x, publicKey: x.publicKey, thumbprint: thumbprintOf(x.raw) };
}

export const toPem = (der: Uint8Array): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/** IDA's `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC, which is what toISOString writes. */
export const idaTime = (d: Date): string => d.toISOString();

const IDA_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or null when the text is not IDA's pattern (seconds with optional millis). */
export function parseIdaTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = IDA_TIME.exec(value);
  if (!m) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}
