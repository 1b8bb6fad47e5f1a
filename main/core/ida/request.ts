/**
 * Builds an IDA e-KYC request (ida.md §2): the outer JSON with `requestSessionKey` (a fresh
 * AES-256 key under the service's PARTNER certificate, RSA-OAEP-SHA256), `request` (the inner
 * JSON, AES-256-GCM ciphertext ‖ tag ‖ IV), `requestHMAC` (the upper-case hex SHA-256 of the
 * exact inner JSON, encrypted with the same key) and the PARTNER certificate's thumbprint; and
 * the `signature` header, a detached JWS over the exact body with the desk's certificate in x5c.
 */
import type { KeyObject } from 'node:crypto';
import type { IdaKycInput } from './types.ts';
import { idaTime, sealAesGcm, upperHexSha256, wrapSessionKey } from './crypto.ts';
import type { IdaCert } from './crypto.ts';
import { signDetached } from './detached-jws.ts';

export const KYC_ID = 'mosip.identity.kyc';
export const AUTH_ID = 'mosip.identity.auth';
export const IDA_VERSION = '1.0';

export interface RequestKeys {
  /** The service's PARTNER certificate: the request is encrypted to it. */
  servicePartnerCert: IdaCert;
  /** The desk's authentication-partner certificate (x5c) and private key. */
  partnerCertDer: Uint8Array;
  partnerKey: KeyObject;
}

export interface BuiltRequest {
  body: Buffer;
  signature: string;
  requestTime: string;
}

/** env and domainUri must be at the top level exactly when every biometric carries them (IDA-MLC-009/-024). */
function envOf(input: IdaKycInput): { env?: string; domainUri?: string } {
  const first = input.biometrics[0];
  if (!first) return {};
  try {
    const payload = JSON.parse(Buffer.from(first.data.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      env?: unknown;
      domainUri?: unknown;
    };
    return {
      ...(typeof payload.env === 'string' && payload.env !== '' ? { env: payload.env } : {}),
      ...(typeof payload.domainUri === 'string' && payload.domainUri !== '' ? { domainUri: payload.domainUri } : {}),
    };
  } catch {
    // An unreadable item goes as it is: the service refuses it with its own code.
    return {};
  }
}

export async function buildKycRequest(
  input: IdaKycInput,
  keys: RequestKeys,
  now: Date,
  randomBytes: (n: number) => Buffer,
  id = KYC_ID,
): Promise<BuiltRequest> {
  const requestTime = idaTime(now);
  const inner = Buffer.from(JSON.stringify({ timestamp: requestTime, biometrics: input.biometrics }), 'utf8');
  const sessionKey = randomBytes(32);
  const outer = {
    id,
    version: IDA_VERSION,
    requestTime,
    transactionID: input.transactionId,
    individualId: input.individualId,
    individualIdType: input.individualIdType,
    consentObtained: input.consentObtained,
    ...envOf(input),
    specVersion: '1.0.0',
    thumbprint: keys.servicePartnerCert.thumbprint,
    requestSessionKey: wrapSessionKey(keys.servicePartnerCert.publicKey, sessionKey).toString('base64url'),
    request: sealAesGcm(sessionKey, inner, randomBytes(16)).toString('base64url'),
    requestHMAC: sealAesGcm(sessionKey, Buffer.from(upperHexSha256(inner), 'utf8'), randomBytes(16)).toString(
      'base64url',
    ),
    metadata: {},
  };
  const body = Buffer.from(JSON.stringify(outer), 'utf8');
  return {
    body,
    signature: await signDetached(body, keys.partnerKey, keys.partnerCertDer),
    requestTime,
  };
}
