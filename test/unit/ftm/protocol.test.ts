import { describe, expect, it } from 'vitest';
import {
  FTM_REPORT_DESCRIPTOR,
  POP_DOMAIN,
  decodeChain,
  decodeInfo,
  decodeSignature,
  encodeChain,
  encodeInfo,
  encodeSignature,
  popMessage,
} from '../../../native/ftm/protocol.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const info = { make: 'Acme', model: 'FTM-1', serial: 'SN-0001', firmware: '2.1.0' };

describe('FTM protocol payloads', () => {
  it('INFO: UTF-8 JSON round trip; unknown extra keys are tolerated', () => {
    expect(decodeInfo(encodeInfo(info))).toEqual(info);
    expect(decodeInfo(utf8(JSON.stringify({ ...info, vendorExtra: 1 })))).toEqual(info);
  });

  it.each([
    ['not JSON', utf8('{make'), /not UTF-8 JSON/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8 JSON/],
    ['an array', utf8('[1,2]'), /\(root\)/],
    ['a missing serial', utf8(JSON.stringify({ make: 'a', model: 'b', firmware: 'c' })), /serial/],
    ['an empty make', utf8(JSON.stringify({ ...info, make: '' })), /make/],
    ['a control character', utf8(JSON.stringify({ ...info, model: 'a\u0007b' })), /model printable ASCII/],
    ['a 65-character field', utf8(JSON.stringify({ ...info, firmware: 'x'.repeat(65) })), /firmware/],
    ['more than 1024 bytes', utf8(JSON.stringify({ ...info, pad: 'x'.repeat(1100) })), /exceeds 1024/],
  ])('INFO: %s is FTM_MALFORMED', (_name, bytes, message) => {
    expect(() => decodeInfo(bytes)).toThrow(
      expect.objectContaining({ code: 'FTM_MALFORMED', message: expect.stringMatching(message) }),
    );
  });

  it('GET_CERT: count and big-endian lengths, leaf first', () => {
    const a = new Uint8Array(300).fill(1);
    const b = new Uint8Array([2, 2]);
    const encoded = encodeChain([a, b]);
    expect(Array.from(encoded.subarray(0, 3))).toEqual([2, 0x01, 0x2c]);
    expect(decodeChain(encoded)).toEqual([a, b]);
    expect(() => encodeChain([])).toThrow(RangeError);
    expect(() => encodeChain([new Uint8Array(7000), new Uint8Array(700)])).toThrow(/exceeds 7609/);
  });

  it.each([
    ['empty', []],
    ['count 0', [0]],
    ['count 9', [9]],
    ['a length cut off', [1, 0x00]],
    ['a zero length', [1, 0, 0]],
    ['a length past the end', [1, 0, 5, 1, 2]],
    ['trailing bytes', [1, 0, 1, 0x30, 0xaa]],
  ])('GET_CERT: %s is FTM_MALFORMED', (_name, bytes) => {
    expect(() => decodeChain(new Uint8Array(bytes))).toThrow(expect.objectContaining({ code: 'FTM_MALFORMED' }));
  });

  it('SIGN: algorithm byte then signature; unknown algorithms and empty answers refused', () => {
    const sig = new Uint8Array(256).fill(7);
    expect(decodeSignature(encodeSignature(1, sig))).toEqual({
      algorithm: 'RS256',
      signature: sig,
    });
    expect(() => decodeSignature(new Uint8Array([1]))).toThrow(expect.objectContaining({ code: 'FTM_MALFORMED' }));
    expect(() => decodeSignature(encodeSignature(2, sig))).toThrow(
      expect.objectContaining({ code: 'FTM_UNSUPPORTED' }),
    );
  });

  it('the PoP message is the domain string, a NUL, then the challenge', () => {
    const challenge = new Uint8Array(32).fill(0xab);
    const m = popMessage(challenge);
    expect(Buffer.from(m.subarray(0, POP_DOMAIN.length)).toString('latin1')).toBe('PartnerDesk-FTM-PoP\0');
    expect(m.subarray(POP_DOMAIN.length)).toEqual(challenge);
  });

  it('the report descriptor is vendor page 0xFF00 with 64-byte input and output reports and no report id', () => {
    const d = Array.from(FTM_REPORT_DESCRIPTOR);
    expect(d.length).toBe(34);
    expect(d.slice(0, 3)).toEqual([0x06, 0x00, 0xff]);
    expect(d.filter((b, i) => b === 0x95 && d[i + 1] === 0x40)).toHaveLength(2); // Report Count (64) twice
    expect(d).not.toContain(0x85); // no Report ID item
    expect(d.at(-1)).toBe(0xc0);
    // Pinned: the HIL gadget writes these exact bytes to configfs (FIDO's descriptor on page 0xFF00).
    const expected =
      '06 00 ff 09 01 a1 01 09 20 15 00 26 ff 00 75 08 95 40 81 02 09 21 15 00 26 ff 00 75 08 95 40 91 02 c0';
    expect(Buffer.from(FTM_REPORT_DESCRIPTOR).toString('hex')).toBe(expected.replaceAll(' ', ''));
  });
});
