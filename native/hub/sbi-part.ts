/**
 * SBI discovery and device info for the UI: a scan of the configured port range, then each
 * answering port's signed device info verified (signature, trust, timestamps). The last scan is
 * cached so screens that open together do not scan twice; a changed device set is announced.
 */
import { AppError } from '../../main/contract/index.ts';
import { discoverSbi } from '../sbi/client/discovery.ts';
import type { DiscoveredDevice } from '../sbi/client/discovery.ts';
import { SbiClient } from '../sbi/client/sbi-client.ts';
import { infoEntryFor } from '../sbi/device-match.ts';
import { isSbiError } from '../../lib/sbi/errors.ts';
import { namingFindings } from '../sbi/naming.ts';
import { checkDeviceInfoAnswer } from '../sbi/verify.ts';
import type { Check, DeviceInfoReport } from '../sbi/verify.ts';
import type { DiscoveredSbiView, DiscoveryView, AnnounceEmit, VerifyContext } from './hub.ts';

export interface SbiPartOptions {
  portFrom: number;
  portTo: number;
  /** A cached scan younger than this is reused unless a refresh is asked for. */
  maxAgeMs: number;
  /** Background rescan period while screens show devices; 0 turns it off. */
  intervalMs: number;
  emit: AnnounceEmit;
}

/** How long after the last request background scans go on (a screen re-asks on every change). */
const WATCH_MS = 5 * 60_000;

const checkView = (c: Check) => ({
  name: c.name,
  result: c.result,
  reason: c.reason ?? null,
  code: c.code ?? null,
});

/** Checks about one entry of a device-info answer, plus the answer-wide ones. */
function checksFor(report: DeviceInfoReport, index: number): Check[] {
  const own = `deviceInfo[${index}]`;
  return report.checks.filter(
    (c) => c.name.startsWith(`${own}.`) || c.name === own || !c.name.startsWith('deviceInfo['),
  );
}

function view(d: DiscoveredDevice, report: DeviceInfoReport | null, infoError: string | null): DiscoveredSbiView {
  const entry = report ? infoEntryFor(d.entry.deviceId, d.digitalId, report.entries) : undefined;
  const checks = entry && report ? checksFor(report, entry.index) : [];
  if (!report)
    checks.push({
      name: 'deviceInfo',
      concern: 'device',
      result: 'fail',
      reason: infoError ?? 'no device info',
      code: 'SBI_MALFORMED',
    });
  else if (!entry)
    checks.push({
      name: 'deviceInfo',
      concern: 'device',
      result: 'fail',
      reason: `device info does not list device ${d.entry.deviceId || d.digitalId.serialNo}`,
      code: 'SBI_MALFORMED',
    });
  const info = entry?.info;
  const error = entry?.error ?? d.entry.error;
  const signed = entry?.signed ?? false;
  // The signed digital ID from device info wins over discovery's unsigned one.
  const digitalId = entry?.digitalId ?? d.digitalId;
  const deviceCode = info?.deviceCode ?? d.entry.deviceCode;
  return {
    port: d.port,
    deviceId: d.entry.deviceId,
    deviceCode,
    deviceStatus: info?.deviceStatus ?? d.entry.deviceStatus,
    error: error.errorCode === '0' ? null : { errorCode: error.errorCode, errorInfo: error.errorInfo },
    certification: info?.certification ?? d.entry.certification,
    purpose: info?.purpose ?? d.entry.purpose,
    type: d.digitalId.type,
    subTypes: [d.digitalId.deviceSubType],
    deviceSubIds: info?.deviceSubIds ?? d.entry.deviceSubIds,
    specVersion: info?.specVersions ?? d.entry.specVersions,
    serviceVersion: info?.serviceVersion ?? d.entry.serviceVersion ?? null,
    digitalId,
    signed,
    // Unsigned info (an unregistered device) has nothing to verify: it is never "verified".
    verified: signed && checks.length > 0 && checks.every((c) => c.result !== 'fail'),
    checks: checks.map(checkView),
    findings: namingFindings(deviceCode, digitalId),
  };
}

export class SbiPart {
  private cache: { at: number; view: DiscoveryView; key: string } | null = null;
  private inflight: Promise<DiscoveryView> | null = null;
  /** Background rescans run for a while after a screen last asked, so a device plugged in shows up unasked. */
  private watch: { timer: NodeJS.Timeout; lastAsked: number; ctx: () => VerifyContext } | null = null;

