/**
 * Fuzz: mutated and random HID reports into the host transport and into the virtual FTM chip.
 * Every request must end (answer or HidError, nothing else), nothing may throw out of a report
 * listener, and both sides must still work afterwards. Seeded, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { FtmChipClient } from '../../../native/ftm/client.ts';
import { FtmCommand } from '../../../native/ftm/protocol.ts';
import { VirtualFtmChip } from '../../../native/ftm/virtual-chip.ts';
import { HidError } from '../../../native/hid/errors.ts';
import { BROADCAST_CID, HidCommand, decodePacket, encodeMessage } from '../../../native/hid/framing.ts';
import { ReportListeners } from '../../../native/hid/report-device.ts';
import type { ReportDevice } from '../../../native/hid/report-device.ts';
import { HidTransport } from '../../../native/hid/transport.ts';
import { Rng, mutateDer } from '../../fuzz/mutator.ts';
import { keyPair, leaf, root } from '../../helpers/pki.ts';

const REPORTS = 10_000;

/** Mutations that keep the 64-byte size most of the time, so the fuzz gets past the size check. */
function mutate(r: Rng, seed: Uint8Array, other: Uint8Array): Uint8Array {
  const roll = r.int(10);
  if (roll < 2) return Uint8Array.from({ length: 64 }, () => r.int(256));
  if (roll < 4) return mutateDer(r, seed, other); // may change the length
  const o = new Uint8Array(seed);
  for (let n = 1 + r.int(3); n > 0; n--) {
    const at = r.chance(0.6) ? r.int(8) : r.int(64); // header bytes: cid, cmd/seq, length
    o[at] = r.chance(0.5)
      ? r.pick([0x00, 0x01, 0x7f, 0x80, 0xff, 0x3b, 0x3f, 0x06, 0x40, 0x41, 0x42])
      : o[at]! ^ (1 << r.int(8));
  }
  return o;
}

/** A report interface whose peer injects anything, of any length, synchronously. */
function looseDevice() {
  const l = new ReportListeners();
  const written: Uint8Array[] = [];
  const device: ReportDevice = {
    write: async (r) => void written.push(new Uint8Array(r)),
    onReport: (x) => l.onReport(x),
    onClose: (x) => l.onClose(x),
    close: async () => l.emitClose(new HidError('CLOSED', 'closed')),
    get closed() {
      return l.closed;
    },
  };
  return { device, written, inject: (r: Uint8Array) => l.emitReport(r) };
}

/** Two loose ends wired together (asynchronously), for a transport to talk to a chip after the fuzz. */
function wire(a: ReturnType<typeof looseDevice>, b: ReturnType<typeof looseDevice>) {
  const pump = (from: ReturnType<typeof looseDevice>, to: ReturnType<typeof looseDevice>) => {
    const write = from.device.write;
    from.device.write = async (r) => {
      await write(r);
      setImmediate(() => to.inject(new Uint8Array(r)));
    };
  };
  pump(a, b);
  pump(b, a);
}

const settle = () => new Promise((done) => setImmediate(done));

