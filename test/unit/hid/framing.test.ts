import { describe, expect, it } from 'vitest';
import { HidError } from '../../../native/hid/errors.ts';
import {
  CONT_DATA,
  INIT_DATA,
  MAX_PAYLOAD,
  REPORT_SIZE,
  Reassembly,
  decodePacket,
  encodeMessage,
} from '../../../native/hid/framing.ts';
import type { Packet } from '../../../native/hid/framing.ts';

const payloadOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

/** Decodes reports back into one message the way both sides do. */
function reassemble(reports: Uint8Array[]): { cid: number; cmd: number; payload: Uint8Array } {
  const [first, ...rest] = reports.map(decodePacket);
  if (first?.kind !== 'init') throw new Error('first packet is not an init packet');
  const r = new Reassembly(first.cid, first.cmd, first.bcnt, first.data);
  for (const p of rest) {
    if (p.kind !== 'cont') throw new Error('init packet inside a message');
    r.add(p);
  }
  expect(r.complete).toBe(true);
  return { cid: r.cid, cmd: r.cmd, payload: r.payload };
}

describe('CTAPHID-style framing', () => {
  it('has the CTAPHID sizes', () => {
    expect([REPORT_SIZE, INIT_DATA, CONT_DATA, MAX_PAYLOAD]).toEqual([64, 57, 59, 7609]);
  });

  it.each([
    [0, 1],
    [1, 1],
    [57, 1],
    [58, 2],
    [57 + 59, 2],
    [57 + 59 + 1, 3],
    [7609, 129],
  ])('a payload of %i bytes takes %i report(s) and comes back unchanged', (size, count) => {
    const payload = payloadOf(size);
    const reports = encodeMessage(0x01020304, 0x42, payload);
    expect(reports).toHaveLength(count);
    for (const r of reports) expect(r.length).toBe(64);
    expect(Array.from(reports[0]!.subarray(0, 7))).toEqual([1, 2, 3, 4, 0xc2, size >> 8, size & 0xff]);
    reports.slice(1).forEach((r, seq) => expect(r[4]).toBe(seq));
    const back = reassemble(reports);
    expect(back).toEqual({ cid: 0x01020304, cmd: 0x42, payload });
  });

  it('refuses a payload of 7610 bytes with TOO_LARGE', () => {
    expect(() => encodeMessage(1, 0x42, payloadOf(7610))).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('refuses to reassemble an announced length over the maximum (INVALID_LEN)', () => {
    expect(() => new Reassembly(1, 0x42, 7610, new Uint8Array(57))).toThrow(
      expect.objectContaining({ code: 'INVALID_LEN' }),
    );
  });

  it('refuses a continuation out of sequence with INVALID_SEQ', () => {
    const reports = encodeMessage(9, 0x41, payloadOf(200)); // init + 3 continuations
    const packets = reports.map(decodePacket);
    const first = packets[0] as Extract<Packet, { kind: 'init' }>;
    const r = new Reassembly(first.cid, first.cmd, first.bcnt, first.data);
    expect(r.add(packets[1] as Extract<Packet, { kind: 'cont' }>)).toBe(false);
    const skipped = packets[3] as Extract<Packet, { kind: 'cont' }>;
    expect(() => r.add(skipped)).toThrow(HidError);
    expect(() => r.add(skipped)).toThrow(/continuation 2 where 1 was expected/);
  });

  it('keeps the channel id of every packet so a receiver can drop other channels', () => {
    const packets = [
      ...encodeMessage(0xaabbccdd, 0x40, payloadOf(100)),
      ...encodeMessage(0xffffffff, 0x06, payloadOf(8)),
    ].map(decodePacket);
    expect(packets.map((p) => p.cid)).toEqual([0xaabbccdd, 0xaabbccdd, 0xffffffff]);
    expect(packets.map((p) => p.kind)).toEqual(['init', 'cont', 'init']);
  });

  it('refuses reports that are not 64 bytes, and reads any 64 bytes as some packet', () => {
    for (const n of [0, 1, 7, 63, 65, 128])
      expect(() => decodePacket(new Uint8Array(n))).toThrow(expect.objectContaining({ code: 'MALFORMED_REPORT' }));
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 131 + 17) & 0xff);
    const p = decodePacket(garbage);
    expect(p.kind === 'init' ? p.bcnt : p.seq).toBeGreaterThanOrEqual(0);
    // A report inside a larger buffer is read at its own offset.
    const big = new Uint8Array(100);
    big.set(encodeMessage(7, 0x40, new Uint8Array([5]))[0]!, 10);
    expect(decodePacket(big.subarray(10, 74))).toMatchObject({
      kind: 'init',
      cid: 7,
      cmd: 0x40,
      bcnt: 1,
    });
  });

  it('refuses command bytes outside 0..0x7f', () => {
    expect(() => encodeMessage(1, 0x80, new Uint8Array())).toThrow(RangeError);
    expect(() => encodeMessage(1, -1, new Uint8Array())).toThrow(RangeError);
  });
});
