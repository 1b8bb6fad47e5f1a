import { describe, expect, it } from 'vitest';
import { BENCH_CASES } from '../../../native/sbi/bench/cases.ts';
import type { CaseKind } from '../../../native/sbi/bench/cases.ts';
import {
  applicableCases,
  captureBody,
  CTK_TIMEOUTS,
  defaultCapture,
  invalidTransactionId,
  renameKey,
} from '../../../native/sbi/bench/requests.ts';
import type { BenchDevice } from '../../../native/sbi/bench/requests.ts';
import {
  rcaptureRequestSchema,
  captureRequestSchema,
  safeWire,
  subTypeFitsSubId,
  TRANSACTION_ID,
} from '../../../lib/sbi/wire/index.ts';

const device = (type: BenchDevice['type'], subType: string, purpose: string): BenchDevice => ({
  port: 4501,
  deviceId: '7',
  deviceCode: 'S1',
  status: 'Ready',
  type,
  subType,
  purpose,
  certification: 'L0',
  specVersion: '0.9.5',
  subIds: ['0'],
  digitalId: {
    serialNo: 'S1',
    make: 'M',
    model: 'X',
    type,
    deviceSubType: subType,
    deviceProvider: 'P',
    deviceProviderId: 'P1',
    dateTime: '2026-01-01T00:00:00Z',
  },
});
const DEVICES = [
  device('Finger', 'Slap', 'Registration'),
  device('Iris', 'Double', 'Registration'),
  device('Face', 'Full face', 'Registration'),
  device('Finger', 'Single', 'Auth'),
  device('Iris', 'Single', 'Auth'),
  device('Face', 'Full face', 'Auth'),
];

describe('the test definitions', () => {
  it('have unique CTK-style ids and cover every group the issue lists', () => {
    const ids = BENCH_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^SBI1\d{3}$/.test(id))).toBe(true);
    const kinds = new Set<CaseKind>(BENCH_CASES.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        'capture',
        'capture-error',
        'device-info',
        'discover',
        'discover-invalid',
        'hash-chain',
        'invalid-request',
        'key-rotation',
        'status',
        'timeout-no-input',
        'timeout-with-input',
        'transaction-id',
      ].sort(),
    );
    const validators = new Set(BENCH_CASES.flatMap((c) => c.validators));
    expect([...validators].sort()).toEqual(
      ['hash', 'iso', 'key-rotation', 'response-mismatch', 'schema', 'signature', 'time-check', 'timeout'].sort(),
    );
    expect(BENCH_CASES.filter((c) => c.prompt).map((c) => c.id)).toEqual(
      expect.arrayContaining(['SBI1027', 'SBI1028', 'SBI1029', 'SBI1022', 'SBI1040']),
    );
    expect(BENCH_CASES.filter((c) => c.mandatedWaitMs === 500)).toHaveLength(9);
    expect(
      BENCH_CASES.filter((c) => c.mandatedWaitMs === 10_000)
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'SBI1049',
      'SBI1050',
      'SBI1051',
      'SBI1052',
      'SBI1053',
      'SBI1054',
      'SBI1055',
      'SBI1056',
      'SBI1057',
      'SBI1058',
      'SBI1059',
    ]);
  });

  it('build requests the wire schemas accept for every valid capture on the device it applies to', () => {
    for (const d of DEVICES) {
      const purpose = d.purpose as 'Registration' | 'Auth';
      for (const c of applicableCases(d, purpose)) {
        if (c.request.verb !== 'CAPTURE' && c.request.verb !== 'RCAPTURE') continue;
        const template = c.request.capture === 'device-default' ? defaultCapture(d) : c.request.capture;
        const body = captureBody({
          caseId: c.id,
          purpose,
          template,
          device: d,
          previousHash: '',
          timeoutMs: 500,
          now: new Date(),
        });
        const parsed =
          purpose === 'Auth' ? safeWire(captureRequestSchema, body, c.id) : safeWire(rcaptureRequestSchema, body, c.id);
        // Only the negative transaction id breaks the request schema (the others break what the device must accept).
        expect({ id: c.id, ok: parsed.ok }).toEqual({ id: c.id, ok: c.kind !== 'transaction-id' });
        if (c.expect.outcome === 'success') {
          // What a valid case asks for is something the device can answer: every requested segment fits the sub-id.
          for (const s of template.bioSubType)
            expect({
              id: c.id,
              s,
              fits: subTypeFitsSubId(d.type, template.deviceSubId, s),
            }).toEqual({ id: c.id, s, fits: true });
          expect(template.count).toBeGreaterThan(0);
        }
      }
    }
  });

  it('apply by purpose, modality and device sub-type', () => {
    const count = (d: BenchDevice) => applicableCases(d, d.purpose as 'Registration' | 'Auth').map((c) => c.id);
    expect(count(DEVICES[0]!)).toEqual(expect.arrayContaining(['SBI1000', 'SBI1002', 'SBI1022', 'SBI1094', 'SBI1101']));
    expect(count(DEVICES[0]!)).not.toContain('SBI1009');
    expect(count(DEVICES[3]!)).toEqual(expect.arrayContaining(['SBI1018', 'SBI1024', 'SBI1069', 'SBI1107']));
    expect(count(DEVICES[3]!)).not.toContain('SBI1002');
    expect(
      applicableCases(DEVICES[0]!, 'Auth').every((c) => c.purpose !== 'Registration' && c.modality === 'any'),
    ).toBe(true);
  });
});

