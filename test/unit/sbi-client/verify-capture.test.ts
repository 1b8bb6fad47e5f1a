import { beforeAll, describe, expect, it } from 'vitest';
import { SbiError } from '../../../lib/sbi/errors.ts';
import { checkCaptureAnswer, TrustCache, verifyCapture } from '../../../native/sbi/verify.ts';
import type { CaptureContext, Check } from '../../../native/sbi/verify.ts';
import { createSbiFixture, isoRecord, REGISTERED_SLAP, sbiTime } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';

let f: SbiFixture;
beforeAll(async () => {
  f = await createSbiFixture(new Date('2026-03-01T10:00:00Z'));
});

const rctx = (over: Partial<CaptureContext> = {}): CaptureContext => ({
  trust: f.trust,
  now: f.now,
  request: f.rcaptureRequest(),
  certification: 'L0',
  registered: REGISTERED_SLAP,
  ...over,
});
const failures = (checks: Check[]) => checks.filter((c) => c.result === 'fail').map((c) => `${c.name}:${c.code}`);
function thrown(fn: () => unknown): SbiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SbiError);
    return e as SbiError;
  }
  throw new Error('expected an SbiError');
}

describe('verifyCapture — RCAPTURE', () => {
  it('passes a correct left-slap answer and returns the records, hashes and the next previousHash', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request);
    const v = verifyCapture(answer, ctx);
    expect(v.items).toHaveLength(4);
    expect(v.items.map((i) => i.data.bioSubType)).toEqual([
      'Left IndexFinger',
      'Left MiddleFinger',
      'Left RingFinger',
      'Left LittleFinger',
    ]);
    expect(Buffer.from(v.items[2]!.iso!).equals(isoRecord('Finger', 2))).toBe(true);
    expect(v.lastHash).toBe(answer.biometrics[3]!.hash);
    expect(v.checks.filter((c) => c.result === 'skip')).toEqual([]);
    expect(v.checks.some((c) => c.name === 'biometrics[0].digitalId.registry' && c.result === 'pass')).toBe(true);
  });

  it('chains across captures: the next request starts from lastHash', () => {
    const first = rctx();
    const v1 = verifyCapture(f.captureAnswer(first.request), first);
    const second = rctx({
      request: f.rcaptureRequest({
        transactionId: 'PD-TX-0002',
        bio: [{ ...first.request.bio[0]!, previousHash: v1.lastHash }] as never,
      }),
    });
    expect(verifyCapture(f.captureAnswer(second.request), second).items).toHaveLength(4);
    // The same answer checked against the empty previousHash breaks the chain at item 0 only.
    const wrongStart = rctx({ request: first.request, now: f.now });
    const report = checkCaptureAnswer(f.captureAnswer(second.request), wrongStart);
    expect(failures(report.checks).filter((x) => x.includes('.hash'))).toEqual(['biometrics[0].hash:SBI_HASH_CHAIN']);
  });

  it('SBI_HASH_CHAIN: a hash that does not follow from the record', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      item: (it, i) => (i === 1 ? { ...it, hash: 'A'.repeat(64) } : it),
    });
    const report = checkCaptureAnswer(answer, ctx);
    // Item 1 is wrong; item 2 chains from what item 1 claimed, so it is blamed too — item 3 is not.
    expect(failures(report.checks)).toEqual(['biometrics[1].hash:SBI_HASH_CHAIN', 'biometrics[2].hash:SBI_HASH_CHAIN']);
    expect(thrown(() => verifyCapture(answer, ctx)).code).toBe('SBI_HASH_CHAIN');
  });

  it('SBI_MALFORMED: a lower-case hash', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      item: (it, i) => (i === 0 ? { ...it, hash: String(it.hash).toLowerCase() } : it),
    });
    expect(failures(checkCaptureAnswer(answer, ctx).checks)).toEqual(['biometrics[0].hash:SBI_MALFORMED']);
  });

  it('SBI_SIGNATURE: data signed over other bytes', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      item: (it) => {
        const [h, , s] = String(it.data).split('.');
        const other = Buffer.from(JSON.stringify({ tampered: true })).toString('base64url');
        return { ...it, data: `${h}.${other}.${s}` };
      },
    });
    expect(thrown(() => verifyCapture(answer, ctx)).code).toBe('SBI_SIGNATURE');
  });

  it('SBI_JWS_MALFORMED: alg none, missing x5c, two parts', () => {
    const ctx = rctx();
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    for (const data of [
      `${b64({ alg: 'none', x5c: ['AA=='] })}.${b64({})}.`,
      `${b64({ alg: 'RS256' })}.${b64({})}.AAAA`,
      'abc.def',
    ]) {
      const answer = f.captureAnswer(ctx.request, { item: (it) => ({ ...it, data }) });
      expect(thrown(() => verifyCapture(answer, ctx)).code).toBe('SBI_JWS_MALFORMED');
    }
  });

  it('SBI_JWS_MALFORMED: unsigned data (only an unregistered deviceInfo may be unsigned)', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      item: (it) => ({ ...it, data: String(it.data).split('.')[1] }),
    });
    const e = thrown(() => verifyCapture(answer, ctx));
    expect([e.code, e.detail?.check]).toEqual(['SBI_JWS_MALFORMED', 'biometrics[0].data.signature']);
  });

  it('SBI_CERT_UNTRUSTED: data signed by a key of the wrong domain (the FTM chip)', () => {
    const ctx = rctx();
    const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request, { dataSigner: f.chip }), ctx));
    expect([e.code, e.detail?.check, e.detail?.domain]).toEqual([
      'SBI_CERT_UNTRUSTED',
      'biometrics[0].data.trust',
      'DEVICE',
    ]);
  });

  it('SBI_CERT_UNTRUSTED: an L1 device whose digital ID is signed with the device key', () => {
    const ctx = rctx({ certification: 'L1' });
    const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request), ctx));
    expect([e.code, e.detail?.check]).toEqual(['SBI_CERT_UNTRUSTED', 'biometrics[0].digitalId.trust']);
    // …and passes when the chip signs it.
    expect(verifyCapture(f.captureAnswer(ctx.request, { digitalIdSigner: f.chip }), ctx).items).toHaveLength(4);
  });

  it('SBI_CERT_EXPIRED: the device certificate at a time after its validity', () => {
    const later = new Date(f.now.getTime() + 400 * 86_400_000);
    const ctx = rctx({ now: later, toleranceMs: 10 * 365 * 86_400_000 });
    const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request), ctx));
    expect([e.code, e.detail?.pkiCode]).toEqual(['SBI_CERT_EXPIRED', 'KER-PCM-004']);
  });

  it('SBI_CERT_UNTRUSTED: the organisation check for a device provider', () => {
    const ctx = rctx({ expectedOrg: 'virtual devices ORG' });
    expect(
      verifyCapture(f.captureAnswer(ctx.request), ctx).checks.some(
        (c) => c.name === 'biometrics[0].data.organisation' && c.result === 'pass',
      ),
    ).toBe(true);
    const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request), { ...ctx, expectedOrg: 'Another Org' }));
    expect([e.code, e.detail?.check]).toEqual(['SBI_CERT_UNTRUSTED', 'biometrics[0].data.organisation']);
  });

  it('SBI_DIGITAL_ID_MISMATCH: each registry field', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request);
    for (const [field, registered] of [
      ['make', { ...REGISTERED_SLAP, make: 'Other' }],
      ['model', { ...REGISTERED_SLAP, model: 'SLAP-02' }],
      ['type', { ...REGISTERED_SLAP, type: 'Iris' as const }],
      ['deviceSubType', { ...REGISTERED_SLAP, subType: 'Single' }],
      ['deviceProviderId', { ...REGISTERED_SLAP, providerId: 'OTHER' }],
      ['deviceProvider', { ...REGISTERED_SLAP, providerName: 'Other Org' }],
    ] as const) {
      const e = thrown(() => verifyCapture(answer, { ...ctx, registered }));
      expect([e.code, e.detail?.field]).toEqual(['SBI_DIGITAL_ID_MISMATCH', field]);
    }
    // Without a registered device the check is skipped, not passed.
    const { registered: _r, ...noRegistry } = ctx;
    expect(
      verifyCapture(answer, noRegistry).checks.find((c) => c.name === 'biometrics[0].digitalId.registry')?.result,
    ).toBe('skip');
  });

  it('SBI_TIMESTAMP: milliseconds, an offset, an impossible date, and skew beyond the tolerance', () => {
    const ctx = rctx();
    for (const timestamp of [
      f.now.toISOString(),
      '2026-03-01T10:00:00+00:00',
      '2026-02-30T10:00:00Z',
      sbiTime(new Date(f.now.getTime() + 181_000)),
    ]) {
      const answer = f.captureAnswer(ctx.request, { data: (d) => ({ ...d, timestamp }) });
      const e = thrown(() => verifyCapture(answer, ctx));
      expect([e.code, e.detail?.check]).toEqual(['SBI_TIMESTAMP', 'biometrics[0].data.timestamp']);
    }
    expect(
      verifyCapture(
        f.captureAnswer(ctx.request, {
          data: (d) => ({ ...d, timestamp: sbiTime(new Date(f.now.getTime() - 179_000)) }),
        }),
        ctx,
      ).items,
    ).toHaveLength(4);
  });

  it('SBI_TIMESTAMP: the digital ID dateTime', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      data: (d) => ({ ...d, digitalId: f.digitalId({ dateTime: '2026-03-01T10:00:00.123Z' }) }),
    });
    expect(thrown(() => verifyCapture(answer, ctx)).detail?.check).toBe('biometrics[0].digitalId.dateTime');
  });

  it('SBI_DEVICE_ERROR: an error item', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, {
      item: (it, i) =>
        i === 3
          ? {
              specVersion: '0.9.5',
              data: '',
              hash: '',
              error: { errorCode: '701', errorInfo: 'Capture timeout' },
            }
          : it,
    });
    const e = thrown(() => verifyCapture(answer, ctx));
    expect([e.code, e.detail?.errorCode]).toEqual(['SBI_DEVICE_ERROR', '701']);
  });

  it('SBI_RESPONSE_MISMATCH: count, purpose, transactionId, segment, exception, digital ID type', () => {
    const ctx = rctx();
    const cases: Array<[string, Parameters<SbiFixture['captureAnswer']>[1], CaptureContext?]> = [
      [
        'response.count',
        { item: (it) => it },
        rctx({
          request: f.rcaptureRequest({ bio: [{ ...ctx.request.bio[0]!, count: '3' }] as never }),
        }),
      ],
      ['biometrics[0].purpose', { data: (d) => ({ ...d, purpose: 'Auth' }) }],
      ['biometrics[0].transactionId', { data: (d) => ({ ...d, transactionId: 'PD-TX-9999' }) }],
      ['biometrics[0].segment', { data: (d) => ({ ...d, bioSubType: 'Right Thumb' }) }],
      [
        'biometrics[0].digitalId.type',
        {
          data: (d) => ({
            ...d,
            digitalId: f.digitalId({ type: 'Iris', deviceSubType: 'Double' }),
          }),
        },
      ],
    ];
    for (const [check, opts, c = ctx] of cases) {
      const { registered: _r, ...noRegistry } = c;
      const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request, opts), noRegistry));
      expect([e.code, e.detail?.check]).toEqual(['SBI_RESPONSE_MISMATCH', check]);
    }
    const withException = rctx({
      request: f.rcaptureRequest({
        bio: [{ ...ctx.request.bio[0]!, count: '3', exception: ['Left LittleFinger'] }] as never,
      }),
    });
    const answer = f.captureAnswer(withException.request, {
      data: (d, i) => (i === 2 ? { ...d, bioSubType: 'Left LittleFinger' } : d),
    });
    expect(thrown(() => verifyCapture(answer, withException)).detail?.check).toBe('biometrics[2].segment');
  });

  it('SBI_ISO_RECORD: a record of another modality', () => {
    const ctx = rctx();
    const answer = f.captureAnswer(ctx.request, { iso: (i) => isoRecord('Face', i) });
    expect(thrown(() => verifyCapture(answer, ctx)).code).toBe('SBI_ISO_RECORD');
  });

  it('SBI_MALFORMED: envelope, item and data shapes', () => {
    const ctx = rctx();
    for (const json of [null, [], { biometrics: [] }, { biometrics: 'x' }, 'text', 42])
      expect(thrown(() => verifyCapture(json, ctx)).code).toBe('SBI_MALFORMED');
    const noError = f.captureAnswer(ctx.request, { item: ({ error: _e, ...rest }) => rest });
    expect(thrown(() => verifyCapture(noError, ctx)).detail?.check).toBe('biometrics[0].schema');
    const badScore = f.captureAnswer(ctx.request, { data: (d) => ({ ...d, qualityScore: '101' }) });
    expect(thrown(() => verifyCapture(badScore, ctx)).detail?.check).toBe('biometrics[0].data.schema');
    const badBioValue = f.captureAnswer(ctx.request, { data: (d) => ({ ...d, bioValue: '***' }) });
    expect(thrown(() => verifyCapture(badBioValue, ctx)).detail?.check).toBe('biometrics[0].bioValue');
  });

  it('strict mode refuses keys the specification does not define (sessionKey on a Registration item)', () => {
    const ctx = rctx({ strict: true });
    const answer = f.captureAnswer(ctx.request, {
      item: (it) => ({ ...it, sessionKey: 'x', thumbprint: 'y' }),
    });
    expect(verifyCapture(answer, { ...ctx, strict: false }).items).toHaveLength(4);
    expect(thrown(() => verifyCapture(answer, ctx)).detail?.check).toBe('biometrics[0].keys');
  });

  it('Face: no bioSubType, one item', () => {
    const request = f.rcaptureRequest({
      bio: [
        {
          type: 'Face',
          count: '1',
          bioSubType: [],
          exception: [],
          requestedScore: '40',
          deviceId: '3',
          deviceSubId: '0',
          previousHash: '',
        },
      ],
    });
    const ctx = rctx({
      request,
      registered: { ...REGISTERED_SLAP, type: 'Face', subType: 'Full face' },
    });
    const v = verifyCapture(f.captureAnswer(request), ctx);
    expect(v.items[0]!.data.bioSubType).toBeNull();
  });
});