  constructor(private readonly opts: SbiPartOptions) {}

  /** Bumped when the device set is known to have changed: a scan started before that is not cached. */
  private generation = 0;

  invalidate(): void {
    this.cache = null;
    this.generation++;
  }

  stop(): void {
    if (this.watch) clearInterval(this.watch.timer);
    this.watch = null;
  }

  async discover(ctx: VerifyContext & { refresh: boolean; again?: () => VerifyContext }): Promise<DiscoveryView> {
    if (ctx.again && this.opts.intervalMs > 0) this.keepWatching(ctx.again);
    if (!ctx.refresh && this.cache && Date.now() - this.cache.at < this.opts.maxAgeMs) return this.cache.view;
    // A refresh means "now": it never joins a scan that started before it.
    if (ctx.refresh) return this.scan(ctx);
    this.inflight ??= this.scan(ctx).finally(() => (this.inflight = null));
    return this.inflight;
  }

  private keepWatching(again: () => VerifyContext): void {
    if (this.watch) {
      this.watch.lastAsked = Date.now();
      this.watch.ctx = again;
      return;
    }
    const timer = setInterval(() => {
      const w = this.watch;
      if (!w) return;
      if (Date.now() - w.lastAsked > Math.max(WATCH_MS, 2 * this.opts.intervalMs)) return this.stop();
      this.inflight ??= this.scan(w.ctx())
        .catch(() => this.cache?.view ?? null)
        .then((v) => v as DiscoveryView)
        .finally(() => (this.inflight = null));
    }, this.opts.intervalMs);
    timer.unref();
    this.watch = { timer, lastAsked: Date.now(), ctx: again };
  }

  /** One device, read and verified now (not from the cache). */
  async inspect(ctx: VerifyContext & { port: number; deviceId: string }): Promise<DiscoveredSbiView> {
    const scan = await discoverSbi({ portFrom: ctx.port, portTo: ctx.port, scanDeadlineMs: 3000 });
    const device = scan.devices.find((d) => d.entry.deviceId === ctx.deviceId);
    if (!device) {
      const problem = scan.problems[0]?.error;
      throw new AppError(
        'PD_HW_001',
        problem ? `Port ${ctx.port}: ${problem.message}` : `No device "${ctx.deviceId}" answers on port ${ctx.port}.`,
      );
    }
    const infos = await this.deviceInfo(ctx.port, ctx);
    return view(device, infos.report, infos.error);
  }

  private async deviceInfo(
    port: number,
    ctx: VerifyContext,
  ): Promise<{ report: DeviceInfoReport | null; error: string | null }> {
    try {
      const answer = await new SbiClient({ port }).deviceInfo();
      return {
        report: checkDeviceInfoAnswer(answer.json, {
          trust: ctx.trust,
          now: ctx.now,
          ...(ctx.orgName ? { expectedOrg: ctx.orgName } : {}),
        }),
        error: null,
      };
    } catch (e) {
      if (isSbiError(e)) return { report: null, error: `${e.code}: ${e.message}` };
      throw e;
    }
  }

  private async scan(ctx: VerifyContext): Promise<DiscoveryView> {
    const generation = this.generation;
    const result = await discoverSbi({ portFrom: this.opts.portFrom, portTo: this.opts.portTo });
    const ports = [...new Set(result.devices.map((d) => d.port))];
    const infos = new Map(await Promise.all(ports.map(async (p) => [p, await this.deviceInfo(p, ctx)] as const)));
    const devices = result.devices.map((d) => {
      const info = infos.get(d.port);
      return view(d, info?.report ?? null, info?.error ?? null);
    });
    const out: DiscoveryView = {
      scannedAt: ctx.now.toISOString(),
      portFrom: this.opts.portFrom,
      portTo: this.opts.portTo,
      devices,
      problems: result.problems.map((p) => ({
        port: p.port,
        code: p.error.code,
        message: p.error.message,
      })),
    };
    if (generation !== this.generation) return out; // stale: the device set changed while scanning
    const key = devices.map((d) => `${d.port}/${d.deviceId}/${d.deviceStatus}`).join('|');
    if (this.cache && this.cache.key !== key) this.opts.emit('hardware.changed', { source: 'sbi' });
    this.cache = { at: Date.now(), view: out, key };
    return out;
  }
}
