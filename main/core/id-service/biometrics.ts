/**
 * The biometrics of a request (ida.md §3), item by item in IDA's order: the device's `data` JWS
 * (signature, then trust in the DEVICE domain), the required fields, the signed digital ID (FTM
 * domain, as an L1 Auth device signs it), the bioValue decrypted with the IDA-FIR key, and the
 * hash chain over the plaintext records, one chain for the whole list starting from SHA-256("").
 * Trust is the desk's own trust store (the admin's DEVICE and FTM roots).
 */
import { SbiError } from '../../../lib/sbi/errors.ts';
import { chainHash } from '../../../lib/sbi/hash-chain.ts';
import { decodeJws, jwsJson, verifyJwsSignature } from '../../../lib/sbi/jws.ts';
import { decryptBioValue } from '../../../lib/sbi/decrypt.ts';
import { checkNestedDigitalId } from '../../../lib/sbi/checks/signed-digital-id.ts';
import { checkTrust } from '../../../lib/sbi/checks/trust.ts';
import type { TrustCache } from '../../../lib/sbi/checks/trust.ts';
import { firstFailure } from '../../../lib/sbi/checks/types.ts';
import type { TrustStore } from '../../../lib/pki/index.ts';
import type { BioType, ProbeSample } from './matcher.ts';
import type { ServiceKey } from './keys.ts';
import { refuse } from './refusal.ts';

export interface ReadBiometric extends ProbeSample {
  timestamp: string;
  transactionId: string;
  env: string | null;
  domainUri: string | null;
  /** What the audit names: never the biometric itself. */
  device: { serialNo: string; make: string; model: string; deviceProviderId: string };
}

export interface BiometricContext {
  trust: TrustStore;
  now: Date;
  fir: ServiceKey;
  /** How far a digital ID's dateTime may be from now (IDA: the request window). */
  toleranceMs: number;
  cache?: TrustCache;
}