describe('verifyCapture — CAPTURE (Auth)', () => {
  const actx = (over: Partial<CaptureContext> = {}): CaptureContext => {
    const request = f.captureRequest();
    return {
      trust: f.trust,
      now: f.now,
      request,
      certification: 'L1',
      decrypt: f.decrypt,
      ...over,
    };
  };

  it('decrypts each record with the plugged key and checks the chain over the plaintext', () => {
    const ctx = actx();
    const v = verifyCapture(f.captureAnswer(ctx.request), ctx);
    expect(v.items.map((i) => Buffer.from(i.iso!).equals(isoRecord('Finger', i.index)))).toEqual([true, true]);
    expect(v.checks.filter((c) => c.concern === 'hash').every((c) => c.result === 'pass')).toBe(true);
  });

  it('without a decryptor the record and hash checks are skipped, everything else verified', () => {
    const { decrypt: _d, ...ctx } = actx();
    const v = verifyCapture(f.captureAnswer(ctx.request), ctx);
    expect(v.items[0]!.iso).toBeNull();
    expect(v.checks.filter((c) => c.result === 'skip').map((c) => c.name)).toEqual([
      'biometrics[0].digitalId.registry',
      'biometrics[0].bioValue',
      'biometrics[0].hash',
      'biometrics[1].digitalId.registry',
      'biometrics[1].bioValue',
      'biometrics[1].hash',
    ]);
  });

  it('the digital ID must chain to FTM even when the device claims L0', () => {
    const ctx = actx({ certification: 'L0' });
    const e = thrown(() => verifyCapture(f.captureAnswer(ctx.request, { digitalIdSigner: f.device }), ctx));
    expect([e.code, e.detail?.check, e.detail?.domain]).toEqual([
      'SBI_CERT_UNTRUSTED',
      'biometrics[0].digitalId.trust',
      'FTM',
    ]);
  });

  it('SBI_DECRYPT: a record sealed for another transaction', () => {
    const ctx = actx();
    const answer = f.captureAnswer(ctx.request, {
      data: (d) => ({ ...d, transactionId: 'PD-AUTH-0002' }),
    });
    const report = checkCaptureAnswer(answer, ctx);
    expect(report.checks.find((c) => c.name === 'biometrics[0].bioValue')?.code).toBe('SBI_DECRYPT');
    expect(report.checks.find((c) => c.name === 'biometrics[0].hash')?.result).toBe('skip');
  });

  it('SBI_MALFORMED: an Auth item without sessionKey/thumbprint', () => {
    const ctx = actx();
    const answer = f.captureAnswer(ctx.request, { item: ({ sessionKey: _s, ...rest }) => rest });
    expect(thrown(() => verifyCapture(answer, ctx)).detail?.check).toBe('biometrics[0].encryption');
  });
});

