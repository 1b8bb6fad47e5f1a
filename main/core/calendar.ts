/**
 * Calendar years, as MOSIP's Java code counts them (LocalDateTime.plusYears): the same day and time
 * of day, Feb 29 falling back to Feb 28. A year of 365.25 days would move the time of day by 6 hours
 * a year (a 10-year CA ended 12 hours off its start time).
 */
export function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  // Feb 29 + 1 year rolled into March: step back to the month's last day, as Java does.
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d;
}
