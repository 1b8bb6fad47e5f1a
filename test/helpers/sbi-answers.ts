/**
 * Hand-built SBI answers for the client's tests, bench and fuzzing: real signatures with keys from
 * createVirtualPki, a real hash chain, real Auth encryption — each piece overridable so a test can
 * break exactly one thing.
 */
import { createTrustStore } from '../../lib/pki/index.ts';
import type { TrustStore } from '../../lib/pki/index.ts';
import { EMPTY_HASH_HEX, chainHash } from '../../lib/sbi/hash-chain.ts';
import { signJws } from '../../lib/sbi/jws.ts';
import { decryptBioValue } from '../../lib/sbi/decrypt.ts';
import type { BioDecryptor, RegisteredDevice } from '../../native/sbi/verify.ts';
import { captureRequestSchema, rcaptureRequestSchema } from '../../lib/sbi/wire/index.ts';
import type {
  AnyCaptureRequest,
  CaptureRequest,
  ParsedCaptureRequest,
  ParsedRCaptureRequest,
  RCaptureRequest,
} from '../../lib/sbi/wire/index.ts';
import { createVirtualPki } from '../../native/virtual/pki.ts';
import type { IssuedIdentity, VirtualPki } from '../../native/virtual/pki.ts';
import { encryptBioValue, encryptionTarget } from '../../native/virtual/sbi/encryption.ts';

export const DEVICE_ORG = 'Virtual Devices Org';
export const sbiTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const SUCCESS = { errorCode: '0', errorInfo: 'Success' };
export const LEFT_SLAP = ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'];

export const REGISTERED_SLAP: RegisteredDevice = {
  make: 'Partner Desk',
  model: 'SLAP-01',
  type: 'Finger',
  subType: 'Slap',
  providerId: 'PD.VIRTUAL',
  providerName: DEVICE_ORG,
};

type Json = Record<string, unknown>;

