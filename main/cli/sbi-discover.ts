/**
 * `sbi discover`: scans 127.0.0.1 (default 4501–4600) for SBI services and reports each device:
 * what discovery says, its decoded digital ID, and whether its deviceInfo verifies against the
 * product's trust store (plus `--trust` CAs): signature, DEVICE/FTM trust, shape and status.
 */
import { discoverSbi } from '../../native/sbi/client/discovery.ts';
import type { DiscoveredDevice } from '../../native/sbi/client/discovery.ts';
import { SbiClient } from '../../native/sbi/client/sbi-client.ts';
import { isSbiError } from '../../native/sbi/errors.ts';
import { extendTrustStore } from '../../native/sbi/bench/trust.ts';
import { checkDeviceInfoAnswer } from '../../native/sbi/verify.ts';
import type { DeviceInfoReport } from '../../native/sbi/verify.ts';
import { trustStoreOf } from '../core/certificates/trust.ts';
import type { Core } from '../core/index.ts';
import type { TrustStore } from '../core/pki/index.ts';
import { range, trustEntries } from './sbi-args.ts';
import type { Values } from './sbi-args.ts';

export interface DiscoveredLine {
  port: number;
  deviceId: string;
  type: string;
  subType: string;
  status: string;
  certification: string;
  purpose: string;
  serialNo: string;
  specVersion: string[];
  digitalId: Record<string, string>;
  verification: { result: 'pass' | 'fail' | 'skip'; reason?: string; failures: Array<{ name: string; reason: string; code?: string }> };
}

function verificationOf(d: DiscoveredDevice, info: DeviceInfoReport | Error): DiscoveredLine['verification'] {
  if (info instanceof Error) return { result: 'fail', reason: `deviceInfo: ${info.message}`, failures: [] };
  const entry = info.entries.find((e) => e.info?.deviceId === d.entry.deviceId);
  if (!entry) return { result: 'fail', reason: 'deviceInfo has no readable entry for this device', failures: [] };
  const mine = info.checks.filter((c) => !c.name.startsWith('deviceInfo[') || c.name.startsWith(`deviceInfo[${entry.index}].`));
  const failures = mine.filter((c) => c.result === 'fail' && c.concern !== 'registry').map((c) => ({ name: c.name, reason: c.reason ?? 'failed', ...(c.code ? { code: c.code } : {}) }));
  if (failures.length) return { result: 'fail', reason: failures[0]!.reason, failures };
  if (!entry.signed) return { result: 'skip', reason: 'deviceInfo is unsigned (the device is not registered)', failures };
  return { result: 'pass', failures };
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
    certification: d.entry.certification,
    purpose: d.entry.purpose,
    serialNo: d.entry.serialNo,
    specVersion: d.entry.specVersions,
    digitalId: { ...d.digitalId },
    verification: verificationOf(d, infos.get(d.port)!),
  }));
  for (const l of lines) {
    out.write(v.json === true ? `${JSON.stringify(l)}\n` : `${l.port}  device ${l.deviceId}  ${l.type}/${l.subType}  ${l.status}  ${l.certification}  ${l.purpose || '-'}  ${l.digitalId.make} ${l.digitalId.model} #${l.serialNo}  verification: ${l.verification.result}${l.verification.reason ? ` (${l.verification.reason})` : ''}\n`);
  }
  for (const p of scan.problems) process.stderr.write(`port ${p.port}${p.index !== undefined ? ` entry ${p.index}` : ''}: ${p.error.message}\n`);
  process.stderr.write(`scanned ${scan.scanned} port(s) in ${Math.round(scan.elapsedMs)} ms: ${lines.length} device(s), ${scan.problems.length} problem(s)\n`);
  return 0;
}
