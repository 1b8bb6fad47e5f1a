import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../native/usb/catalogue.ts';
import { UsbMonitor } from '../../../native/usb/usb-monitor.ts';
import type { UsbBackend, UsbDeviceLike } from '../../../native/usb/usb-monitor.ts';

const catalogue = loadCatalogue();

describe('UsbMonitor', () => {
  // This machine has no USB bus (a container): the real module, the real check, no stand-in.
  it.runIf(process.platform === 'linux' && !existsSync('/sys/bus/usb'))(
    'reports "no USB access" with the reason on a machine without /sys/bus/usb',
    async () => {
      const monitor = new UsbMonitor({ catalogue });
      expect(await monitor.start()).toEqual({
        access: 'none',
        reason: expect.stringMatching(/^no USB access: \/sys\/bus\/usb does not exist/),
      });
      expect(await monitor.list()).toEqual([]);
      monitor.stop();
    },
  );

  it('reports the real usb module\'s own failure as "no USB access" when the sysfs check is skipped', async () => {
    const monitor = new UsbMonitor({ catalogue, sysfsUsb: null });
    const access = await monitor.start();
    if (existsSync('/sys/bus/usb')) expect(access.access).toBe('ok');
    else
      expect(access).toEqual({
        access: 'none',
        reason: expect.stringMatching(/^no USB access: .*\/sys\/bus\/usb/),
      });
    monitor.stop();
  });

  it('reports a module that fails to load as "no USB access"', async () => {
    const monitor = new UsbMonitor({
      catalogue,
      sysfsUsb: null,
      loadBackend: () => Promise.reject(new Error('Cannot find module usb-linux-x64-gnu')),
    });
    expect(await monitor.start()).toEqual({
      access: 'none',
      reason: 'no USB access: Cannot find module usb-linux-x64-gnu',
    });
  });

  /**
   * The attach/detach mapping, with a backend shaped like usb@3's (no USB bus here; the HIL guest
   * runs the same monitor on the real module and a real gadget).
   */
  it('lists devices with catalogue matches, unknown devices as null, and forwards attach/detach', async () => {
    const listeners = new Map<string, (ev: Event & { device?: UsbDeviceLike }) => void>();
    const chip: UsbDeviceLike = {
      vendorId: 0x1209,
      productId: 0xf7d1,
      bus: '1-1',
      address: 4,
      manufacturerName: 'Partner Desk',
      productName: 'Virtual FTM',
      serialNumber: 'PD-1',
    };
    const other: UsbDeviceLike = {
      vendorId: 0x1209,
      productId: 0x0001,
      bus: '1-2',
      address: 5,
      manufacturerName: null,
      get productName(): string | null {
        throw new Error('LIBUSB_ERROR_PIPE');
      },
      serialNumber: null,
    };
    const attached = [chip];
    const backend: UsbBackend = {
      getDevices: async () => [...attached],
      addEventListener: (type, l) => listeners.set(type, l),
      removeEventListener: (type) => listeners.delete(type),
    };
    let loads = 0;
    const monitor = new UsbMonitor({
      catalogue,
      sysfsUsb: null,
      loadBackend: async () => (loads++, backend),
    });
    expect(await Promise.all([monitor.start(), monitor.start()])).toEqual([{ access: 'ok' }, { access: 'ok' }]);
    expect(await monitor.start()).toEqual({ access: 'ok' });
    expect(loads).toBe(1);
    const events: string[] = [];
    monitor.on('attach', (e) => events.push(`attach ${e.id} ${e.catalogue?.name ?? 'unknown'} ${e.product}`));
    const off = monitor.on('detach', (e) => events.push(`detach ${e.id}`));

    attached.push(other);
    listeners.get('connect')!(Object.assign(new Event('connect'), { device: other }));
    expect(await monitor.list()).toEqual([
      {
        id: '1-1:4',
        bus: '1-1',
        deviceAddress: 4,
        vendorId: 0x1209,
        productId: 0xf7d1,
        manufacturer: 'Partner Desk',
        product: 'Virtual FTM',
        serial: 'PD-1',
        catalogue: expect.objectContaining({ modality: 'FTM' }),
      },
      {
        id: '1-2:5',
        bus: '1-2',
        deviceAddress: 5,
        vendorId: 0x1209,
        productId: 0x0001,
        manufacturer: null,
        product: null,
        serial: null,
        catalogue: null,
      },
    ]);
    listeners.get('disconnect')!(Object.assign(new Event('disconnect'), { device: chip }));
    off();
    listeners.get('disconnect')!(Object.assign(new Event('disconnect'), { device: other }));
    expect(events).toEqual(['attach 1-2:5 unknown null', 'detach 1-1:4']);
    monitor.stop();
    expect(listeners.size).toBe(0);
    expect(monitor.access).toEqual({ access: 'none', reason: 'stopped' });
  });
});
