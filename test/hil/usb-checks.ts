/**
 * UsbMonitor against the guest kernel: enumeration with the strings from the gadgets' descriptors
 * and catalogue matching, then unplug/replug of the fingerprint gadget — detach/attach events with
 * the catalogue entry, and the device list following. Hotplug latencies go to docs/benchmarks.md.
 */
import type { UsbDeviceEntry, UsbMonitor } from '../../native/usb/usb-monitor.ts';
import type { CheckRun } from './checks.ts';
import { expect, expectEqual } from './checks.ts';
import { bind, unbind, waitFor } from './gadgets.ts';
import type { GadgetSpec } from './gadgets.ts';

export interface UsbEnv {
  monitor: UsbMonitor;
  ftm: GadgetSpec;
  bio: GadgetSpec;
  udcBio: string;
}

const isSpec = (spec: GadgetSpec) => (e: UsbDeviceEntry) =>
  e.vendorId === spec.vendorId && e.productId === spec.productId;

export async function usbChecks(t: CheckRun, { monitor, ftm, bio, udcBio }: UsbEnv): Promise<void> {
  const events: { type: 'attach' | 'detach'; entry: UsbDeviceEntry; at: number }[] = [];
  monitor.on('attach', (entry) => events.push({ type: 'attach', entry, at: performance.now() }));
  monitor.on('detach', (entry) => events.push({ type: 'detach', entry, at: performance.now() }));
  const seen = () =>
    events
      .map((e) => `${e.type} ${e.entry.vendorId.toString(16)}:${e.entry.productId.toString(16)}@${e.at.toFixed(0)}`)
      .join(', ') || 'none';
  const event = (type: 'attach' | 'detach', spec: GadgetSpec, since: number) =>
    waitFor(
      () => events.find((e) => e.type === type && isSpec(spec)(e.entry) && e.at >= since),
      5000,
      `UsbMonitor ${type} of ${spec.name} (events so far: ${seen()}; now ${performance.now().toFixed(0)})`,
      5,
    );

  await t.check('UsbMonitor lists both devices with their strings and catalogue entries', async () => {
    for (const [spec, modality] of [
      [ftm, 'FTM'],
      [bio, 'Finger'],
    ] as const) {
      const entry = await waitFor(
        async () => (await monitor.list()).find(isSpec(spec)),
        5000,
        `${spec.name} in the list`,
      );
      expectEqual(entry.manufacturer, spec.manufacturer, `${spec.name} manufacturer`);
      expectEqual(entry.product, spec.product, `${spec.name} product`);
      expectEqual(entry.serial, spec.serial, `${spec.name} serial`);
      expectEqual(entry.catalogue?.modality, modality, `${spec.name} catalogue modality`);
    }
  });

  const detach: number[] = [];
  const attach: number[] = [];
  await t.check(
    'unplug/replug the fingerprint device: detach/attach events with the catalogue entry, list follows (3 cycles)',
    async () => {
      for (let cycle = 0; cycle < 3; cycle++) {
        let t0 = performance.now();
        unbind(bio.name);
        const gone = await event('detach', bio, t0);
        detach.push(gone.at - t0);
        expectEqual(gone.entry.catalogue?.modality, 'Finger', 'detach event catalogue modality');
        const list = await monitor.list();
        expect(!list.some(isSpec(bio)), 'the list still has the unplugged device');
        expect(list.some(isSpec(ftm)), 'the FTM chip left the list with the other device');
        t0 = performance.now();
        bind(bio.name, udcBio);
        const back = await event('attach', bio, t0);
        attach.push(back.at - t0);
        expectEqual(back.entry.serial, bio.serial, 'attach event serial');
        expect((await monitor.list()).some(isSpec(bio)), 'the list lacks the replugged device');
      }
    },
    40_000,
  );
  t.figure('usb-detach-event', detach);
  t.figure('usb-attach-event', attach);
}
