import { describe, expect, it } from 'vitest';
import { SbiError } from '../../../lib/sbi/errors.ts';
import { parseSbiTimestamp } from '../../../native/sbi/verify.ts';
import {
  captureDataSchema,
  captureRequestSchema,
  decodeBlock,
  normaliseCertification,
  parseJsonBody,
  parseWire,
  rcaptureRequestSchema,
  streamRequestSchema,
  subTypeFitsSubId,
} from '../../../lib/sbi/wire/index.ts';

const rcapture = {
  env: 'Developer',
  purpose: 'Registration',
  specVersion: '0.9.5',
  timeout: 10000,
  captureTime: '2026-03-01T10:00:00.000Z',
  transactionId: 'SBI1002-123',
  bio: [
    {
      type: 'Finger',
      count: 4,
      requestedScore: 40,
      deviceId: '2',
      deviceSubId: 1,
      previousHash: '',
    },
  ],
  customOpts: null,
};

describe('requests', () => {
  it('normalises numbers to the strings 0.9.5 sends and defaults exception to []', () => {
    const r = parseWire(rcaptureRequestSchema, rcapture, 'rcapture');
    expect(r.timeout).toBe('10000');
    expect(r.bio[0]).toMatchObject({
      count: '4',
      requestedScore: '40',
      deviceSubId: '1',
      exception: [],
    });
  });

  it('refuses what the specification forbids, naming the field', () => {
    const bad =
      (over: object, bio: object = {}) =>
      () =>
        parseWire(rcaptureRequestSchema, { ...rcapture, ...over, bio: [{ ...rcapture.bio[0], ...bio }] }, 'rcapture');
    for (const [fn, field] of [
      [bad({ transactionId: 'x'.repeat(51) }), 'rcapture.transactionId'],
      [bad({ transactionId: 'bad id!' }), 'rcapture.transactionId'],
      [bad({ purpose: 'Auth' }), 'rcapture.purpose'],
      [bad({ env: 'Test' }), 'rcapture.env'],
      [bad({ timeout: '10s' }), 'rcapture.timeout'],
      [bad({}, { previousHash: 'abc' }), 'rcapture.bio[0].previousHash'],
      [bad({}, { requestedScore: '101' }), 'rcapture.bio[0].requestedScore'],
      [bad({}, { exception: ['Left Foot'] }), 'rcapture.bio[0].exception[0]'],
      [bad({}, { deviceId: undefined }), 'rcapture.bio[0]'],
    ] as const) {
      expect(fn).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED', detail: { field } }));
    }
    expect(() =>
      parseWire(
        captureRequestSchema,
        { ...rcapture, purpose: 'Auth', bio: [{ ...rcapture.bio[0], exception: ['Left'] }] },
        'capture',
      ),
    ).not.toThrow();
    expect(() => parseWire(streamRequestSchema, { deviceSubId: '1' }, 'stream')).toThrow(SbiError);
    expect(parseWire(streamRequestSchema, { serialNo: 'S1', deviceSubId: 1, timeout: 2000 }, 'stream').timeout).toBe(
      '2000',
    );
  });
});

describe('capture data', () => {
  const data = {
    digitalId: 'a.b.c',
    deviceCode: 'S',
    bioType: 'Finger',
    bioSubType: 'Left Thumb',
    purpose: 'Registration',
    env: 'Staging',
    bioValue: 'AAAA',
    transactionId: 'T-1',
    timestamp: 't',
    requestedScore: '40.0',
    qualityScore: 44,
  };
  it('face has no bioSubType (absent, null, "" or the CTK string "null"); finger and iris need a valid one', () => {
    for (const bioSubType of [undefined, null, '', 'null'])
      expect(parseWire(captureDataSchema, { ...data, bioType: 'Face', bioSubType }, 'd').bioSubType).toBeNull();
    expect(parseWire(captureDataSchema, data, 'd')).toMatchObject({
      serialNo: 'S',
      requestedScore: 40,
      qualityScore: 44,
    });
    expect(() => parseWire(captureDataSchema, { ...data, bioSubType: 'Left' }, 'd')).toThrow(SbiError);
    expect(() => parseWire(captureDataSchema, { ...data, bioType: 'Iris', bioSubType: null }, 'd')).toThrow(SbiError);
  });
});

describe('enums', () => {
  it('1.0 trust levels map onto 0.9.5', () => {
    expect([
      normaliseCertification('SBI 1.0'),
      normaliseCertification('SBI 2.0'),
      normaliseCertification('L1'),
      normaliseCertification('l1'),
    ]).toEqual(['L0', 'L1', 'L1', null]);
  });
  it('bioSubType per deviceSubId (CTK ResponseMismatchValidator)', () => {
    expect(subTypeFitsSubId('Finger', '1', 'Left RingFinger')).toBe(true);
    expect(subTypeFitsSubId('Finger', '1', 'Left Thumb')).toBe(false);
    expect(subTypeFitsSubId('Finger', '2', 'Right LittleFinger')).toBe(true);
    expect(subTypeFitsSubId('Finger', '3', 'Right Thumb')).toBe(true);
    expect(subTypeFitsSubId('Finger', '0', 'UNKNOWN')).toBe(true);
    expect(subTypeFitsSubId('Finger', '4', 'UNKNOWN')).toBe(false);
    expect(subTypeFitsSubId('Iris', '1', 'Right')).toBe(false);
    expect(subTypeFitsSubId('Iris', '3', 'Right')).toBe(true);
    expect(subTypeFitsSubId('Face', '0', null)).toBe(true);
  });
});

describe('bytes to values', () => {
  it('parseJsonBody: invalid UTF-8 and non-JSON are SBI_MALFORMED', () => {
    expect(parseJsonBody(Buffer.from('[1]'))).toEqual([1]);
    expect(() => parseJsonBody(Buffer.from([0x5b, 0xff, 0x5d]))).toThrow(
      expect.objectContaining({ code: 'SBI_MALFORMED' }),
    );
    expect(() => parseJsonBody('<html>')).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED' }));
  });

  it('decodeBlock: unsigned base64url JSON (padded or not), JWS, and everything else typed', () => {
    const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(decodeBlock(b({ a: 1 }), 'x')).toEqual({ signed: false, payload: { a: 1 } });
    expect(decodeBlock(Buffer.from('{"a":1}').toString('base64'), 'x').payload).toEqual({ a: 1 });
    expect(() => decodeBlock(b([1]), 'x')).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED' }));
    expect(() => decodeBlock('a.b', 'x')).toThrow(expect.objectContaining({ code: 'SBI_JWS_MALFORMED' }));
    expect(() => decodeBlock('a.b.c.d', 'x')).toThrow(expect.objectContaining({ code: 'SBI_JWS_MALFORMED' }));
    expect(() => decodeBlock(42, 'x')).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED' }));
  });

  it('timestamps: only yyyy-MM-ddTHH:mm:ssZ of a real date', () => {
    expect(parseSbiTimestamp('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    for (const t of [
      '2023-02-29T10:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:00:00.000Z',
      '2024-01-01T10:00:00',
      '2024-1-01T10:00:00Z',
      ' 2024-01-01T10:00:00Z',
    ]) {
      expect(parseSbiTimestamp(t)).toBeNull();
    }
  });
});