describe('trust cache', () => {
  it('a cached verdict holds only for its trust store and inside the path validity', async () => {
    const { createTrustStore } = await import('../../../lib/pki/index.ts');
    const cache = new TrustCache();
    const ctx = rctx({ cache });
    const answer = f.captureAnswer(ctx.request);
    expect(verifyCapture(answer, ctx).items).toHaveLength(4);
    // Same certificates, another store without the DEVICE anchor: not trusted, cache or not.
    const ftmOnly = createTrustStore([{ cert: f.pki.ftmRoot.der, domain: 'FTM', role: 'anchor' }]);
    expect(thrown(() => verifyCapture(answer, { ...ctx, trust: ftmOnly })).code).toBe('SBI_CERT_UNTRUSTED');
    // Same store, a time after the device certificate expired: the cached pass does not apply.
    const later = { ...ctx, now: new Date(f.now.getTime() + 400 * 86_400_000), toleranceMs: 1e12 };
    expect(thrown(() => verifyCapture(answer, later)).code).toBe('SBI_CERT_EXPIRED');
    expect(verifyCapture(answer, ctx).items).toHaveLength(4);
  });

  it('a self-made certificate with a trusted subject name is not trusted', async () => {
    const { createVirtualPki } = await import('../../../native/virtual/pki.ts');
    const twin = await createVirtualPki({
      deviceOrg: 'Virtual Devices Org',
      ftmOrg: 'Virtual FTM Org',
      now: f.now,
    });
    const forged = await twin.issueDeviceCert('VSLAP0000001');
    const ctx = rctx({ cache: new TrustCache() });
    const answer = f.captureAnswer(ctx.request, { dataSigner: forged });
    expect(thrown(() => verifyCapture(answer, ctx)).code).toBe('SBI_CERT_UNTRUSTED');
  });
});
