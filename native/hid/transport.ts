/**
 * The host side of the HID framing: allocates a channel with INIT, sends one request at a time on
 * it and reassembles the answer. Everything the device sends is checked; whatever goes wrong, the
 * request ends with a HidError — by the device's ERROR reply, by a framing fault, by the idle
 * timeout (reset by KEEPALIVE) or by the hard deadline, so no device can keep a caller waiting.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { HidError, deviceError } from './errors.ts';
import {
  BROADCAST_CID,
  HidCommand,
  INIT_NONCE_SIZE,
  MAX_PAYLOAD,
  Reassembly,
  decodePacket,
  encodeMessage,
  hex32,
} from './framing.ts';
import type { Packet } from './framing.ts';
import type { ReportDevice } from './report-device.ts';

export interface RequestOptions {
  /** Fails the request when the device shows no sign of life (a packet or KEEPALIVE) for this long. */
  timeoutMs?: number;
  /** Fails the request after this long whatever the device sends. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface HidTransportOptions extends RequestOptions {
  /** Source of INIT nonces (tests may pin it). */
  randomBytes?: (n: number) => Uint8Array;
}

export interface DeviceVersion {
  protocol: number;
  major: number;
  minor: number;
  build: number;
  capabilities: number;
}

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_DEADLINE_MS = 30_000;
const INIT_RESPONSE_SIZE = INIT_NONCE_SIZE + 4 + 5;

interface Pending {
  cid: number;
  cmd: number;
  nonce: Uint8Array | null;
  assembly: Reassembly | null;
  touch(): void;
  finish(result: Uint8Array | HidError): void;
}

export class HidTransport {
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private gone: HidError | null = null;
  private needsResync = false;
  private readonly detach: Array<() => void>;
  private channel = BROADCAST_CID;
  version: DeviceVersion = { protocol: 0, major: 0, minor: 0, build: 0, capabilities: 0 };

  private constructor(
    private readonly device: ReportDevice,
    private readonly opts: HidTransportOptions,
  ) {
    this.detach = [
      device.onReport((r) => this.onReport(r)),
      device.onClose((e) => this.fail(new HidError('DEVICE_GONE', e.message))),
    ];
  }

