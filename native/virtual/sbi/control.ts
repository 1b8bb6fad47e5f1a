/**
 * The virtual device's controls (status, quality, delay, key rotation, faults, encryption
 * certificate) and its observable state. The UI calls these in-process; the admin API (admin.ts)
 * is a thin JSON layer over the same functions, so both paths behave the same.
 */
import { X509Certificate, createHash } from 'node:crypto';
import type { IssuedIdentity } from '../pki.ts';
import type { SbiContext } from './context.ts';
import { DEVICE_MAKE, DEVICE_STATUSES, effectiveStatus } from './devices.ts';
import type { DeviceStatus } from './devices.ts';
import { encryptionTarget } from './encryption.ts';
import { isVirtualSbiFault } from './faults.ts';
import type { VirtualSbiFault } from './faults.ts';

export interface CertificateState {
  subject: string;
  issuer: string;
  /** UPPER hex SHA-256 of the DER. */
  thumbprint: string;
  notBefore: string;
  notAfter: string;
  pem: string;
}

export interface VirtualSbiDeviceState {
  deviceId: string;
  type: 'Finger' | 'Iris' | 'Face';
  deviceSubType: string;
  purpose: 'Registration' | 'Auth';
  certification: 'L0' | 'L1';
  serialNo: string;
  make: string;
  model: string;
  deviceSubIds: string[];
  /** As set by the controls. */
  status: DeviceStatus;
  /** As reported: Busy while a capture runs on a Ready device. */
  reportedStatus: DeviceStatus;
  qualityScore: number;
  capturing: boolean;
  deviceCert: CertificateState;
  chipCert: CertificateState | null;
}

export interface VirtualSbiState {
  port: number;
  baseUrl: string;
  delayMs: number;
  fault: VirtualSbiFault | null;
  encryptionCert: { subject: string; thumbprint: string };
  openStreams: number;
  devices: VirtualSbiDeviceState[];
}

export interface VirtualSbiControl {
  setStatus(deviceId: string, status: DeviceStatus): void;
  setQuality(deviceId: string, score: number): void;
  setDelay(ms: number): void;
  /** New device key and certificate for one device, or for all; FTM chip keys never rotate. */
  rotateKeys(deviceId?: string): Promise<void>;
  setFault(fault: VirtualSbiFault | null): void;
  /** The certificate Auth CAPTURE encrypts for (PEM or DER); RSA only. */
  setEncryptionCert(cert: string | Uint8Array): void;
}

export const MAX_DELAY_MS = 300_000;

function certState(id: IssuedIdentity): CertificateState {
  const x = new X509Certificate(Buffer.from(id.der));
  return {
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    thumbprint: createHash('sha256').update(id.der).digest('hex').toUpperCase(),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    pem: id.pem,
  };
}

export function snapshot(ctx: SbiContext): VirtualSbiState {
  return {
    port: ctx.port,
    baseUrl: `http://127.0.0.1:${ctx.port}`,
    delayMs: ctx.delayMs,
    fault: ctx.fault,
    encryptionCert: {
      subject: ctx.encryption.subject.replace(/\n/g, ', '),
      thumbprint: ctx.encryption.thumbprint,
    },
    openStreams: ctx.streams.size,
    devices: [...ctx.devices.values()].map((d) => ({
      deviceId: d.deviceId,
      type: d.type,
      deviceSubType: d.deviceSubType,
      purpose: d.purpose,
      certification: d.certification,
      serialNo: d.serialNo,
      make: DEVICE_MAKE,
      model: d.model,
      deviceSubIds: [...d.deviceSubIds],
      status: d.status,
      reportedStatus: effectiveStatus(d),
      qualityScore: d.quality,
      capturing: d.capturing,
      deviceCert: certState(d.deviceKey),
      chipCert: d.chipKey ? certState(d.chipKey) : null,
    })),
  };
}

export function createControl(ctx: SbiContext): VirtualSbiControl {
  const device = (deviceId: string) => {
    const d = ctx.devices.get(deviceId);
    if (!d)
      throw new RangeError(
        `no virtual device ${JSON.stringify(deviceId)} (known: ${[...ctx.devices.keys()].join(', ')})`,
      );
    return d;
  };
  return {
    setStatus(deviceId, status) {
      if (!DEVICE_STATUSES.includes(status))
        throw new RangeError(`status must be one of ${DEVICE_STATUSES.join(', ')}`);
      device(deviceId).status = status;
    },
    setQuality(deviceId, score) {
      if (!Number.isInteger(score) || score < 0 || score > 100)
        throw new RangeError('quality score must be an integer 0–100');
      device(deviceId).quality = score;
    },
    setDelay(ms) {
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS)
        throw new RangeError(`delay must be an integer 0–${MAX_DELAY_MS} ms`);
      ctx.delayMs = ms;
    },
    async rotateKeys(deviceId) {
      const targets = deviceId === undefined ? [...ctx.devices.values()] : [device(deviceId)];
      const fresh = await Promise.all(targets.map((d) => ctx.pki.issueDeviceCert(d.serialNo)));
      targets.forEach((d, i) => (d.deviceKey = fresh[i]!));
    },
    setFault(fault) {
      if (fault !== null && !isVirtualSbiFault(fault)) throw new RangeError('unknown fault');
      ctx.fault = fault;
    },
    setEncryptionCert(cert) {
      ctx.encryption = encryptionTarget(cert);
    },
  };
}
