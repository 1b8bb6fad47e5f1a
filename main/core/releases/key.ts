import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** DER prefix of a PKCS#8 Ed25519 private key around its 32-byte seed (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER prefix of an SPKI Ed25519 public key around its 32 raw bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** An Ed25519 key from 32 random bytes (the command's seeded source, so a replay makes the same key). */
export function releaseKeyFromSeed(seed: Buffer): { pkcs8: Buffer; publicKey: Buffer } {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const pkcs8 = Buffer.concat([PKCS8_PREFIX, seed]);
  const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
  return { pkcs8, publicKey: Buffer.from(spki.subarray(SPKI_PREFIX.length)) };
}

/** The raw 32-byte public key as a key object; throws on anything else. */
export function releasePublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function signDocument(pkcs8: Buffer, document: string): string {
  return sign(
    null,
    Buffer.from(document, 'utf8'),
    createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  ).toString('base64');
}

/** Ed25519 over the exact bytes received; a malformed signature is simply not valid. */
export function verifyDocument(publicKey: KeyObject, document: Buffer, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, document, publicKey, signature);
  } catch {
    return false;
  }
}
