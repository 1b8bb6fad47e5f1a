/**
 * The virtual SBI device (issue 6): a real SBI 0.9.5 service on 127.0.0.1 for demos, training and
 * tests, with a generated PKI whose two roots the admin imports into the trust store (DEVICE and
 * FTM), ISO 19794 records over our own JPEG 2000 samples, and controls for status, quality, delay,
 * key rotation and deliberate faults.
 */
import { createVirtualPki } from '../pki.ts';
import type { VirtualPki } from '../pki.ts';
import { findSamplesDir, loadSamples } from './biometrics.ts';
import type { SbiContext } from './context.ts';
import { createControl, snapshot } from './control.ts';
import type { VirtualSbiControl, VirtualSbiState } from './control.ts';
import { DEVICE_SPECS } from './devices.ts';
import type { VirtualDevice } from './devices.ts';
import { encryptionTarget } from './encryption.ts';
import { DEFAULT_PORT_RANGE, createSbiServer, listenInRange } from './server.ts';

export type { VirtualSbiControl, VirtualSbiState, VirtualSbiDeviceState, CertificateState } from './control.ts';
export type { DeviceStatus } from './devices.ts';
export type { VirtualSbiFault } from './faults.ts';
export { VIRTUAL_SBI_FAULTS } from './faults.ts';
export { DEFAULT_PORT_RANGE } from './server.ts';
export { STREAM_BOUNDARY } from './stream.ts';

export interface StartVirtualSbiOptions {
  /** Inclusive; the first free port is taken. Default 4501–4600 (sbi.md §1.1). */
  portRange?: [number, number];
  /** Reuse a PKI (tests share one per file; the desktop keeps one per data directory). */
  pki?: VirtualPki;
  /** O= of the device provider CA and device certificates; also the digital ID's deviceProvider. */
  deviceOrg?: string;
  ftmOrg?: string;
  /** The digital ID's deviceProviderId. */
  providerId?: string;
  /** Certificate Auth CAPTURE encrypts for; default the PKI's encryption certificate. */
  encryptionCertDer?: Uint8Array;
  /** Clock for timestamps and ISO capture times (waits use real time: they are the behaviour). */
  now?: () => Date;
  /** Directory with manifest.json and the JPEG 2000 samples; default resources/biometrics. */
  samplesDir?: string;
}

export interface VirtualSbi {
  port: number;
  /** http://127.0.0.1:<port> (no trailing slash); callbackId is this plus "/". */
  baseUrl: string;
  pki: VirtualPki;
  state(): VirtualSbiState;
  control: VirtualSbiControl;
  /** The two roots to import: device provider CA → domain DEVICE, FTM root → domain FTM. */
  trustAnchorsPem(): { device: string; ftm: string };
  close(): Promise<void>;
}

const DEFAULT_DEVICE_ORG = 'Partner Desk Virtual Devices';
const DEFAULT_FTM_ORG = 'Partner Desk Virtual FTM';
const DEFAULT_PROVIDER_ID = 'PD.VIRTUAL.SBI';

/** O= of a "CN=…,O=…,C=…" subject, for the default deviceProvider of a supplied PKI. */
const orgOf = (subject: string): string | undefined => /(?:^|,)O=([^,]+)/.exec(subject)?.[1];

export async function startVirtualSbi(opts: StartVirtualSbiOptions = {}): Promise<VirtualSbi> {
  const now = opts.now ?? (() => new Date());
  const samples = loadSamples(findSamplesDir(opts.samplesDir));
  const pki =
    opts.pki ??
    (await createVirtualPki({
      deviceOrg: opts.deviceOrg ?? DEFAULT_DEVICE_ORG,
      ftmOrg: opts.ftmOrg ?? DEFAULT_FTM_ORG,
      now,
    }));
  const ctx: SbiContext = {
    devices: new Map(),
    pki,
    samples,
    now,
    fault: null,
    delayMs: 0,
    deviceProvider: opts.deviceOrg ?? orgOf(pki.deviceCa.subject) ?? DEFAULT_DEVICE_ORG,
    deviceProviderId: opts.providerId ?? DEFAULT_PROVIDER_ID,
    encryption: encryptionTarget(opts.encryptionCertDer ?? pki.encryption.der),
    port: 0,
    streams: new Set(),
    timers: new Set(),
  };
  const control = createControl(ctx);
  // Take the port first (a full range fails fast), then issue the device keys; requests that
  // arrive meanwhile wait for them.
  let keysIssued!: () => void;
  const ready = new Promise<void>((resolve) => (keysIssued = resolve));
  const { server, sockets } = createSbiServer(ctx, control, ready);
  ctx.port = await listenInRange(server, opts.portRange ?? DEFAULT_PORT_RANGE);
  try {
    const devices = await Promise.all(
      DEVICE_SPECS.map(async (spec): Promise<VirtualDevice> => {
        const [deviceKey, chipKey] = await Promise.all([
          pki.issueDeviceCert(spec.serialNo),
          spec.certification === 'L1' ? pki.issueChipCert(`FTM${spec.serialNo}`) : null,
        ]);
        return {
          ...spec,
          deviceSubIds: [...spec.deviceSubIds],
          status: 'Ready',
          quality: 80,
          deviceKey,
          chipKey,
          capturing: false,
        };
      }),
    );
    for (const d of devices) ctx.devices.set(d.deviceId, d);
  } catch (e) {
    server.close();
    for (const s of sockets) s.destroy();
    throw e;
  }
  keysIssued();
  let closing: Promise<void> | null = null;
  return {
    port: ctx.port,
    baseUrl: `http://127.0.0.1:${ctx.port}`,
    pki,
    state: () => snapshot(ctx),
    control,
    trustAnchorsPem: () => ({ device: pki.deviceCa.pem, ftm: pki.ftmRoot.pem }),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const s of [...ctx.streams]) s.stop();
        for (const cancel of [...ctx.timers]) cancel();
        server.close(() => resolve());
        // Let cancelled captures write their answer, then drop whatever is still open.
        setImmediate(() => {
          for (const s of sockets) s.destroy();
        });
      })),
  };
}
