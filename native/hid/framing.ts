/**
 * Messages over 64-byte HID reports, framed as in FIDO's CTAPHID: a message is one init packet
 * followed by up to 128 continuation packets, all on one channel id (CID).
 *
 *   init:          CID(4, BE) | CMD | 0x80 | BCNT(2, BE) | data(57)
 *   continuation:  CID(4, BE) | SEQ (0..127)  | data(59)
 *
 * Unused bytes are zero. Used by both sides: the host transport and the device server.
 */
import { HidError } from './errors.ts';

export const REPORT_SIZE = 64;
export const INIT_DATA = REPORT_SIZE - 7; // 57
export const CONT_DATA = REPORT_SIZE - 5; // 59
export const MAX_SEQ = 127;
export const MAX_PAYLOAD = INIT_DATA + (MAX_SEQ + 1) * CONT_DATA; // 7609
export const BROADCAST_CID = 0xffffffff;

/** Commands of the framing layer (CTAPHID numbers); vendor commands use 0x40..0x7f. */
export const HidCommand = {
  PING: 0x01,
  INIT: 0x06,
  CANCEL: 0x11,
  KEEPALIVE: 0x3b,
  ERROR: 0x3f,
} as const;

export const INIT_NONCE_SIZE = 8;

export type Packet =
  | { kind: 'init'; cid: number; cmd: number; bcnt: number; data: Uint8Array }
  | { kind: 'cont'; cid: number; seq: number; data: Uint8Array };

/** Splits one message into reports. A payload above MAX_PAYLOAD is refused (TOO_LARGE). */
export function encodeMessage(cid: number, cmd: number, payload: Uint8Array): Uint8Array[] {
  if (payload.length > MAX_PAYLOAD)
    throw new HidError('TOO_LARGE', `payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD}`);
  if (!Number.isInteger(cmd) || cmd < 0 || cmd > 0x7f) throw new RangeError(`command byte out of range: ${cmd}`);
  const reports: Uint8Array[] = [];
  const first = new Uint8Array(REPORT_SIZE);
  const view = new DataView(first.buffer);
  view.setUint32(0, cid >>> 0);
  first[4] = cmd | 0x80;
  view.setUint16(5, payload.length);
  first.set(payload.subarray(0, INIT_DATA), 7);
  reports.push(first);
  for (let offset = INIT_DATA, seq = 0; offset < payload.length; offset += CONT_DATA, seq++) {
    const cont = new Uint8Array(REPORT_SIZE);
    new DataView(cont.buffer).setUint32(0, cid >>> 0);
    cont[4] = seq;
    cont.set(payload.subarray(offset, offset + CONT_DATA), 5);
    reports.push(cont);
  }
  return reports;
}

/** Reads one report. Only the size is checked here; what the fields mean is the caller's business. */
export function decodePacket(report: Uint8Array): Packet {
  if (report.length !== REPORT_SIZE)
    throw new HidError('MALFORMED_REPORT', `report of ${report.length} bytes, expected ${REPORT_SIZE}`);
  const view = new DataView(report.buffer, report.byteOffset, report.byteLength);
  const cid = view.getUint32(0);
  const b4 = report[4]!;
  if (b4 & 0x80) return { kind: 'init', cid, cmd: b4 & 0x7f, bcnt: view.getUint16(5), data: report.slice(7) };
  return { kind: 'cont', cid, seq: b4, data: report.slice(5) };
}

/**
 * One message being put back together from its packets. `add` returns true when the message is
 * complete; a continuation out of sequence throws (the caller decides who to tell).
 */
export class Reassembly {
  private readonly buffer: Uint8Array;
  private filled: number;
  private nextSeq = 0;

  constructor(
    readonly cid: number,
    readonly cmd: number,
    readonly length: number,
    first: Uint8Array,
  ) {
    if (length > MAX_PAYLOAD) throw new HidError('INVALID_LEN', `message length ${length} exceeds ${MAX_PAYLOAD}`);
    this.buffer = new Uint8Array(length);
    this.filled = Math.min(length, INIT_DATA);
    this.buffer.set(first.subarray(0, this.filled));
  }

  get complete(): boolean {
    return this.filled === this.length;
  }

  add(packet: Extract<Packet, { kind: 'cont' }>): boolean {
    if (packet.seq !== this.nextSeq)
      throw new HidError('INVALID_SEQ', `continuation ${packet.seq} where ${this.nextSeq} was expected`);
    this.nextSeq++;
    const take = Math.min(CONT_DATA, this.length - this.filled);
    this.buffer.set(packet.data.subarray(0, take), this.filled);
    this.filled += take;
    return this.complete;
  }

  get payload(): Uint8Array {
    return this.buffer;
  }
}

export const hex32 = (cid: number): string => `0x${(cid >>> 0).toString(16).padStart(8, '0')}`;
