/**
 * The capture cases: valid captures per modality, error captures (counts, exceptions, transaction
 * id, invalid request JSON), the two timeout groups, ISO records, time check and the 3-capture hash
 * chain. Requests go out raw (SbiClient.call) so the negative cases can break them on purpose.
 */
import { checkCaptureAnswer } from '../verify.ts';
import { captureRequestSchema, rcaptureRequestSchema, safeWire } from '../../../lib/sbi/wire/index.ts';
import type { AnyCaptureRequest } from '../../../lib/sbi/wire/index.ts';
import type { BenchCaseDef, CaptureTemplate } from './cases.ts';
import { ask, captureLimits, exchange, restore } from './case-context.ts';
import type { CaseContext, CaseOutcome, Exchange } from './case-context.ts';
import { fail, skip } from './report.ts';
import type { BenchCheck } from './report.ts';
import { captureBody, defaultCapture, FIRST_PREVIOUS_HASH, renameKey, timeoutOf } from './requests.ts';
import { checkErrorCaptureAnswer, checkIsoRecords, checkTimeout, selectChecks } from './validate.ts';

interface Sent {
  res: Exchange;
  body: Record<string, unknown>;
  timeoutMs: number;
}

function templateOf(ctx: CaseContext, c: BenchCaseDef): CaptureTemplate {
  if (c.request.verb !== 'CAPTURE' && c.request.verb !== 'RCAPTURE') throw new Error(`${c.id}: not a capture case`);
  return c.request.capture === 'device-default' ? defaultCapture(ctx.device) : c.request.capture;
}

async function send(ctx: CaseContext, c: BenchCaseDef, previousHash = FIRST_PREVIOUS_HASH): Promise<Sent> {
  const template = templateOf(ctx, c);
  const timeoutMs = timeoutOf(template.timeout, ctx.timeouts);
  let body = captureBody({
    caseId: c.id,
    purpose: ctx.purpose,
    template,
    device: ctx.device,
    previousHash,
    timeoutMs,
    now: ctx.now(),
  });
  if (c.request.verb !== 'MOSIPDISC' && c.request.verb !== 'MOSIPDINFO' && c.request.rename)
    body = renameKey(body, c.request.rename);
  const verb = ctx.purpose === 'Auth' ? 'CAPTURE' : 'RCAPTURE';
  return {
    res: await exchange(ctx, verb, '/capture', body, captureLimits(ctx, timeoutMs)),
    body,
    timeoutMs,
  };
}

/** The client's checks of a successful capture, with the ones this case's validators ask for. */
function judgeCapture(
  ctx: CaseContext,
  c: BenchCaseDef,
  sent: Sent,
  prefix = '',
): { checks: BenchCheck[]; lastHash: string } {
  if (!sent.res.ok)
    return {
      checks: [{ ...sent.res.check, name: `${prefix}${sent.res.check.name}` }],
      lastHash: '',
    };
  const parsed = safeWire<AnyCaptureRequest>(
    ctx.purpose === 'Auth' ? captureRequestSchema : rcaptureRequestSchema,
    sent.body,
    'request',
  );
  if (!parsed.ok) throw new Error(`${c.id}: the bench built an invalid request (${parsed.error.message})`);
  const report = checkCaptureAnswer(sent.res.json, {
    trust: ctx.trust,
    now: sent.res.startedAt,
    strict: true,
    cache: ctx.cache,
    request: parsed.value,
    certification: ctx.device.certification,
    ...(ctx.decrypt ? { decrypt: ctx.decrypt } : {}),
  });
  const checks = selectChecks(report.checks, c.validators, prefix);
  if (c.validators.includes('iso')) {
    if (ctx.purpose === 'Auth' && !ctx.decrypt)
      checks.push(skip(`${prefix}iso`, 'encrypted; the run has no bench encryption key'));
    else {
      const reasonOf = (i: number) =>
        report.checks.find((k) => k.name === `biometrics[${i}].bioValue` && k.result === 'fail')?.reason ??
        'no readable record';
      const entries = report.entries
        .filter((e) => e.error?.errorCode === '0' || e.data)
        .map((e) => ({ index: e.index, iso: e.iso, bioType: e.data?.bioType ?? null }));
      checks.push(
        ...checkIsoRecords(entries, ctx.purpose, reasonOf).map((k) => ({
          ...k,
          name: `${prefix}${k.name}`,
        })),
      );
    }
  }
  return { checks, lastHash: report.lastHash };
}

const outcome = (checks: BenchCheck[], mandatedWaitMs = 0): CaseOutcome => ({
  checks,
  mandatedWaitMs,
});

export async function runCapture(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const sent = await send(ctx, c);
  const { checks } = judgeCapture(ctx, c, sent);
  if (c.kind === 'timeout-with-input') checks.push(checkTimeout(sent.res.elapsedMs, sent.timeoutMs));
  return outcome(checks, c.mandatedWaitMs ? sent.timeoutMs : 0);
}

/** Cases whose right answer is an error: counts, both exceptions, transaction id, invalid JSON. */
export async function runCaptureError(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const sent = await send(ctx, c);
  if (!sent.res.ok) return outcome([sent.res.check]);
  const specCode = c.expect.outcome === 'error' ? c.expect.specCode : undefined;
  return outcome(
    checkErrorCaptureAnswer(sent.res.json, {
      anyCode: c.kind === 'transaction-id',
      ...(specCode ? { specCode } : {}),
    }),
  );
}

/** Nothing presented: the device must wait the whole timeout, then answer with an error. */
export async function runTimeoutNoInput(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const timeoutMs = timeoutOf(templateOf(ctx, c).timeout, ctx.timeouts);
  const action = { kind: 'withhold-input' as const, timeoutMs };
  const skipped = await ask(ctx, c, action, c.prompt?.text ?? 'Present nothing to the device during this capture.');
  if (skipped) return outcome([skipped]);
  let checks: BenchCheck[] = [];
  try {
    const sent = await send(ctx, c);
    checks = sent.res.ok
      ? [...checkErrorCaptureAnswer(sent.res.json), checkTimeout(sent.res.elapsedMs, timeoutMs)]
      : [sent.res.check];
  } finally {
    const restored = await restore(ctx, c, action);
    if (restored) checks.push(restored);
  }
  return outcome(checks, timeoutMs);
}

/** Three captures, each sending the last hash of the one before as previousHash (sbi.md §2.4). */
export async function runHashChain(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const checks: BenchCheck[] = [];
  let previous = FIRST_PREVIOUS_HASH;
  for (let i = 1; i <= (c.repeat ?? 3); i++) {
    const judged = judgeCapture(ctx, c, await send(ctx, c, previous), `capture ${i}: `);
    checks.push(...judged.checks);
    if (!judged.lastHash) {
      checks.push(fail(`capture ${i}: chain`, 'no hash to chain the next capture from', 'SBI_HASH_CHAIN'));
      break;
    }
    previous = judged.lastHash;
  }
  return outcome(checks);
}
