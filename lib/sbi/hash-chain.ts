/**
 * The biometric hash chain (sbi.md §2.4): hash_i = UPPER_HEX(SHA256(prev || SHA256(iso_i))), where
 * prev is hexDecode(previousHash), or SHA256("") when previousHash is blank. Computed over the
 * plaintext ISO record, also for encrypted Auth captures.
 */
import { createHash } from 'node:crypto';

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
export const EMPTY_HASH_HEX = sha256(new Uint8Array()).toString('hex');
const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Throws RangeError for a previousHash that is neither blank nor 64 hex characters. */
export function chainHash(previousHash: string | null | undefined, isoRecord: Uint8Array): string {
  const blank = previousHash === null || previousHash === undefined || previousHash.trim() === '';
  if (!blank && !HEX64.test(previousHash)) throw new RangeError('previousHash must be blank or 64 hex characters');
  const prev = blank ? sha256(new Uint8Array()) : Buffer.from(previousHash, 'hex');
  return sha256(Buffer.concat([prev, sha256(isoRecord)]))
    .toString('hex')
    .toUpperCase();
}
