/**
 * Defects the virtual device can be told to make, one at a time, so that the compliance bench's
 * matching check can be shown to fail for the right reason (issue 6). Each fault touches exactly
 * one property of otherwise correct answers.
 */
export const VIRTUAL_SBI_FAULTS = [
  'bad-signature', // deviceInfo and capture `data` JWS signatures do not verify (one signature byte flipped)
  'wrong-hash', // capture `hash` does not follow the §2.4 chain (well-formed, wrong value)
  'millisecond-timestamps', // `timestamp` and digitalId `dateTime` carry milliseconds
  'early-timeout', // waits end at a quarter of the requested timeout
  'wrong-count', // one biometric item more than requested
] as const;
export type VirtualSbiFault = (typeof VIRTUAL_SBI_FAULTS)[number];

export const isVirtualSbiFault = (v: unknown): v is VirtualSbiFault =>
  typeof v === 'string' && (VIRTUAL_SBI_FAULTS as readonly string[]).includes(v);

/** yyyy-MM-ddTHH:mm:ssZ (sbi.md §2.6); with milliseconds only under the matching fault. */
export function sbiTimestamp(d: Date, fault: VirtualSbiFault | null): string {
  const iso = d.toISOString();
  return fault === 'millisecond-timestamps' ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** Flips one bit in the signature part of a compact JWS; the result is still well-formed base64url. */
export function breakSignature(jws: string): string {
  const dot = jws.lastIndexOf('.');
  const sig = Buffer.from(jws.slice(dot + 1), 'base64url');
  sig[sig.length >> 1] = (sig[sig.length >> 1] ?? 0) ^ 0x01;
  return `${jws.slice(0, dot + 1)}${sig.toString('base64url')}`;
}
