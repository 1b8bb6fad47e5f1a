import { AppError } from '../../contract/index.ts';
import type { DiscoveredSbiView } from '../hardware/service.ts';
import { trustStoreOf } from '../certificates/trust.ts';
import type { QueryCtx } from '../context.ts';

/** Why a device may not capture now; null when it may (verified, Ready, Auth purpose). */
export function refusalOf(d: DiscoveredSbiView): { code: 'PD_ASR_002' | 'PD_ASR_003'; reason: string } | null {
  const failed = d.checks.find((c) => c.result === 'fail');
  const untrusted = {
    code: 'PD_ASR_002' as const,
    reason: failed
      ? `${failed.code ?? 'SBI'}: ${failed.reason ?? failed.name}`.slice(0, 300)
      : 'the device info is not signed',
  };
  // An unverified Ready device is untrusted; a device not Ready says so first (Not Registered is unsigned by rule).
  if (d.deviceStatus === 'Ready') return d.verified ? null : untrusted;
  const why = d.error ? `${d.deviceStatus} (${d.error.errorCode}: ${d.error.errorInfo})` : d.deviceStatus;
  return { code: 'PD_ASR_003', reason: why.slice(0, 300) };
}

function sbiPort(ctx: QueryCtx, port: number): number {
  const { sbiPortFrom, sbiPortTo } = ctx.deps.config.hardware;
  if (port < sbiPortFrom || port > sbiPortTo)
    throw new AppError('PD_HW_001', `Port ${port} is outside the SBI port range ${sbiPortFrom}–${sbiPortTo}.`, {
      port: 'PD_HW_001',
    });
  return port;
}

/**
 * The device is read and verified now, as the hardware layer does (signed device info, DEVICE/FTM
 * trust, time), and must be an Auth device that is Ready: otherwise refused before any capture.
 */
export async function checkAuthDevice(ctx: QueryCtx, port: number, deviceId: string): Promise<DiscoveredSbiView> {
  let device: DiscoveredSbiView;
  const allowed = sbiPort(ctx, port);
  try {
    device = await ctx.deps.hardware.inspect({
      trust: trustStoreOf(ctx.db),
      now: ctx.now,
      port: allowed,
      deviceId,
    });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'PD_HW_001' || e.code === 'PD_HW_002'))
      throw new AppError('PD_ASR_001', e.message, { deviceId: 'PD_ASR_001' });
    throw e;
  }
  if (device.purpose !== 'Auth' && device.deviceStatus !== 'Not Registered') {
    throw new AppError(
      'PD_ASR_001',
      `Device ${deviceId} is a ${device.purpose || 'unknown'}-purpose device; authentication needs an Auth device.`,
      { deviceId: 'PD_ASR_001' },
    );
  }
  const refusal = refusalOf(device);
  if (refusal)
    throw new AppError(refusal.code, `The device cannot be used: ${refusal.reason}`, undefined, {
      reason: refusal.reason,
    });
  return device;
}

export async function listAuthDevices(ctx: QueryCtx, refresh: boolean) {
  const scan = await ctx.deps.hardware.discover({
    trust: trustStoreOf(ctx.db),
    now: ctx.now,
    refresh,
  });
  const devices = scan.devices
    .filter((d) => d.purpose === 'Auth')
    .map((d) => ({
      port: d.port,
      deviceId: d.deviceId,
      modality: d.type,
      subType: d.subTypes[0] ?? '',
      deviceStatus: d.deviceStatus,
      serialNo: d.digitalId?.serialNo ?? null,
      make: d.digitalId?.make ?? null,
      model: d.digitalId?.model ?? null,
      verified: d.verified,
      refusal: refusalOf(d),
    }));
  return { devices, scannedAt: scan.scannedAt };
}
