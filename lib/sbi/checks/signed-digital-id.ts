/**
 * A nested digital ID (inside deviceInfo or capture data), checked in full: decoding, signature,
 * trust in its domain, schema, dateTime, and the registry match.
 */
import type { PartnerDomain } from '../../pki/index.ts';
import type { DigitalId } from '../wire/index.ts';
import { checkDigitalIdSchema, checkRegistry } from './digital-id.ts';
import type { RegisteredDevice } from './digital-id.ts';
import { checkSignedBlock } from './signature.ts';
import { checkTimestamp } from './timestamps.ts';
import { checkTrust } from './trust.ts';
import type { TrustOptions } from './trust.ts';
import { skip } from './types.ts';
import type { Check } from './types.ts';

export interface DigitalIdOptions extends TrustOptions {
  toleranceMs?: number;
  registered?: RegisteredDevice;
}

export function checkNestedDigitalId(
  value: unknown,
  subject: string,
  domain: PartnerDomain,
  allowUnsigned: boolean,
  opts: DigitalIdOptions,
): { checks: Check[]; digitalId: DigitalId | null; signerDer: Uint8Array | null } {
  const signed = checkSignedBlock(value, subject, () => allowUnsigned);
  const jws = signed.block?.signed ? signed.block.jws : null;
  const checks = [...signed.checks, ...checkTrust(jws, domain, subject, opts)];
  const { check, digitalId } = checkDigitalIdSchema(signed.block?.payload ?? null, subject);
  checks.push(check);
  checks.push(
    digitalId
      ? checkTimestamp(digitalId.dateTime, `${subject}.dateTime`, opts.now, opts.toleranceMs)
      : skip(`${subject}.dateTime`, 'timestamp', 'no readable digital ID'),
  );
  checks.push(checkRegistry(digitalId, opts.registered, subject));
  return { checks, digitalId, signerDer: jws?.signerDer ?? null };
}
