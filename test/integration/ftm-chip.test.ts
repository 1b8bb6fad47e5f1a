/**
 * The FTM protocol end to end over the in-memory report pipe: host transport and client against
 * the virtual chip, real keys and certificates from the virtual PKI, trust through lib/pki.
 */
import { X509Certificate, verify } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FtmChipClient } from '../../native/ftm/client.ts';
import { FtmCommand, popMessage } from '../../native/ftm/protocol.ts';
import { readFtmChip } from '../../native/ftm/read-chip.ts';
import { VirtualFtmChip } from '../../native/ftm/virtual-chip.ts';
import { createReportPipe } from '../../native/hid/report-device.ts';
import type { ReportPipe } from '../../native/hid/report-device.ts';
import { HidTransport } from '../../native/hid/transport.ts';
import { createVirtualPki, toPem } from '../../native/virtual/pki.ts';
import type { VirtualPki } from '../../native/virtual/pki.ts';

let chip: VirtualFtmChip;
let pki: VirtualPki;
let otherPki: VirtualPki;
const pipes: ReportPipe[] = [];

beforeAll(async () => {
  ({ chip, pki } = await VirtualFtmChip.create({ serial: 'PD-TEST-0042', model: 'Bench FTM' }));
  otherPki = await createVirtualPki({ deviceOrg: 'Other Devices', ftmOrg: 'Other FTM' });
});
afterEach(() => {
  chip.faults = {};
  for (const p of pipes.splice(0)) p.unplug();
});

async function connect(): Promise<{
  pipe: ReportPipe;
  transport: HidTransport;
  client: FtmChipClient;
}> {
  const pipe = createReportPipe();
  pipes.push(pipe);
  chip.attach(pipe.device);
  const transport = await HidTransport.open(pipe.host);
  return { pipe, transport, client: new FtmChipClient(transport) };
}