describe('HID fuzz', () => {
  it(`transport: ${REPORTS} mutated reports end every request with an answer or a HidError`, async () => {
    const r = new Rng(0x5eed1);
    const { device, written, inject } = looseDevice();
    const cid = 0x00c0ffee;
    const initAnswer = (nonce: Uint8Array, at: number) => {
      const a = new Uint8Array(17);
      a.set(nonce);
      new DataView(a.buffer).setUint32(8, cid);
      return encodeMessage(at, HidCommand.INIT, a)[0]!;
    };
    const opening = HidTransport.open(device, { timeoutMs: 2, deadlineMs: 50 });
    await settle();
    inject(initAnswer(decodePacket(written.at(-1)!).data.subarray(0, 8), BROADCAST_CID));
    const t = await opening;

    const seeds = [
      ...encodeMessage(cid, FtmCommand.INFO, new Uint8Array(200).fill(0x41)),
      encodeMessage(cid, HidCommand.KEEPALIVE, new Uint8Array([1]))[0]!,
      encodeMessage(cid, HidCommand.ERROR, new Uint8Array([6]))[0]!,
      encodeMessage(cid, FtmCommand.INFO, new Uint8Array(10))[0]!,
    ];
    const outcomes = new Map<string, number>();
    let sent = 0;
    while (sent < REPORTS) {
      const pending = t.request(FtmCommand.INFO, new Uint8Array()).then(
        () => 'answer',
        (e: unknown) => (e instanceof HidError ? e.code : `UNTYPED ${String(e)}`),
      );
      await settle();
      const last = written.at(-1);
      const lastPacket = last ? decodePacket(last) : null;
      if (lastPacket?.kind === 'init' && lastPacket.cmd === HidCommand.INIT && r.chance(0.7)) {
        inject(initAnswer(lastPacket.data.subarray(0, 8), lastPacket.cid));
        await settle(); // the request itself goes out after the resynchronising INIT
      }
      for (let n = 1 + r.int(12); n > 0; n--, sent++) inject(mutate(r, r.pick(seeds), r.pick(seeds)));
      if (r.chance(0.3)) for (const s of encodeMessage(cid, FtmCommand.INFO, new Uint8Array(70).fill(1))) inject(s);
      const outcome = await pending;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    const kinds = [...outcomes.keys()];
    expect(kinds.filter((k) => k.startsWith('UNTYPED'))).toEqual([]);
    expect(kinds).toEqual(
      expect.arrayContaining(['answer', 'PROTOCOL', 'TIMEOUT', 'MALFORMED_REPORT', 'CHANNEL_BUSY']),
    );
  });

  it(`virtual chip: ${REPORTS} mutated reports, then it still answers a proper host`, async () => {
    const r = new Rng(0x5eed2);
    const ca = root('CN=Fuzz FTM Root, O=Fuzz');
    const key = keyPair('rsa2048', 'fuzz-chip');
    const chipCert = leaf(ca, 'CN=FUZZ-1, O=Fuzz', { key });
    const chip = new VirtualFtmChip({
      info: { make: 'Fuzz', model: 'F1', serial: 'FUZZ-1', firmware: '0' },
      chain: [chipCert.der, ca.der],
      key: key.privateKey,
    });
    const host = looseDevice();
    const dev = looseDevice();
    chip.attach(dev.device, { messageTimeoutMs: 3, keepaliveMs: 2 });

    // Channels allocated the proper way, so mutated requests often carry a live channel id.
    wire(host, dev);
    const t = await HidTransport.open(host.device);
    const cid = t.cid;
    const seeds = [
      encodeMessage(BROADCAST_CID, HidCommand.INIT, new Uint8Array(8).fill(3))[0]!,
      encodeMessage(cid, FtmCommand.INFO, new Uint8Array())[0]!,
      encodeMessage(cid, FtmCommand.GET_CERT, new Uint8Array())[0]!,
      ...encodeMessage(cid, FtmCommand.SIGN, new Uint8Array(64).fill(9)),
      encodeMessage(cid, HidCommand.CANCEL, new Uint8Array())[0]!,
      ...encodeMessage(cid, HidCommand.PING, new Uint8Array(150).fill(2)),
    ];
    const before = dev.written.length;
    for (let sent = 0; sent < REPORTS;) {
      for (let n = 1 + r.int(20); n > 0; n--, sent++) dev.inject(mutate(r, r.pick(seeds), r.pick(seeds)));
      await settle(); // let the chip answer and time out half messages
    }
    await new Promise((done) => setTimeout(done, 20));
    expect(dev.written.length - before).toBeGreaterThan(100); // it answered (errors, INIT, …)
    const answered = new Set(
      dev.written
        .slice(before)
        .map((w) => decodePacket(w))
        .flatMap((p) => (p.kind === 'init' ? [p.cmd] : [])),
    );
    expect([...answered]).toEqual(
      expect.arrayContaining([HidCommand.ERROR, HidCommand.INIT, FtmCommand.INFO, FtmCommand.SIGN]),
    );

    const client = new FtmChipClient(await HidTransport.open(host.device));
    expect((await client.info()).serial).toBe('FUZZ-1');
    expect((await client.certificateChain())[0]).toEqual(chipCert.der);
  });
});
