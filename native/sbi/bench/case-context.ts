/**
 * What a running case has at hand, and the small helpers every case driver shares: raw exchanges
 * that turn transport failures into failing checks (cancellation excepted), prompts that a
 * cancel interrupts, and the request/answer timing the timeout checks need.
 */
import type { TrustStore } from '../../../lib/pki/index.ts';
import { SbiClient } from '../client/sbi-client.ts';
import type { SbiHttpLimits } from '../client/http.ts';
import { SbiError, isSbiError } from '../../../lib/sbi/errors.ts';
import type { BioDecryptor, TrustCache } from '../verify.ts';
import { parseJsonBody } from '../../../lib/sbi/wire/index.ts';
import type { BenchCaseDef, BenchPurpose, PromptAction } from './cases.ts';
import type { BenchPrompt, PromptAnswer, Prompter } from './prompts.ts';
import { NEEDS_A_TESTER, restoreText } from './prompts.ts';
import { fail, skip } from './report.ts';
import type { BenchCheck } from './report.ts';
import type { BenchDevice, Timeouts } from './requests.ts';

export interface CaseContext {
  client: SbiClient;
  device: BenchDevice;
  purpose: BenchPurpose;
  trust: TrustStore;
  cache: TrustCache;
  /** Opens Auth records with the bench key; absent when the run has no key. */
  decrypt?: BioDecryptor;
  prompt: Prompter;
  signal: AbortSignal;
  timeouts: Timeouts;
  now: () => Date;
  /** Added to a capture's timeout for the exchange's deadline. */
  captureGraceMs: number;
}

export interface CaseOutcome {
  checks: BenchCheck[];
  mandatedWaitMs: number;
}

export const cancelled = () => new SbiError('SBI_CANCELLED', 'the bench run was cancelled');

/** Resolves with `p`, or rejects with SBI_CANCELLED as soon as `signal` aborts. */
export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    p.catch(() => undefined); // its own failure no longer matters
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export type Exchange =
  { ok: true; json: unknown; elapsedMs: number; startedAt: Date } | { ok: false; check: BenchCheck; elapsedMs: number };

/** One raw request; a transport or HTTP failure becomes the failing check `response`. */
export async function exchange(
  ctx: CaseContext,
  verb: string,
  path: string,
  body: unknown,
  limits: SbiHttpLimits,
): Promise<Exchange> {
  const startedAt = ctx.now();
  const t0 = performance.now();
  try {
    const res = await ctx.client.call(verb, path, body, limits, ctx.signal);
    if (res.status !== 200)
      return {
        ok: false,
        check: fail('response', `${verb}: HTTP ${res.status} ${res.statusText}`.trim(), 'SBI_HTTP_STATUS'),
        elapsedMs: res.elapsedMs,
      };
    return { ok: true, json: parseJsonBody(res.body, verb), elapsedMs: res.elapsedMs, startedAt };
  } catch (e) {
    if (!isSbiError(e) || e.code === 'SBI_CANCELLED') throw e;
    return {
      ok: false,
      check: fail('response', e.message, e.code),
      elapsedMs: performance.now() - t0,
    };
  }
}

export function captureLimits(ctx: CaseContext, timeoutMs: number): SbiHttpLimits {
  const total = timeoutMs + ctx.captureGraceMs;
  return { ...ctx.client.limits('capture'), deadlineMs: total, idleTimeoutMs: total };
}

/** The host's prompt; its own failure (a dialog closed, an admin call refused) is an error of the prompt, not of the device. */
async function prompt(ctx: CaseContext, p: BenchPrompt): Promise<PromptAnswer | Error> {
  try {
    return await abortable(ctx.prompt(p), ctx.signal);
  } catch (e) {
    if (isSbiError(e) && e.code === 'SBI_CANCELLED') throw e;
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Asks the tester to act; null when done, else the skip check that ends the case. */
export async function ask(
  ctx: CaseContext,
  c: BenchCaseDef,
  action: PromptAction,
  text: string,
): Promise<BenchCheck | null> {
  const answer = await prompt(ctx, { caseId: c.id, deviceId: ctx.device.deviceId, text, action });
  if (answer instanceof Error) return skip('tester', `the prompt failed: ${answer.message}`);
  return answer === 'done' ? null : skip('tester', NEEDS_A_TESTER);
}

/**
 * Undoes a prompted action; a cancelled run does not ask (the tester is leaving anyway). Returns a
 * check when the device could not be restored, since later cases may then fail because of it.
 */
export async function restore(ctx: CaseContext, c: BenchCaseDef, after: PromptAction): Promise<BenchCheck | null> {
  if (ctx.signal.aborted) return null;
  const answer = await prompt(ctx, {
    caseId: c.id,
    deviceId: ctx.device.deviceId,
    text: restoreText(after),
    action: { kind: 'restore', after },
  });
  if (answer instanceof Error) return skip('restore', `the device could not be restored: ${answer.message}`);
  return answer === 'done' ? null : skip('restore', 'the tester did not restore the device');
}