  /** Opens a channel on the device (INIT on the broadcast channel). */
  static async open(device: ReportDevice, opts: HidTransportOptions = {}): Promise<HidTransport> {
    if (device.closed) throw new HidError('DEVICE_GONE', 'the device is gone');
    const t = new HidTransport(device, opts);
    try {
      await t.init(BROADCAST_CID, opts);
    } catch (e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** The channel id the device allocated to this transport. */
  get cid(): number {
    return this.channel;
  }

  get closed(): boolean {
    return this.gone !== null;
  }

  /**
   * Sends `cmd` with `payload` and resolves with the answer's payload. Requests on one transport
   * run one after the other.
   */
  request(cmd: number, payload: Uint8Array, opts: RequestOptions = {}): Promise<Uint8Array> {
    const run = async () => {
      if (this.needsResync) await this.init(this.channel, opts);
      return this.exchange(this.channel, cmd, payload, null, opts);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  ping(data: Uint8Array, opts: RequestOptions = {}): Promise<Uint8Array> {
    return this.request(HidCommand.PING, data, opts);
  }

  /** Detaches from the device (which stays open: its owner closes it). */
  close(): void {
    this.fail(new HidError('CLOSED', 'the transport was closed'));
    for (const d of this.detach) d();
  }

  private fail(error: HidError): void {
    this.gone ??= error;
    this.pending?.finish(error);
  }

  private async init(cid: number, opts: RequestOptions): Promise<void> {
    const nonce = (this.opts.randomBytes ?? nodeRandomBytes)(INIT_NONCE_SIZE);
    const answer = await this.exchange(cid, HidCommand.INIT, nonce, nonce, opts);
    const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
    const allocated = view.getUint32(INIT_NONCE_SIZE);
    if (allocated === 0 || allocated === BROADCAST_CID)
      throw new HidError('PROTOCOL', `INIT allocated the reserved channel ${hex32(allocated)}`);
    this.channel = allocated;
    this.needsResync = false;
    const v = answer.subarray(INIT_NONCE_SIZE + 4);
    this.version = {
      protocol: v[0]!,
      major: v[1]!,
      minor: v[2]!,
      build: v[3]!,
      capabilities: v[4]!,
    };
  }

  private exchange(
    cid: number,
    cmd: number,
    payload: Uint8Array,
    nonce: Uint8Array | null,
    opts: RequestOptions,
  ): Promise<Uint8Array> {
    if (this.gone) return Promise.reject(new HidError(this.gone.code, this.gone.message));
    if (payload.length > MAX_PAYLOAD)
      return Promise.reject(new HidError('TOO_LARGE', `payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD}`));
    const signal = opts.signal ?? this.opts.signal;
    if (signal?.aborted) return Promise.reject(new HidError('ABORTED', 'the request was aborted'));
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadlineMs = opts.deadlineMs ?? this.opts.deadlineMs ?? DEFAULT_DEADLINE_MS;

    return new Promise<Uint8Array>((resolve, reject) => {
      let idle: NodeJS.Timeout | undefined;
      const onAbort = () => p.finish(new HidError('ABORTED', 'the request was aborted'));
      const deadline = setTimeout(
        () => p.finish(new HidError('TIMEOUT', `no complete answer within ${deadlineMs} ms`)),
        deadlineMs,
      );
      const p: Pending = {
        cid,
        cmd,
        nonce,
        assembly: null,
        touch: () => {
          clearTimeout(idle);
          idle = setTimeout(
            () => p.finish(new HidError('TIMEOUT', `the device did not answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        },
        finish: (result) => {
          if (this.pending !== p) return;
          this.pending = null;
          clearTimeout(idle);
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          if (result instanceof Uint8Array) return resolve(result);
          // The device may still be answering: resynchronise the channel before the next request.
          if (result.code === 'TIMEOUT' || result.code === 'ABORTED' || result.code === 'PROTOCOL') {
            this.needsResync = true;
            if (cmd !== HidCommand.INIT)
              this.device.write(encodeMessage(cid, HidCommand.CANCEL, new Uint8Array())[0]!).catch(() => undefined);
          }
          reject(result);
        },
      };
      this.pending = p;
      signal?.addEventListener('abort', onAbort, { once: true });
      p.touch();
      void this.send(p, encodeMessage(cid, cmd, payload));
    });
  }

  private async send(p: Pending, reports: Uint8Array[]): Promise<void> {
    for (const report of reports) {
      if (this.pending !== p) return;
      try {
        await this.device.write(report);
      } catch (e) {
        p.finish(
          e instanceof HidError
            ? e
            : new HidError('DEVICE_GONE', `write failed: ${e instanceof Error ? e.message : String(e)}`),
        );
        return;
      }
    }
  }

  private onReport(report: Uint8Array): void {
    const p = this.pending;
    if (!p) return; // nothing asked: stale or for another host
    let packet: Packet;
    try {
      packet = decodePacket(report);
    } catch (e) {
      return p.finish(e as HidError);
    }
    if (packet.cid !== p.cid) return; // another channel's traffic
    if (p.nonce) return this.onInitAnswer(p, packet);
    if (packet.kind === 'cont') {
      if (!p.assembly) return; // a stray continuation is ignored, as in CTAPHID
      p.touch();
      try {
        if (p.assembly.add(packet)) p.finish(p.assembly.payload);
      } catch (e) {
        p.finish(new HidError('PROTOCOL', (e as Error).message));
      }
      return;
    }
    p.touch();
    if (packet.cmd === HidCommand.KEEPALIVE) return;
    if (packet.cmd === HidCommand.ERROR)
      return p.finish(
        packet.bcnt >= 1 ? deviceError(packet.data[0]) : new HidError('PROTOCOL', 'ERROR reply without a code'),
      );
    if (p.assembly) return p.finish(new HidError('PROTOCOL', 'a new message began before the answer was complete'));
    if (packet.cmd !== p.cmd)
      return p.finish(
        new HidError('PROTOCOL', `answer to command 0x${packet.cmd.toString(16)}, expected 0x${p.cmd.toString(16)}`),
      );
    if (packet.bcnt > MAX_PAYLOAD)
      return p.finish(new HidError('PROTOCOL', `announced length ${packet.bcnt} exceeds ${MAX_PAYLOAD}`));
    p.assembly = new Reassembly(packet.cid, packet.cmd, packet.bcnt, packet.data);
    if (p.assembly.complete) p.finish(p.assembly.payload);
  }

  /** INIT answers are matched by nonce; anything else on the channel meanwhile is stale and dropped. */
  private onInitAnswer(p: Pending, packet: Packet): void {
    if (packet.kind !== 'init') return;
    if (packet.cmd === HidCommand.ERROR && p.cid !== BROADCAST_CID) return p.finish(deviceError(packet.data[0]));
    if (packet.cmd !== HidCommand.INIT || packet.bcnt < INIT_RESPONSE_SIZE) return;
    if (!packet.data.subarray(0, INIT_NONCE_SIZE).every((b, i) => b === p.nonce![i])) return;
    p.finish(packet.data.slice(0, INIT_RESPONSE_SIZE));
  }
}
