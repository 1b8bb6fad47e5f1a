/**
 * MOSIPDINFO / SBIINFO (sbi.md §1.5): no request body in 0.9.5 (`{type, specVersion}` in 1.0);
 * the response is an array of `{deviceInfo, error}` where deviceInfo is a JWS signed by the device
 * key, or bare base64url JSON for an unregistered device.
 */
import { z } from 'zod';
import { blob, nonEmpty, sbiErrorSchema, text } from './common.ts';
import { deviceFields, requireSerial } from './discovery.ts';
import type { DiscoveryEntry } from './discovery.ts';
import { DEVICE_INFO_ENVS, DISCOVERY_TYPES } from './enums.ts';

export const deviceInfoRequestSchema = z.object({
  type: z.enum(DISCOVERY_TYPES).optional(),
  specVersion: nonEmpty.optional(),
});
export type DeviceInfoRequest = z.output<typeof deviceInfoRequestSchema>;

export const DEVICE_INFO_ITEM_KEYS = ['deviceInfo', 'error'] as const;
export const DEVICE_INFO_PAYLOAD_KEYS = [
  'deviceStatus',
  'deviceId',
  'firmware',
  'certification',
  'serviceVersion',
  'deviceSubId',
  'callbackId',
  'digitalId',
  'deviceCode',
  'env',
  'purpose',
  'specVersion',
] as const;

export const deviceInfoItemSchema = z.object({ deviceInfo: blob, error: sbiErrorSchema });
export const deviceInfoResponseSchema = z.array(deviceInfoItemSchema).min(1).max(64);
export type DeviceInfoItem = z.output<typeof deviceInfoItemSchema>;

export interface DeviceInfoPayload extends Omit<DiscoveryEntry, 'digitalId' | 'error'> {
  firmware: string;
  env: (typeof DEVICE_INFO_ENVS)[number];
  /** The nested digitalId as sent (a JWS, or unsigned base64url JSON when unregistered). */
  digitalId: string;
}

export const deviceInfoPayloadSchema = z
  .object({ ...deviceFields, firmware: text.optional().default(''), env: z.enum(DEVICE_INFO_ENVS) })
  .superRefine(requireSerial)
  .transform((e): DeviceInfoPayload => ({
    deviceId: e.deviceId ?? e.serialNo ?? '',
    deviceCode: e.deviceCode ?? e.serialNo ?? '',
    deviceStatus: e.deviceStatus,
    certification: e.certification,
    serviceVersion: e.serviceVersion,
    deviceSubIds: e.deviceSubId,
    callbackId: e.callbackId,
    digitalId: e.digitalId,
    specVersions: e.specVersion,
    purpose: e.purpose,
    sbi10: e.deviceId === undefined,
    firmware: e.firmware,
    env: e.env,
  }));
