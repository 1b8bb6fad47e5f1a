/**
 * The FTM chip over the real kernel: node-hid (hidraw) on the host side, the product's virtual chip
 * on /dev/hidg0 on the device side. INFO / GET_CERT / SIGN round trips, a second channel refused
 * while the chip is busy, a hung chip timing out, and the cable pulled in the middle of a request:
 * a clean DEVICE_GONE, then the chip is found and answers again after the replug.
 */
import { X509Certificate, randomBytes, verify } from 'node:crypto';
import { FtmChipClient } from '../../native/ftm/client.ts';
import { popMessage } from '../../native/ftm/protocol.ts';
import { HidError } from '../../native/hid/errors.ts';
import { findFtmChips, openNodeHidDevice } from '../../native/hid/node-hid-device.ts';
import type { ReportDevice } from '../../native/hid/report-device.ts';
import { HidTransport } from '../../native/hid/transport.ts';
import type { DeviceCatalogue } from '../../native/usb/catalogue.ts';
import type { UsbMonitor } from '../../native/usb/usb-monitor.ts';
import type { CheckRun } from './checks.ts';
import { CheckFailed, expect, expectEqual } from './checks.ts';
import type { ChipControl } from './chip-process.ts';
import type { HilFixture } from './fixture.ts';
import { bind, unbind, waitFor } from './gadgets.ts';
import type { GadgetSpec } from './gadgets.ts';

export interface FtmEnv {
  monitor: UsbMonitor;
  catalogue: DeviceCatalogue;
  fixture: HilFixture;
  chip: ChipControl;
  ftm: GadgetSpec;
  udcFtm: string;
}

interface Host {
  device: ReportDevice;
  transport: HidTransport;
  client: FtmChipClient;
  /** Reports written so far: a request has reached the device once its write completed. */
  writes(): number;
}

async function connect(path: string): Promise<Host> {
  const raw = await openNodeHidDevice(path);
  let writes = 0;
  const device: ReportDevice = {
    write: async (r) => {
      await raw.write(r);
      writes++;
    },
    onReport: (l) => raw.onReport(l),
    onClose: (l) => raw.onClose(l),
    close: () => raw.close(),
    get closed() {
      return raw.closed;
    },
  };
  const transport = await HidTransport.open(device);
  return { device, transport, client: new FtmChipClient(transport), writes: () => writes };
}

const disconnect = async (h: Host | undefined) => {
  h?.transport.close();
  await h?.device.close();
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new CheckFailed('the request succeeded');
}

