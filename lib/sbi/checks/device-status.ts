/**
 * deviceInfo status rules (sbi.md §1.5, §1.10): a Ready device answers with error 0; Busy, Not
 * Ready and Not Registered come with an error (111, 110 and 100 in the specification — required
 * exactly only in strict mode, since the CTK's own schemas accept any three-digit code for Busy).
 */
import { STATUS_ERROR_CODES } from '../wire/index.ts';
import type { DeviceInfoPayload, SbiWireError } from '../wire/index.ts';
import { fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

export function checkDeviceStatus(
  info: DeviceInfoPayload | null,
  error: SbiWireError,
  name: string,
  strict: boolean,
): Check {
  if (!info) return skip(name, 'status', 'no readable deviceInfo');
  const status = info.deviceStatus;
  if (status === 'Ready') {
    return error.errorCode === '0'
      ? pass(name, 'status')
      : fail(name, 'status', 'SBI_MALFORMED', `status Ready with error ${error.errorCode}`, {
          status,
          errorCode: error.errorCode,
        });
  }
  if (error.errorCode === '0')
    return fail(name, 'status', 'SBI_MALFORMED', `status ${status} with error 0 (Success)`, {
      status,
      errorCode: '0',
    });
  const expected = STATUS_ERROR_CODES[status];
  if (strict && expected !== undefined && error.errorCode !== expected) {
    return fail(
      name,
      'status',
      'SBI_MALFORMED',
      `status ${status} must come with error ${expected}, not ${error.errorCode}`,
      { status, errorCode: error.errorCode, expected },
    );
  }
  return pass(name, 'status', `${status} (error ${error.errorCode})`);
}
