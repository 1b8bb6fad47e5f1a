/**
 * RCAPTURE against the virtual SBI on loopback: every Registration modality, the count and
 * exception rules, the request checks and their codes, busy and timeout behaviour, signatures and
 * trust chains, and the hash chain recomputed here. Ports 46120–46139 belong to this file.
 */
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { NO_MILLIS, chain, expectedHashes, rcapture, readJws, sbiCall, trustFor, until } from './helpers.ts';
import type { CaptureItem } from './helpers.ts';

let sbi: VirtualSbi;
beforeAll(async () => {
  sbi = await startVirtualSbi({ portRange: [46120, 46139] });
});
afterAll(() => sbi?.close());
afterEach(() => {
  for (const d of sbi.state().devices) {
    sbi.control.setStatus(d.deviceId, 'Ready');
    sbi.control.setQuality(d.deviceId, 80);
  }
  sbi.control.setDelay(0);
});

const call = async (body: string) => {
  const r = await sbiCall(sbi.port, 'RCAPTURE', '/capture', body);
  expect(r.status).toBe(200);
  return { items: r.json<{ biometrics: CaptureItem[] }>().biometrics, ms: r.ms };
};
const errorOf = async (body: string) => {
  const { items } = await call(body);
  expect(items).toHaveLength(1);
  const [item] = items as [CaptureItem];
  // ErrorCaptureResponseSchema: specVersion, data, hash present; a 3-digit code that is not Success.
  expect(item).toMatchObject({ specVersion: '0.9.5', data: '', hash: '' });
  expect(item.error.errorCode).toMatch(/^[1-9][0-9][0-9]$/);
  expect(item.error.errorInfo).not.toBe('Success');
  return item.error.errorCode;
};
const decoded = (items: CaptureItem[]) => items.map((i) => readJws(i.data));

describe('RCAPTURE per modality', () => {
  it('left slap: four signed items, left fingers, ISO finger records, hash chain from SHA-256("")', async () => {
    const trust = trustFor(sbi.trustAnchorsPem());
    const { items } = await call(rcapture({}));
    expect(items).toHaveLength(4);
    const jws = decoded(items);
    expect(jws.map((j) => j.payload.bioSubType)).toEqual([
      'Left IndexFinger',
      'Left MiddleFinger',
      'Left RingFinger',
      'Left LittleFinger',
    ]);
    const isos: Buffer[] = [];
    for (const [i, item] of items.entries()) {
      const j = jws[i]!;
      expect(Object.keys(item).sort()).toEqual(['data', 'error', 'hash', 'specVersion']); // no sessionKey/thumbprint in Registration
      expect(item.error).toEqual({ errorCode: '0', errorInfo: 'Success' });
      expect(item.hash).toMatch(/^[A-F0-9]{64}$/);
      expect(j.signatureValid).toBe(true);
      expect(chain(j.signerDer, 'DEVICE', trust).ok).toBe(true);
      const p = j.payload;
      expect(p).toMatchObject({
        bioType: 'Finger',
        purpose: 'Registration',
        env: 'Developer',
        transactionId: 'SBI1002-123',
        requestedScore: '40',
        qualityScore: '80',
        deviceCode: 'PDVFSLAP0001',
      });
      expect(p).not.toHaveProperty('domainUri');
      expect(p.timestamp).toMatch(NO_MILLIS);
      const digitalId = readJws(p.digitalId as string);
      expect(digitalId.signatureValid).toBe(true);
      expect(chain(digitalId.signerDer, 'DEVICE', trust).ok).toBe(true); // L0
      expect(digitalId.payload).toMatchObject({ type: 'Finger', deviceSubType: 'Slap' });
      const iso = Buffer.from(p.bioValue as string, 'base64url');
      expect(iso.toString('latin1', 0, 8)).toBe('FIR\x00020\x00');
      expect(iso[40]).toBe([7, 8, 9, 10][i]); // ISO finger positions of the left index…little
      isos.push(iso);
    }
    expect(items.map((i) => i.hash)).toEqual(expectedHashes('', isos));
  });

  it.each([
    [
      'right slap, two exceptions (CTK 1005)',
      { deviceSubId: '2', count: '2', exception: ['Right IndexFinger', 'Right MiddleFinger'] },
      ['Right RingFinger', 'Right LittleFinger'],
    ],
    ['two thumbs', { deviceSubId: '3', count: '2' }, ['Left Thumb', 'Right Thumb']],
    ['two thumbs, one exception', { deviceSubId: '3', count: '1', exception: ['Left Thumb'] }, ['Right Thumb']],
    [
      'left slap, one exception, subtypes listed',
      {
        count: '3',
        bioSubType: ['Left IndexFinger', 'Left MiddleFinger', 'Left LittleFinger'],
        exception: ['Left RingFinger'],
      },
      ['Left IndexFinger', 'Left MiddleFinger', 'Left LittleFinger'],
    ],
    ['double iris', { type: 'Iris', deviceId: '1', deviceSubId: '3', count: '2' }, ['Left', 'Right']],
    [
      'double iris, one exception',
      { type: 'Iris', deviceId: '1', deviceSubId: '3', count: '1', exception: ['Left'] },
      ['Right'],
    ],
    ['left iris', { type: 'Iris', deviceId: '1', deviceSubId: '1', count: '1' }, ['Left']],
    ['right iris', { type: 'Iris', deviceId: '1', deviceSubId: '2', count: '1', bioSubType: ['Right'] }, ['Right']],
  ])('%s', async (_name, bio, subTypes) => {
    const { items } = await call(rcapture(bio));
    const jws = decoded(items);
    expect(jws.map((j) => j.payload.bioSubType)).toEqual(subTypes);
    for (const j of jws) expect(j.signatureValid).toBe(true);
    const isos = jws.map((j) => Buffer.from(j.payload.bioValue as string, 'base64url'));
    for (const iso of isos)
      expect(iso.toString('latin1', 0, 4)).toBe((bio as { type?: string }).type === 'Iris' ? 'IIR\x00' : 'FIR\x00');
    expect(items.map((i) => i.hash)).toEqual(expectedHashes('', isos));
  });

  it('face: one item without bioSubType; with an exception it is the exception photo', async () => {
    const face = decoded(
      (
        await call(
          rcapture({
            type: 'Face',
            deviceId: '3',
            deviceSubId: '0',
            count: '1',
            bioSubType: ['null'],
          }),
        )
      ).items,
    );
    expect(face).toHaveLength(1);
    expect(face[0]!.payload).not.toHaveProperty('bioSubType');
    const iso = Buffer.from(face[0]!.payload.bioValue as string, 'base64url');
    expect(iso.toString('latin1', 0, 8)).toBe('FAC\x00030\x00');
    expect(iso[58]).toBe(0x01); // full frontal
    const photo = decoded(
      (
        await call(
          rcapture({
            type: 'Face',
            deviceId: '3',
            deviceSubId: '0',
            count: '1',
            exception: ['Left LittleFinger'],
            requestedScore: '10',
          }),
        )
      ).items,
    );
    expect(Buffer.from(photo[0]!.payload.bioValue as string, 'base64url')[58]).toBe(0x00); // basic: the exception photo
  });

  it('chains across successive captures when previousHash is the last hash (CTK hash cases run 3 times)', async () => {
    let previous = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // lowercase, as the CTK UI sends
    for (let round = 0; round < 3; round++) {
      const { items } = await call(rcapture({ previousHash: previous }));
      const isos = decoded(items).map((j) => Buffer.from(j.payload.bioValue as string, 'base64url'));
      expect(items.map((i) => i.hash)).toEqual(expectedHashes(previous, isos));
      previous = items[items.length - 1]!.hash;
    }
  });
});

