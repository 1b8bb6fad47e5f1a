import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { cli } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-sbi-bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- sbi bench --port', () => {
  it('against a faulty device: the failing case, its reason, exit 1; --trust adds the vendor CAs for the run', async () => {
    const sbi = await startVirtualSbi({ portRange: [46570, 46579] });
    try {
      sbi.control.setFault('wrong-count');
      const ownCert = sbi.state().encryptionCert.thumbprint;
      const roots = sbi.trustAnchorsPem();
      writeFileSync(join(dir, 'dev.pem'), roots.device);
      writeFileSync(join(dir, 'ftm.pem'), roots.ftm);
      const args = [
        'sbi',
        'bench',
        '--port',
        String(sbi.port),
        '--purpose',
        'Registration',
        '--device',
        '2',
        '--cases',
        'SBI1001,SBI1002',
        '--json',
      ];
      const r = await cli(
        [...args, '--trust', `DEVICE=${join(dir, 'dev.pem')}`, '--trust', `FTM=${join(dir, 'ftm.pem')}`],
        join(dir, 'data'),
      );
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        cases: Array<{
          id: string;
          result: string;
          checks: Array<{ name: string; result: string; reason?: string }>;
        }>;
        summary: object;
      };
      expect(report.cases.map((c) => `${c.id}:${c.result}`)).toEqual(['SBI1001:pass', 'SBI1002:fail']);
      expect(report.cases[1]!.checks.filter((k) => k.result === 'fail')).toEqual([
        {
          name: 'response.count',
          result: 'fail',
          reason: '5 item(s) for a request of 4',
          code: 'SBI_RESPONSE_MISMATCH',
        },
      ]);
      expect(report.summary).toEqual({ pass: 1, fail: 1, skip: 0 });
      // The same run without the vendor CAs, human-readable: the product's (empty) trust store does not trust the device.
      sbi.control.setFault(null);
      const plain = await cli(
        args.filter((a) => a !== '--json'),
        join(dir, 'data'),
      );
      expect(plain.code).toBe(1);
      expect(plain.stdout).toMatch(
        /FAIL {2}SBI1001 {2}Device info \(device 2\)\n {8}fail: deviceInfo\[1\]\.trust — x5c\[0\] .* is not trusted in domain DEVICE/,
      );
      expect(plain.stdout).toMatch(/\n0 passed, 2 failed, 0 skipped\n$/);
      // The device heads the list under the spec's names, discovery's deviceCode and the digital ID's serialNo.
      expect(plain.stdout).toMatch(
        /^device 2 {2}Finger\/Slap {2}Partner Desk Virtual PD-SLAP-4 {2}deviceCode PDVFSLAP0001 {2}serialNo PDVFSLAP0001\n\n/,
      );
      // The bench lent the device its own encryption certificate for the run and put the device's back.
      expect(sbi.state().encryptionCert.thumbprint).toBe(ownCert);
    } finally {
      await sbi.close();
    }
  });
});
