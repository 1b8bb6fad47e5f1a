/**
 * The FTM onboarding core path end to end through the CLI, in the guest: `ftm read --json` (the
 * bundle of main/cli, what `npm run cli -- ftm read --json` runs) finds the chip through the
 * catalogue, reads it over hidraw, checks possession with a fresh challenge and the chain against
 * the FTM root given with --trust. Against another root the trust verdict must fail.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckRun } from './checks.ts';
import { expect, expectEqual } from './checks.ts';
import { FTM_ROOT_FILE, OTHER_ROOT_FILE } from './fixture.ts';
import type { HilFixture } from './fixture.ts';

export interface CliEnv {
  /** The bundled CLI (main/cli/index.ts). */
  cli: string;
  fixtures: string;
  fixture: HilFixture;
}

const Verdict = z.object({
  verdict: z.enum(['verified', 'failed']),
  reason: z.string().nullable(),
});
const Reading = z.object({
  device: z.string(),
  make: z.string(),
  model: z.string(),
  serial: z.string(),
  firmware: z.string(),
  chain: z.array(z.object({ pem: z.string(), subject: z.string(), issuer: z.string(), notAfter: z.string() })),
  possession: Verdict,
  trust: Verdict,
});

function runCli(cli: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function cliChecks(t: CheckRun, { cli, fixtures, fixture }: CliEnv): Promise<void> {
  const dataDir = mkdtempSync('/tmp/pd-cli-');
  const read = async (root: string) => {
    const r = await runCli(cli, ['ftm', 'read', '--json', '--trust', join(fixtures, root), '--data-dir', dataDir]);
    const line = r.stdout.trim().split('\n').at(-1) ?? '';
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(
        `exit ${r.code}, no JSON on stdout: ${JSON.stringify(r.stdout.slice(0, 300))} stderr: ${r.stderr.slice(0, 300)}`,
      );
    }
    return { code: r.code, reading: Reading.parse(json) };
  };
  const durations: number[] = [];

  await t.check(
    'CLI ftm read --json --trust <FTM root>: make, model, serial, chain, possession and trust verified',
    async () => {
      const t0 = performance.now();
      const { code, reading } = await read(FTM_ROOT_FILE);
      durations.push(performance.now() - t0);
      expectEqual(code, 0, 'exit code');
      expect(reading.device.startsWith('/dev/hidraw'), `device ${reading.device}`);
      expectEqual(
        `${reading.make}|${reading.model}|${reading.serial}|${reading.firmware}`,
        `${fixture.info.make}|${fixture.info.model}|${fixture.info.serial}|${fixture.info.firmware}`,
        'make|model|serial|firmware',
      );
      const ders = reading.chain.map((c) => new X509Certificate(c.pem).raw.toString('base64'));
      expectEqual(ders.join(), fixture.chain.join(), 'certificate chain (DER)');
      expect(/FTM Root/.test(reading.chain[1]?.subject ?? ''), `chain[1] subject ${reading.chain[1]?.subject}`);
      expectEqual(reading.possession.verdict, 'verified', `possession (${reading.possession.reason})`);
      expectEqual(reading.trust.verdict, 'verified', `trust (${reading.trust.reason})`);
    },
    90_000,
  );

  await t.check(
    'CLI ftm read --json against another root: possession verified, trust failed, exit 1',
    async () => {
      const t0 = performance.now();
      const { code, reading } = await read(OTHER_ROOT_FILE);
      durations.push(performance.now() - t0);
      expectEqual(code, 1, 'exit code');
      expectEqual(reading.possession.verdict, 'verified', 'possession');
      expectEqual(reading.trust.verdict, 'failed', 'trust');
      expect(reading.trust.reason, 'trust failure without a reason');
    },
    90_000,
  );
  t.figure('cli-ftm-read (process start to exit)', durations);
}
