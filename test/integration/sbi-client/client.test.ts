/**
 * SbiClient end to end against loopback servers built from hand-made answers: info and capture
 * verified through the same path the desk uses, and STREAM in its real framings and failure modes.
 * Servers listen on port 0.
 */
import type net from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SbiClient } from '../../../native/sbi/client/sbi-client.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';
import { verifyCapture, verifyDeviceInfo } from '../../../native/sbi/verify.ts';
import { createSbiFixture, LEFT_SLAP, REGISTERED_SLAP } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';
import { startTestSbi } from '../../helpers/sbi-server.ts';
import type { Behaviour, SbiTestRequest, TestSbiServer } from '../../helpers/sbi-server.ts';

let f: SbiFixture;
beforeAll(async () => {
  f = await createSbiFixture();
});
const servers: TestSbiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handle: (r: SbiTestRequest) => Behaviour): Promise<SbiClient> {
  const s = await startTestSbi(0, handle);
  servers.push(s);
  return new SbiClient({
    port: s.port,
    streamGraceMs: 200,
    limits: { stream: { idleTimeoutMs: 400, maxBytes: 64 * 1024 } },
  });
}

const rcaptureRequest = () => ({
  env: 'Developer' as const,
  purpose: 'Registration' as const,
  specVersion: '0.9.5',
  timeout: '10000',
  captureTime: new Date().toISOString(),
  transactionId: 'PD-TX-0100',
  bio: [
    {
      type: 'Finger' as const,
      count: '4',
      bioSubType: LEFT_SLAP,
      exception: [],
      requestedScore: '40',
      deviceId: '2',
      deviceSubId: '1',
      previousHash: '',
    },
  ],
  customOpts: null,
});

describe('SbiClient + verify', () => {
  it('deviceInfo and rcapture: the request goes out as sent, the answer verifies', async () => {
    const client = await serve((r) =>
      r.method === 'MOSIPDINFO'
        ? { json: f.deviceInfoAnswer() }
        : { json: f.captureAnswer(f.rcaptureRequest(JSON.parse(r.body))) },
    );
    const info = await client.deviceInfo();
    const ctx = { trust: f.trust, now: f.now, registered: REGISTERED_SLAP };
    expect(verifyDeviceInfo(info.json, ctx).entries[0]!.info.deviceId).toBe('2');
    const answer = await client.rcapture(rcaptureRequest());
    expect(answer.request.bio[0]).toMatchObject({ exception: [] });
    expect(JSON.parse(servers[0]!.requests[1]!.body)).toMatchObject({
      transactionId: 'PD-TX-0100',
      bio: [{ deviceSubId: '1', count: '4' }],
    });
    const v = verifyCapture(answer.json, { ...ctx, request: answer.request, certification: 'L0' });
    expect(v.items).toHaveLength(4);
    expect(answer.endedAt).toBeGreaterThanOrEqual(answer.startedAt);
  });

  it('capture (Auth) with the decryptor, and a device that answers 200 with an error item', async () => {
    const client = await serve((r) => {
      const req = JSON.parse(r.body) as { transactionId: string };
      if (req.transactionId === 'PD-AUTH-0404')
        return {
          json: {
            biometrics: [
              {
                specVersion: '0.9.5',
                data: '',
                hash: '',
                error: { errorCode: '801', errorInfo: 'Capture timeout' },
              },
            ],
          },
        };
      return { json: f.captureAnswer(f.captureRequest(JSON.parse(r.body))) };
    });
    const base = { ...f.captureRequest(), captureTime: new Date().toISOString() };
    const answer = await client.capture(base);
    expect(
      verifyCapture(answer.json, {
        trust: f.trust,
        now: f.now,
        request: answer.request,
        certification: 'L1',
        decrypt: f.decrypt,
      }).items,
    ).toHaveLength(2);
    const failed = await client.capture({ ...base, transactionId: 'PD-AUTH-0404' });
    expect(() =>
      verifyCapture(failed.json, {
        trust: f.trust,
        now: f.now,
        request: failed.request,
        certification: 'L1',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'SBI_DEVICE_ERROR',
        detail: expect.objectContaining({ errorCode: '801' }),
      }),
    );
  });
});

