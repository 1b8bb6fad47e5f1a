/**
 * STREAM (multipart M-JPEG preview) and the admin API / in-process controls of the virtual SBI.
 * Ports 46180–46199 belong to this file.
 */
import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import jpeg from 'jpeg-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { keyPair, leaf, root } from '../../helpers/pki.ts';
import { rcapture, readJws, sbiCall, until } from './helpers.ts';
import type { CaptureItem } from './helpers.ts';

let sbi: VirtualSbi;
beforeAll(async () => {
  sbi = await startVirtualSbi({ portRange: [46180, 46199] });
});
afterAll(() => sbi?.close());
afterEach(() => {
  for (const d of sbi.state().devices) {
    sbi.control.setStatus(d.deviceId, 'Ready');
    sbi.control.setQuality(d.deviceId, 80);
  }
  sbi.control.setDelay(0);
  sbi.control.setFault(null);
  sbi.control.setEncryptionCert(sbi.pki.encryption.der);
});

interface OpenedStream {
  req: ClientRequest;
  res: IncomingMessage;
  frames: Buffer[];
  /** Resolves when the server ends the response; carries all bytes received. */
  ended: Promise<Buffer>;
}

function openStream(body: object): Promise<OpenedStream> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sbi.port,
        method: 'STREAM',
        path: '/stream',
        headers: { 'content-type': 'text/plain' },
      },
      (res) => {
        const frames: Buffer[] = [];
        let all = Buffer.alloc(0);
        let at = 0;
        const boundary = /boundary=([^;]+)/.exec(res.headers['content-type'] ?? '')?.[1] ?? '';
        const ended = new Promise<Buffer>((done) => {
          res.on('data', (chunk: Buffer) => {
            all = Buffer.concat([all, chunk]);
            // Parts: --boundary CRLF headers CRLF CRLF <Content-Length bytes> CRLF
            for (;;) {
              const start = all.indexOf(`--${boundary}\r\n`, at);
              const headEnd = start < 0 ? -1 : all.indexOf('\r\n\r\n', start);
              if (headEnd < 0) break;
              const length = Number(/Content-Length: (\d+)/i.exec(all.toString('latin1', start, headEnd))?.[1]);
              if (all.length < headEnd + 4 + length) break;
              frames.push(all.subarray(headEnd + 4, headEnd + 4 + length));
              at = headEnd + 4 + length;
            }
          });
          res.on('end', () => done(all));
          res.on('close', () => done(all));
        });
        resolve({ req, res, frames, ended });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('STREAM', () => {
  it('sends JPEG frames as multipart/x-mixed-replace and stops when the client goes away', async () => {
    const s = await openStream({ deviceId: '2', deviceSubId: '1' });
    expect(s.res.statusCode).toBe(200);
    expect(s.res.headers['content-type']).toMatch(/^multipart\/x-mixed-replace; boundary=\S+/);
    expect(s.res.headers['access-control-allow-origin']).toBe('*');
    await until('two frames', () => s.frames.length >= 2);
    for (const f of s.frames.slice(0, 2)) {
      expect(f.subarray(0, 2).toString('hex')).toBe('ffd8');
      expect(f.subarray(-2).toString('hex')).toBe('ffd9');
      const img = jpeg.decode(f, { useTArray: true });
      expect([img.width, img.height]).toEqual([320, 240]);
    }
    expect(s.frames[0]!.equals(s.frames[1]!)).toBe(false); // the scan line moves
    expect(sbi.state().openStreams).toBe(1);
    s.req.destroy();
    await until('the stream to stop', () => sbi.state().openStreams === 0);
  });

  it('ends by itself after its timeout, with the closing boundary', async () => {
    const s = await openStream({ deviceId: '1', deviceSubId: '3', timeout: '300' });
    const all = await s.ended;
    expect(all.toString('latin1').trimEnd().endsWith('--BoundaryString--')).toBe(true);
    expect(s.frames.length).toBeGreaterThanOrEqual(2);
    expect(sbi.state().openStreams).toBe(0);
  });

  it('ends when a capture is taken on its device, or when the device leaves Ready', async () => {
    const s = await openStream({ deviceId: '3', deviceSubId: '0' });
    await until('a frame', () => s.frames.length >= 1);
    const r = await sbiCall(
      sbi.port,
      'RCAPTURE',
      '/capture',
      rcapture({ type: 'Face', deviceId: '3', deviceSubId: '0', count: '1' }),
    );
    expect(r.json<{ biometrics: CaptureItem[] }>().biometrics[0]!.error.errorCode).toBe('0');
    await s.ended;
    const t = await openStream({ deviceId: '2', deviceSubId: '3' });
    await until('a frame', () => t.frames.length >= 1);
    sbi.control.setStatus('2', 'Not Ready');
    await t.ended;
    expect(sbi.state().openStreams).toBe(0);
  });

  it.each([
    ['an Auth device', { deviceId: '4', deviceSubId: '0' }, '601'],
    ['no deviceId', { deviceSubId: '1' }, '604'],
    ['an unknown device', { deviceId: '9', deviceSubId: '1' }, '605'],
    ['a deviceSubId the device lacks', { deviceId: '2', deviceSubId: '0' }, '605'],
    ['a bad timeout', { deviceId: '2', deviceSubId: '1', timeout: 'later' }, '610'],
  ])('refuses %s with %s', async (_n, body, code) => {
    const r = await sbiCall(sbi.port, 'STREAM', '/stream', JSON.stringify(body));
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json<{ error: { errorCode: string } }>().error.errorCode).toBe(code);
  });

  it('refuses a device that is not Ready (607) and a body that is not JSON (610)', async () => {
    sbi.control.setStatus('1', 'Busy');
    expect(
      (await sbiCall(sbi.port, 'STREAM', '/stream', JSON.stringify({ deviceId: '1', deviceSubId: '1' }))).json<{
        error: { errorCode: string };
      }>().error.errorCode,
    ).toBe('607');
    expect(
      (await sbiCall(sbi.port, 'STREAM', '/stream', 'deviceId=1')).json<{
        error: { errorCode: string };
      }>().error.errorCode,
    ).toBe('610');
  });
});

