/**
 * The SBI compliance bench (issue 6): runs the applicable test cases (cases.ts) against the
 * devices of one SBI port and reports every check. The engine behind the bench screen and
 * `npm run cli -- sbi bench`. Cancelling (AbortSignal) stops between requests and during waits
 * and prompts; the report then holds what ran, the interrupted case marked skipped.
 */
import type { TrustStore } from '../../../lib/pki/index.ts';
import { readDiscoveryAnswer } from '../client/discovery.ts';
import { SbiClient } from '../client/sbi-client.ts';
import { SbiError, isSbiError } from '../../../lib/sbi/errors.ts';
import { namingFindings } from '../naming.ts';
import { TrustCache } from '../verify.ts';
import type { BenchCaseDef, BenchPurpose } from './cases.ts';
import { abortable } from './case-context.ts';
import type { CaseContext, CaseOutcome } from './case-context.ts';
import { decryptBioValue } from '../../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import { skipPrompts } from './prompts.ts';
import type { Prompter } from './prompts.ts';
import { caseResultOf, skip, summarize } from './report.ts';
import type { BenchCaseResult, BenchDeviceSummary, BenchReport } from './report.ts';
import { applicableCases, benchDeviceOf, CTK_TIMEOUTS } from './requests.ts';
import type { BenchDevice, Timeouts } from './requests.ts';
import { runCapture, runCaptureError, runHashChain, runTimeoutNoInput } from './run-capture.ts';
import { runDeviceInfo, runDiscover, runKeyRotation, runStatus } from './run-info.ts';

export interface BenchProgress {
  done: number;
  total: number;
  caseId: string;
  label: string;
}

export interface RunBenchOptions {
  port: number;
  /** One device of the port; default every device of the purpose. */
  deviceId?: string;
  purpose: BenchPurpose;
  /** DEVICE and FTM anchors the signers must chain to (the product's trust store, plus --trust). */
  trust: TrustStore;
  /** The bench's key pair, which Auth devices encrypt to; without it encrypted records are not checked. */
  encryptionKey?: BenchEncryptionKey | null;
  prompt?: Prompter;
  onProgress?: (p: BenchProgress) => void;
  signal?: AbortSignal;
  /** The CTK's capture timeouts (500 / 10 000 ms); tests shorten them. */
  timeouts?: Partial<Timeouts>;
  /** Clock for request times and certificate validation. */
  now?: () => Date;
  /** Only these case ids (default: every applicable case). */
  caseIds?: readonly string[];
  captureGraceMs?: number;
}

export interface BenchPlan {
  devices: BenchDevice[];
  cases: Array<{ device: BenchDevice; case: BenchCaseDef }>;
}

/** Discovers the port's devices of the purpose and lists the cases that apply to each. */
export async function planBench(
  opts: Pick<RunBenchOptions, 'port' | 'deviceId' | 'purpose' | 'signal' | 'caseIds'>,
): Promise<BenchPlan> {
  const client = new SbiClient({ port: opts.port });
  const answer = await client.discover('Biometric Device', opts.signal);
  const found = readDiscoveryAnswer(opts.port, answer.verb, answer.json).devices.map(benchDeviceOf);
  const wanted = found.filter(
    (d) => d.purpose === opts.purpose && (opts.deviceId === undefined || d.deviceId === opts.deviceId),
  );
  // The bench tests a device that says it is Ready; the status cases ask for the other states themselves.
  const devices = wanted.filter((d) => d.status === 'Ready');
  if (devices.length === 0) {
    const seen =
      found
        .map((d) => `${d.deviceId || '-'} (${d.type} ${d.subType}, ${d.purpose || 'no purpose'}, ${d.status})`)
        .join(', ') || 'none';
    const which =
      opts.deviceId === undefined
        ? `no ${opts.purpose} device`
        : `no ${opts.purpose} device with id ${JSON.stringify(opts.deviceId)}`;
    const why = wanted.length > 0 ? `${which} is Ready — the bench needs a Ready device` : which;
    throw new SbiError('SBI_BAD_REQUEST', `port ${opts.port}: ${why} (found: ${seen})`);
  }
  const only = opts.caseIds ? new Set(opts.caseIds) : null;
  const cases = devices.flatMap((device) =>
    applicableCases(device, opts.purpose)
      .filter((c) => !only || only.has(c.id))
      .map((c) => ({ device, case: c })),
  );
  return { devices, cases };
}

