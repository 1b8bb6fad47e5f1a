/**
 * The cases that do not capture: discovery (valid and invalid type), device info, the four
 * statuses, and key rotation (sbi.md §1.4, §1.5, §4.4 KeyRotationValidator).
 */
import { X509Certificate } from 'node:crypto';
import { infoEntryFor } from '../device-match.ts';
import { checkDeviceInfoAnswer, checkDiscoveryAnswer } from '../verify.ts';
import type { Check, DeviceInfoEntry } from '../verify.ts';
import type { BenchCaseDef } from './cases.ts';
import { ask, exchange, restore } from './case-context.ts';
import type { CaseContext, CaseOutcome } from './case-context.ts';
import { check, fail, pass, skip } from './report.ts';
import type { BenchCheck } from './report.ts';
import { checkDiscoverErrorAnswer, selectChecks } from './validate.ts';

const outcome = (checks: BenchCheck[]): CaseOutcome => ({ checks, mandatedWaitMs: 0 });

export async function runDiscover(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  if (c.request.verb !== 'MOSIPDISC') throw new Error(`${c.id}: not a discovery case`);
  const res = await exchange(ctx, 'MOSIPDISC', '/device', c.request.body, ctx.client.limits('discover'));
  if (!res.ok) return outcome([res.check]);
  if (c.kind === 'discover-invalid') return outcome(checkDiscoverErrorAnswer(res.json));
  const report = checkDiscoveryAnswer(res.json, { strict: true });
  const mine = report.entries.find((e) => e.entry?.deviceId === ctx.device.deviceId);
  const ours = (k: Check) =>
    !/^discovery\[\d+\]/.test(k.name) || (mine !== undefined && k.name.startsWith(`discovery[${mine.index}]`));
  return outcome([
    ...selectChecks(report.checks.filter(ours), c.validators),
    check(
      'discovery.device',
      mine !== undefined,
      `device ${ctx.device.deviceId} is not in the answer`,
      'SBI_MALFORMED',
    ),
  ]);
}

interface InfoRead {
  checks: Check[];
  entry: DeviceInfoEntry | null;
  failure?: BenchCheck;
}

/** MOSIPDINFO and the client's checks of this device's entry (the CTK drops the other devices' entries). */
async function readInfo(ctx: CaseContext): Promise<InfoRead> {
  const res = await exchange(ctx, 'MOSIPDINFO', '/info', undefined, ctx.client.limits('info'));
  if (!res.ok) return { checks: [], entry: null, failure: res.check };
  const report = checkDeviceInfoAnswer(res.json, {
    trust: ctx.trust,
    now: res.startedAt,
    strict: true,
    cache: ctx.cache,
  });
  // MockMDS blanks deviceId once the tester made the device Not Registered: then matched by its digital ID.
  const entry =
    infoEntryFor(ctx.device.deviceId, ctx.device.digitalId, report.entries) ??
    infoEntryFor('', ctx.device.digitalId, report.entries) ??
    null;
  if (!entry)
    return {
      checks: report.checks,
      entry: null,
      failure: fail('deviceInfo.device', `no readable deviceInfo for device ${ctx.device.deviceId}`, 'SBI_MALFORMED'),
    };
  const prefix = `deviceInfo[${entry.index}]`;
  return {
    checks: report.checks.filter((k) => !k.name.startsWith('deviceInfo[') || k.name.startsWith(`${prefix}.`)),
    entry,
  };
}

export async function runDeviceInfo(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const r = await readInfo(ctx);
  return outcome([...selectChecks(r.checks, c.validators), ...(r.failure ? [r.failure] : [])]);
}

export async function runStatus(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  if (c.expect.outcome !== 'status') throw new Error(`${c.id}: not a status case`);
  const want = c.expect.status;
  if (c.prompt) {
    const skipped = await ask(ctx, c, c.prompt.action, c.prompt.text);
    if (skipped) return outcome([skipped]);
  }
  let checks: BenchCheck[] = [];
  try {
    const r = await readInfo(ctx);
    const got = r.entry?.info?.deviceStatus;
    checks = [
      ...selectChecks(r.checks, c.validators),
      ...(r.failure ? [r.failure] : []),
      got === undefined
        ? skip('deviceInfo.deviceStatus', 'no readable deviceInfo')
        : check('deviceInfo.deviceStatus', got === want, `status "${got}", expected "${want}"`, 'SBI_MALFORMED'),
    ];
  } finally {
    const restored = c.prompt ? await restore(ctx, c, c.prompt.action) : null;
    if (restored) checks.push(restored);
  }
  return outcome(checks);
}

/** The same device before and after: make, model and serial number (all three; the CTK's OR is a bug, sbi.md §4.4). */
function sameDevice(a: DeviceInfoEntry, b: DeviceInfoEntry): string | null {
  if (!a.digitalId || !b.digitalId) return 'no readable digital ID';
  const differ = (['make', 'model', 'serialNo'] as const).filter((k) => a.digitalId![k] !== b.digitalId![k]);
  return differ.length ? `the digital ID changed in ${differ.join(', ')}` : null;
}

export async function runKeyRotation(ctx: CaseContext, c: BenchCaseDef): Promise<CaseOutcome> {
  const first = await readInfo(ctx);
  if (!first.entry?.deviceCertDer)
    return outcome([
      ...selectChecks(first.checks, ['signature'], 'before: '),
      first.failure ?? fail('before: deviceInfo.signature', 'the first deviceInfo is not signed', 'SBI_JWS_MALFORMED'),
    ]);
  const checks: BenchCheck[] = [];
  let before = first.entry;
  for (let i = 1; i <= (c.repeat ?? 1); i++) {
    const skipped = await ask(
      ctx,
      c,
      { kind: 'rotate-keys' },
      c.prompt?.text ?? 'Rotate the device key, then continue.',
    );
    if (skipped) return outcome([...checks, skipped]);
    const p = `rotation ${i}: `;
    const after = await readInfo(ctx);
    checks.push(
      ...selectChecks(after.checks, ['signature'], p),
      ...(after.failure ? [{ ...after.failure, name: `${p}${after.failure.name}` }] : []),
    );
    const e = after.entry;
    if (!e?.deviceCertDer) {
      checks.push(fail(`${p}deviceInfo.signature`, 'deviceInfo after the rotation is not signed', 'SBI_JWS_MALFORMED'));
      break;
    }
    const oldCert = new X509Certificate(Buffer.from(before.deviceCertDer!));
    const newCert = new X509Certificate(Buffer.from(e.deviceCertDer));
    checks.push(
      check(
        `${p}new certificate`,
        !Buffer.from(e.deviceCertDer).equals(Buffer.from(before.deviceCertDer!)),
        'x5c[0] is the certificate from before the rotation',
        'SBI_SIGNATURE',
      ),
      check(
        `${p}notBefore`,
        Date.parse(newCert.validFrom) >= Date.parse(oldCert.validFrom),
        `the new certificate's notBefore (${newCert.validFrom}) is earlier than the old one's (${oldCert.validFrom})`,
        'SBI_CERT_EXPIRED',
      ),
    );
    const differs = sameDevice(before, e);
    checks.push(differs ? fail(`${p}same device`, differs, 'SBI_DIGITAL_ID_MISMATCH') : pass(`${p}same device`));
    before = e;
  }
  return outcome(checks);
}
