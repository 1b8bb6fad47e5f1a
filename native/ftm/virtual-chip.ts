/**
 * A virtual FTM chip: the device side of the FTM protocol over any report interface — the
 * in-memory pipe here, /dev/hidg0 in the HIL guest (serveChipOnReportFile). Its key and
 * certificate come from the generated virtual PKI; faults (slow, hung, wrong key) are for tests.
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HidError } from '../hid/errors.ts';
import { HidDeviceServer } from '../hid/device-server.ts';
import type { HidDeviceServerOptions } from '../hid/device-server.ts';
import type { ReportDevice } from '../hid/report-device.ts';
import { createVirtualPki } from '../virtual/pki.ts';
import type { VirtualPki } from '../virtual/pki.ts';
import {
  CHALLENGE_MAX,
  CHALLENGE_MIN,
  FtmCommand,
  SignAlgorithm,
  encodeChain,
  encodeInfo,
  encodeSignature,
  popMessage,
} from './protocol.ts';
import type { FtmInfo } from './protocol.ts';

export interface VirtualFtmChipOptions {
  info: FtmInfo;
  /** DER certificates, the chip certificate first. */
  chain: Uint8Array[];
  /** The chip key: the private key of chain[0]. */
  key: KeyObject;
}

export interface ChipFaults {
  /** Every FTM command takes this long (KEEPALIVE is sent meanwhile). */
  delayMs?: number;
  /** A hung firmware: reports are ignored, nothing is sent. */
  silent?: boolean;
  /** Sign with this key instead of the certified one (a cloned certificate on another chip). */
  signingKey?: KeyObject;
}

export type ChipServerOptions = Omit<HidDeviceServerOptions, 'handler'>;

export const VIRTUAL_CHIP_DEFAULTS = {
  make: 'Partner Desk',
  model: 'Virtual FTM',
  serial: 'PD-VFTM-0001',
  firmware: '1.0.0',
} as const;

export class VirtualFtmChip {
  private readonly servers = new Set<HidDeviceServer>();
  private faultState: ChipFaults = {};
  private readonly encodedInfo: Uint8Array;
  private readonly encodedChain: Uint8Array;

  constructor(private readonly opts: VirtualFtmChipOptions) {
    this.encodedInfo = encodeInfo(opts.info);
    this.encodedChain = encodeChain(opts.chain);
  }

  /** A chip with a fresh identity: its certificate chains to `pki.ftmRoot` (a new PKI unless given). */
  static async create(
    o: Partial<FtmInfo> & { pki?: VirtualPki; now?: Date } = {},
  ): Promise<{ chip: VirtualFtmChip; pki: VirtualPki }> {
    const info: FtmInfo = { ...VIRTUAL_CHIP_DEFAULTS, ...stripUndefined(o) };
    const pki =
      o.pki ??
      (await createVirtualPki({
        deviceOrg: 'Partner Desk Virtual',
        ftmOrg: 'Partner Desk Virtual',
        ...(o.now ? { now: o.now } : {}),
      }));
    const identity = await pki.issueChipCert(info.serial);
    return {
      chip: new VirtualFtmChip({ info, chain: [identity.der, pki.ftmRoot.der], key: identity.key }),
      pki,
    };
  }

  get info(): FtmInfo {
    return { ...this.opts.info };
  }

  get chain(): Uint8Array[] {
    return this.opts.chain.map((c) => new Uint8Array(c));
  }

  get faults(): ChipFaults {
    return { ...this.faultState };
  }

  set faults(f: ChipFaults) {
    this.faultState = { ...f };
    for (const s of this.servers) s.paused = Boolean(f.silent);
  }

  /** Serves the protocol on `device` until it closes or the returned function is called. */
  attach(device: ReportDevice, serverOpts: ChipServerOptions = {}): () => void {
    const server = new HidDeviceServer(device, {
      ...serverOpts,
      handler: (cmd, payload, ctx) => this.handle(cmd, payload, ctx.signal),
    });
    server.paused = Boolean(this.faultState.silent);
    this.servers.add(server);
    const stop = () => {
      server.stop();
      this.servers.delete(server);
    };
    device.onClose(stop);
    return stop;
  }

  private async handle(cmd: number, payload: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    const delay = this.faultState.delayMs ?? 0;
    if (delay > 0) await sleep(delay, undefined, { signal }).catch(() => undefined);
    switch (cmd) {
      case FtmCommand.INFO:
        if (payload.length) throw new HidError('INVALID_LEN', 'INFO takes no payload');
        return this.encodedInfo;
      case FtmCommand.GET_CERT:
        if (payload.length) throw new HidError('INVALID_LEN', 'GET_CERT takes no payload');
        return this.encodedChain;
      case FtmCommand.SIGN: {
        if (payload.length < CHALLENGE_MIN || payload.length > CHALLENGE_MAX)
          throw new HidError('INVALID_LEN', `challenge of ${payload.length} bytes`);
        const key = this.faultState.signingKey ?? this.opts.key;
        return encodeSignature(SignAlgorithm.RS256, new Uint8Array(sign('sha256', popMessage(payload), key)));
      }
      default:
        throw new HidError('INVALID_CMD', `unknown command 0x${cmd.toString(16)}`);
    }
  }
}

function stripUndefined(o: Partial<FtmInfo>): Partial<FtmInfo> {
  return Object.fromEntries(
    Object.entries({ make: o.make, model: o.model, serial: o.serial, firmware: o.firmware }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
