/**
 * ≥ 10,000 mutated SBI answers (capture, Auth capture, deviceInfo, discovery) through the client's
 * parsing and verification: the bench path never throws, the desk path throws only SbiError, and
 * no single answer takes long. Deterministic (seeded).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDiscoveryAnswer } from '../../../native/sbi/client/discovery.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';
import {
  checkCaptureAnswer,
  checkDeviceInfoAnswer,
  checkDiscoveryAnswer,
  TrustCache,
  verifyCapture,
  verifyDeviceInfo,
} from '../../../native/sbi/verify.ts';
import type { CaptureContext, Check, VerifyContext } from '../../../native/sbi/verify.ts';
import { parseJsonBody } from '../../../lib/sbi/wire/index.ts';
import { Rng } from '../../fuzz/mutator.ts';
import { mutateAnswer } from '../../fuzz/sbi-mutator.ts';
import { createSbiFixture, REGISTERED_SLAP } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';

let f: SbiFixture;
beforeAll(async () => {
  f = await createSbiFixture();
});

interface Target {
  name: string;
  seed: unknown;
  runs: number;
  check: (json: unknown) => { checks: Check[] };
  verify: (json: unknown) => unknown;
}

describe('fuzz: mutated SBI answers', () => {
  it('give typed errors only, never a crash or a hang', () => {
    const cache = new TrustCache();
    const base: VerifyContext = {
      trust: f.trust,
      now: f.now,
      registered: REGISTERED_SLAP,
      cache,
      strict: true,
    };
    // Small seeds keep each answer cheap (every item costs two RSA verifications, an Auth item an RSA decryption).
    const thumbs = {
      type: 'Finger' as const,
      count: '2',
      bioSubType: ['Left Thumb', 'Right Thumb'],
      exception: [],
      requestedScore: '40',
      deviceId: '2',
      deviceSubId: '3',
      previousHash: '',
    };
    const rctx: CaptureContext = {
      ...base,
      request: f.rcaptureRequest({ bio: [thumbs] }),
      certification: 'L0',
    };
    const single = {
      type: 'Finger' as const,
      count: '1',
      bioSubType: ['UNKNOWN'],
      requestedScore: '40',
      deviceId: '4',
      deviceSubId: '0',
      previousHash: '',
    };
    const actx: CaptureContext = {
      ...base,
      request: f.captureRequest({ bio: [single] }),
      certification: 'L1',
      decrypt: f.decrypt,
    };
    const discovery = [
      {
        deviceId: '2',
        deviceStatus: 'Ready',
        certification: 'L0',
        serviceVersion: '1',
        deviceSubId: ['1'],
        callbackId: 'x',
        digitalId: f.digitalId({}, 'unsigned'),
        deviceCode: 'S',
        specVersion: ['0.9.5'],
        purpose: 'Registration',
        error: { errorCode: '0', errorInfo: 'Success' },
      },
    ];
    const targets: Target[] = [
      {
        name: 'rcapture',
        seed: f.captureAnswer(rctx.request),
        runs: 4000,
        check: (j) => checkCaptureAnswer(j, rctx),
        verify: (j) => verifyCapture(j, rctx),
      },
      {
        name: 'capture',
        seed: f.captureAnswer(actx.request),
        runs: 1500,
        check: (j) => checkCaptureAnswer(j, actx),
        verify: (j) => verifyCapture(j, actx),
      },
      {
        name: 'deviceInfo',
        seed: f.deviceInfoAnswer(),
        runs: 2500,
        check: (j) => checkDeviceInfoAnswer(j, base),
        verify: (j) => verifyDeviceInfo(j, base),
      },
      {
        name: 'discovery',
        seed: discovery,
        runs: 2000,
        check: (j) => checkDiscoveryAnswer(j, { strict: true }),
        verify: (j) => readDiscoveryAnswer(4501, 'MOSIPDISC', j),
      },
    ];
    const rng = new Rng(0x5b1c11e7);
    const codes = new Map<string, number>();
    let total = 0;
    let passed = 0;
    let slowest = 0;
    const started = performance.now();
    for (const t of targets) {
      for (let i = 0; i < t.runs; i++) {
        const other = targets[rng.int(targets.length)]!.seed;
        const bytes = mutateAnswer(rng, t.seed, other, f.device);
        const t0 = performance.now();
        let json: unknown;
        try {
          json = parseJsonBody(bytes, t.name);
        } catch (e) {
          expect(e).toBeInstanceOf(SbiError);
          codes.set((e as SbiError).code, (codes.get((e as SbiError).code) ?? 0) + 1);
          total++;
          continue;
        }
        // The desk path (verify = the same checks + throw the first failure) on every 4th answer, the bench path on the rest.
        try {
          if (i % 4 === 0) t.verify(json);
          else {
            const failed = t.check(json).checks.filter((c) => c.result === 'fail'); // must not throw at all
            for (const c of failed) codes.set(c.code!, (codes.get(c.code!) ?? 0) + 1);
          }
          passed++;
        } catch (e) {
          if (!(e instanceof SbiError) || i % 4 !== 0)
            throw new Error(`${t.name} run ${i}: ${String(e)}\n${bytes.subarray(0, 400).toString('utf8')}`, {
              cause: e,
            });
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        }
        slowest = Math.max(slowest, performance.now() - t0);
        total++;
      }
    }
    const elapsed = performance.now() - started;
    console.log(
      `sbi fuzz: ${total} answers in ${Math.round(elapsed)} ms, slowest ${slowest.toFixed(1)} ms, not thrown ${passed}, codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(total).toBeGreaterThanOrEqual(10_000);
    // The mutations reach deep: signature, trust, schema and chain failures all occur.
    for (const c of [
      'SBI_MALFORMED',
      'SBI_JWS_MALFORMED',
      'SBI_SIGNATURE',
      'SBI_CERT_UNTRUSTED',
      'SBI_HASH_CHAIN',
      'SBI_TIMESTAMP',
      'SBI_DEVICE_ERROR',
      'SBI_RESPONSE_MISMATCH',
    ])
      expect(codes.get(c) ?? 0).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000);
  }, 60_000);
});
