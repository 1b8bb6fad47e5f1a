/**
 * Timestamps (sbi.md §2.6): strictly `yyyy-MM-ddTHH:mm:ssZ` — no milliseconds, no offset, as the
 * CTK's TimeCheckValidator parses them — and within a tolerance window around `now` (the CTK
 * allows 3 minutes).
 */
import { fail, pass } from './types.ts';
import type { Check } from './types.ts';

export const DEFAULT_TIMESTAMP_TOLERANCE_MS = 3 * 60_000;
const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Epoch ms of a strict SBI timestamp, or null when the text is not one (incl. impossible dates). */
export function parseSbiTimestamp(value: string): number | null {
  const m = STRICT.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return same ? ms : null;
}

export function checkTimestamp(
  value: string,
  name: string,
  now: Date,
  toleranceMs = DEFAULT_TIMESTAMP_TOLERANCE_MS,
): Check {
  const at = parseSbiTimestamp(value);
  const shown = value.slice(0, 40);
  if (at === null)
    return fail(name, 'timestamp', 'SBI_TIMESTAMP', `"${shown}" is not yyyy-MM-ddTHH:mm:ssZ`, {
      value: shown,
      reason: 'format',
    });
  const skewMs = at - now.getTime();
  if (Math.abs(skewMs) > toleranceMs) {
    return fail(
      name,
      'timestamp',
      'SBI_TIMESTAMP',
      `${shown} is ${Math.round(skewMs / 1000)} s from now (tolerance ${Math.round(toleranceMs / 1000)} s)`,
      { value: shown, skewMs, reason: 'skew' },
    );
  }
  return pass(name, 'timestamp');
}
