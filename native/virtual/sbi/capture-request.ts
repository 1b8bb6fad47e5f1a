/**
 * Reads and checks a CAPTURE / RCAPTURE request in MockMDS's order (sbi.md §1.10): JSON and
 * required fields (123), env (115), purpose (121), deviceId (704/804), type (114), device (705/805),
 * type vs device (120), device purpose (706/806), status (100/110/111), transactionId (112),
 * names (122), deviceSubId (702/802), exceptions and subtypes (117/119), counts (109). The result
 * says which biometric items to capture; busy and timing are the caller's.
 */
import type { SbiDeviceErrorCode } from './codes.ts';
import { ALL_FINGERS, AUTH_MAX_COUNT, IRISES, registrationSegments } from './devices.ts';
import type { Modality, VirtualDevice } from './devices.ts';

export type CaptureVerb = 'CAPTURE' | 'RCAPTURE';

export interface PlannedEntry {
  device: VirtualDevice;
  deviceSubId: string;
  /** One element per item to capture; null for face. */
  bioSubTypes: (string | null)[];
  exceptionPhoto: boolean;
  requestedScore: number;
  previousHash: string;
}

export interface CapturePlan {
  env: string;
  purpose: 'Registration' | 'Auth';
  transactionId: string;
  domainUri: string;
  timeoutMs: number;
  entries: PlannedEntry[];
}

export type PlanResult = { ok: true; plan: CapturePlan } | { ok: false; code: SbiDeviceErrorCode; detail?: string };

const ENVS = ['Staging', 'Developer', 'Pre-Production', 'Production'];
const MAX_TIMEOUT_MS = 300_000;
const MAX_BIO_ENTRIES = 4;
const TRANSACTION_ID = /^[a-zA-Z0-9-]{4,50}$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Integer given as a JSON number or a numeric string ("500", "40.0"); undefined otherwise. */
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
const strings = (v: unknown): string[] | undefined =>
  v === undefined || v === null
    ? []
    : Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? (v as string[])
      : undefined;

