/**
 * The CTK validators (sbi.md §4.4) over the SBI client's named checks (native/sbi/verify.ts): a
 * case keeps the checks of the validators it names — so a device that fails one property fails
 * the cases that test it, not every case — plus the bench's own: error answers (the CTK's
 * ErrorCapture/DiscoverResponseError schemas), timeouts, ISO 19794 records.
 */
import { z } from 'zod';
import type { Check, CheckConcern } from '../verify.ts';
import { captureItemSchema, safeWire } from '../../../lib/sbi/wire/index.ts';
import type { Validator } from './cases.ts';
import { isoChecks } from './iso19794-checks.ts';
import type { Purpose } from './iso19794-checks.ts';
import { check, fail, pass } from './report.ts';
import type { BenchCheck } from './report.ts';
import type { BioType } from '../../../lib/sbi/wire/index.ts';

/** Which of the client's check concerns each CTK validator stands for. */
const CONCERNS: Partial<Record<Validator, readonly CheckConcern[]>> = {
  schema: ['schema', 'device', 'status'],
  signature: ['signature', 'trust'],
  'response-mismatch': ['mismatch'],
  hash: ['hash'],
  'time-check': ['timestamp'],
};

export function concernsOf(validators: readonly Validator[]): Set<CheckConcern> {
  return new Set(validators.flatMap((v) => CONCERNS[v] ?? []));
}

export const toBench = (c: Check, prefix = ''): BenchCheck => ({
  name: `${prefix}${c.name}`,
  result: c.result,
  ...(c.reason !== undefined ? { reason: c.reason } : {}),
  ...(c.code !== undefined ? { code: c.code } : {}),
});

/** The client's checks a case asks for (registry checks never: the bench has no registry). */
export function selectChecks(checks: readonly Check[], validators: readonly Validator[], prefix = ''): BenchCheck[] {
  const keep = concernsOf(validators);
  return checks.filter((c) => keep.has(c.concern)).map((c) => toBench(c, prefix));
}

const THREE_DIGITS = /^[1-9][0-9][0-9]$/;
const ERROR_ITEM_KEYS = ['specVersion', 'data', 'hash', 'error'] as const;

/**
 * CTK ErrorCaptureResponseSchema (or, with `anyCode`, TransactionIdError…): every item carries
 * specVersion, data, hash (null or "" allowed) and an error with a three-digit code that is not
 * Success. `specCode` is the specification's code for the case; it is reported, not required.
 */
export function checkErrorCaptureAnswer(
  json: unknown,
  opts: { anyCode?: boolean; specCode?: string } = {},
): BenchCheck[] {
  const envelope = z.object({ biometrics: z.array(z.unknown()).min(1).max(32) }).safeParse(json);
  if (!envelope.success)
    return [fail('response.schema', 'the answer is not {"biometrics": [ … ]} with at least one item', 'SBI_MALFORMED')];
  const out: BenchCheck[] = [pass('response.schema')];
  envelope.data.biometrics.forEach((raw, i) => {
    const s = `biometrics[${i}]`;
    const item = safeWire(captureItemSchema, raw, s);
    if (!item.ok) return void out.push(fail(`${s}.schema`, item.error.message, item.error.code));
    const missing = ERROR_ITEM_KEYS.filter((k) => !(k in (raw as object)));
    out.push(check(`${s}.schema`, missing.length === 0, `missing ${missing.join(', ')}`, 'SBI_MALFORMED'));
    const { errorCode, errorInfo } = item.value.error;
    const codeOk = opts.anyCode ? errorCode !== '' && errorCode !== '0' : THREE_DIGITS.test(errorCode);
    const spec = opts.specCode ? ` (specification: ${opts.specCode})` : '';
    out.push(
      codeOk && errorInfo !== 'Success'
        ? pass(`${s}.error`, `error ${errorCode}${spec}`)
        : fail(
            `${s}.error`,
            errorCode === '0'
              ? `the device answered Success where it must refuse${spec}`
              : `error code "${errorCode.slice(0, 20)}" with "${errorInfo.slice(0, 60)}" is not a ${opts.anyCode ? 'non-zero' : 'three-digit'} error${spec}`,
            'SBI_DEVICE_ERROR',
          ),
    );
  });
  return out;
}

/** CTK DiscoverResponseErrorSchema: an array whose error has a three-digit code and is not Success. */
export function checkDiscoverErrorAnswer(json: unknown): BenchCheck[] {
  const parsed = z
    .array(
      z.looseObject({
        error: z.object({
          errorCode: z.union([z.string(), z.number()]).transform(String),
          errorInfo: z.string().optional().default(''),
        }),
      }),
    )
    .min(1)
    .max(64)
    .safeParse(json);
  if (!parsed.success)
    return [fail('response.schema', 'the answer is not an array of items with an error object', 'SBI_MALFORMED')];
  const e = parsed.data[0]!.error;
  return [
    pass('response.schema'),
    check(
      'discovery[0].error',
      THREE_DIGITS.test(e.errorCode) && e.errorInfo !== 'Success',
      `error "${e.errorCode.slice(0, 20)}" / "${e.errorInfo.slice(0, 60)}" is not a three-digit error`,
      'SBI_DEVICE_ERROR',
    ),
  ];
}

/** CTK TimeoutValidator: the answer came no earlier than the requested timeout. */
export function checkTimeout(elapsedMs: number, timeoutMs: number): BenchCheck {
  return check(
    'timeout',
    elapsedMs >= timeoutMs,
    `answered after ${Math.round(elapsedMs)} ms, before the ${timeoutMs} ms timeout`,
    'SBI_TIMEOUT',
  );
}

/** ISO 19794 checks of each plaintext record; an unreadable record fails with what the client found. */
export function checkIsoRecords(
  entries: ReadonlyArray<{ index: number; iso: Uint8Array | null; bioType: BioType | null }>,
  purpose: Purpose,
  unreadable: (index: number) => string,
): BenchCheck[] {
  if (entries.length === 0) return [fail('iso', 'no biometric item to check', 'SBI_ISO_RECORD')];
  return entries.flatMap((e) => {
    const s = `biometrics[${e.index}]`;
    if (!e.iso || !e.bioType) return [fail(`${s}.iso`, unreadable(e.index), 'SBI_ISO_RECORD')];
    return isoChecks(e.bioType, purpose, Buffer.from(e.iso)).map((c) => ({
      ...c,
      name: `${s}.${c.name}`,
    }));
  });
}
