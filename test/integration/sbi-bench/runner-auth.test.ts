import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_CASES } from '../../../native/sbi/bench/cases.ts';
import type { BenchReport } from '../../../native/sbi/bench/report.ts';
import { planBench, runBench } from '../../../native/sbi/bench/runner.ts';
import { benchFixture, QUICK } from './setup.ts';
import type { BenchFixture } from './setup.ts';

let f: BenchFixture;
beforeAll(async () => {
  f = await benchFixture([46510, 46519]);
});
afterAll(async () => f?.sbi.close());

const ids = (r: BenchReport, result: string) =>
  r.cases.filter((c) => c.result === result).map((c) => `${c.id}/${c.deviceId}`);

describe('the bench against the virtual SBI: Auth, trust, prompts, planning', () => {
  it('passes every applicable Auth case, decrypting with the bench key', async () => {
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Auth',
      trust: f.trust,
      encryptionKey: f.key,
      prompt: f.prompt,
      timeouts: QUICK,
    });
    expect(ids(r, 'fail')).toEqual([]);
    expect(ids(r, 'skip')).toEqual([]);
    expect(r.device.devices.map((d) => d.deviceId)).toEqual(['4', '5', '6']);
    const ran = new Set(r.cases.map((c) => c.id));
    expect(
      BENCH_CASES.filter((c) => c.purpose !== 'Registration')
        .map((c) => c.id)
        .filter((id) => !ran.has(id)),
    ).toEqual([]);
    const hash = r.cases.find((c) => c.id === 'SBI1105')!.checks;
    expect(hash.filter((c) => c.name.endsWith('.hash')).map((c) => `${c.name}:${c.result}`)).toEqual([
      'capture 1: biometrics[0].hash:pass',
      'capture 2: biometrics[0].hash:pass',
      'capture 3: biometrics[0].hash:pass',
    ]);
    expect(
      r.cases
        .find((c) => c.id === 'SBI1069')!
        .checks.some((c) => c.name === 'biometrics[0].ISO 19794-4:2011: compression' && c.result === 'pass'),
    ).toBe(true);
  });

  it('without the bench key, Auth records are not judged: ISO and hash checks are skipped, not failed', async () => {
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Auth',
      deviceId: '6',
      trust: f.trust,
      caseIds: ['SBI1066', 'SBI1105', 'SBI1014'],
      timeouts: QUICK,
    });
    expect(r.cases.map((c) => `${c.id}:${c.result}`)).toEqual(['SBI1014:pass', 'SBI1066:pass', 'SBI1105:pass']);
    expect(r.cases[1]!.checks.find((c) => c.name === 'iso')).toEqual({
      name: 'iso',
      result: 'skip',
      reason: 'encrypted; the run has no bench encryption key',
    });
    expect(r.cases[2]!.checks.filter((c) => c.name.endsWith('.hash')).every((c) => c.result === 'skip')).toBe(true);
  });

  it("fails signatures against a trust store without the device roots, with the path validator's reason", async () => {
    const { createTrustStore } = await import('../../../lib/pki/index.ts');
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Registration',
      deviceId: '3',
      trust: createTrustStore([]),
      caseIds: ['SBI1001', 'SBI1012', 'SBI1039'],
      timeouts: QUICK,
    });
    expect(r.cases.map((c) => `${c.id}:${c.result}`)).toEqual(['SBI1001:fail', 'SBI1012:fail', 'SBI1039:pass']);
    const trust = r.cases[0]!.checks.find((c) => c.name.endsWith('].trust'));
    expect(trust).toMatchObject({
      result: 'fail',
      code: 'SBI_CERT_UNTRUSTED',
      reason: expect.stringMatching(/is not trusted in domain DEVICE/),
    });
  });

  it('skips the cases that need a tester when nobody answers the prompts', async () => {
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Registration',
      deviceId: '3',
      trust: f.trust,
      caseIds: ['SBI1026', 'SBI1027', 'SBI1060', 'SBI1040'],
      timeouts: QUICK,
    });
    expect(r.cases.map((c) => `${c.id}:${c.result}`)).toEqual([
      'SBI1026:pass',
      'SBI1027:skip',
      'SBI1060:skip',
      'SBI1040:skip',
    ]);
    expect(r.cases[1]!.checks).toEqual([{ name: 'tester', result: 'skip', reason: 'needs a tester' }]);
  });

  it('plans per device and refuses a port without the device or purpose asked for', async () => {
    const plan = await planBench({ port: f.sbi.port, purpose: 'Auth', deviceId: '5' });
    expect(plan.devices.map((d) => d.deviceId)).toEqual(['5']);
    expect(plan.cases.every((c) => c.case.modality === 'any' || c.case.modality === 'Iris')).toBe(true);
    await expect(planBench({ port: f.sbi.port, purpose: 'Auth', deviceId: '2' })).rejects.toMatchObject({
      code: 'SBI_BAD_REQUEST',
      message: expect.stringMatching(/no Auth device with id "2" \(found: 1 \(Iris Double, Registration, Ready\)/),
    });
    // The bench needs Ready: a Busy device is named with its status, not tested.
    f.sbi.control.setStatus('5', 'Busy');
    try {
      await expect(planBench({ port: f.sbi.port, purpose: 'Auth', deviceId: '5' })).rejects.toMatchObject({
        code: 'SBI_BAD_REQUEST',
        message: expect.stringMatching(
          /no Auth device with id "5" is Ready — the bench needs a Ready device \(found: .*5 \(Iris Single, Auth, Busy\)/,
        ),
      });
      expect((await planBench({ port: f.sbi.port, purpose: 'Auth' })).devices.map((d) => d.deviceId)).toEqual([
        '4',
        '6',
      ]);
    } finally {
      f.sbi.control.setStatus('5', 'Ready');
    }
    await expect(runBench({ port: 46519, purpose: 'Auth', trust: f.trust })).rejects.toMatchObject({
      code: 'SBI_CONNECT',
    });
  });
});
