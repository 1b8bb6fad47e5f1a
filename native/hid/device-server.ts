/**
 * The device side of the HID framing, for firmware written in TypeScript (the virtual FTM chip):
 * channel allocation, reassembly with sequence checks, one transaction at a time across channels
 * (CHANNEL_BUSY for the others), MSG_TIMEOUT for a message whose continuations stop, KEEPALIVE
 * while a command runs, CANCEL, and ERROR replies. Commands are handed to one handler.
 */
import { HidError, HID_DEVICE_ERROR_BYTES, isDeviceErrorCode } from './errors.ts';
import type { HidDeviceErrorCode } from './errors.ts';
import {
  BROADCAST_CID,
  HidCommand,
  INIT_NONCE_SIZE,
  MAX_PAYLOAD,
  Reassembly,
  decodePacket,
  encodeMessage,
} from './framing.ts';
import type { Packet } from './framing.ts';
import type { ReportDevice } from './report-device.ts';
import type { DeviceVersion } from './transport.ts';

export interface CommandContext {
  cid: number;
  /** Fires when the host cancels, re-INITs the channel, or the device goes away. */
  signal: AbortSignal;
}

/** Answers one command; throw a HidError with a device code (INVALID_LEN, …) to send an ERROR reply. */
export type CommandHandler = (cmd: number, payload: Uint8Array, ctx: CommandContext) => Promise<Uint8Array>;

export interface HidDeviceServerOptions {
  handler: CommandHandler;
  version?: DeviceVersion;
  /** Drop a half-received message with MSG_TIMEOUT when its next packet is this late. */
  messageTimeoutMs?: number;
  /** Interval of KEEPALIVE (status 1, processing) while the handler runs. */
  keepaliveMs?: number;
  /** Channels remembered at once; the oldest is forgotten beyond this (an INIT flood cannot grow memory). */
  maxChannels?: number;
}

interface Transaction {
  cid: number;
  assembly: Reassembly;
  phase: 'receiving' | 'processing';
  timer?: NodeJS.Timeout;
  abort: AbortController;
}

export class HidDeviceServer {
  /** A hung firmware: while true, reports are ignored and nothing is sent. */
  paused = false;
  private readonly channels = new Set<number>();
  private nextCid = 1;
  private tx: Transaction | null = null;
  private out: Promise<unknown> = Promise.resolve();
  private readonly detach: Array<() => void>;
  private readonly opts: Required<HidDeviceServerOptions>;

  constructor(
    private readonly device: ReportDevice,
    opts: HidDeviceServerOptions,
  ) {
    this.opts = {
      version: { protocol: 2, major: 1, minor: 0, build: 0, capabilities: 0 },
      messageTimeoutMs: 500,
      keepaliveMs: 100,
      maxChannels: 64,
      ...opts,
    };
    this.detach = [device.onReport((r) => this.onReport(r)), device.onClose(() => this.stop())];
  }

  stop(): void {
    for (const d of this.detach) d();
    this.endTransaction();
  }

  private send(cid: number, cmd: number, payload: Uint8Array): void {
    if (this.paused) return;
    for (const report of encodeMessage(cid, cmd, payload))
      this.out = this.out.then(() => this.device.write(report)).catch(() => undefined);
  }

  private sendError(cid: number, code: HidDeviceErrorCode): void {
    this.send(cid, HidCommand.ERROR, new Uint8Array([HID_DEVICE_ERROR_BYTES[code]]));
  }

  private endTransaction(): void {
    const tx = this.tx;
    if (!tx) return;
    this.tx = null;
    clearTimeout(tx.timer);
    tx.abort.abort();
  }

