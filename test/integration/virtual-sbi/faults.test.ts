/**
 * Each fault the virtual device can be told to make shows exactly its defect (and clearing it
 * restores correct answers); key rotation gives a new, still trusted device certificate.
 * Ports 46160–46179 belong to this file.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_SBI_FAULTS, startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';
import {
  NO_MILLIS,
  authCapture,
  chain,
  decryptBioValue,
  expectedHashes,
  rcapture,
  readJws,
  sbiCall,
  trustFor,
} from './helpers.ts';
import type { CaptureItem } from './helpers.ts';

let sbi: VirtualSbi;
beforeAll(async () => {
  sbi = await startVirtualSbi({ portRange: [46160, 46179] });
});
afterAll(() => sbi?.close());
afterEach(() => {
  sbi.control.setFault(null);
  sbi.control.setDelay(0);
});

const capture = async (verb: 'RCAPTURE' | 'CAPTURE', body: string) => {
  const r = await sbiCall(sbi.port, verb, '/capture', body);
  return { items: r.json<{ biometrics: CaptureItem[] }>().biometrics, ms: r.ms };
};
const info = async () => (await sbiCall(sbi.port, 'MOSIPDINFO', '/info')).json<{ deviceInfo: string }[]>();
const isos = (items: CaptureItem[]) =>
  items.map((i) => Buffer.from(readJws(i.data).payload.bioValue as string, 'base64url'));

describe('faults', () => {
  it('lists the five faults', () => {
    expect([...VIRTUAL_SBI_FAULTS]).toEqual([
      'bad-signature',
      'wrong-hash',
      'millisecond-timestamps',
      'early-timeout',
      'wrong-count',
    ]);
  });

  it('bad-signature: deviceInfo and capture data no longer verify; the digital ID inside still does', async () => {
    sbi.control.setFault('bad-signature');
    for (const item of await info()) expect(readJws(item.deviceInfo).signatureValid).toBe(false);
    const { items } = await capture('RCAPTURE', rcapture({}));
    expect(items).toHaveLength(4);
    for (const item of items) {
      const jws = readJws(item.data);
      expect(jws.signatureValid).toBe(false);
      expect(readJws(jws.payload.digitalId as string).signatureValid).toBe(true);
    }
    sbi.control.setFault(null);
    for (const item of await info()) expect(readJws(item.deviceInfo).signatureValid).toBe(true);
  });

  it('wrong-hash: well-formed hashes that do not follow the chain', async () => {
    sbi.control.setFault('wrong-hash');
    const { items } = await capture('RCAPTURE', rcapture({}));
    for (const item of items) expect(item.hash).toMatch(/^[A-F0-9]{64}$/);
    const expected = expectedHashes('', isos(items));
    items.forEach((item, i) => expect(item.hash).not.toBe(expected[i]));
    sbi.control.setFault(null);
    const ok = (await capture('RCAPTURE', rcapture({}))).items;
    expect(ok.map((i) => i.hash)).toEqual(expectedHashes('', isos(ok)));
  });

  it('millisecond-timestamps: timestamp and digital ID dateTime carry milliseconds; Auth still decrypts with them', async () => {
    sbi.control.setFault('millisecond-timestamps');
    const { items } = await capture('CAPTURE', authCapture({}));
    const p = readJws(items[0]!.data).payload;
    expect(p.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(readJws(p.digitalId as string).payload.dateTime).toMatch(/\.\d{3}Z$/);
    const iso = decryptBioValue(
      sbi.pki.encryption.key,
      items[0] as { sessionKey: string },
      p as { bioValue: string; timestamp: string; transactionId: string },
    );
    expect(iso.toString('latin1', 0, 4)).toBe('FIR\x00');
    sbi.control.setFault(null);
    expect(readJws((await capture('CAPTURE', authCapture({}))).items[0]!.data).payload.timestamp).toMatch(NO_MILLIS);
  });

  it('early-timeout: the timeout error, and the best frame, come well before the timeout', async () => {
    sbi.control.setFault('early-timeout');
    sbi.control.setDelay(5000);
    const none = await capture('RCAPTURE', rcapture({}, { timeout: '800' }));
    expect(none.items[0]!.error.errorCode).toBe('701');
    expect(none.ms).toBeLessThan(800);
    sbi.control.setDelay(0);
    const best = await capture('RCAPTURE', rcapture({ requestedScore: '100' }, { timeout: '800' }));
    expect(best.items).toHaveLength(4);
    expect(best.ms).toBeLessThan(800);
    sbi.control.setFault(null);
    sbi.control.setDelay(5000);
    expect((await capture('RCAPTURE', rcapture({}, { timeout: '300' }))).ms).toBeGreaterThanOrEqual(300);
  });

  it('wrong-count: one item more than requested, the chain still continuous', async () => {
    sbi.control.setFault('wrong-count');
    const r = (await capture('RCAPTURE', rcapture({}))).items;
    expect(r).toHaveLength(5);
    expect(r.map((i) => i.hash)).toEqual(expectedHashes('', isos(r)));
    expect((await capture('CAPTURE', authCapture({ type: 'Face', deviceId: '6', bioSubType: [] }))).items).toHaveLength(
      2,
    );
    sbi.control.setFault(null);
    expect((await capture('RCAPTURE', rcapture({}))).items).toHaveLength(4);
  });

  it('refuses an unknown fault', () => {
    expect(() => sbi.control.setFault('slow' as never)).toThrow(RangeError);
  });
});

describe('key rotation', () => {
  const signerOf = async (deviceId: string) => {
    const item = (await info()).find((i) => readJws(i.deviceInfo).payload.deviceId === deviceId)!;
    const jws = readJws(item.deviceInfo);
    return { der: jws.signerDer, digitalId: readJws(jws.payload.digitalId as string).signerDer };
  };

  it('gives one device a new trusted certificate (notBefore not earlier); others and FTM chip keys keep theirs', async () => {
    const trust = trustFor(sbi.trustAnchorsPem());
    const [slap, face, finger] = await Promise.all([signerOf('2'), signerOf('3'), signerOf('4')]);
    await sbi.control.rotateKeys('2');
    const [slap2, face2, finger2] = await Promise.all([signerOf('2'), signerOf('3'), signerOf('4')]);
    expect(slap2.der.equals(slap.der)).toBe(false);
    expect(slap2.digitalId.equals(slap2.der)).toBe(true); // L0: the new device key signs the digital ID too
    expect(chain(slap2.der, 'DEVICE', trust).ok).toBe(true);
    expect(new Date(new X509Certificate(slap2.der).validFrom).getTime()).toBeGreaterThanOrEqual(
      new Date(new X509Certificate(slap.der).validFrom).getTime(),
    );
    expect(new X509Certificate(slap2.der).subject).toBe(new X509Certificate(slap.der).subject);
    expect(face2.der.equals(face.der)).toBe(true);
    expect(finger2.der.equals(finger.der)).toBe(true);
    // Captures are signed with the new key.
    const data = readJws((await capture('RCAPTURE', rcapture({}))).items[0]!.data);
    expect(data.signerDer.equals(slap2.der)).toBe(true);
    // Rotating all: every device key changes, the L1 chip key does not.
    await sbi.control.rotateKeys();
    const finger3 = await signerOf('4');
    expect(finger3.der.equals(finger.der)).toBe(false);
    expect(finger3.digitalId.equals(finger.digitalId)).toBe(true);
    expect(sbi.state().devices.find((d) => d.deviceId === '4')!.deviceCert.pem).toContain('BEGIN CERTIFICATE');
  });

  it('refuses an unknown device', async () => {
    await expect(sbi.control.rotateKeys('99')).rejects.toThrow(RangeError);
  });
});
