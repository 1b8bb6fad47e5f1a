/**
 * The virtual SBI on loopback: port choice, CORS, discovery, device info per status, and what the
 * raw HTTP layer does with requests that are not SBI. Ports 46100–46119 belong to this file.
 */
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualPki } from '../../../native/virtual/pki.ts';
import type { VirtualPki } from '../../../native/virtual/pki.ts';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { leaf, root } from '../../helpers/pki.ts';
import { NO_MILLIS, chain, decodeUnsigned, readJws, sbiCall, trustFor } from './helpers.ts';

const FROM = 46100;
let pki: VirtualPki;
let sbi: VirtualSbi;
let blocker: Server;

beforeAll(async () => {
  // Hold the first port of the range so the device must skip it.
  blocker = createServer();
  await new Promise<void>((r, j) => blocker.once('error', j).listen(FROM, '127.0.0.1', () => r()));
  pki = await createVirtualPki({ deviceOrg: 'Acme Devices', ftmOrg: 'Acme FTM' });
  sbi = await startVirtualSbi({ portRange: [FROM, FROM + 9], pki, providerId: 'ACME.SBI' });
});
afterAll(async () => {
  await sbi?.close();
  await new Promise((r) => blocker?.close(r));
});
afterEach(() => {
  for (const d of sbi.state().devices) sbi.control.setStatus(d.deviceId, 'Ready');
});

interface DiscoveryItem {
  deviceId: string;
  deviceStatus: string;
  certification: string;
  serviceVersion: string;
  deviceSubId: string[];
  callbackId: string;
  digitalId: string;
  deviceCode: string;
  specVersion: string[];
  purpose: string;
  error: { errorCode: string; errorInfo: string };
}
const discover = async (type: string, method = 'MOSIPDISC') =>
  (await sbiCall(sbi.port, method, '/device', JSON.stringify({ type }))).json<DiscoveryItem[]>();