describe('request building', () => {
  it('renames one key by appending XXX, at any depth, without touching the original', () => {
    const body = { env: 'Developer', bio: [{ count: '1', deviceSubId: '0' }] };
    expect(renameKey(body, 'env')).toEqual({
      envXXX: 'Developer',
      bio: [{ count: '1', deviceSubId: '0' }],
    });
    expect(renameKey(body, 'bio[0].count')).toEqual({
      env: 'Developer',
      bio: [{ countXXX: '1', deviceSubId: '0' }],
    });
    expect(body.bio[0]).toEqual({ count: '1', deviceSubId: '0' });
    expect(() => renameKey(body, 'bio[0].nothing')).toThrow(/no bio\[0\]\.nothing/);
  });

  it("makes the CTK's negative transaction ids: 55–62 valid characters, too long", () => {
    for (const id of ['SBI1091', 'SBI1111']) {
      const t = invalidTransactionId(id);
      expect(t.length).toBeGreaterThanOrEqual(55);
      expect(t.length).toBeLessThanOrEqual(62);
      expect(/^[A-Za-z0-9-]+$/.test(t)).toBe(true);
      expect(TRANSACTION_ID.test(t)).toBe(false);
    }
  });

  it('fills the request as the CTK UI does', () => {
    const d = DEVICES[0]!;
    const now = new Date('2026-02-03T04:05:06.789Z');
    const body = captureBody({
      caseId: 'SBI1002',
      purpose: 'Registration',
      template: defaultCapture(d),
      device: d,
      previousHash: 'ab',
      timeoutMs: CTK_TIMEOUTS.defaultMs,
      now,
    });
    expect(body).toEqual({
      env: 'Developer',
      purpose: 'Registration',
      specVersion: '0.9.5',
      timeout: '10000',
      captureTime: '2026-02-03T04:05:06.789Z',
      transactionId: 'SBI1002-789',
      bio: [
        {
          type: 'Finger',
          count: '4',
          bioSubType: ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'],
          exception: [],
          requestedScore: '40',
          deviceId: '7',
          deviceSubId: '1',
          previousHash: 'ab',
        },
      ],
      customOpts: null,
    });
    const auth = captureBody({
      caseId: 'SBI1014',
      purpose: 'Auth',
      template: defaultCapture(DEVICES[5]!),
      device: DEVICES[5]!,
      previousHash: '',
      timeoutMs: 500,
      now,
    });
    expect(auth).toMatchObject({ purpose: 'Auth', domainUri: '' });
    expect((auth.bio as Array<Record<string, unknown>>)[0]).not.toHaveProperty('exception');
  });
});
