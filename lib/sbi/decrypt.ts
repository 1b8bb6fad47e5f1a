/**
 * Auth CAPTURE decryption with the bench's own key pair (sbi.md §2.5), the inverse of what the
 * device does: the CTK has keymanager decrypt for it; the bench holds the private key itself.
 *   xor       = utf8(timestamp) XOR utf8(transactionId), the shorter left-padded with 0x00
 *   aad / iv  = last 16 / last 12 bytes of xor
 *   K         = RSA-OAEP(SHA-256, MGF1-SHA-256, empty label)⁻¹(base64url(sessionKey))
 *   ISO       = AES-256-GCM(K, iv, aad)⁻¹(base64url(bioValue) = ciphertext ‖ 16-byte tag)
 * The thumbprint (UPPER_HEX(SHA-256(DER of the encryption cert))) must name the bench's cert.
 */
import { constants, createDecipheriv, createHash, createPrivateKey, privateDecrypt, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { exportPkcs8, generateRsaKeys, issueCertificate, KeyUsage, serialFrom } from '../certificates/issuer.ts';
import { SbiError } from './errors.ts';

export interface BenchEncryptionKey {
  privateKey: KeyObject;
  /** DER of the certificate the device encrypts to. */
  certificateDer: Uint8Array;
}

export interface EncryptedBio {
  bioValue: string;
  sessionKey: string;
  thumbprint?: string | null;
  /** `data.timestamp` exactly as the device sent it. */
  timestamp: string;
  transactionId: string;
}

const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const TAG_BYTES = 16;

const fault = (message: string, field: string) => new SbiError('SBI_DECRYPT', message, { field });

function b64url(value: string, field: string): Buffer {
  if (!B64URL.test(value)) throw fault(`${field} is not base64url`, field);
  return Buffer.from(value, 'base64url');
}

/** iv and aad from the timestamp and transaction id (both as sent, UTF-8). */
export function ivAndAad(timestamp: string, transactionId: string): { iv: Buffer; aad: Buffer } {
  const a = Buffer.from(timestamp, 'utf8');
  const b = Buffer.from(transactionId, 'utf8');
  const n = Math.max(a.length, b.length);
  const xor = Buffer.alloc(n);
  for (let i = 0; i < n; i++) xor[i] = (a[i - (n - a.length)] ?? 0) ^ (b[i - (n - b.length)] ?? 0);
  if (n < 16) throw fault(`timestamp and transactionId give ${n} byte(s) of key material; 16 are needed`, 'timestamp');
  return { iv: xor.subarray(n - 12), aad: xor.subarray(n - 16) };
}

export const thumbprintOfCert = (der: Uint8Array): string =>
  createHash('sha256').update(der).digest('hex').toUpperCase();

/** Returns the plaintext ISO record; every failure is SBI_DECRYPT with what went wrong. */
export function decryptBioValue(item: EncryptedBio, key: BenchEncryptionKey): Buffer {
  if (typeof item.thumbprint === 'string' && item.thumbprint !== '') {
    const ours = thumbprintOfCert(key.certificateDer);
    if (item.thumbprint.toUpperCase() !== ours)
      throw fault(
        `thumbprint ${item.thumbprint.slice(0, 64)} is not the bench's encryption certificate (${ours})`,
        'thumbprint',
      );
  }
  const wrapped = b64url(item.sessionKey, 'sessionKey');
  const sealed = b64url(item.bioValue, 'bioValue');
  if (sealed.length < TAG_BYTES) throw fault('bioValue is shorter than the GCM tag', 'bioValue');
  let sessionKey: Buffer;
  try {
    sessionKey = privateDecrypt(
      { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      wrapped,
    );
  } catch {
    throw fault('sessionKey does not decrypt with the bench key (RSA-OAEP, SHA-256)', 'sessionKey');
  }
  if (sessionKey.length !== 32)
    throw fault(`the session key is ${sessionKey.length * 8} bits; AES-256 needs 256`, 'sessionKey');
  const { iv, aad } = ivAndAad(item.timestamp, item.transactionId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', sessionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw fault(
      'bioValue fails AES-256-GCM authentication (wrong key, iv/aad from timestamp and transactionId, or altered data)',
      'bioValue',
    );
  }
}

/** A fresh RSA-2048 key pair with a self-signed certificate, for a bench run against a device it configures. */
export async function createBenchEncryptionKey(now = new Date()): Promise<BenchEncryptionKey> {
  const keys = await generateRsaKeys();
  const certificateDer = await issueCertificate({
    subject: 'CN=Partner Desk SBI bench encryption,O=Partner Desk',
    issuer: 'self',
    signingKey: keys.privateKey,
    publicKey: keys.publicKey,
    serialHex: serialFrom(randomBytes(16)),
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    ca: false,
    keyUsages: KeyUsage.keyEncipherment | KeyUsage.dataEncipherment,
  });
  const privateKey = createPrivateKey({
    key: Buffer.from(await exportPkcs8(keys.privateKey)),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, certificateDer };
}
