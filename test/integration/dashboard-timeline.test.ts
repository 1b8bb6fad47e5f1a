import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { ACTIVITY_SQL, EXPIRY_SQL } from '../../main/core/dashboard/timeline.ts';

const DAY = 86_400_000;
let tc: TestCore;
let admin: string;
let password: string;

/** The expected series, computed row by row in JS from each table (a second formulation of the query). */
function expected(sql: string, column: string, from: Date, days: number): number[] {
  const table = /FROM (\w+)/.exec(sql)?.[1] ?? '';
  const filters = sql.includes("approval_status = 'approved'")
    ? " WHERE approval_status = 'approved' AND is_active = 1"
    : sql.includes('is_active = 1')
      ? ' WHERE is_active = 1'
      : '';
  const rows = tc.core.db.reader.prepare(`SELECT ${column} AS at FROM ${table}${filters}`).all() as Array<{
    at: string | null;
  }>;
  const out = new Array<number>(days).fill(0);
  const now = tc.clock.now().getTime();
  for (const { at } of rows) {
    if (!at) continue;
    const t = Date.parse(at);
    if (t < now) continue;
    const i = Math.floor((t - from.getTime()) / DAY);
    if (i < days) out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

beforeAll(async () => {
  tc = testCore();
  const demo = await tc.call('setup.loadDemo', {});
  password = demo.password;
  admin = await signIn(tc, 'admin', password);
}, 60_000);
afterAll(() => tc.close());

describe('dashboard.expiryTimeline', () => {
  it('counts what expires on each of the next 90 days, per kind, as the rows say', async () => {
    const timeline = await tc.call('dashboard.expiryTimeline', {}, admin);
    const now = tc.clock.now();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    expect(timeline.from).toBe(from.toISOString().slice(0, 10));
    const columns = {
      caCertificates: 'not_after',
      partnerCertificates: 'mosip_not_after',
      sbis: 'sw_expiry_dtimes',
      ftmChips: 'cert_not_after',
      apiKeys: 'valid_to',
    } as const;
    for (const [kind, column] of Object.entries(columns) as Array<[keyof typeof columns, string]>) {
      expect(timeline.series[kind], kind).toHaveLength(90);
      expect(timeline.series[kind], kind).toEqual(expected(EXPIRY_SQL[kind], column, from, 90));
    }
    // The demo has a partner certificate expiring within 30 days: the chart is not all zeros.
    expect(timeline.series.partnerCertificates.slice(0, 31).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('uses an index for every kind (no table scan at a million keys)', () => {
    for (const [kind, sql] of Object.entries(EXPIRY_SQL)) {
      const plan = (
        tc.core.db.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-01-01', '2026-04-01') as Array<{
          detail: string;
        }>
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan, kind).toMatch(/USING (COVERING )?INDEX/);
      expect(plan, kind).not.toMatch(/^SCAN \w+$|\| SCAN \w+$/);
    }
    const plan = (
      tc.core.db.reader.prepare(`EXPLAIN QUERY PLAN ${ACTIVITY_SQL}`).all('2026-01-01') as Array<{
        detail: string;
      }>
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX audit_(result_)?time/);
  });

  it('is for the partner admin only, and refuses bad input with the field', async () => {
    await tc.call('auth.register', partnerInput(901));
    const partner = await signIn(tc, partnerInput(901).username, partnerInput(901).password);
    expect((await tc.fail('dashboard.expiryTimeline', {}, partner)).code).toBe('PD_AUTH_004');
    expect((await tc.fail('dashboard.auditActivity', {}, partner)).code).toBe('PD_AUTH_004');
    for (const bad of [{ days: 0 }, { days: 367 }, { days: 7.5 }, { days: '90' }, { days: 90, extra: 1 }]) {
      const refusal = await tc.fail('dashboard.expiryTimeline', bad as never, admin);
      expect(refusal.code, JSON.stringify(bad)).toBe('PMS_COR_002');
    }
    expect((await tc.fail('dashboard.auditActivity', { days: -1 } as never, admin)).code).toBe('PMS_COR_002');
  });
});

describe('dashboard.auditActivity', () => {
  it('counts audit records per day, successes and failures apart, today last', async () => {
    const before = await tc.call('dashboard.auditActivity', { days: 7 }, admin);
    expect(before.success).toHaveLength(7);
    // One refused command today adds one failure to today's column.
    await tc.fail('auth.login', { login: ADMIN.username, password: 'wrong-password-1!' });
    const after = await tc.call('dashboard.auditActivity', { days: 7 }, admin);
    expect(after.failure[6]).toBe((before.failure[6] ?? 0) + 1);
    const rows = tc.core.db.reader
      .prepare('SELECT result, COUNT(*) AS n FROM app_audit_log WHERE time >= ? GROUP BY result')
      .all(`${after.from}T00:00:00.000Z`) as Array<{ result: string; n: number }>;
    const total = (r: string) => rows.find((x) => x.result === r)?.n ?? 0;
    expect(after.success.reduce((a, b) => a + b, 0)).toBe(total('success'));
    expect(after.failure.reduce((a, b) => a + b, 0)).toBe(total('failure'));
  });
});

describe('time', () => {
  it('moves with the clock: each day shifts left, what expired is no longer counted', async () => {
    const before = await tc.call('dashboard.expiryTimeline', { days: 366 }, admin);
    const first = before.series.partnerCertificates.findIndex((n) => n > 0);
    expect(first).toBeGreaterThanOrEqual(0);
    const shift = first + 1;
    tc.clock.advance((shift * DAY) / 1000);
    const again = await signIn(tc, 'admin', password);
    const after = await tc.call('dashboard.expiryTimeline', { days: 366 }, again);
    for (const kind of Object.keys(before.series) as Array<keyof typeof before.series>) {
      expect(after.series[kind].slice(0, 366 - shift), kind).toEqual(before.series[kind].slice(shift));
    }
    expect(Date.parse(after.from) - Date.parse(before.from)).toBe(shift * DAY);
  });
});
