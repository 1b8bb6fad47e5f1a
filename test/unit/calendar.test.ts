import { describe, expect, it } from 'vitest';
import { addYears } from '../../main/core/calendar.ts';

describe('addYears (calendar years, as Java plusYears)', () => {
  it('keeps the day and the time of day across leap years', () => {
    expect(addYears(new Date('2026-12-07T20:27:46.123Z'), 10).toISOString()).toBe('2036-12-07T20:27:46.123Z');
    expect(addYears(new Date('2026-12-07T20:27:46.123Z'), -10).toISOString()).toBe('2016-12-07T20:27:46.123Z');
  });
  it('falls back from Feb 29 to Feb 28 in a common year, and keeps Feb 29 in a leap year', () => {
    expect(addYears(new Date('2028-02-29T08:00:00.000Z'), 1).toISOString()).toBe('2029-02-28T08:00:00.000Z');
    expect(addYears(new Date('2028-02-29T08:00:00.000Z'), 4).toISOString()).toBe('2032-02-29T08:00:00.000Z');
  });
  it('does not change its argument', () => {
    const d = new Date('2026-01-31T00:00:00.000Z');
    addYears(d, 3);
    expect(d.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});