describe('admin API', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    sbiCall(sbi.port, 'POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers);
  type Answer = { errorCode: string; errorInfo: string; state: ReturnType<VirtualSbi['state']> };

  it('GET /admin/state and /admin/trust', async () => {
    const state = (await sbiCall(sbi.port, 'GET', '/admin/state')).json<Answer>().state;
    expect(state.port).toBe(sbi.port);
    expect(state.devices).toHaveLength(6);
    const trust = (await sbiCall(sbi.port, 'GET', '/admin/trust')).json<{
      device: string;
      ftm: string;
      encryption: string;
    }>();
    expect({ device: trust.device, ftm: trust.ftm }).toEqual(sbi.trustAnchorsPem());
    expect(trust.encryption).toContain('BEGIN CERTIFICATE');
  });

  it('POST /admin/status by type (MockMDS body) and by deviceId', async () => {
    const r = await post('/admin/status', { type: 'Biometric Device', deviceStatus: 'Busy' });
    expect(r.status).toBe(200);
    expect(r.json<Answer>().errorCode).toBe('0');
    expect(sbi.state().devices.every((d) => d.status === 'Busy')).toBe(true);
    await post('/admin/status', { type: 'Iris', deviceStatus: 'Not Ready' });
    await post('/admin/status', { deviceId: '3', status: 'Not Registered' });
    expect(sbi.state().devices.map((d) => d.status)).toEqual([
      'Not Ready',
      'Busy',
      'Not Registered',
      'Busy',
      'Not Ready',
      'Busy',
    ]);
    const disc = (await sbiCall(sbi.port, 'MOSIPDISC', '/device', JSON.stringify({ type: 'Face' }))).json<
      { deviceStatus: string }[]
    >();
    expect(disc.map((d) => d.deviceStatus)).toEqual(['Not Registered', 'Busy']);
  });

  it('POST /admin/score|quality, /admin/delay, /admin/fault change what captures report', async () => {
    expect((await post('/admin/score', { type: 'Finger', qualityScore: '44.44' })).status).toBe(200);
    expect((await post('/admin/quality', { deviceId: '3', score: 61 })).status).toBe(200);
    expect(sbi.state().devices.map((d) => d.qualityScore)).toEqual([80, 44, 61, 44, 80, 80]);
    const item = (await sbiCall(sbi.port, 'RCAPTURE', '/capture', rcapture({}))).json<{
      biometrics: CaptureItem[];
    }>().biometrics[0]!;
    expect(readJws(item.data).payload.qualityScore).toBe('44');
    expect((await post('/admin/delay', { delay: '150' })).json<Answer>().state.delayMs).toBe(150);
    expect((await post('/admin/fault', { fault: 'wrong-count' })).json<Answer>().state.fault).toBe('wrong-count');
    expect(
      (await sbiCall(sbi.port, 'RCAPTURE', '/capture', rcapture({}))).json<{
        biometrics: CaptureItem[];
      }>().biometrics,
    ).toHaveLength(5);
    expect((await post('/admin/fault', { fault: null })).json<Answer>().state.fault).toBe(null);
  });

  it('POST /admin/rotate-keys and /admin/encryption-cert', async () => {
    const before = sbi.state().devices.find((d) => d.deviceId === '5')!.deviceCert.thumbprint;
    expect((await post('/admin/rotate-keys', { deviceId: '5' })).status).toBe(200);
    expect(sbi.state().devices.find((d) => d.deviceId === '5')!.deviceCert.thumbprint).not.toBe(before);
    const cert = leaf(
      root('CN=Admin Bench Root, O=Bench', { key: keyPair('rsa2048', 'admin-root') }),
      'CN=Admin Bench Enc, O=Bench',
      { key: keyPair('rsa2048', 'admin-enc') },
    );
    const r = await post('/admin/encryption-cert', { certificate: cert.pem });
    expect(r.status).toBe(200);
    expect(r.json<Answer>().state.encryptionCert.subject).toContain('Admin Bench Enc');
  });

  it.each([
    ['/admin/status', { deviceStatus: 'Sleeping' }],
    ['/admin/status', {}],
    ['/admin/status', { deviceId: '99', deviceStatus: 'Ready' }],
    ['/admin/score', { type: 'Finger', qualityScore: '101' }],
    ['/admin/score', { qualityScore: 'high' }],
    ['/admin/delay', { delay: -1 }],
    ['/admin/delay', { delay: '9999999' }],
    ['/admin/fault', { fault: 'slow' }],
    ['/admin/rotate-keys', { deviceId: '77' }],
    ['/admin/encryption-cert', { certificate: 'not a certificate' }],
    ['/admin/status', 'not json'],
  ])('POST %s %j → 400 with errorCode 504', async (path, body) => {
    const r = await post(path, body);
    expect(r.status).toBe(400);
    expect(r.json<{ errorCode: string; errorInfo: string }>()).toMatchObject({ errorCode: '504' });
  });

  it('is closed to browsers and to other Host names; unknown routes are 404', async () => {
    const fromPage = await post('/admin/status', { deviceStatus: 'Busy' }, { Origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
    expect((await post('/admin/status', { deviceStatus: 'Busy' }, { Host: 'evil.example' })).status).toBe(403);
    expect(sbi.state().devices.every((d) => d.status === 'Ready')).toBe(true);
    const preflight = await sbiCall(sbi.port, 'OPTIONS', '/admin/status', undefined, {
      Origin: 'https://evil.example',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await post('/admin/nothing', {})).status).toBe(404);
    expect((await sbiCall(sbi.port, 'GET', '/admin/nothing')).status).toBe(404);
  });
});

describe('in-process controls', () => {
  it('refuse values outside their range', () => {
    expect(() => sbi.control.setStatus('9', 'Ready')).toThrow(RangeError);
    expect(() => sbi.control.setStatus('2', 'Sleeping' as never)).toThrow(RangeError);
    for (const q of [-1, 101, 1.5, Number.NaN]) expect(() => sbi.control.setQuality('2', q)).toThrow(RangeError);
    for (const ms of [-1, 0.5, 300_001]) expect(() => sbi.control.setDelay(ms)).toThrow(RangeError);
    expect(sbi.state().delayMs).toBe(0);
  });
});
