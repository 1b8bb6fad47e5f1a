/**
 * The enumerations of SBI 0.9.5 (sbi.md §1.9) with the SBI 1.0 aliases folded in. Values are the
 * exact strings on the wire; `normaliseCertification` maps 1.0's trust-level names onto 0.9.5's.
 */
export const DEVICE_STATUSES = ['Ready', 'Busy', 'Not Ready', 'Not Registered'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** L0 = host/software keys ("SBI 1.0"), L1 = FTM-backed ("SBI 2.0"). */
export const CERTIFICATIONS = ['L0', 'L1'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];
const CERTIFICATION_ALIASES: Record<string, Certification> = {
  L0: 'L0',
  L1: 'L1',
  'SBI 1.0': 'L0',
  'SBI 2.0': 'L1',
};
export const normaliseCertification = (raw: string): Certification | null => CERTIFICATION_ALIASES[raw] ?? null;

export const PURPOSES = ['Auth', 'Registration'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const ENVS = ['Staging', 'Developer', 'Pre-Production', 'Production'] as const;
export type Env = (typeof ENVS)[number];
/** deviceInfo of an unregistered device reports env "None". */
export const DEVICE_INFO_ENVS = [...ENVS, 'None'] as const;

export const BIO_TYPES = ['Finger', 'Iris', 'Face'] as const;
export type BioType = (typeof BIO_TYPES)[number];
export const DISCOVERY_TYPES = ['Biometric Device', ...BIO_TYPES] as const;
export type DiscoveryType = (typeof DISCOVERY_TYPES)[number];

export const DEVICE_SUB_TYPES: Record<BioType, readonly string[]> = {
  Finger: ['Slap', 'Single', 'Touchless'],
  Iris: ['Single', 'Double'],
  Face: ['Full face'],
};

export const FINGER_SUB_TYPES = [
  'Left IndexFinger',
  'Left MiddleFinger',
  'Left RingFinger',
  'Left LittleFinger',
  'Left Thumb',
  'Right IndexFinger',
  'Right MiddleFinger',
  'Right RingFinger',
  'Right LittleFinger',
  'Right Thumb',
] as const;
export const IRIS_SUB_TYPES = ['Left', 'Right'] as const;
export const UNKNOWN_SUB_TYPE = 'UNKNOWN';

/** The bioSubType values a response may carry for a modality (face has none). */
export function bioSubTypesOf(type: BioType): readonly string[] {
  if (type === 'Finger') return [...FINGER_SUB_TYPES, UNKNOWN_SUB_TYPE];
  if (type === 'Iris') return [...IRIS_SUB_TYPES, UNKNOWN_SUB_TYPE];
  return [];
}

/**
 * Which response bioSubType fits the requested deviceSubId (CTK ResponseMismatchValidator,
 * sbi.md §1.9). Face is not checked.
 */
export function subTypeFitsSubId(type: BioType, deviceSubId: string, bioSubType: string | null): boolean {
  if (type === 'Face') return true;
  if (bioSubType === null) return false;
  if (type === 'Finger') {
    const left = FINGER_SUB_TYPES.slice(0, 4) as readonly string[];
    const right = FINGER_SUB_TYPES.slice(5, 9) as readonly string[];
    if (deviceSubId === '0') return bioSubTypesOf('Finger').includes(bioSubType);
    if (deviceSubId === '1') return left.includes(bioSubType);
    if (deviceSubId === '2') return right.includes(bioSubType);
    if (deviceSubId === '3') return bioSubType === 'Left Thumb' || bioSubType === 'Right Thumb';
    return false;
  }
  if (deviceSubId === '0') return bioSubTypesOf('Iris').includes(bioSubType);
  if (deviceSubId === '1') return bioSubType === 'Left';
  if (deviceSubId === '2') return bioSubType === 'Right';
  if (deviceSubId === '3') return bioSubType === 'Left' || bioSubType === 'Right';
  return false;
}

/** SBI error codes the specification fixes for device states (sbi.md §1.10). */
export const STATUS_ERROR_CODES: Partial<Record<DeviceStatus, string>> = {
  'Not Registered': '100',
  'Not Ready': '110',
  Busy: '111',
};

/** specVersion values the CTK accepts; devices in the field also send "1.0". */
export const KNOWN_SPEC_VERSIONS = ['0.9.5', '1.0.0', '1.0'] as const;