describe('RCAPTURE refusals', () => {
  it.each([
    ['left slap count 5 (CTK 1033)', { count: '5' }],
    ['thumbs count 3', { deviceSubId: '3', count: '3' }],
    [
      'both thumbs excepted, count 0 (CTK 1008)',
      { deviceSubId: '3', count: '0', exception: ['Left Thumb', 'Right Thumb'] },
    ],
    ['left iris count 2', { type: 'Iris', deviceId: '1', deviceSubId: '1', count: '2' }],
    ['both irises count 3', { type: 'Iris', deviceId: '1', deviceSubId: '3', count: '3' }],
    [
      'both irises excepted (CTK 1011)',
      { type: 'Iris', deviceId: '1', deviceSubId: '3', count: '0', exception: ['Left', 'Right'] },
    ],
    ['face count 2', { type: 'Face', deviceId: '3', deviceSubId: '0', count: '2' }],
  ])('%s → 109', async (_n, bio) => {
    expect(await errorOf(rcapture(bio))).toBe('109');
  });

  const renamed = (path: string) => {
    const o = JSON.parse(rcapture({})) as Record<string, unknown> & {
      bio: Record<string, unknown>[];
    };
    const [holder, key] = path.startsWith('bio[0].') ? [o.bio[0]!, path.slice(7)] : [o, path];
    holder[`${key}XXX`] = holder[key];
    delete holder[key];
    return JSON.stringify(o);
  };
  it.each(['env', 'timeout', 'specVersion', 'purpose', 'bio', 'bio[0].count', 'bio[0].deviceSubId', 'transactionId'])(
    'a renamed %s (CTK 1094–1100) → 123',
    async (field) => {
      expect(await errorOf(renamed(field))).toBe('123');
    },
  );

  it.each([
    ['not JSON', '{"env":', '123'],
    ['a JSON array', '[]', '123'],
    ['timeout 0', rcapture({}, { timeout: '0' }), '123'],
    ['timeout not a number', rcapture({}, { timeout: 'soon' }), '123'],
    ['bio empty', rcapture({}, { bio: [] }), '123'],
    ['bioSubType not a list', rcapture({ bioSubType: 'Left Thumb' }), '123'],
    ['previousHash not hex', rcapture({ previousHash: 'xyz' }), '123'],
    ['requestedScore 101', rcapture({ requestedScore: '101' }), '123'],
    ['env "Dev"', rcapture({}, { env: 'Dev' }), '115'],
    ['purpose Auth', rcapture({}, { purpose: 'Auth' }), '121'],
    ['no deviceId', rcapture({ deviceId: '' }), '704'],
    ['type Palm', rcapture({ type: 'Palm' }), '114'],
    ['unknown deviceId', rcapture({ deviceId: '99' }), '705'],
    ['type Face on the slap', rcapture({ type: 'Face' }), '120'],
    ['an Auth device', rcapture({ deviceId: '4', deviceSubId: '0', count: '1' }), '706'],
    ['transactionId of 51 characters', rcapture({}, { transactionId: 'A'.repeat(51) }), '112'],
    ['transactionId with a space', rcapture({}, { transactionId: 'SBI 1002' }), '112'],
    ['unknown finger name', rcapture({ bioSubType: ['Left Pinky'] }), '122'],
    ['UNKNOWN as an exception', rcapture({ exception: ['UNKNOWN'] }), '122'],
    ['deviceSubId 0 on the slap', rcapture({ deviceSubId: '0' }), '702'],
    ['right finger on the left slap', rcapture({ bioSubType: ['Right IndexFinger'] }), '119'],
    ['thumb excepted on the left slap', rcapture({ count: '3', exception: ['Left Thumb'] }), '117'],
  ])('%s → %s', async (_n, body, code) => {
    expect(await errorOf(body)).toBe(code);
  });

  it.each([
    ['Not Registered', '100'],
    ['Not Ready', '110'],
    ['Busy', '111'],
  ] as const)('a %s device → %s', async (status, code) => {
    sbi.control.setStatus('2', status);
    expect(await errorOf(rcapture({}))).toBe(code);
  });

  it('a second capture on the same device while one runs → 703; the device reports Busy meanwhile', async () => {
    sbi.control.setDelay(250);
    const first = call(rcapture({}));
    await until('the capture to start', () => sbi.state().devices.find((d) => d.deviceId === '2')!.capturing);
    expect(sbi.state().devices.find((d) => d.deviceId === '2')).toMatchObject({
      capturing: true,
      reportedStatus: 'Busy',
      status: 'Ready',
    });
    expect(await errorOf(rcapture({}))).toBe('703');
    // Other devices are not affected.
    expect(
      (await call(rcapture({ type: 'Face', deviceId: '3', deviceSubId: '0', count: '1' }))).items[0]!.error.errorCode,
    ).toBe('0');
    expect((await first).items).toHaveLength(4);
    expect(sbi.state().devices.find((d) => d.deviceId === '2')!.capturing).toBe(false);
  });
});