  private onReport(report: Uint8Array): void {
    if (this.paused) return;
    let packet: Packet;
    try {
      packet = decodePacket(report);
    } catch {
      return; // not a report of ours; without a channel there is nobody to answer
    }
    if (packet.kind === 'cont') return this.onContinuation(packet);
    const { cid, cmd } = packet;
    if (cmd === HidCommand.INIT) return this.onInit(packet);
    if (cid === BROADCAST_CID || !this.channels.has(cid)) return this.sendError(cid, 'INVALID_CHANNEL');
    if (cmd === HidCommand.CANCEL) {
      if (this.tx?.cid === cid) this.endTransaction();
      return;
    }
    if (this.tx && this.tx.cid !== cid) return this.sendError(cid, 'CHANNEL_BUSY');
    if (this.tx?.phase === 'processing') return this.sendError(cid, 'CHANNEL_BUSY');
    if (this.tx) {
      // A new message on a channel whose previous message is still incomplete.
      this.endTransaction();
      return this.sendError(cid, 'INVALID_SEQ');
    }
    if (packet.bcnt > MAX_PAYLOAD) return this.sendError(cid, 'INVALID_LEN');
    this.tx = {
      cid,
      assembly: new Reassembly(cid, cmd, packet.bcnt, packet.data),
      phase: 'receiving',
      abort: new AbortController(),
    };
    this.progress(this.tx);
  }

  private onInit(packet: Extract<Packet, { kind: 'init' }>): void {
    const { cid } = packet;
    if (packet.bcnt !== INIT_NONCE_SIZE) return this.sendError(cid, 'INVALID_LEN');
    let assigned = cid;
    if (cid === BROADCAST_CID) {
      assigned = this.allocate();
    } else if (!this.channels.has(cid)) {
      return this.sendError(cid, 'INVALID_CHANNEL');
    } else if (this.tx?.cid === cid) {
      this.endTransaction(); // INIT on an own channel resynchronises it
    }
    const answer = new Uint8Array(INIT_NONCE_SIZE + 9);
    answer.set(packet.data.subarray(0, INIT_NONCE_SIZE));
    new DataView(answer.buffer).setUint32(INIT_NONCE_SIZE, assigned);
    const v = this.opts.version;
    answer.set([v.protocol, v.major, v.minor, v.build, v.capabilities], INIT_NONCE_SIZE + 4);
    this.send(cid, HidCommand.INIT, answer);
  }

  private allocate(): number {
    let cid = this.nextCid;
    while (cid === 0 || cid === BROADCAST_CID || this.channels.has(cid)) cid = (cid + 1) >>> 0;
    this.nextCid = (cid + 1) >>> 0;
    this.channels.add(cid);
    if (this.channels.size > this.opts.maxChannels) this.channels.delete(this.channels.values().next().value!);
    return cid;
  }

  private onContinuation(packet: Extract<Packet, { kind: 'cont' }>): void {
    const tx = this.tx;
    if (!tx || tx.cid !== packet.cid || tx.phase !== 'receiving') return; // spurious: ignored
    try {
      tx.assembly.add(packet);
    } catch {
      this.endTransaction();
      return this.sendError(packet.cid, 'INVALID_SEQ');
    }
    this.progress(tx);
  }

  private progress(tx: Transaction): void {
    clearTimeout(tx.timer);
    if (!tx.assembly.complete) {
      tx.timer = setTimeout(() => {
        if (this.tx !== tx) return;
        this.endTransaction();
        this.sendError(tx.cid, 'MSG_TIMEOUT');
      }, this.opts.messageTimeoutMs);
      return;
    }
    tx.phase = 'processing';
    void this.process(tx);
  }

  private async process(tx: Transaction): Promise<void> {
    const { cid, cmd, payload } = {
      cid: tx.cid,
      cmd: tx.assembly.cmd,
      payload: tx.assembly.payload,
    };
    const keepalive = setInterval(() => {
      if (this.tx === tx) this.send(cid, HidCommand.KEEPALIVE, new Uint8Array([1]));
    }, this.opts.keepaliveMs);
    let reply: { cmd: number; payload: Uint8Array };
    try {
      const answer =
        cmd === HidCommand.PING ? payload : await this.opts.handler(cmd, payload, { cid, signal: tx.abort.signal });
      reply = { cmd, payload: answer };
    } catch (e) {
      const code = e instanceof HidError && isDeviceErrorCode(e.code) ? e.code : 'OTHER';
      reply = { cmd: HidCommand.ERROR, payload: new Uint8Array([HID_DEVICE_ERROR_BYTES[code]]) };
    } finally {
      clearInterval(keepalive);
    }
    if (this.tx !== tx) return; // cancelled, resynchronised or stopped meanwhile
    this.tx = null;
    if (reply.payload.length > MAX_PAYLOAD) return this.sendError(cid, 'OTHER');
    this.send(cid, reply.cmd, reply.payload);
  }
}
