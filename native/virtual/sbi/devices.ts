/**
 * The virtual device set: one device per modality and purpose, as a vendor's SBI on one host would
 * expose them. Registration devices are L0 (host keys sign the digital ID); Auth devices are L1
 * (an FTM chip key signs the digital ID, sbi.md §2.2). Identifiers follow MockMDS where it has one
 * (double iris "1", slap "2", face "3"), so scripts written for MockMDS find the same ids.
 */
import type { IssuedIdentity } from '../pki.ts';
import { signJws } from '../../../lib/sbi/jws.ts';
import type { VirtualSbiFault } from './faults.ts';
import { sbiTimestamp } from './faults.ts';

export type DeviceStatus = 'Ready' | 'Busy' | 'Not Ready' | 'Not Registered';
export const DEVICE_STATUSES: readonly DeviceStatus[] = ['Ready', 'Busy', 'Not Ready', 'Not Registered'];
export type Modality = 'Finger' | 'Iris' | 'Face';
export type Purpose = 'Registration' | 'Auth';

export interface DeviceSpec {
  deviceId: string;
  type: Modality;
  deviceSubType: 'Slap' | 'Single' | 'Double' | 'Full face';
  purpose: Purpose;
  certification: 'L0' | 'L1';
  /** Printed serial: 12 alphanumerics (sbi.md §2.3); also the deviceCode. */
  serialNo: string;
  model: string;
  deviceSubIds: string[];
}

export const DEVICE_SPECS: readonly DeviceSpec[] = [
  {
    deviceId: '1',
    type: 'Iris',
    deviceSubType: 'Double',
    purpose: 'Registration',
    certification: 'L0',
    serialNo: 'PDVIRISD0001',
    model: 'PD-IRIS-D2',
    deviceSubIds: ['1', '2', '3'],
  },
  {
    deviceId: '2',
    type: 'Finger',
    deviceSubType: 'Slap',
    purpose: 'Registration',
    certification: 'L0',
    serialNo: 'PDVFSLAP0001',
    model: 'PD-SLAP-4',
    deviceSubIds: ['1', '2', '3'],
  },
  {
    deviceId: '3',
    type: 'Face',
    deviceSubType: 'Full face',
    purpose: 'Registration',
    certification: 'L0',
    serialNo: 'PDVFACER0001',
    model: 'PD-FACE-R',
    deviceSubIds: ['0'],
  },
  {
    deviceId: '4',
    type: 'Finger',
    deviceSubType: 'Single',
    purpose: 'Auth',
    certification: 'L1',
    serialNo: 'PDVFSING0001',
    model: 'PD-FINGER-1',
    deviceSubIds: ['0'],
  },
  {
    deviceId: '5',
    type: 'Iris',
    deviceSubType: 'Single',
    purpose: 'Auth',
    certification: 'L1',
    serialNo: 'PDVIRISS0001',
    model: 'PD-IRIS-1',
    deviceSubIds: ['0'],
  },
  {
    deviceId: '6',
    type: 'Face',
    deviceSubType: 'Full face',
    purpose: 'Auth',
    certification: 'L1',
    serialNo: 'PDVFACEA0001',
    model: 'PD-FACE-A',
    deviceSubIds: ['0'],
  },
];

export const DEVICE_MAKE = 'Partner Desk Virtual';
export const SPEC_VERSION = '0.9.5';
export const SERVICE_VERSION = '1.0.0';

export interface VirtualDevice extends DeviceSpec {
  status: DeviceStatus;
  /** 0–100, reported as qualityScore and written into the ISO quality block. */
  quality: number;
  /** Signs deviceInfo and capture data (and the digital ID for L0); rotated on request. */
  deviceKey: IssuedIdentity;
  /** L1 only: the FTM chip key, never rotated (sbi.md §3). */
  chipKey: IssuedIdentity | null;
  /** A capture is running: other captures get "in progress", discovery and info report Busy. */
  capturing: boolean;
}

export const effectiveStatus = (d: VirtualDevice): DeviceStatus =>
  d.status === 'Ready' && d.capturing ? 'Busy' : d.status;

export const FINGERS = {
  left: ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'],
  right: ['Right IndexFinger', 'Right MiddleFinger', 'Right RingFinger', 'Right LittleFinger'],
  thumbs: ['Left Thumb', 'Right Thumb'],
} as const;
export const ALL_FINGERS: readonly string[] = [...FINGERS.left, ...FINGERS.right, ...FINGERS.thumbs];
export const IRISES: readonly string[] = ['Left', 'Right'];

/**
 * The segments a Registration device captures for a deviceSubId (sbi.md §1.9): slap 1 = left four,
 * 2 = right four, 3 = two thumbs; double iris 1 = left, 2 = right, 3 = both; face 0 = one face.
 */
export function registrationSegments(d: DeviceSpec, subId: string): readonly (string | null)[] | null {
  if (d.type === 'Face') return subId === '0' ? [null] : null;
  if (d.type === 'Finger')
    return (
      ({ '1': FINGERS.left, '2': FINGERS.right, '3': FINGERS.thumbs } as Record<string, readonly string[]>)[subId] ??
      null
    );
  return ({ '1': ['Left'], '2': ['Right'], '3': IRISES } as Record<string, readonly string[]>)[subId] ?? null;
}

/** The most items one Auth CAPTURE may ask of a modality (MockMDS: 10 fingers, 2 irises, 1 face). */
export const AUTH_MAX_COUNT: Readonly<Record<Modality, number>> = { Finger: 10, Iris: 2, Face: 1 };

export interface DigitalIdContext {
  now: Date;
  fault: VirtualSbiFault | null;
  deviceProvider: string;
  deviceProviderId: string;
}

export function digitalIdJson(d: VirtualDevice, c: DigitalIdContext): string {
  return JSON.stringify({
    serialNo: d.serialNo,
    make: DEVICE_MAKE,
    model: d.model,
    type: d.type,
    deviceSubType: d.deviceSubType,
    deviceProvider: c.deviceProvider,
    deviceProviderId: c.deviceProviderId,
    dateTime: sbiTimestamp(c.now, c.fault),
  });
}

/** Discovery carries the digital ID unsigned (base64url JSON). */
export const unsignedDigitalId = (d: VirtualDevice, c: DigitalIdContext): string =>
  Buffer.from(digitalIdJson(d, c)).toString('base64url');

/**
 * The signed digital ID of deviceInfo and capture data: L1 → FTM chip key; L0 → device key, or
 * unsigned while the device is not registered (it holds no device certificate to speak of yet).
 */
export function signedDigitalId(d: VirtualDevice, c: DigitalIdContext): string {
  if (d.chipKey) return signJws(digitalIdJson(d, c), d.chipKey.key, d.chipKey.der);
  if (d.status === 'Not Registered') return unsignedDigitalId(d, c);
  return signJws(digitalIdJson(d, c), d.deviceKey.key, d.deviceKey.der);
}
