import { describe, expect, it } from 'vitest';
import { namingFindings, SERIAL_NO_MIN_LENGTH } from '../../../native/sbi/naming.ts';

describe('deviceCode and serialNo findings', () => {
  it('none when deviceCode equals a serialNo of at least 12 letters or digits', () => {
    expect(SERIAL_NO_MIN_LENGTH).toBe(12);
    expect(namingFindings('PDVFSLAP0001', { serialNo: 'PDVFSLAP0001' })).toEqual([]);
    expect(namingFindings('abcDEF1234567890', { serialNo: 'abcDEF1234567890' })).toEqual([]);
  });

  it('flags a deviceCode that differs from the serialNo, naming both', () => {
    const [f, ...rest] = namingFindings('2', { serialNo: 'PDVFSLAP0001' });
    expect(rest).toEqual([]);
    expect(f).toEqual({
      code: 'SBI_DEVICE_CODE_DIFFERS',
      deviceCode: '2',
      serialNo: 'PDVFSLAP0001',
      message: expect.stringMatching(/deviceCode "2" differs from the digital ID's serialNo "PDVFSLAP0001"/),
    });
  });

  it("flags MockMDS's 10-digit serial and a serial with other characters against the length rule", () => {
    expect(namingFindings('1234567890', { serialNo: '1234567890' }).map((f) => [f.code, f.message])).toEqual([
      [
        'SBI_SERIAL_NO_RULE',
        'serialNo "1234567890" has 10 character(s); the specification asks for at least 12 letters or digits',
      ],
    ]);
    expect(namingFindings('PDV-SLAP-0001', { serialNo: 'PDV-SLAP-0001' }).map((f) => f.code)).toEqual([
      'SBI_SERIAL_NO_RULE',
    ]);
    expect(namingFindings('X', { serialNo: 'Y' }).map((f) => f.code)).toEqual([
      'SBI_DEVICE_CODE_DIFFERS',
      'SBI_SERIAL_NO_RULE',
    ]);
  });

  it('nothing to compare for an unregistered device without deviceCode, or without a digital ID', () => {
    expect(namingFindings('', { serialNo: 'PDVFSLAP0001' })).toEqual([]);
    expect(namingFindings('PDVFSLAP0001', null)).toEqual([]);
  });
});
