import { afterEach, describe, expect, it } from 'vitest';
import { HidDeviceServer } from '../../../native/hid/device-server.ts';
import { HidError } from '../../../native/hid/errors.ts';
import { BROADCAST_CID, HidCommand, decodePacket, encodeMessage } from '../../../native/hid/framing.ts';
import type { Packet } from '../../../native/hid/framing.ts';
import { createReportPipe } from '../../../native/hid/report-device.ts';
import type { ReportDevice, ReportPipe } from '../../../native/hid/report-device.ts';
import { HidTransport } from '../../../native/hid/transport.ts';

const VENDOR_ECHO = 0x50;
const VENDOR_BAD_PAR = 0x51;
const VENDOR_SLOW = 0x52;

const pipes: ReportPipe[] = [];
afterEach(() => {
  for (const p of pipes.splice(0)) p.unplug();
});

/** A pipe with a device server: 0x50 echoes, 0x51 refuses its parameter, 0x52 waits for `release`. */
function serverPipe(opts: { messageTimeoutMs?: number; keepaliveMs?: number } = {}) {
  const pipe = createReportPipe();
  pipes.push(pipe);
  let release: () => void = () => undefined;
  const server = new HidDeviceServer(pipe.device, {
    ...opts,
    handler: async (cmd, payload, ctx) => {
      if (cmd === VENDOR_ECHO) return payload;
      if (cmd === VENDOR_BAD_PAR) throw new HidError('INVALID_PAR', 'no');
      if (cmd === VENDOR_SLOW) {
        await new Promise<void>((resolve) => {
          release = resolve;
          ctx.signal.addEventListener('abort', () => resolve());
        });
        return new Uint8Array([1]);
      }
      throw new Error('not a HidError: becomes OTHER');
    },
  });
  return { pipe, server, release: () => release() };
}

/** The raw reports arriving at one end, awaited one by one. */
function tap(device: ReportDevice) {
  const queue: Packet[] = [];
  const waiters: Array<(p: Packet) => void> = [];
  device.onReport((r) => {
    const p = decodePacket(r);
    const w = waiters.shift();
    if (w) w(p);
    else queue.push(p);
  });
  return {
    next: () => new Promise<Packet>((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve))),
    send: async (cid: number, cmd: number, payload: Uint8Array) => {
      for (const r of encodeMessage(cid, cmd, payload)) await device.write(r);
    },
  };
}

async function rawInit(t: ReturnType<typeof tap>): Promise<number> {
  const nonce = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  await t.send(BROADCAST_CID, HidCommand.INIT, nonce);
  const p = await t.next();
  if (p.kind !== 'init') throw new Error('expected the INIT answer');
  expect(Array.from(p.data.subarray(0, 8))).toEqual(Array.from(nonce));
  return new DataView(p.data.buffer, p.data.byteOffset).getUint32(8);
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + 1) & 0xff);

