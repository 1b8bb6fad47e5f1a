/**
 * Error codes the virtual device answers with: the SBI 0.9.5 table (0, 100–112) with the
 * specification's meanings, MockMDS's extensions where the specification has no code
 * (sbi.md §1.10), and one vendor code of our own (520). Messages are ours.
 */
export const SBI_DEVICE_ERRORS = {
  '0': 'Success',
  '100': 'Device not registered',
  '101': 'Unable to detect a biometric object',
  '102': 'Technical error during extraction',
  '106': 'Device not found',
  '107': 'Device public key expired',
  '109': 'Requested number of biometric (Finger/IRIS) not supported',
  '110': 'Device is not ready',
  '111': 'Device is Busy',
  '112': 'Invalid Transaction ID',
  '114': 'Device type mismatch',
  '115': 'env value mismatch',
  '117': 'exception value mismatch',
  '119': 'bioSubType value mismatch',
  '120': 'Device type and deviceId mismatch',
  '121': 'purpose mismatch',
  '122': 'bioSubType or exception not valid for the device type',
  '123': 'Invalid request',
  '500': 'Invalid URL',
  '501': 'Invalid discovery request',
  '502': 'Biometric type mismatch',
  '520': 'Request body too large',
  '601': 'Stream is not available for Auth devices',
  '604': 'deviceId is missing',
  '605': 'No device found for the given deviceId and deviceSubId',
  '606': 'Device purpose does not allow streaming',
  '607': 'Device is not ready or busy',
  '609': 'Stream timeout',
  '610': 'Invalid stream request',
  '701': 'Capture timeout: no biometric object detected',
  '702': 'deviceSubId does not belong to the device',
  '703': 'Capture already in progress',
  '704': 'deviceId is missing',
  '705': 'No device found for the given deviceId',
  '706': 'RCAPTURE is only for Registration devices',
  '801': 'Capture timeout: no biometric object detected',
  '802': 'deviceSubId does not belong to the device',
  '803': 'Capture already in progress',
  '804': 'deviceId is missing',
  '805': 'No device found for the given deviceId',
  '806': 'CAPTURE is only for Auth devices',
} as const;

export type SbiDeviceErrorCode = keyof typeof SBI_DEVICE_ERRORS;

export interface SbiErrorInfo {
  errorCode: string;
  errorInfo: string;
}

/** `detail` is appended after the stable message, e.g. the name of a missing field. */
export function sbiError(code: SbiDeviceErrorCode, detail?: string): SbiErrorInfo {
  return {
    errorCode: code,
    errorInfo: detail ? `${SBI_DEVICE_ERRORS[code]}: ${detail}` : SBI_DEVICE_ERRORS[code],
  };
}

export const SUCCESS: SbiErrorInfo = sbiError('0');

/** A failed capture item (sbi.md §1.6 ErrorCaptureResponseSchema; MockMDS sends data and hash ""). */
export const errorCaptureItem = (specVersion: string, error: SbiErrorInfo) => ({
  specVersion,
  data: '',
  hash: '',
  error,
});

/** A capture request refused as a whole: one error item. */
export const captureError = (code: SbiDeviceErrorCode, detail?: string, specVersion = '0.9.5') => ({
  biometrics: [errorCaptureItem(specVersion, sbiError(code, detail))],
});

/** The error the specification pairs with a device status (sbi.md §1.10); null for Ready. */
export function statusError(status: 'Ready' | 'Busy' | 'Not Ready' | 'Not Registered'): SbiErrorInfo | null {
  if (status === 'Busy') return sbiError('111');
  if (status === 'Not Ready') return sbiError('110');
  if (status === 'Not Registered') return sbiError('100');
  return null;
}