export function planCapture(verb: CaptureVerb, body: Buffer, devices: ReadonlyMap<string, VirtualDevice>): PlanResult {
  const auth = verb === 'CAPTURE';
  const fail = (code: SbiDeviceErrorCode, detail?: string): PlanResult => ({
    ok: false,
    code,
    detail,
  });
  const missing = (field: string) => fail('123', `${field} is missing or not valid`);
  let req: unknown;
  try {
    req = JSON.parse(body.toString('utf8'));
  } catch {
    return fail('123', 'body is not JSON');
  }
  if (!isObj(req)) return fail('123', 'body is not a JSON object');

  const env = str(req.env);
  const purpose = str(req.purpose);
  const transactionId = str(req.transactionId);
  const timeout = num(req.timeout);
  if (env === undefined) return missing('env');
  if (purpose === undefined) return missing('purpose');
  if (str(req.specVersion) === undefined) return missing('specVersion');
  if (timeout === undefined || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS)
    return missing('timeout');
  if (transactionId === undefined) return missing('transactionId');
  if (req.domainUri !== undefined && req.domainUri !== null && typeof req.domainUri !== 'string')
    return missing('domainUri');
  if (!Array.isArray(req.bio) || req.bio.length === 0 || req.bio.length > MAX_BIO_ENTRIES) return missing('bio');
  for (const [i, b] of req.bio.entries()) {
    if (!isObj(b)) return missing(`bio[${i}]`);
    const count = num(b.count);
    if (count === undefined || !Number.isInteger(count)) return missing(`bio[${i}].count`);
    if (str(b.type) === undefined) return missing(`bio[${i}].type`);
    if (str(b.deviceSubId) === undefined && typeof b.deviceSubId !== 'number') return missing(`bio[${i}].deviceSubId`);
    if (strings(b.bioSubType) === undefined) return missing(`bio[${i}].bioSubType`);
    if (strings(b.exception) === undefined) return missing(`bio[${i}].exception`);
    const score = b.requestedScore === undefined || b.requestedScore === null ? 0 : num(b.requestedScore);
    if (score === undefined || score > 100) return missing(`bio[${i}].requestedScore`);
    const prev = b.previousHash;
    if (prev !== undefined && prev !== null && (typeof prev !== 'string' || (prev.trim() !== '' && !HEX64.test(prev))))
      return missing(`bio[${i}].previousHash`);
  }
  if (!ENVS.includes(env)) return fail('115', env.slice(0, 30));
  if (purpose !== (auth ? 'Auth' : 'Registration'))
    return fail('121', `${verb} needs purpose ${auth ? 'Auth' : 'Registration'}`);

  const entries: PlannedEntry[] = [];
  for (const raw of req.bio as Obj[]) {
    const deviceId = str(raw.deviceId) ?? (typeof raw.deviceId === 'number' ? String(raw.deviceId) : undefined);
    const serialNo = str(raw.serialNo); // SBI 1.0 names the device by its serial number
    if (!deviceId && !serialNo) return fail(auth ? '804' : '704');
    const type = str(raw.type) as Modality;
    if (!['Finger', 'Iris', 'Face'].includes(type)) return fail('114', String(type).slice(0, 30));
    const device = deviceId ? devices.get(deviceId) : [...devices.values()].find((d) => d.serialNo === serialNo);
    if (!device) return fail(auth ? '805' : '705');
    if (device.type !== type) return fail('120');
    if (device.purpose !== purpose) return fail(auth ? '806' : '706');
    if (device.status === 'Not Registered') return fail('100');
    if (device.status === 'Not Ready') return fail('110');
    if (device.status === 'Busy') return fail('111');
    if (!TRANSACTION_ID.test(transactionId)) return fail('112');

    const subTypes = strings(raw.bioSubType) ?? [];
    const exceptions = strings(raw.exception) ?? [];
    const count = num(raw.count) ?? 0;
    const names = type === 'Finger' ? ALL_FINGERS : IRISES;
    if (type !== 'Face') {
      if (subTypes.some((s) => s !== 'UNKNOWN' && !names.includes(s))) return fail('122', 'bioSubType');
      if (!auth && exceptions.some((s) => !names.includes(s))) return fail('122', 'exception');
    } else if (!auth && exceptions.some((s) => !ALL_FINGERS.includes(s) && !IRISES.includes(s)))
      return fail('122', 'exception');
    const deviceSubId = String(raw.deviceSubId);
    if (!device.deviceSubIds.includes(deviceSubId)) return fail(auth ? '802' : '702');

    let bioSubTypes: (string | null)[];
    if (auth) {
      if (count < 1 || count > AUTH_MAX_COUNT[type] || (type !== 'Face' && subTypes.length > count)) return fail('109');
      bioSubTypes = type === 'Face' ? [null] : Array.from({ length: count }, (_, i) => subTypes[i] ?? 'UNKNOWN');
    } else {
      const segments = registrationSegments(device, deviceSubId) ?? [];
      if (type === 'Face') {
        if (count !== 1) return fail('109');
        bioSubTypes = [null];
      } else {
        if (exceptions.some((e) => !segments.includes(e))) return fail('117');
        if (subTypes.some((s) => s !== 'UNKNOWN' && !segments.includes(s))) return fail('119');
        if (count < 1 || count + new Set(exceptions).size !== segments.length) return fail('109');
        bioSubTypes = segments.filter((s) => s !== null && !exceptions.includes(s));
      }
    }
    const prev = raw.previousHash;
    entries.push({
      device,
      deviceSubId,
      bioSubTypes,
      exceptionPhoto: !auth && type === 'Face' && exceptions.length > 0,
      requestedScore: Math.round(num(raw.requestedScore) ?? 0),
      previousHash: typeof prev === 'string' ? prev.trim() : '',
    });
  }
  const domainUri = str(req.domainUri) ?? '';
  return {
    ok: true,
    plan: {
      env,
      purpose: auth ? 'Auth' : 'Registration',
      transactionId,
      domainUri,
      timeoutMs: timeout,
      entries,
    },
  };
}
