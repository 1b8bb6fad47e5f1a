/**
 * Calendar days in UTC, as MOSIP's expiry check counts them: an item "expires in N days" when its
 * expiry falls on the calendar day today + N (PartnerCertificateExpiryHelper.checkIfExpiring).
 * Days are `YYYY-MM-DD` strings; stored timestamps are ISO 8601 UTC, so a day string compares
 * below every timestamp of that day and above every timestamp of the day before.
 */
const DAY_MS = 86_400_000;

export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** A real calendar day written yyyy-MM-dd (MOSIP's filter format). */
export function isDay(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) &&
    dayOf(new Date(`${value}T00:00:00.000Z`)) === value
  );
}

/**
 * A run covers the days since the job last ran (`window` ≥ 1 days, today included). A period p was
 * passed during the window when the days left now, n, satisfy n ≤ p < n + window. The notification
 * goes out at the nearest such period — the smallest — so a desk that was off for three days sends
 * one notification per item, not three. With window 1 this is exactly MOSIP's "n equals a period".
 */
export function periodDue(daysLeft: number, periods: readonly number[], window: number): number | null {
  let best: number | null = null;
  for (const p of periods) if (p >= daysLeft && p < daysLeft + window && (best === null || p < best)) best = p;
  return best;
}

/**
 * The day offsets (days left) for which some period is due in this window, merged into ranges, so
 * the candidates are read with index range scans on the expiry column instead of a full scan.
 */
export function dueRanges(periods: readonly number[], window: number): Array<[number, number]> {
  const spans = periods.map((p) => [Math.max(0, p - window + 1), p] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of spans) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** SQL over an ISO expiry column for the ranges: `(col >= ? AND col < ?) OR …` with its parameters. */
export function rangeSql(
  column: string,
  today: string,
  ranges: Array<[number, number]>,
): { sql: string; params: string[] } {
  const params: string[] = [];
  const parts = ranges.map(([lo, hi]) => {
    params.push(addDays(today, lo), addDays(today, hi + 1));
    return `(${column} >= ? AND ${column} < ?)`;
  });
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '0', params };
}

/** The most recent weekly instant at or before `now` (dayOfWeek 0 = Sunday, at hourUtc:00 UTC). */
export function lastWeeklyInstant(now: Date, dayOfWeek: number, hourUtc: number): Date {
  const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc);
  let back = (now.getUTCDay() - dayOfWeek + 7) % 7;
  if (back === 0 && base > now.getTime()) back = 7;
  return new Date(base - back * DAY_MS);
}

/** MOSIP's skip list: exact ids, or a prefix when the entry ends with `*`. */
export function skipped(partnerId: string, skipList: readonly string[]): boolean {
  return skipList.some((s) => (s.endsWith('*') ? partnerId.startsWith(s.slice(0, -1)) : partnerId === s));
}
