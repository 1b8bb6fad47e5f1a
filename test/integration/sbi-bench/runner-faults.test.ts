import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BenchCaseResult, BenchReport } from '../../../native/sbi/bench/report.ts';
import { runBench } from '../../../native/sbi/bench/runner.ts';
import type { RunBenchOptions } from '../../../native/sbi/bench/runner.ts';
import type { VirtualSbiFault } from '../../../native/virtual/sbi/index.ts';
import { benchFixture, QUICK } from './setup.ts';
import type { BenchFixture } from './setup.ts';

let f: BenchFixture;
beforeAll(async () => {
  f = await benchFixture([46520, 46529]);
});
afterAll(async () => f?.sbi.close());
afterEach(() => f.sbi.control.setFault(null));

/** A few cases on one device, with the device making one fault. */
async function withFault(
  fault: VirtualSbiFault | null,
  opts: Pick<RunBenchOptions, 'purpose' | 'deviceId' | 'caseIds'>,
): Promise<BenchReport> {
  f.sbi.control.setFault(fault);
  return runBench({
    port: f.sbi.port,
    trust: f.trust,
    encryptionKey: f.key,
    prompt: f.prompt,
    timeouts: QUICK,
    ...opts,
  });
}
const byId = (r: BenchReport) => Object.fromEntries(r.cases.map((c) => [c.id, c.result]));
const failures = (c: BenchCaseResult | undefined) => (c?.checks ?? []).filter((k) => k.result === 'fail');

describe('each fault of the virtual device fails the case that tests it, for the right reason', () => {
  it('control: without a fault the same cases pass', async () => {
    const r = await withFault(null, {
      purpose: 'Registration',
      deviceId: '2',
      caseIds: ['SBI1001', 'SBI1002', 'SBI1042', 'SBI1051', 'SBI1083', 'SBI1101'],
    });
    expect(Object.values(byId(r))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('bad-signature: device info and signed captures fail on the signature, error cases are unaffected', async () => {
    const r = await withFault('bad-signature', {
      purpose: 'Registration',
      deviceId: '2',
      caseIds: ['SBI1001', 'SBI1002', 'SBI1033'],
    });
    expect(byId(r)).toEqual({ SBI1001: 'fail', SBI1002: 'fail', SBI1033: 'pass' });
    expect(failures(r.cases[0])).toEqual([
      {
        name: 'deviceInfo[1].signature',
        result: 'fail',
        reason: 'deviceInfo[1]: the signature does not verify with x5c[0]',
        code: 'SBI_SIGNATURE',
      },
    ]);
    expect(failures(r.cases[1]).map((k) => `${k.name} ${k.code}`)).toEqual(
      [0, 1, 2, 3].map((i) => `biometrics[${i}].data.signature SBI_SIGNATURE`),
    );
  });

  it('wrong-hash: the hash-chain case fails on every link, the plain capture passes', async () => {
    const r = await withFault('wrong-hash', {
      purpose: 'Registration',
      deviceId: '3',
      caseIds: ['SBI1012', 'SBI1102'],
    });
    expect(byId(r)).toEqual({ SBI1012: 'pass', SBI1102: 'fail' });
    expect(failures(r.cases[1]).map((k) => `${k.name}: ${k.reason} ${k.code}`)).toEqual(
      [1, 2, 3].map(
        (i) =>
          `capture ${i}: biometrics[0].hash: hash does not follow from the previous hash and this record SBI_HASH_CHAIN`,
      ),
    );
  });

  it('wrong-hash on Auth: the chain is judged over the decrypted record', async () => {
    const r = await withFault('wrong-hash', {
      purpose: 'Auth',
      deviceId: '4',
      caseIds: ['SBI1018', 'SBI1107'],
    });
    expect(byId(r)).toEqual({ SBI1018: 'pass', SBI1107: 'fail' });
    expect(failures(r.cases[1])[0]).toMatchObject({
      name: 'capture 1: biometrics[0].hash',
      code: 'SBI_HASH_CHAIN',
    });
  });

  it('millisecond-timestamps: the time-check case fails on the format, the plain capture passes', async () => {
    const r = await withFault('millisecond-timestamps', {
      purpose: 'Registration',
      deviceId: '1',
      caseIds: ['SBI1009', 'SBI1085'],
    });
    expect(byId(r)).toEqual({ SBI1009: 'pass', SBI1085: 'fail' });
    const names = failures(r.cases[1]).map((k) => k.name);
    expect(names).toEqual([
      'biometrics[0].data.timestamp',
      'biometrics[0].digitalId.dateTime',
      'biometrics[1].data.timestamp',
      'biometrics[1].digitalId.dateTime',
    ]);
    expect(failures(r.cases[1])[0]).toMatchObject({
      code: 'SBI_TIMESTAMP',
      reason: expect.stringMatching(/^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z" is not yyyy-MM-ddTHH:mm:ssZ$/),
    });
  });

  it('early-timeout: both timeout groups fail on the elapsed time, for Registration and Auth', async () => {
    const reg = await withFault('early-timeout', {
      purpose: 'Registration',
      deviceId: '2',
      caseIds: ['SBI1002', 'SBI1042', 'SBI1051'],
    });
    expect(byId(reg)).toEqual({ SBI1002: 'pass', SBI1042: 'fail', SBI1051: 'fail' });
    for (const c of reg.cases.slice(1)) {
      expect(failures(c)).toEqual([
        {
          name: 'timeout',
          result: 'fail',
          code: 'SBI_TIMEOUT',
          reason: expect.stringMatching(/^answered after \d+ ms, before the (150|250) ms timeout$/),
        },
      ]);
    }
    const auth = await withFault('early-timeout', {
      purpose: 'Auth',
      deviceId: '6',
      caseIds: ['SBI1046', 'SBI1055'],
    });
    expect(byId(auth)).toEqual({ SBI1046: 'fail', SBI1055: 'fail' });
    expect(f.sbi.state().delayMs).toBe(0);
  });

  it('wrong-count: captures fail on the item count; the error cases still pass', async () => {
    const r = await withFault('wrong-count', {
      purpose: 'Registration',
      deviceId: '2',
      caseIds: ['SBI1006', 'SBI1035'],
    });
    expect(byId(r)).toEqual({ SBI1006: 'fail', SBI1035: 'pass' });
    expect(failures(r.cases[0])).toEqual([
      {
        name: 'response.count',
        result: 'fail',
        reason: '3 item(s) for a request of 2',
        code: 'SBI_RESPONSE_MISMATCH',
      },
    ]);
  });
});
