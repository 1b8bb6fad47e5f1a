import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/core/config.ts';
import { openCore } from '../../../main/core/index.ts';
import { createHardwareHub } from '../../../native/hub/create-hub.ts';
import type { Core } from '../../../main/core/index.ts';
import { sbiBench } from '../../../main/cli/sbi-bench.ts';
import { sbiDiscover } from '../../../main/cli/sbi-discover.ts';
import { UsageError } from '../../../main/cli/usage.ts';
import { createBenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import { root } from '../../helpers/pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-sbi-args-'));
let core: Core;
beforeAll(() => {
  core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1/',
    config: parseConfig({}),
    log: () => undefined,
  });
});
afterAll(() => {
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** The command's refusal, or 'ran' when it got past its argument checks. */
async function refusal(run: () => Promise<number>): Promise<string> {
  try {
    await run();
    return 'ran';
  } catch (e) {
    return e instanceof UsageError ? e.message : `not a usage error: ${(e as Error).message}`;
  }
}

describe('sbi bench / sbi discover argument checks (in-process)', () => {
  const out = new PassThrough();
  const bench = (v: Record<string, string | boolean | string[]>) => refusal(() => sbiBench(core, v, out));

  it('refuses every bad value with a message naming the option', async () => {
    const pem = root('CN=Vendor Root, O=V').pem;
    const broken = pem.replace(/MII[A-Za-z0-9+/]{20}/, 'MIIAAAAAAAAAAAAAAAAAAAAA');
    expect(await bench({})).toBe('give either --port <port> or --virtual');
    expect(await bench({ port: '0' })).toBe('--port must be a TCP port 1–65535, got "0"');
    expect(await bench({ port: '45O1' })).toBe('--port must be a TCP port 1–65535, got "45O1"');
    expect(await bench({ port: '4501', virtual: true })).toBe('give either --port <port> or --virtual');
    expect(await bench({ port: '4501', purpose: 'auth' })).toBe('--purpose must be Registration or Auth, got "auth"');
    expect(await bench({ virtual: true, range: '4501' })).toMatch(/^--range must be FROM-TO/);
    expect(await bench({ virtual: true, range: '1-2000' })).toMatch(
      /^--range must be FROM-TO \(e\.g\. 4501-4600, at most 1001 ports\)/,
    );
    expect(await bench({ port: '4501', 'timeout-cap-ms': '-5' })).toBe('--timeout-cap-ms must be an integer 1–600000');
    expect(await bench({ port: '4501', trust: [file('empty.pem', 'hello')] })).toMatch(
      /^--trust .*empty\.pem holds no PEM certificate$/,
    );
    expect(await bench({ port: '4501', trust: [`FTM=${file('broken.pem', broken)}`] })).toMatch(
      /^--trust .*broken\.pem: certificate 1 cannot be read/,
    );
    expect(await bench({ port: '4501', 'encryption-cert': file('c.pem', pem) })).toBe(
      '--encryption-key and --encryption-cert go together',
    );
  });

  it("refuses an encryption key that is not the certificate's", async () => {
    const bench1 = await createBenchEncryptionKey();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const cert = file('enc.pem', new X509Certificate(bench1.certificateDer).toString());
    expect(
      await bench({
        port: '4501',
        'encryption-key': file('other.key', other),
        'encryption-cert': cert,
      }),
    ).toBe('--encryption-key is not the key of --encryption-cert');
    expect(
      await bench({
        port: '4501',
        'encryption-key': file('junk.key', 'junk'),
        'encryption-cert': cert,
      }),
    ).toMatch(/^cannot load the encryption key pair: /);
  });

  it('sbi discover checks its range the same way', async () => {
    expect(await refusal(() => sbiDiscover(core, { range: 'a-b' }, out))).toMatch(/^--range must be FROM-TO/);
  });
});
