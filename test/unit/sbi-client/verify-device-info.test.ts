import { beforeAll, describe, expect, it } from 'vitest';
import { SbiError } from '../../../lib/sbi/errors.ts';
import { checkDeviceInfoAnswer, checkDiscoveryAnswer, verifyDeviceInfo } from '../../../native/sbi/verify.ts';
import type { Check, VerifyContext } from '../../../native/sbi/verify.ts';
import { isReady, readDiscoveryAnswer } from '../../../native/sbi/client/discovery.ts';
import { infoEntryFor } from '../../../native/sbi/device-match.ts';
import { createSbiFixture, REGISTERED_SLAP } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';

let f: SbiFixture;
let ctx: VerifyContext;
beforeAll(async () => {
  f = await createSbiFixture(new Date('2026-03-01T10:00:00Z'));
  ctx = { trust: f.trust, now: f.now, registered: REGISTERED_SLAP };
});

function thrown(fn: () => unknown): SbiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SbiError);
    return e as SbiError;
  }
  throw new Error('expected an SbiError');
}
const failed = (checks: Check[]) => checks.filter((c) => c.result === 'fail').map((c) => c.name);

describe('verifyDeviceInfo', () => {
  it('passes a Ready L0 device and returns the normalised payload and digital ID', () => {
    const { entries, checks } = verifyDeviceInfo(f.deviceInfoAnswer(), ctx);
    expect(entries[0]!.info).toMatchObject({
      deviceId: '2',
      deviceCode: 'VSLAP0000001',
      certification: 'L0',
      deviceStatus: 'Ready',
      sbi10: false,
      specVersions: ['0.9.5'],
    });
    expect(entries[0]!.digitalId).toMatchObject({
      make: 'Partner Desk',
      model: 'SLAP-01',
      type: 'Finger',
    });
    expect(entries[0]!.signed).toBe(true);
    expect(checks.map((c) => c.name)).toEqual([
      'response.schema',
      'deviceInfo[0].schema',
      'deviceInfo[0].decode',
      'deviceInfo[0].signature',
      'deviceInfo[0].trust',
      'deviceInfo[0].payload.schema',
      'deviceInfo[0].status',
      'deviceInfo[0].digitalId.decode',
      'deviceInfo[0].digitalId.signature',
      'deviceInfo[0].digitalId.trust',
      'deviceInfo[0].digitalId.schema',
      'deviceInfo[0].digitalId.dateTime',
      'deviceInfo[0].digitalId.registry',
    ]);
  });

  it("L1: the digital ID must be the FTM chip's", () => {
    const l1 = { certification: 'L1', digitalId: f.digitalId({}, f.chip) };
    expect(verifyDeviceInfo(f.deviceInfoAnswer(l1), ctx).entries[0]!.info.certification).toBe('L1');
    const e = thrown(() => verifyDeviceInfo(f.deviceInfoAnswer({ certification: 'L1' }), ctx));
    expect([e.code, e.detail?.check, e.detail?.domain]).toEqual([
      'SBI_CERT_UNTRUSTED',
      'deviceInfo[0].digitalId.trust',
      'FTM',
    ]);
  });

  it('accepts the SBI 1.0 names: serialNo instead of deviceId/deviceCode, "SBI 2.0"', () => {
    const payload = {
      certification: 'SBI 2.0',
      digitalId: f.digitalId({}, f.chip),
      deviceId: undefined,
      deviceCode: undefined,
      serialNo: 'VSLAP0000001',
    };
    const info = verifyDeviceInfo(f.deviceInfoAnswer(payload), ctx).entries[0]!.info;
    expect(info).toMatchObject({
      deviceId: 'VSLAP0000001',
      deviceCode: 'VSLAP0000001',
      certification: 'L1',
      sbi10: true,
    });
  });

  it('an unregistered device may answer unsigned, with error 100; the signature checks are skipped', () => {
    const answer = f.deviceInfoAnswer(
      {
        deviceStatus: 'Not Registered',
        env: 'None',
        purpose: '',
        digitalId: f.digitalId({}, 'unsigned'),
      },
      { signer: 'unsigned', error: { errorCode: '100', errorInfo: 'Device not registered' } },
    );
    const { entries, checks } = verifyDeviceInfo(answer, ctx);
    expect(entries[0]!.signed).toBe(false);
    expect(checks.filter((c) => c.result === 'skip').map((c) => c.name)).toEqual([
      'deviceInfo[0].signature',
      'deviceInfo[0].trust',
      'deviceInfo[0].digitalId.signature',
      'deviceInfo[0].digitalId.trust',
    ]);
  });

  it('SBI_JWS_MALFORMED: a Ready device that does not sign', () => {
    const e = thrown(() => verifyDeviceInfo(f.deviceInfoAnswer({}, { signer: 'unsigned' }), ctx));
    expect([e.code, e.detail?.check]).toEqual(['SBI_JWS_MALFORMED', 'deviceInfo[0].signature']);
  });

  it('status rules: Ready needs error 0, Busy needs an error; strict mode wants 111 exactly', () => {
    const readyWithError = f.deviceInfoAnswer({}, { error: { errorCode: '111', errorInfo: 'Busy' } });
    expect(thrown(() => verifyDeviceInfo(readyWithError, ctx)).detail?.check).toBe('deviceInfo[0].status');
    const busyOk = f.deviceInfoAnswer({ deviceStatus: 'Busy' }, { error: { errorCode: '0', errorInfo: 'Success' } });
    expect(thrown(() => verifyDeviceInfo(busyOk, ctx)).detail?.check).toBe('deviceInfo[0].status');
    const busy555 = f.deviceInfoAnswer({ deviceStatus: 'Busy' }, { error: { errorCode: '555', errorInfo: 'Busy' } });
    expect(verifyDeviceInfo(busy555, ctx).entries[0]!.error.errorCode).toBe('555');
    expect(thrown(() => verifyDeviceInfo(busy555, { ...ctx, strict: true })).detail?.check).toBe(
      'deviceInfo[0].status',
    );
    const busy111 = f.deviceInfoAnswer({ deviceStatus: 'Busy' }, { error: { errorCode: 111, errorInfo: 'Busy' } });
    expect(verifyDeviceInfo(busy111, { ...ctx, strict: true }).entries[0]!.info.deviceStatus).toBe('Busy');
  });

  it('SBI_SIGNATURE, SBI_CERT_UNTRUSTED, SBI_DIGITAL_ID_MISMATCH, SBI_TIMESTAMP', () => {
    const [item] = f.deviceInfoAnswer();
    const parts = String(item!.deviceInfo).split('.');
    const flipped = Buffer.from(parts[2]!, 'base64url');
    flipped[10]! ^= 1;
    expect(
      thrown(() =>
        verifyDeviceInfo([{ ...item, deviceInfo: `${parts[0]}.${parts[1]}.${flipped.toString('base64url')}` }], ctx),
      ).code,
    ).toBe('SBI_SIGNATURE');
    expect(thrown(() => verifyDeviceInfo(f.deviceInfoAnswer({}, { signer: f.chip }), ctx)).code).toBe(
      'SBI_CERT_UNTRUSTED',
    );
    expect(
      thrown(() => verifyDeviceInfo(f.deviceInfoAnswer({ digitalId: f.digitalId({ model: 'SLAP-99' }) }), ctx)).code,
    ).toBe('SBI_DIGITAL_ID_MISMATCH');
    expect(
      thrown(() =>
        verifyDeviceInfo(f.deviceInfoAnswer({ digitalId: f.digitalId({ dateTime: '2026-03-01 10:00:00' }) }), ctx),
      ).code,
    ).toBe('SBI_TIMESTAMP');
  });

  it('SBI_MALFORMED: payload fields, enums and the digital ID sub-type', () => {
    for (const [over, check] of [
      [{ deviceStatus: 'Sleeping' }, 'deviceInfo[0].payload.schema'],
      [{ certification: 'L2' }, 'deviceInfo[0].payload.schema'],
      [{ specVersion: [] }, 'deviceInfo[0].payload.schema'],
      [{ deviceCode: undefined }, 'deviceInfo[0].payload.schema'],
      [{ env: 'Test' }, 'deviceInfo[0].payload.schema'],
      [{ digitalId: f.digitalId({ deviceSubType: 'Double' }) }, 'deviceInfo[0].digitalId.schema'],
      [{ digitalId: f.digitalId({ make: '' }) }, 'deviceInfo[0].digitalId.schema'],
    ] as const) {
      const e = thrown(() => verifyDeviceInfo(f.deviceInfoAnswer(over), ctx));
      expect([e.code, e.detail?.check]).toEqual(['SBI_MALFORMED', check]);
    }
    for (const json of [{}, [], [{}], [{ deviceInfo: '', error: { errorCode: '0' } }], 'x'])
      expect(thrown(() => verifyDeviceInfo(json, ctx)).code).toBe('SBI_MALFORMED');
  });

  it('the bench path reports every check without throwing, items judged independently', () => {
    const good = f.deviceInfoAnswer()[0]!;
    const report = checkDeviceInfoAnswer(
      [good, { deviceInfo: 'not.a.jws', error: { errorCode: '0', errorInfo: 'Success' } }, 7],
      { ...ctx, strict: true },
    );
    expect(failed(report.checks)).toEqual(['deviceInfo[1].decode', 'deviceInfo[2].schema']);
    expect(report.entries[0]!.deviceCertDer).not.toBeNull();
  });
});

