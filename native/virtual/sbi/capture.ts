/**
 * RCAPTURE and CAPTURE (sbi.md §1.6): plan the request, take the device, wait as a sensor would,
 * then answer one signed item per biometric with the §2.4 hash chain over the plaintext ISO
 * record; for CAPTURE the record is encrypted for the configured certificate (§2.5).
 *
 * Timing: a capture "finds" the biometric after the configured delay. If the delay reaches the
 * request's timeout nothing is found: the device waits the full timeout and answers 701/801. If the
 * device's quality is below requestedScore it keeps trying until the timeout and then returns its
 * best frame (success). Otherwise it answers after the delay.
 */
import { chainHash } from '../../../lib/sbi/hash-chain.ts';
import { signJws } from '../../../lib/sbi/jws.ts';
import { buildRecord } from './biometrics.ts';
import { planCapture } from './capture-request.ts';
import type { CapturePlan, CaptureVerb, PlannedEntry } from './capture-request.ts';
import { SUCCESS, captureError, errorCaptureItem, sbiError } from './codes.ts';
import { digitalIdContext, wait } from './context.ts';
import type { SbiContext } from './context.ts';
import { SERVICE_VERSION, SPEC_VERSION, signedDigitalId } from './devices.ts';
import { encryptBioValue } from './encryption.ts';
import { breakSignature, sbiTimestamp } from './faults.ts';

type Outcome = 'none' | 'best' | 'met';

/** `signal` aborts the wait when the client disconnects, so the device does not stay busy for nobody. */
export async function capture(ctx: SbiContext, verb: CaptureVerb, body: Buffer, signal?: AbortSignal): Promise<object> {
  const planned = planCapture(verb, body, ctx.devices);
  if (!planned.ok) return captureError(planned.code, planned.detail);
  const { plan } = planned;
  const devices = [...new Set(plan.entries.map((e) => e.device))];
  if (devices.some((d) => d.capturing)) return captureError(verb === 'CAPTURE' ? '803' : '703');
  for (const d of devices) d.capturing = true;
  try {
    const outcomes = plan.entries.map((e): Outcome =>
      ctx.delayMs >= plan.timeoutMs ? 'none' : e.requestedScore > e.device.quality ? 'best' : 'met',
    );
    const untilTimeout = outcomes.some((o) => o !== 'met');
    const ms = untilTimeout
      ? ctx.fault === 'early-timeout'
        ? Math.floor(plan.timeoutMs / 4)
        : plan.timeoutMs
      : ctx.delayMs;
    if (!(await wait(ctx, ms, signal))) return captureError('102', 'capture abandoned');
    const biometrics: object[] = [];
    plan.entries.forEach((entry, i) => {
      if (outcomes[i] === 'none')
        biometrics.push(errorCaptureItem(SPEC_VERSION, sbiError(verb === 'CAPTURE' ? '801' : '701')));
      else biometrics.push(...captureItems(ctx, plan, entry));
    });
    if (verb === 'RCAPTURE') {
      // A stream open on the captured device ends with the capture (MockMDS flags it done).
      for (const s of [...ctx.streams])
        if (plan.entries.some((e) => e.device.deviceId === s.deviceId && e.deviceSubId === s.deviceSubId)) s.stop();
    }
    return { biometrics };
  } finally {
    for (const d of devices) d.capturing = false;
  }
}

function captureItems(ctx: SbiContext, plan: CapturePlan, entry: PlannedEntry): object[] {
  const d = entry.device;
  const auth = plan.purpose === 'Auth';
  const subTypes = [...entry.bioSubTypes];
  if (ctx.fault === 'wrong-count') subTypes.push(subTypes[subTypes.length - 1] ?? null);
  let previous = entry.previousHash;
  return subTypes.map((bioSubType) => {
    const now = ctx.now();
    const iso = buildRecord(ctx.samples, {
      modality: d.type,
      purpose: plan.purpose,
      bioSubType,
      exceptionPhoto: entry.exceptionPhoto,
      captureTime: now,
      quality: d.quality,
    });
    const timestamp = sbiTimestamp(now, ctx.fault);
    // The chain is over the plaintext record; the fault hashes one stray byte more.
    const hash = chainHash(previous, ctx.fault === 'wrong-hash' ? Buffer.concat([iso, Buffer.from([0])]) : iso);
    previous = hash;
    const sealed = auth ? encryptBioValue(ctx.encryption, iso, timestamp, plan.transactionId) : null;
    const payload = {
      digitalId: signedDigitalId(d, digitalIdContext(ctx)),
      deviceCode: d.serialNo,
      deviceServiceVersion: SERVICE_VERSION,
      bioType: d.type,
      // Face items carry no bioSubType (MockMDS omits it; the CTK schema allows no null there).
      ...(bioSubType === null ? {} : { bioSubType }),
      purpose: plan.purpose,
      env: plan.env,
      ...(auth ? { domainUri: plan.domainUri } : {}),
      bioValue: sealed ? sealed.bioValue : iso.toString('base64url'),
      transactionId: plan.transactionId,
      timestamp,
      requestedScore: String(entry.requestedScore),
      qualityScore: String(Math.round(d.quality)),
    };
    const signed = signJws(JSON.stringify(payload), d.deviceKey.key, d.deviceKey.der);
    const data = ctx.fault === 'bad-signature' ? breakSignature(signed) : signed;
    return {
      specVersion: SPEC_VERSION,
      data,
      hash,
      ...(sealed ? { sessionKey: sealed.sessionKey, thumbprint: sealed.thumbprint } : {}),
      error: SUCCESS,
    };
  });
}
