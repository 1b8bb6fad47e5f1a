/**
 * BenchSession, the one bench session of the hub and the CLI, against a real virtual SBI on
 * loopback: the key it lends, the certificate it gives back, the prompter it picks, and a port
 * that is not a virtual SBI.
 */
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { Prompter } from '../../../native/sbi/bench/prompts.ts';
import { BenchSession } from '../../../native/sbi/bench/session.ts';
import { detectVirtualSbi } from '../../../native/sbi/bench/virtual-admin.ts';
import { benchFixture, QUICK } from './setup.ts';
import type { BenchFixture } from './setup.ts';

/** A fixed clock for the lent key, far from the machine's date: its validity must follow it. */
const AT = new Date('2031-03-01T00:00:00Z');
/** A certificate compared by its DER, whichever PEM line layout it travelled in. */
const derOf = (k: BenchEncryptionKey) => Buffer.from(k.certificateDer).toString('base64');
const ask: Prompter = async () => 'skip';

let f: BenchFixture;
let other: Server;
beforeAll(async () => {
  f = await benchFixture([46800, 46804]);
  other = createServer((_req, res) => res.writeHead(404).end('not an SBI'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await f?.sbi.close();
  await new Promise((resolve) => other?.close(resolve));
});

/** The certificate the virtual device encrypts to now, read through its admin API. */
const deviceCert = async () =>
  new X509Certificate((await (await detectVirtualSbi(f.sbi.port))!.trustAnchorsPem()).encryption!).raw.toString(
    'base64',
  );

describe('BenchSession on a virtual SBI', () => {
  it('lends a key of its own, valid from the session clock, and gives the device its certificate back', async () => {
    const own = derOf(f.key);
    expect(await deviceCert()).toBe(own);
    const session = await BenchSession.open({
      port: f.sbi.port,
      signal: new AbortController().signal,
      now: () => AT,
    });
    expect(session.admin?.port).toBe(f.sbi.port);
    expect(session.encryptionKey).not.toBeNull();
    const lent = derOf(session.encryptionKey!);
    expect(lent).not.toBe(own);
    expect(await deviceCert()).toBe(lent);
    expect(new Date(new X509Certificate(session.encryptionKey!.certificateDer).validFrom).toISOString()).toBe(
      new Date(AT.getTime() - 86_400_000).toISOString(),
    );
    await session.close();
    expect(await deviceCert()).toBe(own);
  });

  it('lends nothing when the caller brings the key the device encrypts to', async () => {
    const session = await BenchSession.open({
      port: f.sbi.port,
      signal: new AbortController().signal,
      encryptionKey: f.key,
    });
    expect(session.encryptionKey).toBe(f.key);
    expect(await deviceCert()).toBe(derOf(f.key));
    await session.close();
    expect(await deviceCert()).toBe(derOf(f.key));
  });

  it('lets the device answer prompts only when asked to', async () => {
    const session = await BenchSession.open({
      port: f.sbi.port,
      signal: new AbortController().signal,
      encryptionKey: f.key,
    });
    expect(session.prompter(ask, false)).toBe(ask);
    expect(session.prompter(ask, true)).not.toBe(ask);
    await session.close();
  });

  it('runs the bench on its port with its key', async () => {
    const session = await BenchSession.open({
      port: f.sbi.port,
      signal: new AbortController().signal,
      encryptionKey: f.key,
    });
    try {
      const report = await session.run({
        purpose: 'Registration',
        deviceId: '3',
        caseIds: ['SBI1001'],
        trust: f.trust,
        prompt: session.prompter(ask, true),
        timeouts: QUICK,
      });
      expect(report.cases.map((c) => [c.id, c.result])).toEqual([['SBI1001', 'pass']]);
    } finally {
      await session.close();
    }
  });
});

describe('BenchSession on a port that is not a virtual SBI', () => {
  it('finds no admin API, makes no key and keeps the tester as the prompter', async () => {
    const port = (other.address() as AddressInfo).port;
    const session = await BenchSession.open({ port, signal: new AbortController().signal });
    expect(session.admin).toBeNull();
    expect(session.encryptionKey).toBeNull();
    expect(session.prompter(ask, true)).toBe(ask);
    await expect(session.close()).resolves.toBeUndefined();
  });

  it('keeps a key the caller brings', async () => {
    const key = await createBenchEncryptionKey(AT);
    const session = await BenchSession.open({
      port: (other.address() as AddressInfo).port,
      signal: new AbortController().signal,
      encryptionKey: key,
    });
    expect(session.encryptionKey).toBe(key);
  });
});
