/**
 * What the SBI compliance bench reports (issue 6). The JSON written by `npm run cli -- sbi bench
 * --json` is exactly a BenchReport, so a vendor's CI can read `summary` and each case's checks.
 */
import type { SbiFinding } from '../naming.ts';

export type CheckResult = 'pass' | 'fail' | 'skip';

/** One named check; the same shape as native/sbi/checks returns, so their results go in unchanged. */
export interface BenchCheck {
  name: string;
  result: CheckResult;
  /** Why it failed or was skipped (also set on some passes where the value is worth showing). */
  reason?: string;
  /** A stable code (SBI_* from native/sbi/errors.ts, or the device's SBI error code) where one applies. */
  code?: string;
}

export interface BenchCaseResult {
  id: string;
  name: string;
  /** The device the case ran against (a port may serve several). */
  deviceId: string;
  result: CheckResult;
  checks: BenchCheck[];
  /** Wall time of the case, mandated waits included. */
  durationMs: number;
  /** The part of durationMs the case had to wait by definition (a capture timeout it must honour). */
  mandatedWaitMs: number;
}

export interface BenchDeviceSummary {
  deviceId: string;
  type: string;
  subType: string;
  certification: string;
  purpose: string;
  /** Discovery's deviceCode and the digital ID's serialNo, each under its spec name. */
  deviceCode: string;
  serialNo: string | null;
  make: string | null;
  model: string | null;
  deviceProviderId: string | null;
  /** deviceCode ≠ serialNo, or a serialNo against the specification's rule: noted, not failed. */
  findings: SbiFinding[];
}

export interface BenchReport {
  device: {
    port: number;
    purpose: 'Registration' | 'Auth';
    devices: BenchDeviceSummary[];
  };
  cases: BenchCaseResult[];
  summary: { pass: number; fail: number; skip: number };
  startedAt: string;
  finishedAt: string;
  /** True when the run was cancelled: `cases` then holds what ran, the interrupted case skipped ("cancelled"), the rest absent. */
  cancelled: boolean;
}

/** A case fails when any check fails; it is skipped when it has no checks or every check was skipped. */
export function caseResultOf(checks: readonly BenchCheck[]): CheckResult {
  if (checks.some((c) => c.result === 'fail')) return 'fail';
  if (checks.length === 0 || checks.every((c) => c.result === 'skip')) return 'skip';
  return 'pass';
}

export function summarize(cases: readonly BenchCaseResult[]): BenchReport['summary'] {
  const s = { pass: 0, fail: 0, skip: 0 };
  for (const c of cases) s[c.result]++;
  return s;
}

export const pass = (name: string, reason?: string): BenchCheck =>
  reason === undefined ? { name, result: 'pass' } : { name, result: 'pass', reason };
export const fail = (name: string, reason: string, code?: string): BenchCheck =>
  code === undefined ? { name, result: 'fail', reason } : { name, result: 'fail', reason, code };
export const skip = (name: string, reason: string): BenchCheck => ({
  name,
  result: 'skip',
  reason,
});
/** pass when ok, else fail with the reason. */
export const check = (name: string, ok: boolean, reason: string, code?: string): BenchCheck =>
  ok ? pass(name) : fail(name, reason, code);
