/**
 * Which cases apply to which device, and the requests the bench sends — built as the CTK UI builds
 * them (sbi.md §1.6, §4.1): env "Developer", specVersion from the device, timeout as a string,
 * captureTime with milliseconds, transactionId "<testId>-<UTC millis>", customOpts null.
 */
import type { DiscoveredDevice } from '../client/discovery.ts';
import type { BioType, DigitalId } from '../../../lib/sbi/wire/index.ts';
import { EMPTY_HASH_HEX } from '../../../lib/sbi/hash-chain.ts';
import { BENCH_CASES, CTK_TIMEOUTS_MS } from './cases.ts';
import type { BenchCaseDef, BenchPurpose, CaptureTemplate, TimeoutClass } from './cases.ts';

/** A device under test, as discovery described it. */
export interface BenchDevice {
  port: number;
  deviceId: string;
  /** Discovery's deviceCode (the digital ID's serialNo is digitalId.serialNo). */
  deviceCode: string;
  /** Ready, or the status that keeps the bench from testing the device. */
  status: string;
  type: BioType;
  subType: string;
  purpose: string;
  certification: 'L0' | 'L1';
  specVersion: string;
  subIds: string[];
  digitalId: DigitalId;
}

export function benchDeviceOf(d: DiscoveredDevice): BenchDevice {
  return {
    port: d.port,
    deviceId: d.entry.deviceId,
    deviceCode: d.entry.deviceCode,
    status: d.entry.deviceStatus,
    type: d.digitalId.type,
    subType: d.digitalId.deviceSubType,
    purpose: d.entry.purpose,
    certification: d.entry.certification,
    specVersion: d.entry.specVersions[0] ?? '0.9.5',
    subIds: d.entry.deviceSubIds,
    digitalId: d.digitalId,
  };
}

/** The CTK filters test cases by purpose, biometric type and device sub-type (sbi.md §4.3). */
export function appliesTo(c: BenchCaseDef, device: BenchDevice, purpose: BenchPurpose): boolean {
  if (c.purpose !== 'both' && c.purpose !== purpose) return false;
  if (c.modality !== 'any' && c.modality !== device.type) return false;
  return !c.deviceSubTypes || c.deviceSubTypes.includes(device.subType);
}

export function applicableCases(
  device: BenchDevice,
  purpose: BenchPurpose,
  cases: readonly BenchCaseDef[] = BENCH_CASES,
): BenchCaseDef[] {
  return cases.filter((c) => appliesTo(c, device, purpose));
}

/** The usual capture of a device's modality (invalid-request cases, which work on any device). */
export function defaultCapture(device: BenchDevice): CaptureTemplate {
  const base = { requestedScore: 40, timeout: 'default' as const };
  if (device.type === 'Face') return { ...base, deviceSubId: '0', count: 1, bioSubType: [] };
  if (device.type === 'Iris')
    return device.subType === 'Double'
      ? { ...base, deviceSubId: '3', count: 2, bioSubType: ['Left', 'Right'] }
      : { ...base, deviceSubId: '0', count: 1, bioSubType: ['UNKNOWN'] };
  if (device.subType === 'Slap')
    return {
      ...base,
      deviceSubId: '1',
      count: 4,
      bioSubType: ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'],
    };
  return { ...base, deviceSubId: '0', count: 1, bioSubType: ['UNKNOWN'] };
}

export interface CaptureBuild {
  caseId: string;
  purpose: BenchPurpose;
  template: CaptureTemplate;
  device: BenchDevice;
  previousHash: string;
  timeoutMs: number;
  now: Date;
}

/** CTK negative tests use a 55–62 character id; the characters themselves are valid. */
export const invalidTransactionId = (caseId: string): string => `${caseId}-${'X'.repeat(58 - caseId.length - 1)}`;

export function captureBody(b: CaptureBuild): Record<string, unknown> {
  const t = b.template;
  const bio: Record<string, unknown> = {
    type: t.type ?? b.device.type,
    count: String(t.count),
    bioSubType: t.bioSubType,
    ...(b.purpose === 'Registration' ? { exception: t.exception ?? [] } : {}),
    requestedScore: String(t.requestedScore),
    deviceId: b.device.deviceId,
    deviceSubId: t.deviceSubId,
    previousHash: b.previousHash,
  };
  return {
    env: 'Developer',
    purpose: b.purpose,
    specVersion: b.device.specVersion,
    timeout: String(b.timeoutMs),
    captureTime: b.now.toISOString(),
    ...(b.purpose === 'Auth' ? { domainUri: '' } : {}),
    transactionId: t.invalidTransactionId
      ? invalidTransactionId(b.caseId)
      : `${b.caseId}-${b.now.getUTCMilliseconds()}`,
    bio: [bio],
    customOpts: null,
  };
}

export const FIRST_PREVIOUS_HASH = EMPTY_HASH_HEX;

/**
 * Renames the key at `path` ("env", "bio[0].count") to path + "XXX", as the CTK's invalid-request
 * tests do. Returns a new object; a path that does not exist throws (a bug in the case data).
 */
export function renameKey(body: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const parts = path.match(/[^.[\]]+/g) ?? [];
  const key = parts.pop();
  let target: unknown = copy;
  for (const p of parts) target = (target as Record<string, unknown>)[p];
  if (key === undefined || typeof target !== 'object' || target === null || !(key in target))
    throw new Error(`renameKey: no ${path} in the request`);
  const obj = target as Record<string, unknown>;
  obj[`${key}XXX`] = obj[key];
  delete obj[key];
  return copy;
}

export interface Timeouts {
  /** The CTK's "without input" capture timeout (500 ms). */
  shortMs: number;
  /** The CTK's "with input" timeout and the score-100 captures (10 000 ms). */
  longMs: number;
  /** Ordinary captures (10 000 ms). */
  defaultMs: number;
}
export const CTK_TIMEOUTS: Timeouts = {
  shortMs: CTK_TIMEOUTS_MS.short,
  longMs: CTK_TIMEOUTS_MS.long,
  defaultMs: CTK_TIMEOUTS_MS.default,
};
export const timeoutOf = (t: TimeoutClass, timeouts: Timeouts): number =>
  t === 'short' ? timeouts.shortMs : t === 'long' ? timeouts.longMs : timeouts.defaultMs;
