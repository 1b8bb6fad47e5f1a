/**
 * MOSIPDISC / SBIDISC (sbi.md §1.4): request `{type}` (1.0 adds specVersion), response an array
 * with one entry per device or sub-device. SBI 1.0 names (serialNo, "SBI 1.0"/"SBI 2.0") are
 * folded into one model. The entry's `deviceCode` keeps its spec name: it is not the digital ID's
 * `serialNo`, even though the specification says the two are equal (naming.ts flags when not).
 */
import { z } from 'zod';
import { blob, nonEmpty, nonEmptyStringish, sbiErrorSchema, text } from './common.ts';
import type { SbiWireError } from './common.ts';
import { DEVICE_STATUSES, DISCOVERY_TYPES, normaliseCertification, PURPOSES } from './enums.ts';
import type { Certification } from './enums.ts';

export const discoveryRequestSchema = z.object({
  type: z.enum(DISCOVERY_TYPES),
  specVersion: nonEmpty.optional(),
});
export type DiscoveryRequest = z.output<typeof discoveryRequestSchema>;

export const DISCOVERY_ENTRY_KEYS = [
  'deviceId',
  'deviceStatus',
  'certification',
  'serviceVersion',
  'deviceSubId',
  'callbackId',
  'digitalId',
  'deviceCode',
  'specVersion',
  'purpose',
  'error',
] as const;

export const certificationSchema = nonEmpty.transform((raw, ctx) => {
  const level = normaliseCertification(raw);
  if (!level) {
    ctx.addIssue({ code: 'custom', message: 'must be L0, L1, "SBI 1.0" or "SBI 2.0"' });
    return z.NEVER;
  }
  return level;
});

/** "" (unregistered) or Auth/Registration. */
export const purposeOrEmpty = z.union([z.enum(PURPOSES), z.literal('')]);
export const specVersions = z.array(nonEmpty).min(1).max(16);
export const subIds = z.array(nonEmptyStringish).max(16);

/** Fields shared by discovery entries and deviceInfo payloads. */
export const deviceFields = {
  /** Empty only for a Not Registered device (MockMDS blanks it, refined below). */
  deviceId: text.optional(),
  /** 0.9.5: deviceCode (= serial number); 1.0: serialNo. One of them is required (refined below). */
  deviceCode: text.optional(),
  serialNo: text.optional(),
  deviceStatus: z.enum(DEVICE_STATUSES),
  certification: certificationSchema,
  serviceVersion: text.optional().default(''),
  deviceSubId: subIds,
  callbackId: text.optional().default(''),
  digitalId: blob,
  specVersion: specVersions,
  purpose: purposeOrEmpty,
};

interface DeviceFieldsOut {
  deviceId?: string | undefined;
  deviceCode?: string | undefined;
  serialNo?: string | undefined;
  deviceStatus: (typeof DEVICE_STATUSES)[number];
}

/**
 * deviceCode (0.9.5) or serialNo (1.0) is required, and so is deviceId (or 1.0's serialNo). A Not
 * Registered device has no identity yet: MockMDS sends both as "" then, which is read, not refused.
 */
export function requireSerial(d: DeviceFieldsOut, ctx: z.RefinementCtx): void {
  const given = (v: string | undefined) => v !== undefined && (v !== '' || d.deviceStatus === 'Not Registered');
  if (!given(d.deviceCode) && !given(d.serialNo))
    ctx.addIssue({
      code: 'custom',
      path: ['deviceCode'],
      message: 'deviceCode (0.9.5) or serialNo (1.0) is required',
    });
  if (!given(d.deviceId) && !given(d.serialNo))
    ctx.addIssue({
      code: 'custom',
      path: ['deviceId'],
      message: 'deviceId (0.9.5) or serialNo (1.0) is required',
    });
}

const rawEntrySchema = z.object({ ...deviceFields, error: sbiErrorSchema }).superRefine(requireSerial);

/** One discovered device, 0.9.5 and 1.0 alike. */
export interface DiscoveryEntry {
  /** The id later calls address (0.9.5 deviceId; a 1.0 device is addressed by serialNo). "" when Not Registered. */
  deviceId: string;
  /** The entry's deviceCode (1.0 sends it as serialNo). Not the digital ID's serialNo. */
  deviceCode: string;
  deviceStatus: (typeof DEVICE_STATUSES)[number];
  certification: Certification;
  serviceVersion: string;
  deviceSubIds: string[];
  callbackId: string;
  /** Raw (unsigned) digitalId as sent. */
  digitalId: string;
  specVersions: string[];
  purpose: (typeof PURPOSES)[number] | '';
  /** The device speaks the 1.0 names (serialNo instead of deviceId/deviceCode). */
  sbi10: boolean;
  /** Success, or the device's error that comes with Busy (111), Not Ready (110), Not Registered (100). */
  error: SbiWireError;
}

export const discoveryEntrySchema = rawEntrySchema.transform((e): DiscoveryEntry => ({
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
  error: e.error,
}));

/** The envelope: an array whose items at least carry an error object (error items carry little else). */
export const discoveryResponseSchema = z
  .array(z.looseObject({ error: sbiErrorSchema }))
  .min(1)
  .max(64);