describe('virtual FTM chip over the HID transport', () => {
  it('answers INFO, GET_CERT (leaf first) and SIGN', async () => {
    const { client } = await connect();
    expect(await client.info()).toEqual({
      make: 'Partner Desk',
      model: 'Bench FTM',
      serial: 'PD-TEST-0042',
      firmware: '1.0.0',
    });
    const chain = await client.certificateChain();
    expect(chain).toEqual(chip.chain);
    expect(chain[1]).toEqual(pki.ftmRoot.der);
    const challenge = new Uint8Array(64).fill(0x5a);
    const { algorithm, signature } = await client.sign(challenge);
    expect(algorithm).toBe('RS256');
    const leafKey = new X509Certificate(chain[0]!).publicKey;
    expect(verify('sha256', popMessage(challenge), leafKey, signature)).toBe(true);
    expect(verify('sha256', challenge, leafKey, signature)).toBe(false); // the domain prefix is part of what is signed
    await expect(client.sign(new Uint8Array(15))).rejects.toThrow(RangeError);
  });

  it('refuses malformed requests with the device error codes', async () => {
    const { transport } = await connect();
    await expect(transport.request(FtmCommand.SIGN, new Uint8Array(15))).rejects.toMatchObject({
      code: 'INVALID_LEN',
    });
    await expect(transport.request(FtmCommand.SIGN, new Uint8Array(65))).rejects.toMatchObject({
      code: 'INVALID_LEN',
    });
    await expect(transport.request(FtmCommand.INFO, new Uint8Array(1))).rejects.toMatchObject({
      code: 'INVALID_LEN',
    });
    await expect(transport.request(FtmCommand.GET_CERT, new Uint8Array(1))).rejects.toMatchObject({
      code: 'INVALID_LEN',
    });
    await expect(transport.request(0x4f, new Uint8Array())).rejects.toMatchObject({
      code: 'INVALID_CMD',
    });
    expect((await new FtmChipClient(transport).info()).serial).toBe('PD-TEST-0042');
  });

  it('readFtmChip: possession and trust verified against the chip PKI root', async () => {
    const { transport } = await connect();
    const reading = await readFtmChip(transport, {
      trustAnchorsPem: pki.ftmRoot.pem,
      now: new Date(),
    });
    expect(reading).toMatchObject({
      make: 'Partner Desk',
      serial: 'PD-TEST-0042',
      possession: { verdict: 'verified', reason: null },
      trust: { verdict: 'verified', reason: null },
    });
    expect(reading.chain.map((c) => c.subject)).toEqual([
      expect.stringContaining('CN=PD-TEST-0042'),
      expect.stringContaining('FTM Root'),
    ]);
    expect(reading.chain[0]!.issuer).toBe(reading.chain[1]!.subject);
    expect(reading.chain[0]!.pem).toBe(toPem(chip.chain[0]!));
    expect(reading.chain[1]!.pem).toBe(pki.ftmRoot.pem);
    expect(Date.parse(reading.chain[0]!.notAfter)).toBeGreaterThan(Date.now());
  });

  it('a chip signing with another key than its certificate fails possession (trust still holds)', async () => {
    const { transport } = await connect();
    chip.faults = { signingKey: otherPki.ftmRoot.key }; // a real RSA key, not the certified one
    const reading = await readFtmChip(transport, {
      trustAnchorsPem: [pki.ftmRoot.pem],
      now: new Date(),
    });
    expect(reading.possession).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/does not verify/),
    });
    expect(reading.trust.verdict).toBe('verified');
  });

  it('trust fails against another FTM root, without anchors, with an unreadable anchor, and after expiry', async () => {
    const { transport } = await connect();
    const read = (trustAnchorsPem: string | string[], now = new Date()) =>
      readFtmChip(transport, { trustAnchorsPem, now });
    const wrong = await read(otherPki.ftmRoot.pem);
    expect(wrong.possession.verdict).toBe('verified');
    expect(wrong.trust).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/^KER-PCM-006: /),
    });
    expect((await read([])).trust).toEqual({
      verdict: 'failed',
      reason: 'no FTM trust anchor was given',
    });
    const damaged = pki.ftmRoot.pem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect((await read(damaged)).trust).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/^FTM trust anchor 1 cannot be read/),
    });
    const later = await read(pki.ftmRoot.pem, new Date(Date.now() + 2 * 365 * 86_400_000));
    expect(later.trust).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/^KER-PCM-004: /),
    });
  });

  it('answers CHANNEL_BUSY to a second host while it is signing for the first', async () => {
    const first = await connect();
    const second = await HidTransport.open(first.pipe.host);
    chip.faults = { delayMs: 500 };
    // The chip takes a report synchronously: once the device end has seen SIGN, the chip is busy.
    const atChip = new Promise<void>((resolve) =>
      first.pipe.device.onReport((r) => r[4] === (0x80 | FtmCommand.SIGN) && resolve()),
    );
    const signing = first.client.sign(new Uint8Array(32).fill(1));
    await atChip;
    await expect(new FtmChipClient(second).info()).rejects.toMatchObject({ code: 'CHANNEL_BUSY' });
    expect((await signing).signature.length).toBe(256);
    chip.faults = {};
    expect((await new FtmChipClient(second).info()).serial).toBe('PD-TEST-0042');
  });

  it('times out when the chip stops answering, and works again once it answers', async () => {
    const { client } = await connect();
    chip.faults = { silent: true };
    const started = performance.now();
    await expect(client.info({ timeoutMs: 40 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(1000);
    chip.faults = {};
    expect((await client.info()).model).toBe('Bench FTM');
  });

  it('unplug mid-message gives DEVICE_GONE; after replug a new transport reads the chip', async () => {
    const { pipe, client } = await connect();
    let reports = 0;
    pipe.host.onReport(() => {
      if (++reports === 3) pipe.unplug(); // inside the GET_CERT answer (about 30 reports)
    });
    await expect(client.certificateChain()).rejects.toMatchObject({ code: 'DEVICE_GONE' });
    await expect(client.info()).rejects.toMatchObject({ code: 'DEVICE_GONE' });

    const replugged = await connect();
    const reading = await readFtmChip(replugged.transport, {
      trustAnchorsPem: pki.ftmRoot.pem,
      now: new Date(),
    });
    expect([reading.possession.verdict, reading.trust.verdict]).toEqual(['verified', 'verified']);
  });
});
