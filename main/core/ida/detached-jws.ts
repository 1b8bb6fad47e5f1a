/**
 * Detached compact JWS (`header..signature`) over an HTTP body, as IDA's `signature` request
 * header and `response-signature` answer header are: RS256, the signer's certificate in `x5c`,
 * verified with base64url(raw body) put back as the payload (keymanager's jwtVerify).
 */
import { X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FlattenedSign, base64url, flattenedVerify } from 'jose';

const B64URL = /^[A-Za-z0-9_-]+$/;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_HEADER = 16_384;

export async function signDetached(body: Uint8Array, key: KeyObject, certDer: Uint8Array): Promise<string> {
  const jws = await new FlattenedSign(body)
    .setProtectedHeader({ alg: 'RS256', x5c: [Buffer.from(certDer).toString('base64')] })
    .sign(key);
  return `${jws.protected}..${jws.signature}`;
}

export type DetachedVerdict =
  | { ok: true; signerDer: Buffer; signer: X509Certificate }
  | { ok: false; reason: 'malformed' | 'noCertificate' | 'badSignature'; message: string };

/**
 * Checks the form, takes x5c[0] and verifies the signature over `body` with its key. Whether that
 * certificate is the expected one, and valid now, is the caller's decision.
 */
export async function verifyDetached(header: unknown, body: Uint8Array): Promise<DetachedVerdict> {
  if (typeof header !== 'string' || header.length > MAX_HEADER)
    return { ok: false, reason: 'malformed', message: 'the signature is missing or too long' };
  const parts = header.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !B64URL.test(parts[0]!) || !B64URL.test(parts[2]!))
    return {
      ok: false,
      reason: 'malformed',
      message: 'the signature is not a detached compact JWS',
    };
  let protectedHeader: unknown;
  try {
    protectedHeader = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', message: 'the JWS header is not JSON' };
  }
  const x5c =
    typeof protectedHeader === 'object' && protectedHeader !== null
      ? (protectedHeader as { x5c?: unknown }).x5c
      : undefined;
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string' || !B64.test(x5c[0]))
    return {
      ok: false,
      reason: 'noCertificate',
      message: 'the JWS header carries no x5c certificate',
    };
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(Buffer.from(x5c[0], 'base64'));
  } catch {
    return { ok: false, reason: 'noCertificate', message: 'x5c[0] is not an X.509 certificate' };
  }
  try {
    await flattenedVerify(
      { protected: parts[0]!, payload: base64url.encode(body), signature: parts[2]! },
      signer.publicKey,
      { algorithms: ['RS256'] },
    );
  } catch {
    return {
      ok: false,
      reason: 'badSignature',
      message: 'the signature does not verify with x5c[0]',
    };
  }
  return { ok: true, signerDer: signer.raw, signer };
}
