/**
 * Compact JWS as SBI uses it (sbi.md §2.1): header {"alg":"RS256","typ":"JWT","x5c":[b64(DER)]},
 * RSASSA-PKCS1-v1_5/SHA-256 over `b64url(header).b64url(payload)`. The virtual device signs with
 * this module and the client verifies with it, so both ends of the wire share one definition —
 * the tests that matter decode the bytes independently (see test/unit/sbi/jws.test.ts).
 */
import { createHash, sign, verify, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SbiError } from './errors.ts';

export interface JwsHeader {
  alg: string;
  typ?: string;
  x5c?: string[];
}
export interface DecodedJws {
  header: JwsHeader;
  /** The payload bytes exactly as signed. */
  payload: Buffer;
  signingInput: string;
  signature: Buffer;
  /** DER of x5c[0]; MOSIP takes the first entry as the signer and ignores the rest. */
  signerDer: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function signJws(payload: Buffer | string, key: KeyObject, signerDer: Uint8Array): string {
  const header = { x5c: [Buffer.from(signerDer).toString('base64')], alg: 'RS256', typ: 'JWT' };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input, 'ascii'), key).toString('base64url')}`;
}

/** Splits and decodes without trusting anything; throws SBI_JWS_MALFORMED with what is wrong. */
export function decodeJws(compact: unknown, field = 'jws'): DecodedJws {
  const bad = (why: string) => new SbiError('SBI_JWS_MALFORMED', `${field}: ${why}`, { field });
  if (typeof compact !== 'string') throw bad('not a string');
  const parts = compact.split('.');
  if (parts.length !== 3) throw bad(`expected 3 dot-separated parts, got ${parts.length}`);
  const [h, p, s] = parts as [string, string, string];
  if (![h, p, s].every((x) => B64URL.test(x))) throw bad('a part is not base64url');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  } catch {
    throw bad('header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw bad('header is not an object');
  const hdr = header as Record<string, unknown>;
  if (hdr.alg !== 'RS256') throw bad(`alg must be RS256, got ${JSON.stringify(hdr.alg)?.slice(0, 20)}`);
  const x5c = hdr.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || typeof x5c[0] !== 'string') throw bad('x5c[0] is missing');
  if (!B64.test(x5c[0])) throw bad('x5c[0] is not standard base64');
  const signerDer = Buffer.from(x5c[0], 'base64');
  if (signerDer.length === 0) throw bad('x5c[0] is empty');
  return {
    header: {
      alg: 'RS256',
      ...(typeof hdr.typ === 'string' ? { typ: hdr.typ } : {}),
      x5c: x5c.filter((c): c is string => typeof c === 'string'),
    },
    payload: Buffer.from(p, 'base64url'),
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
    signerDer,
  };
}

// A device signs every answer with the same certificate: keep its parsed key (parsing costs ~0.4 ms,
// the RS256 check itself ~0.04 ms). Keyed by the DER's SHA-256, so a different certificate never hits.
const signerKeys = new Map<string, KeyObject>();
function signerKey(der: Buffer): KeyObject {
  const id = createHash('sha256').update(der).digest('base64');
  let key = signerKeys.get(id);
  if (!key) {
    key = new X509Certificate(der).publicKey;
    if (signerKeys.size >= 256) signerKeys.clear();
    signerKeys.set(id, key);
  }
  return key;
}

/** Verifies the signature with x5c[0]'s public key (trust is a separate step). */
export function verifyJwsSignature(jws: DecodedJws, field = 'jws'): void {
  let key: KeyObject;
  try {
    key = signerKey(jws.signerDer);
  } catch {
    throw new SbiError('SBI_JWS_MALFORMED', `${field}: x5c[0] is not an X.509 certificate`, {
      field,
    });
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new SbiError(
      'SBI_SIGNATURE',
      `${field}: RS256 needs an RSA key, x5c[0] holds ${key.asymmetricKeyType ?? 'unknown'}`,
      { field },
    );
  if (!verify('sha256', Buffer.from(jws.signingInput, 'ascii'), key, jws.signature)) {
    throw new SbiError('SBI_SIGNATURE', `${field}: the signature does not verify with x5c[0]`, {
      field,
    });
  }
}

/** Parses the payload as a JSON object (SBI signs JSON objects only). */
export function jwsJson(jws: DecodedJws, field = 'jws'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(jws.payload.toString('utf8'));
  } catch {
    throw new SbiError('SBI_MALFORMED', `${field}: payload is not JSON`, { field });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SbiError('SBI_MALFORMED', `${field}: payload is not an object`, { field });
  return value as Record<string, unknown>;
}