const DRIVERS: Record<BenchCaseDef['kind'], (ctx: CaseContext, c: BenchCaseDef) => Promise<CaseOutcome>> = {
  discover: runDiscover,
  'discover-invalid': runDiscover,
  'device-info': runDeviceInfo,
  status: runStatus,
  'key-rotation': runKeyRotation,
  capture: runCapture,
  'timeout-with-input': runCapture,
  'capture-error': runCaptureError,
  'transaction-id': runCaptureError,
  'invalid-request': runCaptureError,
  'timeout-no-input': runTimeoutNoInput,
  'hash-chain': runHashChain,
};

export function deviceSummary(d: BenchDevice): BenchDeviceSummary {
  return {
    deviceId: d.deviceId,
    type: d.type,
    subType: d.subType,
    certification: d.certification,
    purpose: d.purpose,
    deviceCode: d.deviceCode,
    serialNo: d.digitalId.serialNo,
    make: d.digitalId.make,
    model: d.digitalId.model,
    deviceProviderId: d.digitalId.deviceProviderId,
    findings: namingFindings(d.deviceCode, d.digitalId),
  };
}

export async function runBench(opts: RunBenchOptions): Promise<BenchReport> {
  const signal = opts.signal ?? new AbortController().signal;
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const plan = await abortable(planBench({ ...opts, signal }), signal);
  const client = new SbiClient({ port: opts.port });
  const cache = new TrustCache();
  const key = opts.encryptionKey ?? null;
  const base = {
    client,
    purpose: opts.purpose,
    trust: opts.trust,
    cache,
    prompt: opts.prompt ?? skipPrompts,
    signal,
    now,
    timeouts: { ...CTK_TIMEOUTS, ...opts.timeouts },
    captureGraceMs: opts.captureGraceMs ?? 10_000,
    ...(key ? { decrypt: (item: Parameters<typeof decryptBioValue>[0]) => decryptBioValue(item, key) } : {}),
  };
  const results: BenchCaseResult[] = [];
  let wasCancelled = false;
  for (const [i, { device, case: c }] of plan.cases.entries()) {
    if (signal.aborted) {
      wasCancelled = true;
      break;
    }
    opts.onProgress?.({
      done: i,
      total: plan.cases.length,
      caseId: c.id,
      label: `${c.id} ${c.name} (device ${device.deviceId})`,
    });
    const t0 = performance.now();
    let out: CaseOutcome;
    try {
      out = await DRIVERS[c.kind]({ ...base, device }, c);
    } catch (e) {
      if (!isSbiError(e) || e.code !== 'SBI_CANCELLED') throw e;
      wasCancelled = true;
      out = { checks: [skip('run', 'cancelled')], mandatedWaitMs: 0 };
    }
    results.push({
      id: c.id,
      name: c.name,
      deviceId: device.deviceId,
      result: caseResultOf(out.checks),
      checks: out.checks,
      durationMs: Math.round(performance.now() - t0),
      mandatedWaitMs: out.mandatedWaitMs,
    });
    if (wasCancelled) break;
  }
  if (!wasCancelled)
    opts.onProgress?.({
      done: plan.cases.length,
      total: plan.cases.length,
      caseId: '',
      label: 'done',
    });
  return {
    device: { port: opts.port, purpose: opts.purpose, devices: plan.devices.map(deviceSummary) },
    cases: results,
    summary: summarize(results),
    startedAt,
    finishedAt: now().toISOString(),
    cancelled: wasCancelled,
  };
}
