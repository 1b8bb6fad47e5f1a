/**
 * MOSIPDINFO / SBIINFO (sbi.md §1.5): per device a `deviceInfo` JWS signed with the device key,
 * holding the signed digital ID. Busy → 111, Not Ready → 110 (still signed); Not Registered → the
 * payload only base64url-encoded, env "None", purpose "" and error 100 exactly as CTK expects.
 */
import { signJws } from '../../../lib/sbi/jws.ts';
import { SUCCESS, sbiError, statusError } from './codes.ts';
import { callbackId, digitalIdContext } from './context.ts';
import type { SbiContext } from './context.ts';
import { SERVICE_VERSION, SPEC_VERSION, effectiveStatus, signedDigitalId } from './devices.ts';
import type { VirtualDevice } from './devices.ts';
import { breakSignature } from './faults.ts';

const ENV = 'Developer';

export function deviceInfoItem(ctx: SbiContext, d: VirtualDevice) {
  const status = effectiveStatus(d);
  const registered = status !== 'Not Registered';
  const payload = JSON.stringify({
    specVersion: [SPEC_VERSION],
    env: registered ? ENV : 'None',
    digitalId: signedDigitalId(d, digitalIdContext(ctx)),
    deviceId: d.deviceId,
    deviceCode: d.serialNo,
    purpose: registered ? d.purpose : '',
    serviceVersion: SERVICE_VERSION,
    deviceStatus: status,
    // L0 reports the service version as firmware (sbi.md §1.5); the L1 devices have an FTM firmware.
    firmware: d.certification === 'L0' ? SERVICE_VERSION : 'PD-VFTM-1.0',
    certification: d.certification,
    deviceSubId: [...d.deviceSubIds],
    callbackId: callbackId(ctx),
  });
  if (!registered)
    return {
      deviceInfo: Buffer.from(payload).toString('base64url'),
      error: statusError(status) ?? SUCCESS,
    };
  const signed = signJws(payload, d.deviceKey.key, d.deviceKey.der);
  const deviceInfo = ctx.fault === 'bad-signature' ? breakSignature(signed) : signed;
  return { deviceInfo, error: statusError(status) ?? SUCCESS };
}

/** 0.9.5 sends no body; the SBI 1.0 form {type, specVersion} narrows the answer to one type. */
export function deviceInfo(ctx: SbiContext, body: Buffer) {
  let type: unknown;
  if (body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        type = (parsed as Record<string, unknown>).type;
    } catch {
      // 0.9.5 has no request body: whatever came is ignored, as a device would.
    }
  }
  const narrow = typeof type === 'string' && type !== 'Biometric Device';
  const items = [...ctx.devices.values()].filter((d) => !narrow || d.type === type).map((d) => deviceInfoItem(ctx, d));
  return items.length > 0 ? items : [{ deviceInfo: '', error: sbiError('106') }];
}
