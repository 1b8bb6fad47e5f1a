import { createHash, createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { AppError } from '../../contract/index.ts';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384' };

export interface ClientKey {
  /** base64url(SHA-256 of the DER SubjectPublicKeyInfo): the OIDC client id (pms.md §1.6). */
  clientId: string;
  /** The key's public members only, in RFC 7638 member order: what is stored and shown. */
  jwk: Record<string, string>;
  canonical: string;
}

function invalid(message: string): AppError {
  return new AppError('PMS_ESI_007', message, { publicKey: 'PMS_ESI_007' });
}

/**
 * Reads an OIDC client's public key given as a JWK (RSA ≥ 2048 bits or EC P-256/P-384) with Node's
 * own JWK import, refusing private keys. The client id is derived from the key, not the JSON text,
 * so the same key spelt differently (extra members, another order) is still a duplicate.
 */
export function readClientKey(input: Record<string, unknown>): ClientKey {
  if (input.kty !== 'RSA' && input.kty !== 'EC')
    throw invalid('The public key must be an RSA or EC JWK (kty "RSA" or "EC").');
  if (PRIVATE_MEMBERS.some((m) => m in input))
    throw invalid('This JWK holds private key material; give the public key only.');
  let key;
  try {
    key = createPublicKey({ key: input as JsonWebKey, format: 'jwk' });
  } catch (err) {
    throw invalid(`The JWK is not a valid public key: ${(err as Error).message}`);
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) throw invalid('RSA keys must have at least 2048 bits.');
  } else if (key.asymmetricKeyType === 'ec') {
    if (!CURVES[details.namedCurve ?? '']) throw invalid('EC keys must use the P-256 or P-384 curve.');
  } else {
    throw invalid('Only RSA and EC keys are accepted.');
  }
  const exported = key.export({ format: 'jwk' }) as Record<string, string>;
  const jwk: Record<string, string> =
    exported.kty === 'RSA'
      ? { e: exported.e!, kty: 'RSA', n: exported.n! }
      : { crv: exported.crv!, kty: 'EC', x: exported.x!, y: exported.y! };
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    clientId: createHash('sha256').update(der).digest('base64url'),
    jwk,
    canonical: JSON.stringify(jwk),
  };
}