/** A record that starts like an ISO 19794 one (format id + version) followed by filler bytes. */
export function isoRecord(type: 'Finger' | 'Iris' | 'Face', seed: number, size = 512): Buffer {
  const head = { Finger: 'FIR\x00020\x00', Iris: 'IIR\x00020\x00', Face: 'FAC\x00030\x00' }[type];
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = (seed * 31 + i * 7) & 0xff;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export interface SbiFixture {
  now: Date;
  pki: VirtualPki;
  device: IssuedIdentity;
  chip: IssuedIdentity;
  trust: TrustStore;
  decrypt: BioDecryptor;
  digitalId(over?: Json, signer?: IssuedIdentity | 'unsigned'): string;
  deviceInfoPayload(over?: Json): Json;
  deviceInfoAnswer(over?: Json, opts?: { signer?: IssuedIdentity | 'unsigned'; error?: Json }): Json[];
  rcaptureRequest(over?: Partial<RCaptureRequest>): ParsedRCaptureRequest;
  captureRequest(over?: Partial<CaptureRequest>): ParsedCaptureRequest;
  /** A correct answer to `request`; `data` and `item` may rewrite each item before/after signing. */
  captureAnswer(request: AnyCaptureRequest, opts?: CaptureAnswerOptions): { biometrics: Json[] };
}

export interface CaptureAnswerOptions {
  data?: (data: Json, index: number) => Json;
  item?: (item: Json, index: number) => Json;
  iso?: (index: number) => Buffer;
  dataSigner?: IssuedIdentity;
  digitalIdSigner?: IssuedIdentity;
}

export async function createSbiFixture(now = new Date()): Promise<SbiFixture> {
  const pki = await createVirtualPki({ deviceOrg: DEVICE_ORG, ftmOrg: 'Virtual FTM Org', now });
  const device = await pki.issueDeviceCert('VSLAP0000001');
  const chip = await pki.issueChipCert('VCHIP0000001');
  const trust = createTrustStore([
    { cert: pki.deviceCa.der, domain: 'DEVICE', role: 'anchor' },
    { cert: pki.ftmRoot.der, domain: 'FTM', role: 'anchor' },
  ]);
  const encryptTo = encryptionTarget(pki.encryption.der);
  const key = { privateKey: pki.encryption.key, certificateDer: pki.encryption.der };
  const sign = (payload: Json, by: IssuedIdentity) => signJws(JSON.stringify(payload), by.key, by.der);
  const unsigned = (payload: Json) => Buffer.from(JSON.stringify(payload)).toString('base64url');

  const f: SbiFixture = {
    now,
    pki,
    device,
    chip,
    trust,
    decrypt: (item) => decryptBioValue(item, key),
    digitalId(over = {}, signer = device) {
      const payload = {
        serialNo: 'VSLAP0000001',
        make: REGISTERED_SLAP.make,
        model: REGISTERED_SLAP.model,
        type: 'Finger',
        deviceSubType: 'Slap',
        deviceProvider: DEVICE_ORG,
        deviceProviderId: REGISTERED_SLAP.providerId,
        dateTime: sbiTime(now),
        ...over,
      };
      return signer === 'unsigned' ? unsigned(payload) : sign(payload, signer);
    },
    deviceInfoPayload(over = {}) {
      return {
        deviceStatus: 'Ready',
        deviceId: '2',
        firmware: '1.0.0',
        certification: 'L0',
        serviceVersion: '1.0.0',
        deviceSubId: ['1', '2', '3'],
        callbackId: 'http://127.0.0.1:4501/',
        digitalId: f.digitalId(),
        deviceCode: 'VSLAP0000001',
        env: 'Developer',
        purpose: 'Registration',
        specVersion: ['0.9.5'],
        ...over,
      };
    },
    deviceInfoAnswer(over = {}, opts = {}) {
      const payload = f.deviceInfoPayload(over);
      const signer = opts.signer ?? device;
      return [
        {
          deviceInfo: signer === 'unsigned' ? unsigned(payload) : sign(payload, signer),
          error: opts.error ?? SUCCESS,
        },
      ];
    },
    rcaptureRequest(over = {}) {
      return rcaptureRequestSchema.parse({
        env: 'Developer',
        purpose: 'Registration',
        specVersion: '0.9.5',
        timeout: '10000',
        captureTime: now.toISOString(),
        transactionId: 'PD-TX-0001',
        bio: [
          {
            type: 'Finger',
            count: '4',
            bioSubType: LEFT_SLAP,
            exception: [],
            requestedScore: '40',
            deviceId: '2',
            deviceSubId: '1',
            previousHash: EMPTY_HASH_HEX,
          },
        ],
        customOpts: null,
        ...over,
      });
    },
    captureRequest(over = {}) {
      return captureRequestSchema.parse({
        env: 'Developer',
        purpose: 'Auth',
        specVersion: '0.9.5',
        timeout: '10000',
        captureTime: now.toISOString(),
        domainUri: '',
        transactionId: 'PD-AUTH-0001',
        bio: [
          {
            type: 'Finger',
            count: '2',
            bioSubType: ['UNKNOWN', 'UNKNOWN'],
            requestedScore: '40',
            deviceId: '4',
            deviceSubId: '0',
            previousHash: '',
          },
        ],
        customOpts: null,
        ...over,
      });
    },
    captureAnswer(request, opts = {}) {
      const auth = request.purpose === 'Auth';
      const bio = request.bio[0]!;
      const count = Number(bio.count);
      const subs = bio.bioSubType?.length ? bio.bioSubType : bio.type === 'Face' ? [] : ['UNKNOWN'];
      let prev = bio.previousHash;
      const biometrics = Array.from({ length: count }, (_, i) => {
        const iso = opts.iso?.(i) ?? isoRecord(bio.type, i);
        const hash = chainHash(prev, iso);
        prev = hash;
        const timestamp = sbiTime(now);
        const sealed = auth ? encryptBioValue(encryptTo, iso, timestamp, request.transactionId) : null;
        let data: Json = {
          digitalId: f.digitalId(
            {
              type: bio.type,
              deviceSubType:
                bio.type === 'Face' ? 'Full face' : bio.type === 'Iris' ? 'Double' : auth ? 'Single' : 'Slap',
            },
            opts.digitalIdSigner ?? (auth ? chip : device),
          ),
          deviceCode: 'VSLAP0000001',
          deviceServiceVersion: '1.0.0',
          bioType: bio.type,
          ...(bio.type === 'Face' ? {} : { bioSubType: subs[i] ?? 'UNKNOWN' }),
          purpose: request.purpose,
          env: request.env,
          ...(auth ? { domainUri: '' } : {}),
          bioValue: sealed ? sealed.bioValue : iso.toString('base64url'),
          transactionId: request.transactionId,
          timestamp,
          requestedScore: bio.requestedScore,
          qualityScore: '80',
        };
        data = opts.data ? opts.data(data, i) : data;
        const item: Json = {
          specVersion: request.specVersion,
          data: sign(data, opts.dataSigner ?? device),
          hash,
          ...(sealed ? { sessionKey: sealed.sessionKey, thumbprint: sealed.thumbprint } : {}),
          error: SUCCESS,
        };
        return opts.item ? opts.item(item, i) : item;
      });
      return { biometrics };
    },
  };
  return f;
}