describe('RCAPTURE timing', () => {
  it('no biometric within the timeout: waits the full timeout, then 701', async () => {
    sbi.control.setDelay(2000);
    const r = await call(rcapture({}, { timeout: '300' }));
    expect(r.ms).toBeGreaterThanOrEqual(300);
    expect(r.ms).toBeLessThan(1500);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.error.errorCode).toBe('701');
  });

  it('requestedScore above the device quality: waits the full timeout, then the best frame', async () => {
    const r = await call(rcapture({ requestedScore: '100' }, { timeout: '300' }));
    expect(r.ms).toBeGreaterThanOrEqual(300);
    expect(r.items).toHaveLength(4);
    expect(decoded(r.items)[0]!.payload).toMatchObject({
      requestedScore: '100',
      qualityScore: '80',
    });
  });

  it('a client that leaves mid-capture frees the device', async () => {
    sbi.control.setDelay(20_000);
    const body = rcapture({});
    const req = request({
      host: '127.0.0.1',
      port: sbi.port,
      method: 'RCAPTURE',
      path: '/capture',
      headers: { 'Content-Length': Buffer.byteLength(body) },
    });
    req.on('error', () => undefined);
    req.end(body);
    const slap = () => sbi.state().devices.find((d) => d.deviceId === '2')!;
    await until('the capture to start', () => slap().capturing);
    req.destroy();
    await until('the device to be free', () => !slap().capturing);
    sbi.control.setDelay(0);
    expect((await call(rcapture({}))).items).toHaveLength(4);
  });

  it('quality met: answers after the configured delay, not the timeout', async () => {
    sbi.control.setQuality('2', 95);
    sbi.control.setDelay(100);
    const r = await call(rcapture({ requestedScore: '90' }, { timeout: '5000' }));
    expect(r.ms).toBeGreaterThanOrEqual(100);
    expect(r.ms).toBeLessThan(2000);
    expect(decoded(r.items)[0]!.payload.qualityScore).toBe('95');
  });
});
