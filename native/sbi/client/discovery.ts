/**
 * Discovery (sbi.md §1.1, §1.4; ssp.md §C7): MOSIPDISC to every port of 127.0.0.1:4501–4600 in
 * parallel with bounded concurrency. Each port has its own short limits and the whole scan has a
 * deadline, so a port that accepts and never answers, or drips bytes, costs at most one port
 * deadline and never the scan. A closed port is simply empty; anything else that goes wrong on a
 * port is a typed problem of that port.
 */
import { performance } from 'node:perf_hooks';
import { SbiError, isSbiError } from '../../../lib/sbi/errors.ts';
import {
  decodeBlock,
  digitalIdSchema,
  discoveryEntrySchema,
  discoveryResponseSchema,
  isSuccess,
  safeWire,
} from '../../../lib/sbi/wire/index.ts';
import type { DigitalId, DiscoveryEntry, DiscoveryType } from '../../../lib/sbi/wire/index.ts';
import { DEFAULT_LIMITS, SbiClient } from './sbi-client.ts';
import type { SbiVerb } from './sbi-client.ts';

export interface DiscoverOptions {
  host?: string;
  portFrom?: number;
  portTo?: number;
  /** Ports probed at the same time. */
  concurrency?: number;
  connectTimeoutMs?: number;
  /** Per port: until its answer is complete. */
  deadlineMs?: number;
  /** The whole scan; ports not finished by then are reported as SBI_TIMEOUT. */
  scanDeadlineMs?: number;
  maxBytes?: number;
  type?: DiscoveryType;
  signal?: AbortSignal;
}

export interface DiscoveredDevice {
  port: number;
  /** Where later calls go: always the scanned loopback port, whatever callbackId claims. */
  baseUrl: string;
  verb: SbiVerb;
  /** Position of the entry in the port's answer. */
  index: number;
  raw: unknown;
  entry: DiscoveryEntry;
  digitalId: DigitalId;
}

export interface DiscoveryProblem {
  port: number;
  /** The answer's entry, when the problem is one entry rather than the whole port. */
  index?: number;
  error: SbiError;
}

export interface DiscoveryResult {
  devices: DiscoveredDevice[];
  problems: DiscoveryProblem[];
  /** Ports that accepted a connection. */
  answered: number[];
  scanned: number;
  elapsedMs: number;
}

/**
 * Turns one port's answer into devices and per-entry problems. A device that is Busy, Not Ready or
 * Not Registered answers with its status and an error (111, 110, 100; sbi.md §1.5, §1.10): that is
 * a device to list with its status, not a problem of the port. An error entry without such a
 * status (a wrong type, a device fault) stays a problem.
 */
export function readDiscoveryAnswer(
  port: number,
  verb: SbiVerb,
  json: unknown,
  host = '127.0.0.1',
): { devices: DiscoveredDevice[]; problems: DiscoveryProblem[] } {
  const devices: DiscoveredDevice[] = [];
  const problems: DiscoveryProblem[] = [];
  const envelope = safeWire(discoveryResponseSchema, json, verb);
  if (!envelope.ok) return { devices, problems: [{ port, error: envelope.error }] };
  envelope.value.forEach((raw, index) => {
    const what = `${verb}[${index}]`;
    const entry = safeWire(discoveryEntrySchema, raw, what);
    if (!isSuccess(raw.error) && !(entry.ok && entry.value.deviceStatus !== 'Ready')) {
      problems.push({
        port,
        index,
        error: new SbiError('SBI_DEVICE_ERROR', `${what}: device error ${raw.error.errorCode}`, {
          errorCode: raw.error.errorCode,
          errorInfo: raw.error.errorInfo.slice(0, 200),
        }),
      });
      return;
    }
    if (!entry.ok) return void problems.push({ port, index, error: entry.error });
    try {
      // Discovery's digitalId is unsigned; a device that signs it anyway is read, not trusted.
      const digitalId = safeWire(
        digitalIdSchema,
        decodeBlock(entry.value.digitalId, `${what}.digitalId`).payload,
        `${what}.digitalId`,
      );
      if (!digitalId.ok) return void problems.push({ port, index, error: digitalId.error });
      devices.push({
        port,
        baseUrl: `http://${host}:${port}/`,
        verb,
        index,
        raw,
        entry: entry.value,
        digitalId: digitalId.value,
      });
    } catch (e) {
      if (!isSbiError(e)) throw e;
      problems.push({ port, index, error: e });
    }
  });
  return { devices, problems };
}

/** Onboarding, the bench and the live view work only with a device that says it is Ready. */
export const isReady = (d: DiscoveredDevice): boolean => d.entry.deviceStatus === 'Ready';

export async function discoverSbi(opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const host = opts.host ?? '127.0.0.1';
  const from = opts.portFrom ?? 4501;
  const to = opts.portTo ?? 4600;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 65535 || from > to || to - from > 1000) {
    throw new SbiError('SBI_BAD_REQUEST', `port range ${from}–${to} is not a range of at most 1001 TCP ports`);
  }
  const base = DEFAULT_LIMITS.discover;
  const deadlineMs = opts.deadlineMs ?? base.deadlineMs;
  const limits = {
    connectTimeoutMs: opts.connectTimeoutMs ?? base.connectTimeoutMs,
    deadlineMs,
    idleTimeoutMs: deadlineMs,
    maxBytes: opts.maxBytes ?? base.maxBytes,
  };
  const started = performance.now();
  const scanEnd = started + (opts.scanDeadlineMs ?? deadlineMs + 500);
  const result: DiscoveryResult = {
    devices: [],
    problems: [],
    answered: [],
    scanned: 0,
    elapsedMs: 0,
  };
  const ports = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  let next = 0;

  const probe = async (port: number): Promise<void> => {
    const left = Math.floor(scanEnd - performance.now());
    if (left <= 0) {
      result.problems.push({
        port,
        error: new SbiError('SBI_TIMEOUT', `port ${port}: not probed before the scan deadline`, {
          port,
          reason: 'scan-deadline',
        }),
      });
      return;
    }
    const client = new SbiClient({ host, port });
    try {
      const answer = await client.discover(opts.type ?? 'Biometric Device', opts.signal, {
        ...limits,
        deadlineMs: Math.min(limits.deadlineMs, left),
        idleTimeoutMs: Math.min(limits.idleTimeoutMs, left),
      });
      result.answered.push(port);
      const read = readDiscoveryAnswer(port, answer.verb, answer.json, host);
      result.devices.push(...read.devices);
      result.problems.push(...read.problems);
    } catch (e) {
      if (!isSbiError(e)) throw e;
      if (e.code === 'SBI_CANCELLED') throw e;
      if (e.code === 'SBI_CONNECT' && e.detail?.reason === 'ECONNREFUSED') return; // nothing listens: not a problem
      if (e.code !== 'SBI_CONNECT') result.answered.push(port);
      result.problems.push({ port, error: e });
    } finally {
      result.scanned++;
    }
  };

  const worker = async (): Promise<void> => {
    while (next < ports.length) {
      if (opts.signal?.aborted) throw new SbiError('SBI_CANCELLED', 'discovery cancelled');
      await probe(ports[next++]!);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 32, ports.length)) }, () => worker());
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const byPort = (a: { port: number; index?: number }, b: { port: number; index?: number }) =>
    a.port - b.port || (a.index ?? -1) - (b.index ?? -1);
  result.devices.sort(byPort);
  result.problems.sort(byPort);
  result.answered.sort((a, b) => a - b);
  result.elapsedMs = performance.now() - started;
  return result;
}
