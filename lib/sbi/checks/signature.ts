/**
 * Decoding and signature of one signed block (deviceInfo, data, digitalId): RS256 with x5c[0]
 * (sbi.md §2.1). Trust in x5c[0] is a separate check (trust.ts).
 */
import { verifyJwsSignature } from '../jws.ts';
import { decodeBlock } from '../wire/index.ts';
import type { Block } from '../wire/index.ts';
import { attempt, fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

export interface SignedBlockResult {
  checks: Check[];
  /** The decoded block; null when it could not be decoded. */
  block: Block | null;
}

/**
 * `<subject>.decode` and `<subject>.signature`. An unsigned block passes decoding; its signature
 * check is skipped when `unsignedAllowed(payload)` says so (an unregistered device), else fails.
 */
export function checkSignedBlock(
  value: unknown,
  subject: string,
  unsignedAllowed: (payload: Record<string, unknown>) => boolean,
): SignedBlockResult {
  const decoded = attempt(`${subject}.decode`, 'schema', () => decodeBlock(value, subject));
  if (!decoded.ok)
    return {
      checks: [decoded.check, skip(`${subject}.signature`, 'signature', 'not decodable')],
      block: null,
    };
  const block = decoded.value;
  const checks: Check[] = [
    pass(`${subject}.decode`, 'schema', block.signed ? 'compact JWS' : 'unsigned base64url JSON'),
  ];
  if (!block.signed) {
    checks.push(
      unsignedAllowed(block.payload)
        ? skip(`${subject}.signature`, 'signature', 'unsigned, as an unregistered device sends it')
        : fail(`${subject}.signature`, 'signature', 'SBI_JWS_MALFORMED', 'must be a signed JWS'),
    );
    return { checks, block };
  }
  const verified = attempt(`${subject}.signature`, 'signature', () => verifyJwsSignature(block.jws, subject));
  checks.push(verified.ok ? pass(`${subject}.signature`, 'signature') : verified.check);
  return { checks, block };
}