describe('discovery answers', () => {
  const entry = () => ({
    deviceId: '2',
    deviceStatus: 'Ready',
    certification: 'L0',
    serviceVersion: '1.0.0',
    deviceSubId: ['1', '2', '3'],
    callbackId: 'http://127.0.0.1:4501/',
    digitalId: f.digitalId({}, 'unsigned'),
    deviceCode: 'VSLAP0000001',
    specVersion: ['0.9.5'],
    purpose: 'Registration',
    error: { errorCode: '0', errorInfo: 'Success' },
  });

  it('reads devices and turns each bad entry into a typed problem of its own', () => {
    const answer = [
      entry(),
      { ...entry(), digitalId: 'bm90IGpzb24' },
      { error: { errorCode: '502', errorInfo: 'type mismatch' } },
      {
        ...entry(),
        certification: 'SBI 1.0',
        deviceId: undefined,
        deviceCode: undefined,
        serialNo: 'S1',
      },
    ];
    const r = readDiscoveryAnswer(4501, 'MOSIPDISC', answer);
    expect(r.devices.map((d) => [d.index, d.entry.deviceId, d.entry.certification, d.digitalId.model])).toEqual([
      [0, '2', 'L0', 'SLAP-01'],
      [3, 'S1', 'L0', 'SLAP-01'],
    ]);
    expect(r.problems.map((p) => [p.index, p.error.code])).toEqual([
      [1, 'SBI_MALFORMED'],
      [2, 'SBI_DEVICE_ERROR'],
    ]);
    expect(readDiscoveryAnswer(4501, 'MOSIPDISC', { not: 'an array' }).problems[0]!.error.code).toBe('SBI_MALFORMED');
  });

  it('checkDiscoveryAnswer: strict keys, the error object, the digital ID', () => {
    expect(failed(checkDiscoveryAnswer([entry()], { strict: true }).checks)).toEqual([]);
    expect(failed(checkDiscoveryAnswer([{ ...entry(), extra: 1 }], { strict: true }).checks)).toEqual([
      'discovery[0].keys',
    ]);
    expect(failed(checkDiscoveryAnswer([{ error: { errorCode: '502', errorInfo: 'x' } }]).checks)).toEqual([
      'discovery[0].error',
    ]);
    expect(
      failed(checkDiscoveryAnswer([{ ...entry(), digitalId: f.digitalId({ type: 'Palm' }, 'unsigned') }]).checks),
    ).toEqual(['discovery[0].digitalId.schema']);
  });

  // MockMDS (SBIDeviceHelper.getDiscoverInfo): the status, an error 110/111/100, and for an
  // unregistered device deviceId, deviceCode and purpose blanked.
  const withStatus = (deviceStatus: string, errorCode: string, over: Record<string, unknown> = {}) => ({
    ...entry(),
    deviceStatus,
    error: { errorCode, errorInfo: `info ${errorCode}` },
    ...over,
  });

  it('lists Busy, Not Ready and Not Registered devices with their status and error, not as problems', () => {
    const answer = [
      withStatus('Busy', '111'),
      withStatus('Not Ready', '110', { deviceId: '3' }),
      withStatus('Not Registered', '100', { deviceId: '', deviceCode: '', purpose: '' }),
      entry(),
    ];
    const r = readDiscoveryAnswer(4501, 'MOSIPDISC', answer);
    expect(r.problems).toEqual([]);
    expect(
      r.devices.map((d) => [
        d.entry.deviceId,
        d.entry.deviceStatus,
        d.entry.error.errorCode,
        d.entry.deviceCode,
        d.entry.purpose,
        isReady(d),
      ]),
    ).toEqual([
      ['2', 'Busy', '111', 'VSLAP0000001', 'Registration', false],
      ['3', 'Not Ready', '110', 'VSLAP0000001', 'Registration', false],
      ['', 'Not Registered', '100', '', '', false],
      ['2', 'Ready', '0', 'VSLAP0000001', 'Registration', true],
    ]);
    // The unsigned digital ID still says what the device is.
    expect(r.devices[2]!.digitalId).toMatchObject({
      serialNo: 'VSLAP0000001',
      type: 'Finger',
      deviceSubType: 'Slap',
    });
  });

  it('keeps an error without a status to show, and blank ids on a registered device, as problems', () => {
    const answer = [
      withStatus('Ready', '503'),
      { error: { errorCode: '106', errorInfo: 'Device not found' } },
      withStatus('Busy', '111', { deviceId: '', deviceCode: '' }),
      { ...entry(), deviceId: '' },
      withStatus('Asleep', '111'),
    ];
    const r = readDiscoveryAnswer(4501, 'MOSIPDISC', answer);
    expect(r.devices).toEqual([]);
    expect(r.problems.map((p) => [p.index, p.error.code, p.error.detail?.errorCode ?? p.error.detail?.field])).toEqual([
      [0, 'SBI_DEVICE_ERROR', '503'],
      [1, 'SBI_DEVICE_ERROR', '106'],
      [2, 'SBI_DEVICE_ERROR', '111'],
      [3, 'SBI_MALFORMED', 'MOSIPDISC[3].deviceId'],
      [4, 'SBI_DEVICE_ERROR', '111'],
    ]);
  });
});

