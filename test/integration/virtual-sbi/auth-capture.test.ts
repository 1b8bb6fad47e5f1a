/**
 * Auth CAPTURE against the virtual SBI: bioValue decrypted here from the §2.5 description with the
 * encryption key, the hash chain checked over the plaintext, device data signed under DEVICE and
 * the digital ID signed by the FTM chip (L1). Ports 46140–46159 belong to this file.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualPki } from '../../../native/virtual/pki.ts';
import type { VirtualPki } from '../../../native/virtual/pki.ts';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';
import { keyPair, leaf, root } from '../../helpers/pki.ts';
import {
  NO_MILLIS,
  authCapture,
  chain,
  decryptBioValue,
  expectedHashes,
  readJws,
  sbiCall,
  trustFor,
} from './helpers.ts';
import type { CaptureItem } from './helpers.ts';

let pki: VirtualPki;
let sbi: VirtualSbi;
beforeAll(async () => {
  pki = await createVirtualPki({ deviceOrg: 'Acme Devices', ftmOrg: 'Acme FTM' });
  sbi = await startVirtualSbi({ portRange: [46140, 46149], pki });
});
afterAll(() => sbi?.close());
afterEach(() => {
  sbi.control.setDelay(0);
  sbi.control.setEncryptionCert(pki.encryption.der);
});

const call = async (body: string) => {
  const r = await sbiCall(sbi.port, 'CAPTURE', '/capture', body);
  expect(r.status).toBe(200);
  return { items: r.json<{ biometrics: CaptureItem[] }>().biometrics, ms: r.ms };
};
const plaintexts = (items: CaptureItem[], key = pki.encryption.key) =>
  items.map((item) =>
    decryptBioValue(
      key,
      item as { sessionKey: string },
      readJws(item.data).payload as { bioValue: string; timestamp: string; transactionId: string },
    ),
  );

describe('CAPTURE', () => {
  it('finger UNKNOWN: encrypted for the configured certificate, decrypts to an ISO finger record, hash over the plaintext', async () => {
    const trust = trustFor(sbi.trustAnchorsPem());
    const { items } = await call(authCapture({}));
    expect(items).toHaveLength(1);
    const [item] = items as [CaptureItem];
    expect(item.error).toEqual({ errorCode: '0', errorInfo: 'Success' });
    expect(item.thumbprint).toBe(createHash('sha256').update(pki.encryption.der).digest('hex').toUpperCase());
    expect(item.sessionKey).toMatch(/^[A-Za-z0-9_-]+$/);
    const jws = readJws(item.data);
    expect(jws.signatureValid).toBe(true);
    expect(chain(jws.signerDer, 'DEVICE', trust).ok).toBe(true);
    expect(jws.payload).toMatchObject({
      purpose: 'Auth',
      bioType: 'Finger',
      bioSubType: 'UNKNOWN',
      domainUri: 'https://auth.example',
      transactionId: 'SBI1018-456',
      env: 'Developer',
    });
    expect(jws.payload.timestamp).toMatch(NO_MILLIS);
    // The digital ID of an L1 device is signed by its FTM chip: FTM domain, not DEVICE.
    const digitalId = readJws(jws.payload.digitalId as string);
    expect(digitalId.signatureValid).toBe(true);
    expect(chain(digitalId.signerDer, 'FTM', trust).ok).toBe(true);
    expect(chain(digitalId.signerDer, 'DEVICE', trust).ok).toBe(false);
    // The ciphertext is not the record; the decrypted plaintext is, and the hash covers it.
    expect(
      Buffer.from(jws.payload.bioValue as string, 'base64url')
        .subarray(0, 4)
        .toString('latin1'),
    ).not.toBe('FIR\x00');
    const [iso] = plaintexts(items) as [Buffer];
    expect(iso.toString('latin1', 0, 8)).toBe('FIR\x00020\x00');
    expect([iso[40], iso[52]]).toEqual([0, 0x04]); // position unknown, JPEG 2000 lossy
    expect(item.hash).toBe(expectedHashes('', [iso])[0]);
  });

  it.each([
    [
      'two UNKNOWN fingers (CTK 1019)',
      { count: '2', bioSubType: ['UNKNOWN', 'UNKNOWN'] },
      ['UNKNOWN', 'UNKNOWN'],
      'FIR',
    ],
    [
      'left index + middle (CTK 1021)',
      { count: '2', bioSubType: ['Left IndexFinger', 'Left MiddleFinger'] },
      ['Left IndexFinger', 'Left MiddleFinger'],
      'FIR',
    ],
    ['ten fingers, no subtypes (CTK 1058)', { count: '10', bioSubType: [] }, Array(10).fill('UNKNOWN'), 'FIR'],
    ['left iris (CTK 1016)', { type: 'Iris', deviceId: '5', bioSubType: ['Left'] }, ['Left'], 'IIR'],
    [
      'two irises (CTK 1059)',
      { type: 'Iris', deviceId: '5', count: '2', bioSubType: ['Left', 'Right'] },
      ['Left', 'Right'],
      'IIR',
    ],
    ['face (CTK 1014)', { type: 'Face', deviceId: '6', bioSubType: [] }, [undefined], 'FAC'],
  ])('%s', async (_n, bio, subTypes, format) => {
    const previous = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    const { items } = await call(authCapture({ ...bio, previousHash: previous }));
    expect(items.map((i) => readJws(i.data).payload.bioSubType)).toEqual(subTypes);
    const isos = plaintexts(items);
    for (const iso of isos) expect(iso.toString('latin1', 0, 3)).toBe(format);
    expect(items.map((i) => i.hash)).toEqual(expectedHashes(previous, isos));
    for (const i of items)
      expect(Object.keys(i).sort()).toEqual(['data', 'error', 'hash', 'sessionKey', 'specVersion', 'thumbprint']);
  });

  it.each([
    ['finger count 11 (CTK 1030)', { count: '11' }, '109'],
    ['iris count 3 (CTK 1031)', { type: 'Iris', deviceId: '5', count: '3' }, '109'],
    ['face count 2 (CTK 1032)', { type: 'Face', deviceId: '6', count: '2' }, '109'],
    ['more subtypes than count', { count: '1', bioSubType: ['UNKNOWN', 'UNKNOWN'] }, '109'],
    ['a Registration device', { deviceId: '2', deviceSubId: '1', count: '4' }, '806'],
    ['unknown device', { deviceId: '42' }, '805'],
    ['deviceSubId 1 on a single finger', { deviceSubId: '1' }, '802'],
  ])('%s → %s', async (_n, bio, code) => {
    const { items } = await call(authCapture(bio));
    expect(items).toHaveLength(1);
    expect(items[0]!.error.errorCode).toBe(code);
  });

  it('transactionId longer than 50 (CTK 1091) → 112; purpose Registration → 121', async () => {
    expect((await call(authCapture({}, { transactionId: 'SBI1091-'.padEnd(58, '7') }))).items[0]!.error.errorCode).toBe(
      '112',
    );
    expect((await call(authCapture({}, { purpose: 'Registration' }))).items[0]!.error.errorCode).toBe('121');
  });

  it('no biometric within the timeout (CTK 1046–1048): waits the full timeout, then 801', async () => {
    sbi.control.setDelay(5000);
    const r = await call(authCapture({}, { timeout: '300' }));
    expect(r.ms).toBeGreaterThanOrEqual(300);
    expect(r.items[0]!.error.errorCode).toBe('801');
  });
});

describe('the encryption certificate', () => {
  it('can be replaced: captures are then sealed for the new key only', async () => {
    const benchRoot = root('CN=Bench Root, O=Bench', { key: keyPair('rsa2048', 'bench-root') });
    const benchKey = keyPair('rsa2048', 'bench-encryption');
    const bench = leaf(benchRoot, 'CN=Bench Encryption, O=Bench', { key: benchKey });
    sbi.control.setEncryptionCert(bench.pem);
    expect(sbi.state().encryptionCert.thumbprint).toBe(
      createHash('sha256').update(bench.der).digest('hex').toUpperCase(),
    );
    const { items } = await call(authCapture({}));
    expect(items[0]!.thumbprint).toBe(sbi.state().encryptionCert.thumbprint);
    expect(plaintexts(items, benchKey.privateKey)[0]!.toString('latin1', 0, 4)).toBe('FIR\x00');
    expect(() => plaintexts(items, pki.encryption.key)).toThrow();
  });

  it('refuses certificates that cannot do RSA-OAEP, and garbage', () => {
    const ec = leaf(root('CN=EC Root, O=Bench'), 'CN=EC Leaf, O=Bench');
    expect(() => sbi.control.setEncryptionCert(ec.der)).toThrow(/RSA/);
    expect(() =>
      sbi.control.setEncryptionCert('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n'),
    ).toThrow(/X\.509/);
    expect(() => sbi.control.setEncryptionCert(new Uint8Array([1, 2, 3]))).toThrow(/X\.509/);
    expect(sbi.state().encryptionCert.thumbprint).toBe(
      createHash('sha256').update(pki.encryption.der).digest('hex').toUpperCase(),
    );
  });

  it('startVirtualSbi takes one as encryptionCertDer', async () => {
    const k = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const own = leaf(root('CN=Own Root, O=Bench'), 'CN=Own Encryption, O=Bench', {
      key: {
        spec: 'rsa2048',
        privateKey: k.privateKey,
        publicKey: k.publicKey,
        spki: new Uint8Array(k.publicKey.export({ type: 'spki', format: 'der' })),
      },
    });
    const other = await startVirtualSbi({
      portRange: [46150, 46159],
      pki,
      encryptionCertDer: own.der,
    });
    try {
      const r = await sbiCall(other.port, 'CAPTURE', '/capture', authCapture({}));
      const items = r.json<{ biometrics: CaptureItem[] }>().biometrics;
      expect(plaintexts(items, k.privateKey)[0]!.toString('latin1', 0, 4)).toBe('FIR\x00');
    } finally {
      await other.close();
    }
  });
});