function expectHidError(e: unknown, code: HidError['code']): void {
  expect(
    e instanceof HidError,
    `expected HidError ${code}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
  );
  expectEqual(e.code, code, `HidError code (${e.message})`);
}

export async function ftmChecks(t: CheckRun, env: FtmEnv): Promise<void> {
  const { monitor, catalogue, fixture, chip, ftm, udcFtm } = env;
  const monitorHasChip = async () =>
    (await monitor.list()).some((d) => d.vendorId === ftm.vendorId && d.productId === ftm.productId);
  const chipCert = new X509Certificate(Buffer.from(fixture.chain[0]!, 'base64'));
  const verifies = (challenge: Uint8Array, signature: Uint8Array) =>
    verify('sha256', popMessage(challenge), chipCert.publicKey, signature);
  const findChip = () => waitFor(async () => (await findFtmChips(catalogue))[0], 8000, 'node-hid to list the FTM chip');

  let path = '';
  if (
    !(await t.check('node-hid finds the FTM chip by its catalogue ids and usage page', async () => {
      const found = await findChip();
      expect(found.path.startsWith('/dev/hidraw'), `path ${found.path}`);
      expectEqual(found.serial, ftm.serial, 'serial');
      expectEqual(found.manufacturer, ftm.manufacturer, 'manufacturer');
      path = found.path;
    }))
  )
    return;

  let a: Host | undefined;
  const pings: number[] = [];
  await t.check('HidTransport over node-hid: INIT allocates a channel, 30 PING round trips', async () => {
    a = await connect(path);
    expect(a.transport.cid !== 0xffffffff, 'no channel allocated');
    for (let i = 0; i < 30; i++) {
      const data = new Uint8Array(randomBytes(40));
      const t0 = performance.now();
      const back = await a.transport.ping(data);
      pings.push(performance.now() - t0);
      expect(Buffer.from(back).equals(data), `PING ${i} came back different`);
    }
  });
  t.figure('hid-ping-roundtrip (1 report each way)', pings);
  if (!a) return;
  const host = a;

  await t.check('INFO round trip', async () => {
    expectEqual(JSON.stringify(await host.client.info()), JSON.stringify(fixture.info), 'INFO');
  });
  await t.check('GET_CERT round trip (multi-report answer)', async () => {
    const chain = (await host.client.certificateChain()).map((d) => Buffer.from(d).toString('base64'));
    expectEqual(chain.join(), fixture.chain.join(), 'certificate chain');
  });
  const signs: number[] = [];
  await t.check('SIGN round trips verify with the chip certificate (5)', async () => {
    for (let i = 0; i < 5; i++) {
      const challenge = new Uint8Array(randomBytes(32));
      const t0 = performance.now();
      const { signature } = await host.client.sign(challenge);
      signs.push(performance.now() - t0);
      expect(verifies(challenge, signature), `signature ${i} does not verify`);
    }
  });
  t.figure('ftm-sign-roundtrip', signs);

  await t.check('a second channel gets CHANNEL_BUSY while the chip works; the first gets its answer', async () => {
    const b = await connect(path);
    try {
      await chip.setFaults({ delayMs: 1500 });
      const before = host.writes();
      const challenge = new Uint8Array(randomBytes(32));
      const signing = host.client.sign(challenge);
      await waitFor(() => host.writes() > before, 2000, 'the SIGN request to reach the chip', 5);
      expectHidError(await rejection(b.client.info()), 'CHANNEL_BUSY');
      expect(verifies(challenge, (await signing).signature), 'the busy chip signed wrongly');
      await chip.setFaults({});
      expectEqual((await b.client.info()).serial, fixture.info.serial, 'INFO on the second channel afterwards');
    } finally {
      await chip.setFaults({});
      await disconnect(b);
    }
  });

  await t.check('a hung chip: TIMEOUT after the idle timeout, then the channel recovers', async () => {
    await chip.setFaults({ silent: true });
    const t0 = performance.now();
    expectHidError(await rejection(host.client.info({ timeoutMs: 500 })), 'TIMEOUT');
    const waited = performance.now() - t0;
    expect(waited >= 450 && waited < 3000, `timed out after ${waited.toFixed(0)} ms`);
    await chip.setFaults({});
    expectEqual((await host.client.info()).serial, fixture.info.serial, 'INFO after the timeout');
  });

  const unplugToError: number[] = [];
  await t.check(
    'unplug in the middle of a SIGN: DEVICE_GONE, not a timeout; later requests fail fast; node-hid and UsbMonitor drop the chip',
    async () => {
      await chip.setFaults({ delayMs: 2500 });
      const before = host.writes();
      const signing = host.client.sign(new Uint8Array(randomBytes(32)));
      await waitFor(() => host.writes() > before, 2000, 'the SIGN request to reach the chip', 5);
      const t0 = performance.now();
      unbind(ftm.name);
      chip.powerOff();
      expectHidError(await rejection(signing), 'DEVICE_GONE');
      unplugToError.push(performance.now() - t0);
      expect(host.device.closed, 'the report device is still open');
      expectHidError(await rejection(host.client.info()), 'DEVICE_GONE');
      await waitFor(async () => !(await findFtmChips(catalogue)).length, 3000, 'node-hid to drop the chip');
      expect(!(await monitorHasChip()), 'UsbMonitor still lists the unplugged chip');
    },
  );
  t.figure('unplug-to-DEVICE_GONE', unplugToError);
  await disconnect(host);

  const replug: number[] = [];
  await t.check(
    'replug: the chip (firmware restarted) is found again and INFO/SIGN work on a new channel',
    async () => {
      const t0 = performance.now();
      bind(ftm.name, udcFtm);
      await chip.powerOn();
      const again = await findChip();
      const c = await connect(again.path);
      try {
        expectEqual((await c.client.info()).serial, fixture.info.serial, 'INFO after the replug');
        replug.push(performance.now() - t0);
        expect(await monitorHasChip(), 'UsbMonitor does not list the replugged chip');
        const challenge = new Uint8Array(randomBytes(32));
        expect(
          verifies(challenge, (await c.client.sign(challenge)).signature),
          'SIGN after the replug does not verify',
        );
      } finally {
        await disconnect(c);
      }
    },
  );
  t.figure('replug-to-first-INFO (incl. firmware start)', replug);
}
