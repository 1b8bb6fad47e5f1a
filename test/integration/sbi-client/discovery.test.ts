/**
 * Discovery over a port range holding three good devices and every kind of bad port. Ports
 * 46300–46399 belong to this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSbi } from '../../../native/sbi/client/discovery.ts';
import { createSbiFixture } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';
import { jsonResponse, startTestSbi } from '../../helpers/sbi-server.ts';
import type { Behaviour, TestSbiServer } from '../../helpers/sbi-server.ts';

const FROM = 46300;
const TO = 46399;
let f: SbiFixture;
const servers: TestSbiServer[] = [];

const entry = (deviceId: string, type = 'Finger', deviceSubType = 'Slap') => ({
  deviceId,
  deviceStatus: 'Ready',
  certification: 'L0',
  serviceVersion: '1.0.0',
  deviceSubId: ['1', '2', '3'],
  callbackId: 'http://127.0.0.1:4501/',
  digitalId: f.digitalId({ type, deviceSubType }, 'unsigned'),
  deviceCode: `SERIAL${deviceId}`,
  specVersion: ['0.9.5'],
  purpose: 'Registration',
  error: { errorCode: '0', errorInfo: 'Success' },
});

beforeAll(async () => {
  f = await createSbiFixture();
  const ports: Array<[number, Behaviour]> = [
    [FROM + 10, { json: [entry('2'), entry('3', 'Face', 'Full face')] }],
    [FROM + 40, { json: [entry('1', 'Iris', 'Double')] }],
    [
      FROM + 90,
      {
        json: [
          {
            ...entry('9'),
            deviceId: undefined,
            deviceCode: undefined,
            serialNo: 'S9',
            certification: 'SBI 2.0',
          },
        ],
      },
    ],
    [FROM + 20, { silent: true }],
    [FROM + 21, { drip: jsonResponse([entry('5')]), everyMs: 100 }],
    [
      FROM + 22,
      {
        raw: Buffer.concat([
          Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n'),
          Buffer.alloc(10 * 1024 * 1024, 0x20),
        ]),
      },
    ],
    [FROM + 23, { raw: 'garbage garbage\r\n\r\n' }],
    [
      FROM + 24,
      {
        raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>',
      },
    ],
    [FROM + 25, { json: { message: 'boom' }, status: 500, reason: 'Internal Server Error' }],
    [FROM + 26, { raw: 'HTTP/1.1 200 OK\r\nContent-Length: 800\r\n\r\n[{"deviceId":"2"' }],
    [FROM + 27, { json: [{ error: { errorCode: '502', errorInfo: 'Biometric type mismatch' } }] }],
    [FROM + 28, { json: { deviceId: '2' } }],
  ];
  servers.push(...(await Promise.all(ports.map(([port, b]) => startTestSbi(port, () => b)))));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('discoverSbi', () => {
  it('finds the good devices, types every bad port, and finishes within its deadline', async () => {
    // A closed loopback port refuses at once; on a starved event loop the 200 ms default connect timer
    // can fire before the refusal is read (seen as SBI_CONNECT on idle ports), so this run allows 1 s.
    const r = await discoverSbi({
      portFrom: FROM,
      portTo: TO,
      deadlineMs: 1000,
      scanDeadlineMs: 1500,
      connectTimeoutMs: 1000,
    });
    expect(r.elapsedMs).toBeLessThan(2500);
    expect(r.scanned).toBe(100);
    expect(
      r.devices.map((d) => [d.port, d.entry.deviceId, d.digitalId.type, d.entry.certification, d.baseUrl]),
    ).toEqual([
      [FROM + 10, '2', 'Finger', 'L0', `http://127.0.0.1:${FROM + 10}/`],
      [FROM + 10, '3', 'Face', 'L0', `http://127.0.0.1:${FROM + 10}/`],
      [FROM + 40, '1', 'Iris', 'L0', `http://127.0.0.1:${FROM + 40}/`],
      [FROM + 90, 'S9', 'Finger', 'L1', `http://127.0.0.1:${FROM + 90}/`],
    ]);
    expect(r.problems.map((p) => [p.port - FROM, p.error.code])).toEqual([
      [20, 'SBI_TIMEOUT'],
      [21, 'SBI_TIMEOUT'],
      [22, 'SBI_TOO_LARGE'],
      [23, 'SBI_MALFORMED'],
      [24, 'SBI_MALFORMED'],
      [25, 'SBI_HTTP_STATUS'],
      [26, 'SBI_MALFORMED'],
      [27, 'SBI_DEVICE_ERROR'],
      [28, 'SBI_MALFORMED'],
    ]);
    expect(r.answered).toContain(FROM + 20);
  });

  it('a scan deadline shorter than the per-port deadline cuts slow ports short', async () => {
    const r = await discoverSbi({
      portFrom: FROM + 10,
      portTo: FROM + 21,
      deadlineMs: 5000,
      scanDeadlineMs: 400,
    });
    expect(r.elapsedMs).toBeLessThan(1500);
    expect(r.devices).toHaveLength(2);
    expect(r.problems.map((p) => [p.port - FROM, p.error.code])).toEqual([
      [20, 'SBI_TIMEOUT'],
      [21, 'SBI_TIMEOUT'],
    ]);
  });

  it('concurrency 1 still bounds the scan; cancelling stops it with SBI_CANCELLED', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = performance.now();
    await expect(
      discoverSbi({ portFrom: FROM + 19, portTo: FROM + 29, concurrency: 1, signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'SBI_CANCELLED' });
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(discoverSbi({ portFrom: 10, portTo: 5 })).rejects.toMatchObject({
      code: 'SBI_BAD_REQUEST',
    });
  });
});
