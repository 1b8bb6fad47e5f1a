/**
 * Verification of SBI answers. Two ways to run the same named checks (native/sbi/checks):
 *  - `verifyDeviceInfo` / `verifyCapture` — the desk's path: a verified, typed result, or the first
 *    failing check thrown as SbiError;
 *  - `checkDeviceInfoAnswer` / `checkCaptureAnswer` / `checkDiscoveryAnswer` — the bench's path:
 *    every check with pass/fail/skip, never throwing for anything the device sent.
 */
import { checkCaptureAnswer } from '../../lib/sbi/checks/run-capture.ts';
import type { CaptureContext, CaptureReport } from '../../lib/sbi/checks/run-capture.ts';
import { checkDeviceInfoAnswer } from '../../lib/sbi/checks/run-device-info.ts';
import type { DeviceInfoReport } from '../../lib/sbi/checks/run-device-info.ts';
import type { VerifyContext } from '../../lib/sbi/checks/context.ts';
import { firstFailure, toSbiError } from '../../lib/sbi/checks/types.ts';
import type { Check } from '../../lib/sbi/checks/types.ts';
import type { CaptureData, DeviceInfoPayload, DigitalId, SbiWireError } from '../../lib/sbi/wire/index.ts';

export { checkCaptureAnswer, checkDeviceInfoAnswer };
export { checkDiscoveryAnswer } from '../../lib/sbi/checks/run-discovery.ts';
export type { DiscoveryReport } from '../../lib/sbi/checks/run-discovery.ts';
export type { CaptureContext, CaptureEntry, CaptureReport } from '../../lib/sbi/checks/run-capture.ts';
export type { DeviceInfoEntry, DeviceInfoReport } from '../../lib/sbi/checks/run-device-info.ts';
export type { VerifyContext } from '../../lib/sbi/checks/context.ts';
export type { Check, CheckConcern } from '../../lib/sbi/checks/types.ts';
export { allPassed, firstFailure, toSbiError } from '../../lib/sbi/checks/types.ts';
export { TrustCache } from '../../lib/sbi/checks/trust.ts';
export type { RegisteredDevice } from '../../lib/sbi/checks/digital-id.ts';
export type { BioDecryptor, EncryptedBioInput } from '../../lib/sbi/checks/bio-value.ts';
export { DEFAULT_TIMESTAMP_TOLERANCE_MS, parseSbiTimestamp } from '../../lib/sbi/checks/timestamps.ts';

export interface VerifiedDeviceInfo {
  index: number;
  info: DeviceInfoPayload;
  /** Success, or the error that comes with a Busy / Not Ready / Not Registered status. */
  error: SbiWireError;
  /** False only for an unregistered device (unsigned deviceInfo). */
  signed: boolean;
  digitalId: DigitalId;
  deviceCertDer: Uint8Array | null;
}

export interface VerifiedBiometric {
  index: number;
  data: CaptureData;
  digitalId: DigitalId;
  hash: string;
  /** Plaintext ISO record; null for an Auth record the desk cannot decrypt. */
  iso: Uint8Array | null;
}

export interface VerifiedCapture {
  items: VerifiedBiometric[];
  /** previousHash for the next capture of the same transaction. */
  lastHash: string;
  /** Every check, skips included (a skipped registry or hash check is worth showing). */
  checks: Check[];
}

function throwFirst(checks: readonly Check[]): void {
  const failed = firstFailure(checks);
  if (failed) throw toSbiError(failed);
}

export function verifyDeviceInfo(
  json: unknown,
  ctx: VerifyContext,
): { entries: VerifiedDeviceInfo[]; checks: Check[] } {
  const report: DeviceInfoReport = checkDeviceInfoAnswer(json, ctx);
  throwFirst(report.checks);
  const entries = report.entries.map((e) => ({
    index: e.index,
    info: e.info!,
    error: e.error!,
    signed: e.signed,
    digitalId: e.digitalId!,
    deviceCertDer: e.deviceCertDer,
  }));
  return { entries, checks: report.checks };
}

export function verifyCapture(json: unknown, ctx: CaptureContext): VerifiedCapture {
  const report: CaptureReport = checkCaptureAnswer(json, ctx);
  throwFirst(report.checks);
  const items = report.entries.map((e) => ({
    index: e.index,
    data: e.data!,
    digitalId: e.digitalId!,
    hash: e.hash!,
    iso: e.iso,
  }));
  return { items, lastHash: report.lastHash, checks: report.checks };
}
