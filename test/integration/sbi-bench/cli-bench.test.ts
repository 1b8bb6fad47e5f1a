import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-sbi-bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- sbi bench', () => {
  it("--virtual --purpose Auth --json: the report shape, every case passing (records decrypted with the run's key), exit 0, and the printable page", async () => {
    const html = join(dir, 'report.html');
    const r = await cli(
      [
        'sbi',
        'bench',
        '--virtual',
        '--purpose',
        'Auth',
        '--json',
        '--range',
        '46560-46569',
        '--timeout-cap-ms',
        '150',
        '--html',
        html,
      ],
      join(dir, 'data'),
    );
    expect(r.stderr).not.toMatch(/partner-desk:/);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      device: { port: number; purpose: string; devices: Array<{ deviceId: string }> };
      cases: Array<{
        id: string;
        name: string;
        result: string;
        checks: Array<{ name: string; result: string; reason?: string }>;
      }>;
      summary: { pass: number; fail: number; skip: number };
    };
    expect(report.device).toMatchObject({ port: 46560, purpose: 'Auth' });
    expect(report.device.devices.map((d) => d.deviceId)).toEqual(['4', '5', '6']);
    expect(report.cases.length).toBeGreaterThan(50);
    expect(
      report.cases
        .find((c) => c.id === 'SBI1069')!
        .checks.some((k) => k.name.endsWith('ISO 19794-4:2011: compression') && k.result === 'pass'),
    ).toBe(true);
    for (const c of report.cases) {
      expect(c).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^SBI\d{4}$/),
          name: expect.any(String),
          result: 'pass',
        }),
      );
      expect(c.checks.length).toBeGreaterThan(0);
      for (const k of c.checks) expect(['pass', 'fail', 'skip']).toContain(k.result);
    }
    expect(report.summary).toEqual({ pass: report.cases.length, fail: 0, skip: 0 });
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('SBI1014');
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc="|\shref="/i);
  });
});
