/**
 * The transport against real loopback servers that misbehave in every way a device can: each gives
 * its typed error within its limit. Servers listen on port 0 (any free port).
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sbiHttp } from '../../../native/sbi/client/http.ts';
import type { SbiHttpRequest } from '../../../native/sbi/client/http.ts';
import { SbiClient } from '../../../native/sbi/client/sbi-client.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';
import { jsonResponse, startTestSbi } from '../../helpers/sbi-server.ts';
import type { Behaviour, TestSbiServer } from '../../helpers/sbi-server.ts';

const servers: TestSbiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(b: Behaviour | ((req: { method: string }) => Behaviour)): Promise<number> {
  const s = await startTestSbi(0, typeof b === 'function' ? b : () => b);
  servers.push(s);
  return s.port;
}

const limits = { connectTimeoutMs: 300, deadlineMs: 800, idleTimeoutMs: 400, maxBytes: 64 * 1024 };
const req = (port: number, over: Partial<SbiHttpRequest> = {}): SbiHttpRequest => ({
  host: '127.0.0.1',
  port,
  method: 'MOSIPDISC',
  path: '/device',
  body: '{"type":"Biometric Device"}',
  ...limits,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<{ e: SbiError; ms: number }> {
  const t0 = performance.now();
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SbiError);
    return { e: e as SbiError, ms: performance.now() - t0 };
  }
  throw new Error('expected a failure');
}

describe('sbiHttp', () => {
  it('sends the custom verb with an explicit Content-Length and reads a JSON answer', async () => {
    const port = await serve((r) => ({ json: [{ verb: r.method }] }));
    const res = await sbiHttp(req(port));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual([{ verb: 'MOSIPDISC' }]);
    expect(servers[0]!.requests[0]!.headers['content-length']).toBe('27');
    expect(servers[0]!.requests[0]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('nothing listening → SBI_CONNECT (refused) at once', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { e, ms } = await failure(sbiHttp(req(port)));
    expect([e.code, e.detail?.reason]).toEqual(['SBI_CONNECT', 'ECONNREFUSED']);
    expect(ms).toBeLessThan(1000);
  });

  it('accepts and never answers → SBI_TIMEOUT at the idle limit', async () => {
    const port = await serve({ silent: true });
    const { e, ms } = await failure(sbiHttp(req(port)));
    expect([e.code, e.detail?.reason]).toEqual(['SBI_TIMEOUT', 'idle']);
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(2000);
  });

  it('drips a byte every 100 ms → SBI_TIMEOUT at the total deadline (the idle timer never fires)', async () => {
    const port = await serve({ drip: jsonResponse([{ a: 'x'.repeat(100) }]), everyMs: 100 });
    const { e, ms } = await failure(sbiHttp(req(port)));
    expect([e.code, e.detail?.reason]).toEqual(['SBI_TIMEOUT', 'deadline']);
    expect(ms).toBeGreaterThanOrEqual(780);
    expect(ms).toBeLessThan(2500);
  });

  it('10 MB → SBI_TOO_LARGE, from Content-Length or from the bytes received', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const declared = await serve({
      raw: Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n`), big]),
    });
    expect((await failure(sbiHttp(req(declared)))).e.detail?.reason).toBe('declared');
    const undeclared = await serve({
      raw: Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n'), big]),
    });
    const { e } = await failure(sbiHttp(req(undeclared)));
    expect([e.code, e.detail?.reason]).toEqual(['SBI_TOO_LARGE', 'received']);
  });

  it('garbage, and headers without end → SBI_MALFORMED / SBI_TOO_LARGE', async () => {
    const garbage = await serve({ raw: '\x00\x01 this is not HTTP\r\n\r\n' });
    expect((await failure(sbiHttp(req(garbage)))).e.code).toBe('SBI_MALFORMED');
    const endless = await serve({
      raw: `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(40_000)}`,
      keepOpen: true,
    });
    expect((await failure(sbiHttp(req(endless)))).e.code).toBe('SBI_TOO_LARGE');
  });

  it('closes mid-body → SBI_MALFORMED (truncated); closes without answering → SBI_CONNECT', async () => {
    const mid = await serve({
      raw: 'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n[{"deviceId":"2"',
    });
    const { e } = await failure(sbiHttp(req(mid)));
    expect([e.code, e.detail?.reason]).toEqual(['SBI_MALFORMED', 'truncated']);
    const hangup = await serve({ raw: '' });
    expect((await failure(sbiHttp(req(hangup)))).e.code).toBe('SBI_CONNECT');
  });

  it('an AbortSignal cancels a pending exchange → SBI_CANCELLED', async () => {
    const port = await serve({ silent: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const { e, ms } = await failure(sbiHttp(req(port, { signal: ac.signal })));
    expect(e.code).toBe('SBI_CANCELLED');
    expect(ms).toBeLessThan(1000);
    expect((await failure(sbiHttp(req(port, { signal: AbortSignal.abort() })))).e.code).toBe('SBI_CANCELLED');
  });
});

describe('SbiClient answers', () => {
  it('HTML, HTTP 500 and MockMDS\'s "405 OK" are typed; HTML with 200 is SBI_MALFORMED', async () => {
    const html = await serve({
      raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>',
    });
    expect((await failure(new SbiClient({ port: html }).deviceInfo())).e.code).toBe('SBI_MALFORMED');
    const status500 = await serve({
      json: { message: 'boom' },
      status: 500,
      reason: 'Internal Server Error',
    });
    const { e } = await failure(new SbiClient({ port: status500 }).deviceInfo());
    expect([e.code, e.detail?.status]).toEqual(['SBI_HTTP_STATUS', 500]);
  });

  it('falls back to SBIDISC/SBIINFO when the 0.9.5 verb is unknown (MockMDS-style 405 + error 500)', async () => {
    const port = await serve((r) =>
      r.method.startsWith('SBI')
        ? { json: [{ verb: r.method }] }
        : {
            json: [{ error: { errorCode: '500', errorInfo: 'Invalid URL' } }],
            status: 405,
            reason: 'OK',
          },
    );
    const client = new SbiClient({ port });
    expect(await client.discover()).toMatchObject({ verb: 'SBIDISC', json: [{ verb: 'SBIDISC' }] });
    expect(await client.deviceInfo()).toMatchObject({ verb: 'SBIINFO' });
    expect(servers[0]!.requests.map((r) => `${r.method} ${r.body}`)).toEqual([
      'MOSIPDISC {"type":"Biometric Device"}',
      'SBIDISC {"type":"Biometric Device","specVersion":"1.0"}',
      'MOSIPDINFO ',
      'SBIINFO {"type":"Biometric Device","specVersion":"1.0"}',
    ]);
  });

  it('a bad request is refused before anything is sent → SBI_BAD_REQUEST', async () => {
    const port = await serve({ json: {} });
    const client = new SbiClient({ port });
    const bad = {
      env: 'Developer',
      purpose: 'Registration',
      specVersion: '0.9.5',
      timeout: '1000',
      captureTime: '',
      transactionId: 'no',
      bio: [],
    } as const;
    expect((await failure(client.rcapture(bad as never))).e.code).toBe('SBI_BAD_REQUEST');
    expect((await failure(client.stream({ deviceSubId: '1' } as never, () => undefined))).e.code).toBe(
      'SBI_BAD_REQUEST',
    );
    expect(servers[0]!.requests).toHaveLength(0);
    expect(() => new SbiClient({ port: 70000 })).toThrow(SbiError);
  });
});
