/**
 * A check is one named verdict about one part of an answer. The client path throws the first
 * failure; the compliance bench shows them all. Names are stable: `<subject>.<concern>`, e.g.
 * `biometrics[0].data.signature`, `deviceInfo[1].digitalId.registry`, `response.schema`.
 */
import { SbiError } from '../errors.ts';
import type { SbiErrorCode } from '../errors.ts';

/** What a check is about; the bench maps CTK validators onto these. */
export type CheckConcern =
  'schema' | 'signature' | 'trust' | 'registry' | 'hash' | 'timestamp' | 'status' | 'mismatch' | 'device';

export interface Check {
  name: string;
  concern: CheckConcern;
  result: 'pass' | 'fail' | 'skip';
  reason?: string;
  code?: SbiErrorCode;
  detail?: Record<string, string | number | boolean | null>;
}

export const pass = (name: string, concern: CheckConcern, reason?: string): Check => ({
  name,
  concern,
  result: 'pass',
  ...(reason ? { reason } : {}),
});
export const skip = (name: string, concern: CheckConcern, reason: string): Check => ({
  name,
  concern,
  result: 'skip',
  reason,
});
export const fail = (
  name: string,
  concern: CheckConcern,
  code: SbiErrorCode,
  reason: string,
  detail?: Check['detail'],
): Check => ({
  name,
  concern,
  result: 'fail',
  code,
  reason,
  ...(detail ? { detail } : {}),
});
export const failFrom = (name: string, concern: CheckConcern, e: SbiError): Check =>
  fail(name, concern, e.code, e.message, e.detail);

export const firstFailure = (checks: readonly Check[]): Check | undefined => checks.find((c) => c.result === 'fail');
export const allPassed = (checks: readonly Check[]): boolean => checks.every((c) => c.result !== 'fail');

/** The first failure as the error the client path throws. */
export function toSbiError(check: Check): SbiError {
  return new SbiError(check.code ?? 'SBI_MALFORMED', `${check.name}: ${check.reason ?? 'failed'}`, {
    check: check.name,
    ...check.detail,
  });
}

/** Runs `fn`, turning an SbiError it throws into a failed check (anything else is a bug and propagates). */
export function attempt<T>(
  name: string,
  concern: CheckConcern,
  fn: () => T,
): { ok: true; value: T } | { ok: false; check: Check } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof SbiError) return { ok: false, check: failFrom(name, concern, e) };
    throw e;
  }
}
