/**
 * `sbi discover`: scans 127.0.0.1 (default 4501–4600) for SBI services and reports each device:
 * what discovery says (a Busy, Not Ready or Not Registered device too, with its error and what it
 * still needs), its decoded digital ID, and whether its deviceInfo verifies against the product's
 * trust store (plus `--trust` CAs): signature, DEVICE/FTM trust, shape and status. deviceCode and
 * the digital ID's serialNo keep their spec names; a difference between them is a finding.
 */
import { discoverSbi } from '../../native/sbi/client/discovery.ts';
import type { DiscoveredDevice } from '../../native/sbi/client/discovery.ts';
import { SbiClient } from '../../native/sbi/client/sbi-client.ts';
import { infoEntryFor } from '../../native/sbi/device-match.ts';
import { isSbiError } from '../../lib/sbi/errors.ts';
import { namingFindings } from '../../native/sbi/naming.ts';
import type { SbiFinding } from '../../native/sbi/naming.ts';
import { extendTrustStore } from '../../native/sbi/bench/trust.ts';
import { checkDeviceInfoAnswer } from '../../native/sbi/verify.ts';
import type { DeviceInfoReport } from '../../native/sbi/verify.ts';
import { trustStoreOf } from '../core/certificates/trust.ts';
import type { Core } from '../core/index.ts';
import type { TrustStore } from '../../lib/pki/index.ts';
import { range, trustEntries } from './sbi-args.ts';
import type { Values } from './sbi-args.ts';

export interface DiscoveredLine {
  port: number;
  deviceId: string;
  type: string;
  subType: string;
  status: string;
  /** The device's error that comes with a status other than Ready; null on success. */
  error: { errorCode: string; errorInfo: string } | null;
  /** What the device's status still allows; null when Ready. */
  advice: string | null;
  certification: string;
  purpose: string;
  /** Discovery's deviceCode; the digital ID's serial number is digitalId.serialNo. */
  deviceCode: string;
  specVersion: string[];
  digitalId: Record<string, string>;
  verification: {
    result: 'pass' | 'fail' | 'skip';
    reason?: string;
    failures: Array<{ name: string; reason: string; code?: string }>;
  };
  findings: SbiFinding[];
}

/** Onboarding and the bench need Ready (sbi.md §1.9, §1.10): what each other status means for the user. */
const ADVICE: Record<string, string> = {
  Busy: 'busy with another application: wait or close it, then scan again; onboarding and the bench need Ready',
  'Not Ready':
    'not ready (not connected, warming up or faulty): check the device, then scan again; onboarding and the bench need Ready',
  'Not Registered':
    'holds no device certificate from its management server yet: its information is unsigned; register it, then scan again; onboarding and the bench need Ready',
};

function verificationOf(d: DiscoveredDevice, info: DeviceInfoReport | Error): DiscoveredLine['verification'] {
  if (info instanceof Error) return { result: 'fail', reason: `deviceInfo: ${info.message}`, failures: [] };
  const entry = infoEntryFor(d.entry.deviceId, d.digitalId, info.entries);
  if (!entry)
    return {
      result: 'fail',
      reason: 'deviceInfo has no readable entry for this device',
      failures: [],
    };
  const mine = info.checks.filter(
    (c) => !c.name.startsWith('deviceInfo[') || c.name.startsWith(`deviceInfo[${entry.index}].`),
  );
  const failures = mine
    .filter((c) => c.result === 'fail' && c.concern !== 'registry')
    .map((c) => ({
      name: c.name,
      reason: c.reason ?? 'failed',
      ...(c.code ? { code: c.code } : {}),
    }));
  if (failures.length) return { result: 'fail', reason: failures[0]!.reason, failures };
  if (!entry.signed)
    return {
      result: 'skip',
      reason: 'deviceInfo is unsigned (the device is not registered)',
      failures,
    };
  return { result: 'pass', failures };
}

function readable(l: DiscoveredLine): string {
  const status = l.error
    ? `${l.status} (error ${l.error.errorCode}${l.error.errorInfo ? ` ${l.error.errorInfo}` : ''})`
    : l.status;
  const main = `${l.port}  device ${l.deviceId || '-'}  ${l.type}/${l.subType}  ${status}  ${l.certification}  ${l.purpose || '-'}  ${l.digitalId.make} ${l.digitalId.model}  deviceCode ${l.deviceCode || '-'}  serialNo ${l.digitalId.serialNo}  verification: ${l.verification.result}${l.verification.reason ? ` (${l.verification.reason})` : ''}\n`;
  const notes = [
    ...(l.advice ? [`status: ${l.advice}`] : []),
    ...l.findings.map((f) => `finding ${f.code}: ${f.message}`),
  ];
  return main + notes.map((n) => `      ${n}\n`).join('');
}

async function deviceInfoOf(port: number, trust: TrustStore): Promise<DeviceInfoReport | Error> {
  try {
    const answer = await new SbiClient({ port }).deviceInfo();
    return checkDeviceInfoAnswer(answer.json, { trust, now: new Date() });
  } catch (e) {
    if (isSbiError(e)) return e;
    throw e;
  }
}

export async function sbiDiscover(core: Core, v: Values, out: NodeJS.WritableStream): Promise<number> {
  const [portFrom, portTo] = range(v.range, [4501, 4600]);
  const trust = extendTrustStore(trustStoreOf(core.db.reader), trustEntries(v.trust));
  const scan = await discoverSbi({ portFrom, portTo });
  const ports = [...new Set(scan.devices.map((d) => d.port))];
  const infos = new Map(await Promise.all(ports.map(async (p) => [p, await deviceInfoOf(p, trust)] as const)));
  const lines: DiscoveredLine[] = scan.devices.map((d) => ({
    port: d.port,
    deviceId: d.entry.deviceId,
    type: d.digitalId.type,
    subType: d.digitalId.deviceSubType,
    status: d.entry.deviceStatus,
    error: d.entry.error.errorCode === '0' ? null : { ...d.entry.error },
    advice: ADVICE[d.entry.deviceStatus] ?? null,
    certification: d.entry.certification,
    purpose: d.entry.purpose,
    deviceCode: d.entry.deviceCode,
    specVersion: d.entry.specVersions,
    digitalId: { ...d.digitalId },
    verification: verificationOf(d, infos.get(d.port)!),
    findings: namingFindings(d.entry.deviceCode, d.digitalId),
  }));
  for (const l of lines) out.write(v.json === true ? `${JSON.stringify(l)}\n` : readable(l));
  for (const p of scan.problems)
    process.stderr.write(`port ${p.port}${p.index !== undefined ? ` entry ${p.index}` : ''}: ${p.error.message}\n`);
  process.stderr.write(
    `scanned ${scan.scanned} port(s) in ${Math.round(scan.elapsedMs)} ms: ${lines.length} device(s), ${scan.problems.length} problem(s)\n`,
  );
  return 0;
}