describe('HidTransport ↔ HidDeviceServer over the in-memory pipe', () => {
  it('allocates distinct channels and echoes payloads of every boundary size', async () => {
    const { pipe } = serverPipe();
    const a = await HidTransport.open(pipe.host);
    const b = await HidTransport.open(pipe.host);
    expect(a.cid).not.toBe(b.cid);
    expect(a.cid).not.toBe(BROADCAST_CID);
    expect(a.version.protocol).toBe(2);
    for (const n of [0, 1, 57, 58, 116, 117, 7609]) {
      const data = bytes(n);
      expect(await a.request(VENDOR_ECHO, data)).toEqual(data);
      expect(await b.ping(data)).toEqual(data);
    }
    await expect(a.request(VENDOR_ECHO, bytes(7610))).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('serialises requests on one transport and maps ERROR replies to typed codes', async () => {
    const { pipe } = serverPipe();
    const t = await HidTransport.open(pipe.host);
    const results = await Promise.allSettled([
      t.request(VENDOR_ECHO, bytes(100)),
      t.request(VENDOR_BAD_PAR, bytes(1)),
      t.request(0x7e, bytes(1)),
      t.request(VENDOR_ECHO, bytes(3)),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.length : (r.reason as HidError).code))).toEqual([
      100,
      'INVALID_PAR',
      'OTHER',
      3,
    ]);
  });

  it('answers CHANNEL_BUSY to a second channel while a message is half received or being processed', async () => {
    const { pipe, release } = serverPipe();
    const raw = tap(pipe.host);
    const a = await rawInit(raw);
    const b = await rawInit(raw);
    // Only the init packet of a two-packet message on channel a: the device is mid-message.
    await pipe.host.write(encodeMessage(a, VENDOR_ECHO, bytes(100))[0]!);
    await raw.send(b, VENDOR_ECHO, bytes(4));
    expect(await raw.next()).toMatchObject({
      kind: 'init',
      cid: b,
      cmd: HidCommand.ERROR,
      data: expect.objectContaining({ 0: 0x06 }),
    });
    await pipe.host.write(encodeMessage(a, VENDOR_ECHO, bytes(100))[1]!);
    expect(await raw.next()).toMatchObject({ kind: 'init', cid: a, cmd: VENDOR_ECHO, bcnt: 100 });
    await raw.next(); // its continuation

    // Same through two transports: a slow command on one, the other gets CHANNEL_BUSY.
    const slow = await HidTransport.open(pipe.host);
    const other = await HidTransport.open(pipe.host);
    const pending = slow.request(VENDOR_SLOW, new Uint8Array());
    await new Promise((r) => setTimeout(r, 10));
    await expect(other.request(VENDOR_ECHO, bytes(2))).rejects.toMatchObject({
      code: 'CHANNEL_BUSY',
    });
    release();
    expect(await pending).toEqual(new Uint8Array([1]));
    expect(await other.request(VENDOR_ECHO, bytes(2))).toEqual(bytes(2));
  });

  it('device side: MSG_TIMEOUT for a stalled message, INVALID_SEQ, INVALID_CHANNEL, INVALID_LEN for INIT', async () => {
    const { pipe } = serverPipe({ messageTimeoutMs: 50 });
    const raw = tap(pipe.host);
    const a = await rawInit(raw);
    const errorOf = async () => {
      const p = await raw.next();
      if (p.kind !== 'init' || p.cmd !== HidCommand.ERROR)
        throw new Error(`expected an ERROR, got ${JSON.stringify(p)}`);
      return { cid: p.cid, code: p.data[0] };
    };
    await pipe.host.write(encodeMessage(a, VENDOR_ECHO, bytes(100))[0]!);
    expect(await errorOf()).toEqual({ cid: a, code: 0x05 });
    const reports = encodeMessage(a, VENDOR_ECHO, bytes(200));
    await pipe.host.write(reports[0]!);
    await pipe.host.write(reports[2]!);
    expect(await errorOf()).toEqual({ cid: a, code: 0x04 });
    await raw.send(0x12345678, VENDOR_ECHO, bytes(1));
    expect(await errorOf()).toEqual({ cid: 0x12345678, code: 0x0b });
    await raw.send(BROADCAST_CID, VENDOR_ECHO, bytes(1));
    expect(await errorOf()).toEqual({ cid: BROADCAST_CID, code: 0x0b });
    await raw.send(BROADCAST_CID, HidCommand.INIT, bytes(7));
    expect(await errorOf()).toEqual({ cid: BROADCAST_CID, code: 0x03 });
    // The channel still works afterwards.
    await raw.send(a, VENDOR_ECHO, bytes(3));
    expect(await raw.next()).toMatchObject({ kind: 'init', cid: a, cmd: VENDOR_ECHO, bcnt: 3 });
  });

  it('times out on a silent device, then resynchronises the channel and works again', async () => {
    const { pipe, server } = serverPipe();
    const t = await HidTransport.open(pipe.host);
    server.paused = true;
    const started = Date.now();
    await expect(t.request(VENDOR_ECHO, bytes(5), { timeoutMs: 30 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    server.paused = false;
    expect(await t.request(VENDOR_ECHO, bytes(5), { timeoutMs: 1000 })).toEqual(bytes(5));
  });

  it('KEEPALIVE holds a slow request open past the idle timeout; the deadline still ends it', async () => {
    const { pipe, release } = serverPipe({ keepaliveMs: 5 });
    const t = await HidTransport.open(pipe.host);
    const pending = t.request(VENDOR_SLOW, new Uint8Array(), { timeoutMs: 100 });
    await new Promise((r) => setTimeout(r, 250));
    release();
    expect(await pending).toEqual(new Uint8Array([1]));
    await expect(t.request(VENDOR_SLOW, new Uint8Array(), { timeoutMs: 100, deadlineMs: 300 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: /within 300 ms/,
    });
    expect(await t.request(VENDOR_ECHO, bytes(2))).toEqual(bytes(2)); // the server saw CANCEL, the channel is free
  });

  it('aborts on the caller signal, and fails pending and later requests with DEVICE_GONE on unplug', async () => {
    const { pipe } = serverPipe();
    const t = await HidTransport.open(pipe.host);
    const ac = new AbortController();
    const aborted = t.request(VENDOR_SLOW, new Uint8Array(), { signal: ac.signal });
    ac.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(t.request(VENDOR_ECHO, bytes(1), { signal: ac.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    const pending = t.request(VENDOR_SLOW, new Uint8Array());
    await new Promise((r) => setTimeout(r, 5));
    pipe.unplug();
    await expect(pending).rejects.toMatchObject({ code: 'DEVICE_GONE' });
    await expect(t.request(VENDOR_ECHO, bytes(1))).rejects.toMatchObject({ code: 'DEVICE_GONE' });
    expect(t.closed).toBe(true);
    await expect(HidTransport.open(pipe.host)).rejects.toMatchObject({ code: 'DEVICE_GONE' });
  });

  it('reports framing faults of a misbehaving device as PROTOCOL, and ignores other channels', async () => {
    const pipe = createReportPipe();
    pipes.push(pipe);
    const dev = tap(pipe.device);
    const answerInit = async () => {
      const p = await dev.next();
      if (p.kind !== 'init') throw new Error('expected INIT');
      const answer = new Uint8Array(17);
      answer.set(p.data.subarray(0, 8));
      new DataView(answer.buffer).setUint32(8, 0x0000abcd);
      // A stale answer with a wrong nonce first: must be ignored.
      await dev.send(BROADCAST_CID, HidCommand.INIT, new Uint8Array(17).fill(9));
      await dev.send(p.cid, HidCommand.INIT, answer);
    };
    const opening = HidTransport.open(pipe.host);
    await answerInit();
    const t = await opening;
    expect(t.cid).toBe(0xabcd);

    const cases: Array<[string, (cid: number) => Promise<void>, string]> = [
      ['wrong command', (cid) => dev.send(cid, 0x41, bytes(1)), 'PROTOCOL'],
      [
        'ERROR without a code',
        (cid) => pipe.device.write(encodeMessage(cid, HidCommand.ERROR, new Uint8Array())[0]!),
        'PROTOCOL',
      ],
      ['unknown error byte', (cid) => dev.send(cid, HidCommand.ERROR, new Uint8Array([0x33])), 'OTHER'],
      [
        'continuation out of sequence',
        async (cid) => {
          const r = encodeMessage(cid, VENDOR_ECHO, bytes(200));
          await pipe.device.write(r[0]!);
          await pipe.device.write(r[2]!);
        },
        'PROTOCOL',
      ],
      [
        'a second init packet inside the answer',
        async (cid) => {
          await pipe.device.write(encodeMessage(cid, VENDOR_ECHO, bytes(100))[0]!);
          await pipe.device.write(encodeMessage(cid, VENDOR_ECHO, bytes(100))[0]!);
        },
        'PROTOCOL',
      ],
    ];
    for (const [name, misbehave, code] of cases) {
      const pending = t.request(VENDOR_ECHO, bytes(3), { timeoutMs: 500 });
      const req = await dev.next();
      // Resync INITs after a PROTOCOL fault are answered too.
      if (req.kind === 'init' && req.cmd === HidCommand.INIT) {
        const answer = new Uint8Array(17);
        answer.set(req.data.subarray(0, 8));
        new DataView(answer.buffer).setUint32(8, req.cid);
        await dev.send(req.cid, HidCommand.INIT, answer);
        await dev.next();
      }
      await dev.send(0x0bad, VENDOR_ECHO, bytes(3)); // another channel: ignored
      await misbehave(t.cid);
      await expect(pending, name).rejects.toMatchObject({ code });
      // Drain the CANCEL a PROTOCOL fault sends.
      if (code === 'PROTOCOL') expect(await dev.next()).toMatchObject({ cmd: HidCommand.CANCEL });
    }
  });

  it('a closed transport refuses requests with CLOSED', async () => {
    const { pipe } = serverPipe();
    const t = await HidTransport.open(pipe.host);
    t.close();
    await expect(t.ping(bytes(1))).rejects.toMatchObject({ code: 'CLOSED' });
    expect(pipe.host.closed).toBe(false);
  });
});