describe('listening', () => {
  it('binds 127.0.0.1 on the first free port of the range', () => {
    expect(sbi.port).toBe(FROM + 1);
    expect(sbi.baseUrl).toBe(`http://127.0.0.1:${FROM + 1}`);
  });

  it('fails clearly when the whole range is taken', async () => {
    await expect(startVirtualSbi({ portRange: [FROM, FROM + 1], pki })).rejects.toThrow(
      /no free port on 127\.0\.0\.1 in 46100–46101/,
    );
    await expect(startVirtualSbi({ portRange: [5, 2], pki })).rejects.toThrow(RangeError);
  });

  it('answers the CORS preflight with the custom verbs', async () => {
    const r = await sbiCall(sbi.port, 'OPTIONS', '/capture', undefined, {
      Origin: 'http://ctk.example',
      'Access-Control-Request-Method': 'RCAPTURE',
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-headers']).toMatch(/Content-Type/);
    for (const verb of ['RCAPTURE', 'CAPTURE', 'MOSIPDINFO', 'MOSIPDISC', 'STREAM'])
      expect(r.headers['access-control-allow-methods']).toContain(verb);
  });
});

describe('discovery', () => {
  it('lists every device for "Biometric Device", with an unsigned digital ID', async () => {
    const items = await discover('Biometric Device');
    expect(items).toHaveLength(6);
    const anchors = sbi.trustAnchorsPem();
    expect(anchors.device).toContain('BEGIN CERTIFICATE');
    for (const d of items) {
      expect(d.error).toEqual({ errorCode: '0', errorInfo: 'Success' });
      expect(d.deviceStatus).toBe('Ready');
      expect(d.callbackId).toBe(`http://127.0.0.1:${sbi.port}/`);
      expect(d.specVersion).toEqual(['0.9.5']);
      expect(['L0', 'L1']).toContain(d.certification);
      expect(d.purpose).toBe(d.certification === 'L1' ? 'Auth' : 'Registration');
      expect(d.deviceCode).toMatch(/^[A-Z0-9]{12,}$/);
      expect(d.digitalId).not.toContain('.');
      const id = decodeUnsigned(d.digitalId);
      expect(id).toMatchObject({
        serialNo: d.deviceCode,
        deviceProvider: 'Acme Devices',
        deviceProviderId: 'ACME.SBI',
      });
      expect(id.type).toBeTruthy();
      expect(id.deviceSubType).toBeTruthy();
      expect(id.dateTime).toMatch(NO_MILLIS);
      for (const s of d.deviceSubId) expect(['0', '1', '2', '3']).toContain(s);
    }
    expect(
      items.map(
        (d) => `${d.deviceId}:${decodeUnsigned(d.digitalId).deviceSubType as string}:${d.deviceSubId.join('')}`,
      ),
    ).toEqual(['1:Double:123', '2:Slap:123', '3:Full face:0', '4:Single:0', '5:Single:0', '6:Full face:0']);
  });

  it.each(['Finger', 'Iris', 'Face'])('narrows to type %s (also with SBIDISC)', async (type) => {
    for (const verb of ['MOSIPDISC', 'SBIDISC']) {
      const items = await discover(type, verb);
      expect(items).toHaveLength(2);
      for (const d of items) expect(decodeUnsigned(d.digitalId).type).toBe(type);
    }
  });

  it('answers an invalid type (CTK 1196 "FINGER") and a bad body with one 3-digit error', async () => {
    for (const body of [
      JSON.stringify({ type: 'FINGER' }),
      JSON.stringify({ type: 7 }),
      '{"type":',
      '[]',
      JSON.stringify({}),
    ]) {
      const r = await sbiCall(sbi.port, 'MOSIPDISC', '/device', body);
      expect(r.status).toBe(200);
      const items = r.json<DiscoveryItem[]>();
      expect(items).toHaveLength(1);
      expect(items[0]!.error.errorCode).toMatch(/^[1-9][0-9][0-9]$/);
      expect(items[0]!.error.errorInfo).not.toBe('Success');
    }
    expect((await discover('FINGER'))[0]!.error.errorCode).toBe('502');
  });

  it('treats GET / as discovery, as MockMDS does', async () => {
    const r = await sbiCall(sbi.port, 'GET', '/');
    expect(r.json<DiscoveryItem[]>()).toHaveLength(6);
  });

  it('reports a Not Registered device without a purpose', async () => {
    sbi.control.setStatus('2', 'Not Registered');
    const slap = (await discover('Finger')).find((d) => d.deviceId === '2')!;
    expect(slap).toMatchObject({
      deviceStatus: 'Not Registered',
      purpose: '',
      error: { errorCode: '100', errorInfo: 'Device not registered' },
    });
  });

  it.each([
    ['Busy', '111', 'Device is Busy'],
    ['Not Ready', '110', 'Device is not ready'],
    ['Ready', '0', 'Success'],
  ] as const)(
    'a %s device answers discovery with its status and error %s, as MockMDS does',
    async (status, errorCode, errorInfo) => {
      sbi.control.setStatus('3', status);
      const face = (await discover('Face')).find((d) => d.deviceId === '3')!;
      expect(face).toMatchObject({
        deviceStatus: status,
        purpose: 'Registration',
        deviceCode: 'PDVFACER0001',
        error: { errorCode, errorInfo },
      });
    },
  );
});

interface InfoItem {
  deviceInfo: string;
  error: { errorCode: string; errorInfo: string };
}
const info = async (body?: string) => (await sbiCall(sbi.port, 'MOSIPDINFO', '/info', body)).json<InfoItem[]>();

describe('device info', () => {
  it('signs deviceInfo with a device certificate that chains to the DEVICE root; L0 digital IDs chain to DEVICE, L1 to FTM', async () => {
    const trust = trustFor(sbi.trustAnchorsPem());
    const items = await info();
    expect(items).toHaveLength(6);
    for (const item of items) {
      expect(item.error).toEqual({ errorCode: '0', errorInfo: 'Success' });
      const jws = readJws(item.deviceInfo);
      expect(jws.header.alg).toBe('RS256');
      expect(jws.signatureValid).toBe(true);
      expect(chain(jws.signerDer, 'DEVICE', trust).ok).toBe(true);
      const p = jws.payload;
      for (const k of [
        'env',
        'digitalId',
        'purpose',
        'serviceVersion',
        'deviceStatus',
        'firmware',
        'certification',
        'specVersion',
        'deviceSubId',
        'callbackId',
        'deviceId',
        'deviceCode',
      ])
        expect(p).toHaveProperty(k);
      expect(p.deviceStatus).toBe('Ready');
      expect(p.env).toBe('Developer');
      const digitalId = readJws(p.digitalId as string);
      expect(digitalId.signatureValid).toBe(true);
      expect(digitalId.payload.serialNo).toBe(p.deviceCode);
      expect(digitalId.payload.dateTime).toMatch(NO_MILLIS);
      const own = p.certification === 'L1' ? 'FTM' : 'DEVICE';
      const wrong = own === 'FTM' ? 'DEVICE' : 'FTM';
      expect(chain(digitalId.signerDer, own, trust).ok).toBe(true);
      expect(chain(digitalId.signerDer, wrong, trust).ok).toBe(false);
      if (p.certification === 'L0') {
        expect(digitalId.signerDer.equals(jws.signerDer)).toBe(true);
        expect(p.firmware).toBe(p.serviceVersion);
      }
    }
    // A certificate from another PKI does not chain: the check above can fail.
    const strangerRoot = root('CN=Stranger Root, O=Other');
    expect(chain(leaf(strangerRoot, 'CN=Stranger, O=Other').der, 'DEVICE', trust).ok).toBe(false);
  });

  it.each([
    ['Busy', '111'],
    ['Not Ready', '110'],
  ] as const)('%s: still signed, deviceStatus %s and error %s', async (status, code) => {
    sbi.control.setStatus('3', status);
    const item = (await info())[2]!;
    expect(item.error.errorCode).toBe(code);
    expect(item.error.errorInfo).not.toBe('Success');
    const jws = readJws(item.deviceInfo);
    expect(jws.signatureValid).toBe(true);
    expect(jws.payload).toMatchObject({
      deviceId: '3',
      deviceStatus: status,
      purpose: 'Registration',
    });
  });

  it('Not Registered: unsigned base64url payload, env None, no purpose, error 100 "Device not registered"', async () => {
    sbi.control.setStatus('2', 'Not Registered');
    sbi.control.setStatus('4', 'Not Registered');
    const items = await info();
    for (const [i, id] of [
      [1, '2'],
      [3, '4'],
    ] as const) {
      const item = items[i]!;
      expect(item.error).toEqual({ errorCode: '100', errorInfo: 'Device not registered' });
      expect(item.deviceInfo).not.toContain('.');
      const p = decodeUnsigned(item.deviceInfo);
      expect(p).toMatchObject({
        deviceId: id,
        deviceStatus: 'Not Registered',
        env: 'None',
        purpose: '',
      });
      // L0 without registration has no signed digital ID; the L1 chip still signs its own.
      const digitalId = p.digitalId as string;
      if (id === '2') expect(decodeUnsigned(digitalId).serialNo).toBe('PDVFSLAP0001');
      else expect(readJws(digitalId).signatureValid).toBe(true);
    }
    expect(items[0]!.error.errorCode).toBe('0');
  });

  it('SBIINFO {type} narrows the answer; a stray body on MOSIPDINFO is ignored', async () => {
    const r = (
      await sbiCall(sbi.port, 'SBIINFO', '/info', JSON.stringify({ type: 'Iris', specVersion: '1.0.0' }))
    ).json<InfoItem[]>();
    expect(r.map((i) => readJws(i.deviceInfo).payload.deviceId)).toEqual(['1', '5']);
    expect(await info('not json')).toHaveLength(6);
  });
});

describe('requests that are not SBI', () => {
  it('unknown verbs and paths get 405 with 500 "Invalid URL"', async () => {
    for (const [method, path] of [
      ['FOO', '/device'],
      ['MOSIPDISC', '/nowhere'],
      ['DELETE', '/capture'],
      ['RCAPTURE', '/info'],
    ] as const) {
      const r = await sbiCall(sbi.port, method, path, '{}');
      expect(r.status).toBe(405);
      expect(r.json()).toEqual([{ error: { errorCode: '500', errorInfo: 'Invalid URL' } }]);
    }
  });

  it('an oversized body gets 413 and error 520 in the verb’s own shape', async () => {
    const big = JSON.stringify({ type: 'Finger', pad: 'x'.repeat(70 * 1024) });
    const r = await sbiCall(sbi.port, 'MOSIPDISC', '/device', big);
    expect(r.status).toBe(413);
    expect(r.json<DiscoveryItem[]>()[0]!.error.errorCode).toBe('520');
    const c = await sbiCall(sbi.port, 'RCAPTURE', '/capture', big);
    expect(c.status).toBe(413);
    expect(c.json<{ biometrics: { error: { errorCode: string } }[] }>().biometrics[0]!.error.errorCode).toBe('520');
  });

  /** Raw bytes in, raw bytes out. */
  const raw = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(sbi.port, '127.0.0.1', () => s.write(bytes));
      let out = '';
      s.on('data', (d) => (out += d.toString('latin1')));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });

  it('answers malformed HTTP with 400 and closes', async () => {
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw('MOSIPDISC /device HTTP/1.1\r\nbad header line\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw('MOSIPDISC /device HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}')).toMatch(
      /^HTTP\/1\.1 400 /,
    );
    expect(await raw('MOSIPDISC /device HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(`MOSIPDISC /device HTTP/1.1\r\nX: ${'y'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    expect(await raw('MOSIPDISC /device HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toMatch(
      /^HTTP\/1\.1 400 /,
    );
  });

  it('reads chunked bodies', async () => {
    const body = JSON.stringify({ type: 'Face' });
    const out = await raw(
      `MOSIPDISC /device HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\n\r\n`,
    );
    expect(out).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4))).toHaveLength(2);
  });

  it('a client that goes away mid-request does not disturb the device', async () => {
    await new Promise<void>((resolve) => {
      const s = connect(sbi.port, '127.0.0.1', () => {
        s.write('RCAPTURE /capture HTTP/1.1\r\nContent-Length: 500\r\n\r\n{"env":');
        s.destroy();
        resolve();
      });
    });
    expect(await discover('Face')).toHaveLength(2);
  });
});
