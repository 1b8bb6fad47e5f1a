/**
 * MOSIPDISC / SBIDISC (sbi.md §1.4): one item per device matching the requested type ("Biometric
 * Device" = any), with the digital ID unsigned. An unknown type — including the upper-cased
 * "FINGER" of CTK case 1196 — is answered with one error item (502, as MockMDS does). A device
 * that is not Ready says so with its status and the error the specification gives that status
 * (Busy 111, Not Ready 110, Not Registered 100), as MockMDS does.
 */
import { SUCCESS, sbiError, statusError } from './codes.ts';
import type { SbiDeviceErrorCode } from './codes.ts';
import { callbackId, digitalIdContext } from './context.ts';
import type { SbiContext } from './context.ts';
import { SERVICE_VERSION, SPEC_VERSION, effectiveStatus, unsignedDigitalId } from './devices.ts';
import type { VirtualDevice } from './devices.ts';

const TYPES = ['Biometric Device', 'Finger', 'Face', 'Iris'] as const;

export const discoveryError = (code: SbiDeviceErrorCode, detail?: string) => [
  {
    deviceId: '',
    deviceStatus: '',
    certification: '',
    serviceVersion: '',
    deviceSubId: [],
    callbackId: '',
    digitalId: '',
    deviceCode: '',
    specVersion: [],
    purpose: '',
    error: sbiError(code, detail),
  },
];

export function discoveryItem(ctx: SbiContext, d: VirtualDevice) {
  const status = effectiveStatus(d);
  return {
    deviceId: d.deviceId,
    deviceStatus: status,
    certification: d.certification,
    serviceVersion: SERVICE_VERSION,
    deviceSubId: [...d.deviceSubIds],
    callbackId: callbackId(ctx),
    digitalId: unsignedDigitalId(d, digitalIdContext(ctx)),
    deviceCode: d.serialNo,
    specVersion: [SPEC_VERSION],
    // An unregistered device has no purpose yet (sbi.md §1.4).
    purpose: status === 'Not Registered' ? '' : d.purpose,
    error: statusError(status) ?? SUCCESS,
  };
}

/** `body` is the raw request body; an empty body means "any device" (GET / of MockMDS). */
export function discover(ctx: SbiContext, body: Buffer) {
  let type: unknown = 'Biometric Device';
  if (body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return discoveryError('501', 'body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return discoveryError('501', 'body is not a JSON object');
    type = (parsed as Record<string, unknown>).type;
  }
  if (typeof type !== 'string') return discoveryError('501', 'type is missing');
  if (!(TYPES as readonly string[]).includes(type))
    return discoveryError('502', `unknown type ${JSON.stringify(type.slice(0, 40))}`);
  const items = [...ctx.devices.values()]
    .filter((d) => type === 'Biometric Device' || d.type === type)
    .map((d) => discoveryItem(ctx, d));
  return items.length > 0 ? items : discoveryError('106');
}
