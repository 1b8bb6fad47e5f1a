/**
 * Typed failures of the HID transport. A device's reports are untrusted input: whatever it sends,
 * the caller gets one of these codes, never a crash or a hang.
 *
 * The first group is what a device reports in an ERROR reply (CTAPHID's error bytes); the second is
 * what the host side detects itself.
 */
export const HID_DEVICE_ERROR_BYTES = {
  INVALID_CMD: 0x01, // command unknown to the device
  INVALID_PAR: 0x02, // a parameter in the payload is invalid
  INVALID_LEN: 0x03, // payload length out of range for the command
  INVALID_SEQ: 0x04, // a continuation packet arrived out of sequence
  MSG_TIMEOUT: 0x05, // the device gave up waiting for the rest of a message
  CHANNEL_BUSY: 0x06, // the device is busy with a transaction on another channel
  LOCK_REQUIRED: 0x0a, // the command needs a channel lock (not used by FTM)
  INVALID_CHANNEL: 0x0b, // the channel id was not allocated by INIT
  OTHER: 0x7f, // unspecified device error
} as const;
export type HidDeviceErrorCode = keyof typeof HID_DEVICE_ERROR_BYTES;

export const HID_LOCAL_ERROR_CODES = [
  'TIMEOUT', // no sign of life from the device within the request's timeout
  'DEVICE_GONE', // the device was unplugged or its report interface closed
  'CLOSED', // the transport was closed by its owner
  'OPEN_FAILED', // the HID device could not be opened (missing, permissions)
  'PROTOCOL', // the device broke the framing: wrong sequence, wrong command, bad length
  'MALFORMED_REPORT', // a report that is not 64 bytes
  'TOO_LARGE', // the request payload exceeds the 7609-byte maximum
  'ABORTED', // the caller's AbortSignal fired
] as const;
export type HidLocalErrorCode = (typeof HID_LOCAL_ERROR_CODES)[number];

export type HidErrorCode = HidDeviceErrorCode | HidLocalErrorCode;

export const HID_ERROR_CODES: readonly HidErrorCode[] = [
  ...(Object.keys(HID_DEVICE_ERROR_BYTES) as HidDeviceErrorCode[]),
  ...HID_LOCAL_ERROR_CODES,
];

export class HidError extends Error {
  constructor(
    readonly code: HidErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HidError';
  }
}

export const isHidError = (e: unknown): e is HidError => e instanceof HidError;

const BY_BYTE = new Map<number, HidDeviceErrorCode>(
  Object.entries(HID_DEVICE_ERROR_BYTES).map(([k, v]) => [v, k as HidDeviceErrorCode]),
);

/** The error an ERROR reply stands for; an unknown byte is OTHER (the byte stays in the message). */
export function deviceError(byte: number | undefined): HidError {
  const code = byte === undefined ? undefined : BY_BYTE.get(byte);
  if (code) return new HidError(code, `device error ${code} (0x${byte!.toString(16).padStart(2, '0')})`);
  return new HidError(
    'OTHER',
    byte === undefined ? 'device error without a code' : `device error 0x${byte.toString(16).padStart(2, '0')}`,
  );
}

export const isDeviceErrorCode = (code: HidErrorCode): code is HidDeviceErrorCode => code in HID_DEVICE_ERROR_BYTES;
