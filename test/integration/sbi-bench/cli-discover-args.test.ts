import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { cli } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-sbi-discover-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- sbi discover', () => {
  it('--json: one object per device with its decoded digital id and verification against the trust given', async () => {
    const sbi = await startVirtualSbi({ portRange: [46580, 46589] });
    try {
      sbi.control.setStatus('3', 'Not Registered');
      writeFileSync(join(dir, 'dev.pem'), sbi.trustAnchorsPem().device);
      // Only the DEVICE root: Registration devices (L0) verify; Auth devices' digital IDs are FTM-signed and do not.
      const r = await cli(
        ['sbi', 'discover', '--json', '--range', '46580-46589', '--trust', `DEVICE=${join(dir, 'dev.pem')}`],
        join(dir, 'data'),
      );
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as Record<string, unknown> & {
              verification: { result: string; reason?: string };
            },
        );
      expect(
        lines.map((l) => `${l.port}/${l.deviceId} ${l.type}/${l.subType} ${l.status} ${l.certification} ${l.purpose}`),
      ).toEqual([
        `${sbi.port}/1 Iris/Double Ready L0 Registration`,
        `${sbi.port}/2 Finger/Slap Ready L0 Registration`,
        `${sbi.port}/3 Face/Full face Not Registered L0 `,
        `${sbi.port}/4 Finger/Single Ready L1 Auth`,
        `${sbi.port}/5 Iris/Single Ready L1 Auth`,
        `${sbi.port}/6 Face/Full face Ready L1 Auth`,
      ]);
      expect(lines[0]!.digitalId).toMatchObject({
        serialNo: 'PDVIRISD0001',
        make: 'Partner Desk Virtual',
        type: 'Iris',
        deviceSubType: 'Double',
        deviceProviderId: 'PD.VIRTUAL.SBI',
      });
      expect(lines.map((l) => l.verification.result)).toEqual(['pass', 'pass', 'skip', 'fail', 'fail', 'fail']);
      expect(lines[2]!.verification.reason).toMatch(/unsigned/);
      expect(lines[3]!.verification.reason).toMatch(/is not trusted in domain FTM/);
      expect(r.stderr).toMatch(/scanned 10 port\(s\) in \d+ ms: 6 device\(s\), 0 problem\(s\)/);
    } finally {
      await sbi.close();
    }
  });
});

describe('bad command lines: a clear message and exit 2 (spawned)', () => {
  const data = () => join(dir, 'data');
  // Each path to exit 2: the option parser, a value the command refuses, an unknown subcommand (the
  // value checks themselves are tested in-process in cli-args.test.ts).
  const runs: Array<[string[], RegExp]> = [
    [['sbi', 'bench', '--virtual', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['sbi', 'bench', '--port', '99999'], /--port must be a TCP port 1–65535, got "99999"/],
    [['sbi', 'calibrate'], /unknown subcommand "sbi calibrate"\nusage: sbi discover/],
  ];
  it('for each of them; a port where nothing listens is a failed run (exit 1), not a usage error', async () => {
    const [refused, ...results] = await Promise.all([
      cli(['sbi', 'bench', '--port', '46589', '--purpose', 'Auth', '--json'], data()),
      ...runs.map(([args]) => cli(args, data())),
    ]);
    results.forEach((r, i) => {
      expect({ args: runs[i]![0], code: r.code }).toEqual({ args: runs[i]![0], code: 2 });
      expect(r.stderr).toMatch(runs[i]![1]);
      expect(r.stdout).toBe('');
    });
    expect(refused!.code).toBe(1);
    expect(refused!.stderr).toMatch(/partner-desk: MOSIPDISC 127\.0\.0\.1:46589\/device: connection refused/);
  });
});
