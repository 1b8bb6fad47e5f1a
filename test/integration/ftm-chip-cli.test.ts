/** `npm run cli -- ftm read`, spawned for real (tsx, its own data directory). */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftmCommand, ftmRead, ftmServe } from '../../main/cli/ftm.ts';
import { UsageError } from '../../main/cli/usage.ts';
import { createVirtualPki } from '../../native/virtual/pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-ftm-cli-'));
let otherRoot: string;
beforeAll(async () => {
  otherRoot = join(dir, 'other-root.pem');
  writeFileSync(otherRoot, (await createVirtualPki({ deviceOrg: 'Elsewhere', ftmOrg: 'Elsewhere' })).ftmRoot.pem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Async spawn, so the runs in one test overlap instead of queueing on two cores. */
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      'main/cli/index.ts',
      ...args,
      '--data-dir',
      join(dir, 'data'),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

interface Reading {
  device: string;
  make: string;
  model: string;
  serial: string;
  chain: Array<{ pem: string; subject: string; issuer: string; notAfter: string }>;
  possession: { verdict: string; reason: string | null };
  trust: { verdict: string; reason: string | null };
}

describe('npm run cli -- ftm read', () => {
  it('reads the in-process virtual chip as JSON: chain, possession and trust verified, exit 0', async () => {
    const r = await cli(['ftm', 'read', '--virtual', '--json']);
    expect(r.code, r.err).toBe(0);
    const reading = JSON.parse(r.out) as Reading;
    expect(reading).toMatchObject({
      device: 'virtual',
      make: 'Partner Desk',
      model: 'Virtual FTM',
      serial: 'PD-VFTM-0001',
      possession: { verdict: 'verified', reason: null },
      trust: { verdict: 'verified', reason: null },
    });
    expect(reading.chain).toHaveLength(2);
    expect(reading.chain[0]!.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(reading.chain[0]!.issuer).toBe(reading.chain[1]!.subject);
  });

  it('exits 1 with a JSON error when no chip is attached (no USB/HID on this machine)', async () => {
    const none = await cli(['ftm', 'read', '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out)).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/^no FTM chip found/) },
    });
    expect(none.err).toMatch(/no FTM chip found/);
  });

  it('ftm serve (the HIL gadget firmware): writes the FTM root, waits for its file, stops on SIGTERM', async () => {
    const rootOut = join(dir, 'served-root.pem');
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      'main/cli/index.ts',
      'ftm',
      'serve',
      '--hidg',
      join(dir, 'hidg-not-yet'),
      '--root-out',
      rootOut,
      '--serial',
      'PD-HIL-1',
      '--data-dir',
      join(dir, 'data'),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await expect
      .poll(() => err, { timeout: 20_000, interval: 50 })
      .toMatch(/ftm serve: cannot open .*hidg-not-yet: ENOENT/);
    expect(JSON.parse(out)).toEqual({
      serving: join(dir, 'hidg-not-yet'),
      serial: 'PD-HIL-1',
      rootOut,
    });
    expect(readFileSync(rootOut, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  // The same command body in-process (spawning costs seconds per case on two cores).
  it('refuses bad options and files clearly', async () => {
    const out = new PassThrough();
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'MIIB this is not armoured');
    await expect(ftmRead({ virtual: true, trust: [join(dir, 'missing.pem')] }, out)).rejects.toThrow(
      /cannot read --trust .*missing\.pem: ENOENT/,
    );
    await expect(ftmRead({ virtual: true, trust: [notPem] }, out)).rejects.toThrow(
      /--trust .*not\.pem holds no PEM certificate/,
    );
    await expect(ftmRead({ virtual: true, device: '/dev/hidraw9' }, out)).rejects.toThrow(
      /--virtual and --device exclude each other/,
    );
    await expect(ftmRead({ virtual: true, device: '/dev/hidraw9' }, out)).rejects.toBeInstanceOf(UsageError); // exit 2
    await expect(ftmCommand('write', {}, out)).rejects.toThrow(/^usage: ftm read/);
    const chunks: string[] = [];
    out.on('data', (d: Buffer) => chunks.push(d.toString()));
    expect(await ftmRead({ json: true, device: '/dev/hidraw-none' }, out)).toBe(1);
    expect(JSON.parse(chunks.join(''))).toEqual({
      error: {
        code: 'OPEN_FAILED',
        message: expect.stringMatching(/cannot open HID device \/dev\/hidraw-none/),
      },
    });
    await expect(ftmServe({}, out)).rejects.toThrow(/usage: ftm serve --hidg/);
  });

  it('fails trust against another FTM root given with --trust (repeatable): exit 1 with the reason', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (d: Buffer) => chunks.push(d.toString()));
    expect(await ftmRead({ virtual: true, json: true, trust: [otherRoot, otherRoot] }, out)).toBe(1);
    const reading = JSON.parse(chunks.join('')) as Reading;
    expect(reading.possession.verdict).toBe('verified');
    expect(reading.trust).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/^KER-PCM-006: /),
    });
  });
});
