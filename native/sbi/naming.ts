/**
 * One name for one thing (sbi.md §1.4, §2.3): a discovery or deviceInfo entry carries `deviceCode`,
 * the digital ID carries the printed `serialNo`. The specification says they are equal and that
 * the serial number has at least 12 alphanumerics; devices in the field differ (MockMDS prints 10
 * digits). Neither stops the desk from reading the device, so both are findings, not failures.
 */
import type { DigitalId } from '../../lib/sbi/wire/index.ts';

export const SERIAL_NO_MIN_LENGTH = 12;
const SERIAL_NO = /^[A-Za-z0-9]+$/;

export type SbiFindingCode = 'SBI_DEVICE_CODE_DIFFERS' | 'SBI_SERIAL_NO_RULE';

export interface SbiFinding {
  code: SbiFindingCode;
  /** English, for the CLI and reports; the UI words it from the code and the values. */
  message: string;
  deviceCode: string;
  serialNo: string;
}

/** What is off about the device's names; [] when deviceCode = serialNo and serialNo follows the rule. */
export function namingFindings(deviceCode: string, digitalId: Pick<DigitalId, 'serialNo'> | null): SbiFinding[] {
  if (!digitalId) return [];
  const serialNo = digitalId.serialNo;
  const out: SbiFinding[] = [];
  // An unregistered device may send no deviceCode at all (MockMDS): nothing to compare yet.
  if (deviceCode !== '' && deviceCode !== serialNo) {
    out.push({
      code: 'SBI_DEVICE_CODE_DIFFERS',
      message: `deviceCode "${deviceCode}" differs from the digital ID's serialNo "${serialNo}" (the specification says they are equal)`,
      deviceCode,
      serialNo,
    });
  }
  if (serialNo.length < SERIAL_NO_MIN_LENGTH || !SERIAL_NO.test(serialNo)) {
    out.push({
      code: 'SBI_SERIAL_NO_RULE',
      message: `serialNo "${serialNo}" has ${serialNo.length} character(s); the specification asks for at least ${SERIAL_NO_MIN_LENGTH} letters or digits`,
      deviceCode,
      serialNo,
    });
  }
  return out;
}
