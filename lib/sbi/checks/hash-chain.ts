/**
 * The biometric hash chain (sbi.md §2.4), item by item from the request's previousHash. An item
 * whose plaintext is not available (Auth capture without a decryptor) is skipped, and the chain
 * goes on from the hash it claims so a later item is still judged on its own.
 */
import { chainHash } from '../hash-chain.ts';
import { fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

const UPPER_HEX64 = /^[0-9A-F]{64}$/;

export interface HashedItem {
  subject: string;
  /** The `hash` the device sent. */
  hash: string | null | undefined;
  /** Plaintext ISO record, or a reason it is not available. */
  iso: Uint8Array | { unavailable: string };
}

/** One `<subject>.hash` check per item; returns the last claimed hash (the next previousHash). */
export function checkHashChain(previousHash: string, items: readonly HashedItem[]): { checks: Check[]; last: string } {
  let prev: string | null = previousHash;
  const checks = items.map((item): Check => {
    const name = `${item.subject}.hash`;
    const claimed = item.hash ?? '';
    const from = prev;
    if (!UPPER_HEX64.test(claimed)) {
      prev = null;
      return fail(name, 'hash', 'SBI_MALFORMED', 'hash must be 64 upper-case hex characters', {
        reason: 'format',
      });
    }
    prev = claimed;
    if (!(item.iso instanceof Uint8Array)) return skip(name, 'hash', item.iso.unavailable);
    if (from === null) return skip(name, 'hash', 'the previous item has no readable hash');
    let expected: string;
    try {
      expected = chainHash(from, item.iso);
    } catch {
      return skip(name, 'hash', 'previousHash is not a hash');
    }
    return expected === claimed
      ? pass(name, 'hash')
      : fail(name, 'hash', 'SBI_HASH_CHAIN', 'hash does not follow from the previous hash and this record', {
          expected,
          actual: claimed,
        });
  });
  return { checks, last: prev ?? '' };
}