const jpeg = (n: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, n), Buffer.from([0xff, 0xd9])]);
const part = (frame: Buffer) =>
  Buffer.concat([
    Buffer.from(`--BoundaryString\r\nContent-Type:image/jpeg\r\nContent-Length:${frame.length}\r\n\r\n`),
    frame,
    Buffer.from('\r\n\r\n'),
  ]);
const STREAM_HEAD = 'HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=--BoundaryString\r\n\r\n';

/** MockMDS's STREAM: HTTP/1.0 head, then a frame every `everyMs` until `frames` are sent (then close or stall). */
function mjpeg(frames: number, everyMs: number, after: 'close' | 'stall' = 'close', frame = jpeg): Behaviour {
  return {
    socket: (s: net.Socket) => {
      s.write(STREAM_HEAD);
      let n = 0;
      const t = setInterval(() => {
        if (s.destroyed) return clearInterval(t);
        if (n === frames) {
          clearInterval(t);
          if (after === 'close') s.end();
          return;
        }
        s.write(part(frame(n++)));
      }, everyMs);
      s.on('close', () => clearInterval(t));
    },
  };
}

describe('SbiClient.stream', () => {
  const req = { deviceId: '2', deviceSubId: '1', timeout: '3000' };

  it('delivers each JPEG frame until the device closes', async () => {
    const client = await serve(() => mjpeg(5, 20));
    const got: number[] = [];
    const s = await client.stream(req, (fr) => got.push(fr.jpeg[10]!));
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(s).toMatchObject({ frames: 5, endedBy: 'closed' });
    expect(JSON.parse(servers[0]!.requests[0]!.body)).toEqual(req);
  });

  it("stops on the caller's signal (resolves, the UI closed the preview) and at the requested timeout", async () => {
    const client = await serve(() => mjpeg(1000, 20, 'stall'));
    const ac = new AbortController();
    const s = await client.stream(req, (fr) => fr.index === 3 && ac.abort(), ac.signal);
    expect(s).toMatchObject({ frames: 4, endedBy: 'cancelled' });
    const timed = await client.stream({ ...req, timeout: '100' }, () => undefined);
    expect(timed.endedBy).toBe('timeout');
    expect(timed.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(timed.elapsedMs).toBeLessThan(2000);
  });

  it('a device that stops sending frames → SBI_TIMEOUT (idle); an oversized frame → SBI_TOO_LARGE', async () => {
    const stall = await serve(() => mjpeg(2, 10, 'stall'));
    await expect(stall.stream(req, () => undefined)).rejects.toMatchObject({
      code: 'SBI_TIMEOUT',
      detail: { reason: 'idle' },
    });
    const big = await serve(() => mjpeg(1, 10, 'close', () => Buffer.concat([jpeg(0), Buffer.alloc(100 * 1024)])));
    await expect(big.stream(req, () => undefined)).rejects.toMatchObject({ code: 'SBI_TOO_LARGE' });
  });

  it("an SBI error answer → SBI_DEVICE_ERROR; a non-JPEG part → SBI_MALFORMED; a throwing callback is the caller's error", async () => {
    const refused = await serve(() => ({
      json: { error: { errorCode: '604', errorInfo: 'No device connected' } },
    }));
    await expect(refused.stream(req, () => undefined)).rejects.toMatchObject({
      code: 'SBI_DEVICE_ERROR',
      detail: { errorCode: '604' },
    });
    const gif = await serve(() => mjpeg(1, 10, 'close', () => Buffer.from('GIF89a-not-a-jpeg')));
    await expect(gif.stream(req, () => undefined)).rejects.toMatchObject({ code: 'SBI_MALFORMED' });
    const ok = await serve(() => mjpeg(3, 10));
    const boom = new RangeError('render failed');
    await expect(
      ok.stream(req, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    const html = await serve(() => ({ raw: 'HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n<html>' }));
    await expect(html.stream(req, () => undefined)).rejects.toBeInstanceOf(SbiError);
  });
});