const BIO_TYPES: readonly BioType[] = ['Finger', 'Iris', 'Face'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function readBiometrics(items: unknown, ctx: BiometricContext): ReadBiometric[] {
  if (!Array.isArray(items) || items.length === 0)
    return refuse('IDA-MLC-006', 'Missing input parameter - request/biometrics');
  if (items.length > 13) return refuse('IDA-BIA-003', 'Number of biometrics exceeds the maximum allowed');
  let previous = '';
  return items.map((raw, i): ReadBiometric => {
    const at = `request/biometrics/${i}`;
    if (!isObj(raw) || typeof raw.data !== 'string' || typeof raw.hash !== 'string')
      refuse('IDA-MLC-006', `Missing input parameter - ${at}`);
    const item = raw as Record<string, unknown> & { data: string; hash: string };
    let payload: Record<string, unknown>;
    try {
      const jws = decodeJws(item.data, `${at}/data`);
      verifyJwsSignature(jws, `${at}/data`);
      const trusted = firstFailure(
        checkTrust(jws, 'DEVICE', `${at}/data`, {
          trust: ctx.trust,
          now: ctx.now,
          ...(ctx.cache ? { cache: ctx.cache } : {}),
        }),
      );
      if (trusted)
        refuse('IDA-MPA-001', `Signature verification failed for ${at}/data: ${trusted.reason ?? 'untrusted device'}`);
      payload = jwsJson(jws, `${at}/data`);
    } catch (e) {
      if (e instanceof SbiError) refuse('IDA-MPA-001', `Signature verification failed for ${at}/data`);
      throw e;
    }
    const bioValue = str(payload.bioValue);
    const timestamp = str(payload.timestamp);
    const transactionId = str(payload.transactionId);
    const sessionKey = str(item.sessionKey);
    if (!bioValue || !timestamp || !sessionKey || !transactionId)
      refuse('IDA-MLC-006', `Missing input parameter - ${at}/data (bioValue, timestamp, transactionId, sessionKey)`);
    const bioType = payload.bioType as BioType;
    if (!BIO_TYPES.includes(bioType)) refuse('IDA-MLC-011', `Unsupported authentication type - ${at}/data/bioType`);
    const subType = bioType === 'Face' ? '' : str(payload.bioSubType);
    if (subType === null) refuse('IDA-MLC-006', `Missing input parameter - ${at}/data/bioSubType`);
    for (const f of ['deviceCode', 'deviceServiceVersion'] as const)
      if (!str(payload[f])) refuse('IDA-MLC-006', `Missing input parameter - ${at}/data/${f}`);

    const nested = checkNestedDigitalId(payload.digitalId, `${at}/data/digitalId`, 'FTM', false, {
      trust: ctx.trust,
      now: ctx.now,
      toleranceMs: ctx.toleranceMs,
      ...(ctx.cache ? { cache: ctx.cache } : {}),
    });
    const failed = firstFailure(nested.checks);
    if (failed?.concern === 'timestamp')
      refuse('IDA-MLC-001', `${at}/data/digitalId/dateTime is outside the allowed time window`);
    if (failed?.concern === 'schema')
      refuse('IDA-MLC-006', `Missing input parameter - ${at}/data/digitalId: ${failed.reason ?? ''}`.slice(0, 300));
    if (failed) refuse('IDA-MPA-001', `Signature verification failed for ${at}/data/digitalId`);
    const digitalId = nested.digitalId!;
    if (digitalId.type !== bioType) refuse('IDA-DPM-004', `Device type and biometric type do not match - ${at}`);

    const thumbprint = str(item.thumbprint);
    if (!thumbprint || thumbprint.toUpperCase() !== ctx.fir.cert.thumbprint)
      refuse('IDA-MPA-003', `Unable to decrypt ${at}: thumbprint is not the IDA-FIR certificate`);
    let record: Buffer;
    try {
      record = decryptBioValue(
        {
          bioValue: bioValue!,
          sessionKey: sessionKey!,
          thumbprint,
          timestamp: timestamp!,
          transactionId: transactionId!,
        },
        { privateKey: ctx.fir.privateKey, certificateDer: ctx.fir.cert.der },
      );
    } catch (e) {
      if (e instanceof SbiError) return refuse('IDA-MPA-003', `Unable to decrypt ${at}/data/bioValue`);
      throw e;
    }
    const expected = chainHash(previous, record);
    if (item.hash.toUpperCase() !== expected) refuse('IDA-BIA-014', `Hash validation failed for ${at}`);
    previous = expected;
    return {
      bioType,
      bioSubType: subType!,
      record,
      timestamp: timestamp!,
      transactionId: transactionId!,
      env: str(payload.env),
      domainUri: str(payload.domainUri),
      device: {
        serialNo: digitalId.serialNo,
        make: digitalId.make,
        model: digitalId.model,
        deviceProviderId: digitalId.deviceProviderId,
      },
    };
  });
}

const LIMITS: Record<BioType, { max: number; tooMany: string; duplicate: string | null }> = {
  Finger: { max: 10, tooMany: 'IDA-BIA-003', duplicate: 'IDA-BIA-002' },
  Iris: { max: 2, tooMany: 'IDA-BIA-008', duplicate: 'IDA-BIA-007' },
  Face: { max: 1, tooMany: 'IDA-BIA-009', duplicate: null },
};

/** Counts and duplicates per modality (a named sub-type at most once; UNKNOWN may repeat). */
export function checkCounts(items: readonly ReadBiometric[]): void {
  for (const type of BIO_TYPES) {
    const of = items.filter((b) => b.bioType === type);
    const limit = LIMITS[type];
    if (of.length > limit.max)
      refuse(limit.tooMany, `Number of ${type} biometrics exceeds the maximum of ${limit.max}`, 'service');
    const named = of.map((b) => b.bioSubType).filter((s) => s !== 'UNKNOWN' && s !== '');
    if (limit.duplicate && new Set(named).size !== named.length)
      refuse(limit.duplicate, `Duplicate ${type} sub-types in the request`, 'service');
  }
}
