import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_CASES } from '../../../native/sbi/bench/cases.ts';
import type { BenchReport } from '../../../native/sbi/bench/report.ts';
import { runBench } from '../../../native/sbi/bench/runner.ts';
import { benchFixture, QUICK } from './setup.ts';
import type { BenchFixture } from './setup.ts';

let f: BenchFixture;
beforeAll(async () => {
  f = await benchFixture([46500, 46509]);
});
afterAll(async () => f?.sbi.close());

const ids = (r: BenchReport, result: string) =>
  r.cases.filter((c) => c.result === result).map((c) => `${c.id}/${c.deviceId}`);

describe('the bench against the virtual SBI: Registration', () => {
  it('passes every applicable Registration case, and asks the tester where the CTK does', async () => {
    const progress: number[] = [];
    const r = await runBench({
      port: f.sbi.port,
      purpose: 'Registration',
      trust: f.trust,
      encryptionKey: f.key,
      prompt: f.prompt,
      timeouts: QUICK,
      onProgress: (p) => progress.push(p.done),
    });
    expect(ids(r, 'fail')).toEqual([]);
    expect(ids(r, 'skip')).toEqual([]);
    expect(r.device.devices.map((d) => `${d.deviceId}:${d.type}/${d.subType}`)).toEqual([
      '1:Iris/Double',
      '2:Finger/Slap',
      '3:Face/Full face',
    ]);
    // Every Registration group ran on the device it applies to.
    const ran = new Set(r.cases.map((c) => c.id));
    const registration = BENCH_CASES.filter((c) => c.purpose !== 'Auth').map((c) => c.id);
    expect(registration.filter((id) => !ran.has(id))).toEqual([]);
    expect(r.cases.filter((c) => c.id === 'SBI1000').map((c) => c.deviceId)).toEqual(['1', '2', '3']);
    expect(r.cases.find((c) => c.id === 'SBI1002')?.deviceId).toBe('2');
    expect(r.summary).toEqual({ pass: r.cases.length, fail: 0, skip: 0 });
    expect(progress.at(-1)).toBe(r.cases.length);
    // Prompts: the status cases (then back to Ready), key rotations, and "present nothing" for the no-input timeouts.
    const statusPrompts = f.prompts
      .filter((p) => p.action.kind === 'set-status')
      .map((p) => `${p.caseId}/${p.deviceId}:${p.action.kind === 'set-status' ? p.action.status : ''}`);
    expect(statusPrompts).toEqual(
      ['1', '2', '3'].flatMap((d) => [`SBI1027/${d}:Busy`, `SBI1028/${d}:Not Ready`, `SBI1029/${d}:Not Registered`]),
    );
    expect(f.prompts.filter((p) => p.action.kind === 'restore' && p.action.after.kind === 'set-status')).toHaveLength(
      9,
    );
    expect(f.prompts.filter((p) => p.action.kind === 'rotate-keys').map((p) => p.caseId)).toEqual([
      'SBI1061',
      'SBI1061',
      'SBI1022',
      'SBI1022',
      'SBI1060',
      'SBI1060',
    ]);
    expect(f.prompts.filter((p) => p.action.kind === 'withhold-input')).toHaveLength(6);
    // Checks carry through: a capture case reports signature, trust, mismatch; an ISO case its record checks.
    const slap = r.cases.find((c) => c.id === 'SBI1002')!.checks.map((c) => c.name);
    expect(slap).toEqual(
      expect.arrayContaining([
        'biometrics[3].data.signature',
        'biometrics[0].data.trust',
        'biometrics[0].digitalId.trust',
        'biometrics[0].segment',
        'response.count',
      ]),
    );
    const iso = r.cases.find((c) => c.id === 'SBI1062')!.checks.map((c) => c.name);
    expect(iso).toEqual(
      expect.arrayContaining([
        'biometrics[0].ISO 19794-4:2011: compression',
        'biometrics[3].ISO 19794-4:2011: image dimensions',
      ]),
    );
    const waits = r.cases.filter((c) => c.mandatedWaitMs > 0).map((c) => c.id);
    expect(waits.sort()).toEqual([
      'SBI1040',
      'SBI1041',
      'SBI1042',
      'SBI1043',
      'SBI1044',
      'SBI1045',
      'SBI1049',
      'SBI1050',
      'SBI1051',
      'SBI1052',
      'SBI1053',
      'SBI1054',
    ]);
    expect(f.sbi.state().devices.every((d) => d.status === 'Ready')).toBe(true);
    expect(f.sbi.state().delayMs).toBe(0);
  });
});