describe('an unregistered device as MockMDS answers (deviceId and deviceCode blank)', () => {
  const blank = {
    deviceStatus: 'Not Registered',
    deviceId: '',
    deviceCode: '',
    purpose: '',
    env: 'None',
  };

  it('its unsigned deviceInfo is read, never signed, and matched to discovery by its digital ID', () => {
    const answer = [
      ...f.deviceInfoAnswer(
        { ...blank, digitalId: f.digitalId({}, 'unsigned') },
        { signer: 'unsigned', error: { errorCode: '100', errorInfo: 'Device not registered' } },
      ),
      ...f.deviceInfoAnswer(),
    ];
    const report = checkDeviceInfoAnswer(answer, ctx);
    expect(failed(report.checks)).toEqual([]);
    expect(report.entries.map((e) => [e.info?.deviceId, e.info?.deviceCode, e.signed, e.error?.errorCode])).toEqual([
      ['', '', false, '100'],
      ['2', 'VSLAP0000001', true, '0'],
    ]);
    const slap = report.entries[1]!.digitalId!;
    expect(infoEntryFor('', slap, report.entries)?.index).toBe(0);
    expect(infoEntryFor('2', slap, report.entries)?.index).toBe(1);
    expect(infoEntryFor('', { ...slap, serialNo: 'OTHER0000001' }, report.entries)).toBeUndefined();
    expect(infoEntryFor('9', slap, report.entries)).toBeUndefined();
  });

  it('a blank deviceId or deviceCode is refused for any other status', () => {
    for (const deviceStatus of ['Ready', 'Busy', 'Not Ready']) {
      const report = checkDeviceInfoAnswer(
        f.deviceInfoAnswer(
          { deviceStatus, deviceId: '' },
          { error: { errorCode: deviceStatus === 'Ready' ? '0' : '111', errorInfo: 'x' } },
        ),
        ctx,
      );
      expect(failed(report.checks)).toContain('deviceInfo[0].payload.schema');
    }
  });
});
