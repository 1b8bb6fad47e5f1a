/**
 * The client against the virtual SBI device: discover → deviceInfo → (R)CAPTURE → verify with the
 * trust anchors the device hands out, then each fault makes the matching check fail with its code.
 * Ports 46400–46419 belong to this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustStore } from '../../../lib/pki/index.ts';
import type { TrustStore } from '../../../lib/pki/index.ts';
import { decryptBioValue } from '../../../lib/sbi/decrypt.ts';
import { discoverSbi } from '../../../native/sbi/client/discovery.ts';
import { SbiClient } from '../../../native/sbi/client/sbi-client.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';
import {
  checkCaptureAnswer,
  checkDeviceInfoAnswer,
  TrustCache,
  verifyCapture,
  verifyDeviceInfo,
} from '../../../native/sbi/verify.ts';
import type { CaptureContext, RegisteredDevice, VerifyContext } from '../../../native/sbi/verify.ts';
import type { CaptureRequest, RCaptureRequest } from '../../../lib/sbi/wire/index.ts';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';

const FROM = 46400;
const TO = 46419;
let sbi: VirtualSbi;
let client: SbiClient;
let trust: TrustStore;
const cache = new TrustCache();

beforeAll(async () => {
  sbi = await startVirtualSbi({
    portRange: [FROM, TO],
    deviceOrg: 'Virtual Devices Org',
    providerId: 'PD.VIRTUAL.SBI',
  });
  const pem = sbi.trustAnchorsPem();
  trust = createTrustStore([
    { cert: pem.device, domain: 'DEVICE', role: 'anchor' },
    { cert: pem.ftm, domain: 'FTM', role: 'anchor' },
  ]);
  client = new SbiClient({ port: sbi.port });
});
afterAll(async () => {
  await sbi?.close();
});

const slap: RegisteredDevice = {
  make: 'Partner Desk Virtual',
  model: 'PD-SLAP-4',
  type: 'Finger',
  subType: 'Slap',
  providerId: 'PD.VIRTUAL.SBI',
  providerName: 'Virtual Devices Org',
};
const ctx = (): VerifyContext => ({
  trust,
  now: new Date(),
  cache,
  expectedOrg: 'Virtual Devices Org',
});
let tx = 0;
const slapRequest = (previousHash = ''): RCaptureRequest => ({
  env: 'Developer',
  purpose: 'Registration',
  specVersion: '0.9.5',
  timeout: '5000',
  captureTime: new Date().toISOString(),
  transactionId: `PD-E2E-${++tx}`,
  bio: [
    {
      type: 'Finger',
      count: '4',
      bioSubType: [],
      exception: [],
      requestedScore: '40',
      deviceId: '2',
      deviceSubId: '1',
      previousHash,
    },
  ],
  customOpts: null,
});
const authRequest = (): CaptureRequest => ({
  env: 'Developer',
  purpose: 'Auth',
  specVersion: '0.9.5',
  timeout: '5000',
  captureTime: new Date().toISOString(),
  domainUri: '',
  transactionId: `PD-E2E-${++tx}`,
  bio: [
    {
      type: 'Finger',
      count: '1',
      bioSubType: ['UNKNOWN'],
      requestedScore: '40',
      deviceId: '4',
      deviceSubId: '0',
      previousHash: '',
    },
  ],
  customOpts: null,
});
async function rcapture(previousHash = ''): Promise<{ json: unknown; c: CaptureContext }> {
  const a = await client.rcapture(slapRequest(previousHash));
  return {
    json: a.json,
    c: { ...ctx(), request: a.request, certification: 'L0', registered: slap },
  };
}
function code(fn: () => unknown): [string, unknown] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SbiError);
    return [(e as SbiError).code, (e as SbiError).detail?.check];
  }
  return ['passed', null];
}

describe('virtual SBI end to end', () => {
  it('discovers the six devices on one port', async () => {
    const r = await discoverSbi({ portFrom: FROM, portTo: TO });
    expect(r.problems).toEqual([]);
    expect(
      r.devices
        .map(
          (d) =>
            `${d.entry.deviceId}:${d.digitalId.type}/${d.digitalId.deviceSubType}:${d.entry.certification}:${d.entry.purpose}`,
        )
        .sort(),
    ).toEqual([
      '1:Iris/Double:L0:Registration',
      '2:Finger/Slap:L0:Registration',
      '3:Face/Full face:L0:Registration',
      '4:Finger/Single:L1:Auth',
      '5:Iris/Single:L1:Auth',
      '6:Face/Full face:L1:Auth',
    ]);
  });

  it('deviceInfo verifies for every device (L1 digital IDs against FTM), with the registry match for the slap', async () => {
    const info = await client.deviceInfo();
    const { entries } = verifyDeviceInfo(info.json, ctx());
    expect(entries.map((e) => `${e.info.deviceId}:${e.info.certification}:${e.signed}`).sort()).toEqual([
      '1:L0:true',
      '2:L0:true',
      '3:L0:true',
      '4:L1:true',
      '5:L1:true',
      '6:L1:true',
    ]);
    const slapEntry = entries.findIndex((e) => e.info.deviceId === '2');
    const report = checkDeviceInfoAnswer(info.json, { ...ctx(), registered: slap });
    expect(report.checks.find((c) => c.name === `deviceInfo[${slapEntry}].digitalId.registry`)?.result).toBe('pass');
  });

  it('RCAPTURE left slap verifies, and the chain carries over to the next capture', async () => {
    const first = await rcapture();
    const v = verifyCapture(first.json, first.c);
    expect(v.items.map((i) => i.data.bioSubType)).toEqual([
      'Left IndexFinger',
      'Left MiddleFinger',
      'Left RingFinger',
      'Left LittleFinger',
    ]);
    expect(v.checks.filter((c) => c.result !== 'pass')).toEqual([]);
    const second = await rcapture(v.lastHash);
    expect(verifyCapture(second.json, second.c).items).toHaveLength(4);
  });

  it('CAPTURE (Auth, L1) verifies and decrypts with the encryption key', async () => {
    const a = await client.capture(authRequest());
    const key = { privateKey: sbi.pki.encryption.key, certificateDer: sbi.pki.encryption.der };
    const v = verifyCapture(a.json, {
      ...ctx(),
      request: a.request,
      certification: 'L1',
      decrypt: (item) => decryptBioValue(item, key),
    });
    expect(Buffer.from(v.items[0]!.iso!).subarray(0, 4).toString('latin1')).toBe('FIR\x00');
    expect(v.checks.filter((c) => c.result === 'fail')).toEqual([]);
  });

  it('each fault fails the matching check with its code', async () => {
    const cases = [
      ['bad-signature', 'SBI_SIGNATURE'],
      ['wrong-hash', 'SBI_HASH_CHAIN'],
      ['millisecond-timestamps', 'SBI_TIMESTAMP'],
      ['wrong-count', 'SBI_RESPONSE_MISMATCH'],
    ] as const;
    try {
      for (const [fault, expected] of cases) {
        sbi.control.setFault(fault);
        const { json, c } = await rcapture();
        expect([fault, code(() => verifyCapture(json, c))[0]]).toEqual([fault, expected]);
        expect(checkCaptureAnswer(json, c).checks.some((x) => x.code === expected)).toBe(true);
      }
      sbi.control.setFault('bad-signature');
      expect(code(() => verifyDeviceInfo(null, ctx()))[0]).toBe('SBI_MALFORMED');
      const info = await client.deviceInfo();
      expect(code(() => verifyDeviceInfo(info.json, ctx()))[0]).toBe('SBI_SIGNATURE');
    } finally {
      sbi.control.setFault(null);
    }
  });

  it('device states: Busy answers deviceInfo with its error and refuses capture; Not Registered answers unsigned', async () => {
    try {
      sbi.control.setStatus('2', 'Busy');
      const busy = verifyDeviceInfo((await client.deviceInfo()).json, ctx()).entries.find(
        (e) => e.info.deviceId === '2',
      )!;
      expect([busy.info.deviceStatus, busy.error.errorCode !== '0']).toEqual(['Busy', true]);
      const { json, c } = await rcapture();
      expect(code(() => verifyCapture(json, c))[0]).toBe('SBI_DEVICE_ERROR');
      sbi.control.setStatus('2', 'Not Registered');
      const unreg = verifyDeviceInfo((await client.deviceInfo()).json, ctx()).entries.find(
        (e) => e.info.deviceId === '2',
      )!;
      expect([unreg.signed, unreg.error.errorCode]).toEqual([false, '100']);
    } finally {
      sbi.control.setStatus('2', 'Ready');
    }
  });

  it('key rotation: a new device certificate, still trusted', async () => {
    const before = verifyDeviceInfo((await client.deviceInfo()).json, ctx()).entries.find(
      (e) => e.info.deviceId === '2',
    )!;
    await sbi.control.rotateKeys('2');
    const after = verifyDeviceInfo((await client.deviceInfo()).json, ctx()).entries.find(
      (e) => e.info.deviceId === '2',
    )!;
    expect(Buffer.from(after.deviceCertDer!).equals(Buffer.from(before.deviceCertDer!))).toBe(false);
  });

  it('STREAM delivers JPEG frames', async () => {
    const frames: Buffer[] = [];
    const s = await client.stream({ deviceId: '2', deviceSubId: '1', timeout: '700' }, (fr) => frames.push(fr.jpeg));
    expect(s.frames).toBeGreaterThanOrEqual(2);
    expect(frames.every((j) => j[0] === 0xff && j[1] === 0xd8)).toBe(true);
  });
});
