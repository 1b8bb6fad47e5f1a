import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustStore } from '../../../lib/pki/index.ts';
import type { Prompter } from '../../../native/sbi/bench/prompts.ts';
import { runBench } from '../../../native/sbi/bench/runner.ts';
import type { BenchProgress } from '../../../native/sbi/bench/runner.ts';
import { benchFixture } from './setup.ts';
import type { BenchFixture } from './setup.ts';

let f: BenchFixture;
beforeAll(async () => {
  f = await benchFixture([46530, 46534]);
});
afterAll(async () => f?.sbi.close());

describe('cancelling a run', () => {
  it('stops within ~100 ms during a capture wait and reports what ran', async () => {
    const abort = new AbortController();
    let abortedAt = 0;
    const onProgress = (p: BenchProgress) => {
      if (p.caseId === 'SBI1049') setTimeout(() => ((abortedAt = performance.now()), abort.abort()), 100);
    };
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Registration',
      deviceId: '3',
      trust: f.trust,
      prompt: f.prompt,
      signal: abort.signal,
      onProgress,
      timeouts: { shortMs: 150, longMs: 5000 },
    });
    const stoppedAfter = performance.now() - abortedAt;
    expect(abortedAt).toBeGreaterThan(0);
    expect(stoppedAfter).toBeLessThan(150);
    expect(r.cancelled).toBe(true);
    const last = r.cases.at(-1)!;
    expect(last).toMatchObject({
      id: 'SBI1049',
      result: 'skip',
      checks: [{ name: 'run', result: 'skip', reason: 'cancelled' }],
    });
    expect(r.cases.slice(0, -1).every((c) => c.result === 'pass')).toBe(true);
    expect(r.cases.length).toBeGreaterThan(5);
    expect(r.summary.skip).toBe(1);
  });

  it('stops while waiting for the tester, without asking to restore', async () => {
    const abort = new AbortController();
    const asked: string[] = [];
    const never: Prompter = (p) => {
      asked.push(`${p.caseId}:${p.action.kind}`);
      setTimeout(() => abort.abort(), 30);
      return new Promise(() => undefined);
    };
    const t0 = performance.now();
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Auth',
      deviceId: '6',
      trust: f.trust,
      prompt: never,
      signal: abort.signal,
      caseIds: ['SBI1001', 'SBI1027', 'SBI1014'],
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(asked).toEqual(['SBI1027:set-status']);
    expect(r.cases.map((c) => `${c.id}:${c.result}`)).toEqual(['SBI1001:pass', 'SBI1027:skip']);
    expect(r.cancelled).toBe(true);
  });

  it('an already aborted signal runs nothing', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      runBench({ port: f.sbi.port, purpose: 'Auth', trust: f.trust, signal: abort.signal }),
    ).rejects.toMatchObject({ code: 'SBI_CANCELLED' });
  });
});

/** A device that speaks just enough SBI to be discovered, then answers each verb as told. */
type Reply = { status?: number; body: string } | 'close' | 'hang';
function fakeSbi(reply: (verb: string) => Reply): Promise<{ port: number; server: Server }> {
  const digitalId = Buffer.from(
    JSON.stringify({
      serialNo: 'FAKE00000001',
      make: 'Fake',
      model: 'F1',
      type: 'Finger',
      deviceSubType: 'Slap',
      deviceProvider: 'Fake',
      deviceProviderId: 'FAKE',
      dateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
  ).toString('base64url');
  const entry = {
    deviceId: '9',
    deviceStatus: 'Ready',
    certification: 'L0',
    serviceVersion: '1',
    deviceSubId: ['1', '2', '3'],
    callbackId: 'x',
    digitalId,
    deviceCode: 'FAKE00000001',
    specVersion: ['0.9.5'],
    purpose: 'Registration',
    error: { errorCode: '0', errorInfo: 'Success' },
  };
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.once('data', (chunk) => {
      const verb = chunk.toString('latin1').split(' ', 1)[0]!;
      const r: Reply =
        verb === 'MOSIPDISC' && !chunk.includes('FINGER') ? { body: JSON.stringify([entry]) } : reply(verb);
      if (r === 'hang') return;
      if (r === 'close') return void s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"biom');
      s.end(
        `HTTP/1.1 ${r.status ?? 200} X\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\nConnection: close\r\n\r\n${r.body}`,
      );
    });
    s.on('error', () => undefined);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server })),
  );
}

describe('a device that answers badly', () => {
  const success = JSON.stringify({
    biometrics: [{ specVersion: '0.9.5', data: '', hash: '', error: { errorCode: '0', errorInfo: 'Success' } }],
  });
  const cases: Array<[string, Reply, string, RegExp]> = [
    ['RCAPTURE', { body: '{"biometrics":"nope"}' }, 'SBI1002', /^response\.schema: .*biometrics/],
    ['RCAPTURE', { body: 'not json' }, 'SBI1002', /^response: RCAPTURE: body is not JSON/],
    ['RCAPTURE', { status: 500, body: '{}' }, 'SBI1002', /^response: RCAPTURE: HTTP 500/],
    ['RCAPTURE', 'close', 'SBI1002', /^response: .*(ended early|closed)/],
    ['RCAPTURE', 'hang', 'SBI1002', /^response: .*no complete answer within \d+ ms/],
    [
      'RCAPTURE',
      { body: success },
      'SBI1033',
      /^biometrics\[0\]\.error: the device answered Success where it must refuse \(specification: 109\)/,
    ],
    [
      'MOSIPDISC',
      { body: JSON.stringify([{ error: { errorCode: '0', errorInfo: 'Success' } }]) },
      'SBI1196',
      /^discovery\[0\]\.error: error "0"/,
    ],
    [
      'MOSIPDINFO',
      { body: '[{"deviceInfo":"a.b.c","error":{"errorCode":"0","errorInfo":"Success"}}]' },
      'SBI1001',
      /deviceInfo\.device: no readable deviceInfo for device 9/,
    ],
  ];
  it.each(cases)('%s answered with %j: %s fails with a reason', async (verb, reply, caseId, reason) => {
    const { port, server } = await fakeSbi((v) => (v === verb ? reply : { status: 405, body: '[]' }));
    try {
      const r = await runBench({
        port,
        purpose: 'Registration',
        trust: createTrustStore([]),
        caseIds: [caseId],
        captureGraceMs: 300,
        timeouts: { shortMs: 100, longMs: 100, defaultMs: 200 },
      });
      expect(r.cases).toHaveLength(1);
      expect(r.cases[0]!.result).toBe('fail');
      const failed = r.cases[0]!.checks.filter((c) => c.result === 'fail').map((c) => `${c.name}: ${c.reason}`);
      expect(
        failed.some((s) => reason.test(s)),
        failed.join('\n'),
      ).toBe(true);
    } finally {
      server.close();
    }
  });
});
