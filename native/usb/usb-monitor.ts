/**
 * Attached USB devices and hotplug, through usb@3 (WebUSB-style API), matched against the device
 * catalogue. A machine without USB (no /sys/bus/usb, a container) or without the native module is
 * reported as `access: 'none'` with the reason — never a crash.
 *
 * The `usb` module comes in through UsbBackend so that it is loaded only on start(). Enumeration
 * reads sysfs and works everywhere USB exists; attach/detach events also need udevd (docs/hil).
 */
import { existsSync } from 'node:fs';
import type { CatalogueEntry, DeviceCatalogue } from './catalogue.ts';

/** The part of usb@3's `usb` object used here. */
export interface UsbBackend {
  getDevices(): Promise<UsbDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (ev: Event & { device?: UsbDeviceLike }) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (ev: Event & { device?: UsbDeviceLike }) => void): void;
}

export interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  /** usb@3: the bus/port path, e.g. "1-1". */
  bus: string;
  address: number;
  readonly manufacturerName: string | null;
  readonly productName: string | null;
  readonly serialNumber: string | null;
}

export interface UsbDeviceEntry {
  /** bus:address, stable while the device stays plugged in. */
  id: string;
  bus: string;
  deviceAddress: number;
  vendorId: number;
  productId: number;
  manufacturer: string | null;
  product: string | null;
  serial: string | null;
  /** null: the catalogue does not know the device. */
  catalogue: CatalogueEntry | null;
}

export type UsbAccess = { access: 'ok' } | { access: 'none'; reason: string };

export interface UsbMonitorOptions {
  catalogue: DeviceCatalogue;
  /** Loads the usb module (default: `import('usb')`). */
  loadBackend?: () => Promise<UsbBackend>;
  /** Directory whose absence means "no USB" on Linux (default /sys/bus/usb; null skips the check). */
  sysfsUsb?: string | null;
}

type Listener = (entry: UsbDeviceEntry) => void;

async function loadUsbModule(): Promise<UsbBackend> {
  const mod = await import('usb');
  return mod.usb as unknown as UsbBackend;
}

const readString = (read: () => string | null): string | null => {
  try {
    return read() ?? null;
  } catch {
    return null; // strings need a descriptor read the device may refuse
  }
};

export class UsbMonitor {
  private backend: UsbBackend | null = null;
  private readonly listeners = { attach: new Set<Listener>(), detach: new Set<Listener>() };
  private readonly onConnect = (ev: Event & { device?: UsbDeviceLike }) => ev.device && this.emit('attach', ev.device);
  private readonly onDisconnect = (ev: Event & { device?: UsbDeviceLike }) =>
    ev.device && this.emit('detach', ev.device);
  private state: UsbAccess = { access: 'none', reason: 'not started' };
  private starting: Promise<UsbAccess> | null = null;

  constructor(private readonly opts: UsbMonitorOptions) {}

  get access(): UsbAccess {
    return this.state;
  }

  /** Idempotent; concurrent calls share one attempt. */
  start(): Promise<UsbAccess> {
    this.starting ??= this.connect().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async connect(): Promise<UsbAccess> {
    if (this.backend) return this.state;
    const sysfs = this.opts.sysfsUsb === undefined ? '/sys/bus/usb' : this.opts.sysfsUsb;
    if (process.platform === 'linux' && sysfs !== null && !existsSync(sysfs))
      return (this.state = {
        access: 'none',
        reason: `no USB access: ${sysfs} does not exist (no USB bus on this machine or in this container)`,
      });
    let backend: UsbBackend;
    try {
      backend = await (this.opts.loadBackend ?? loadUsbModule)();
      await backend.getDevices(); // fails early when the bus cannot be read
    } catch (e) {
      return (this.state = {
        access: 'none',
        reason: `no USB access: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    this.backend = backend;
    backend.addEventListener('connect', this.onConnect);
    backend.addEventListener('disconnect', this.onDisconnect);
    return (this.state = { access: 'ok' });
  }

  /** The attached devices now (enumerated afresh: works even where hotplug events do not). */
  async list(): Promise<UsbDeviceEntry[]> {
    if (!this.backend) return [];
    return (await this.backend.getDevices()).map((d) => this.entry(d));
  }

  on(event: 'attach' | 'detach', listener: Listener): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  stop(): void {
    if (!this.backend) return;
    this.backend.removeEventListener('connect', this.onConnect);
    this.backend.removeEventListener('disconnect', this.onDisconnect);
    this.backend = null;
    this.state = { access: 'none', reason: 'stopped' };
  }

  private emit(event: 'attach' | 'detach', device: UsbDeviceLike): void {
    const entry = this.entry(device);
    for (const l of [...this.listeners[event]]) l(entry);
  }

  private entry(d: UsbDeviceLike): UsbDeviceEntry {
    return {
      id: `${d.bus}:${d.address}`,
      bus: d.bus,
      deviceAddress: d.address,
      vendorId: d.vendorId,
      productId: d.productId,
      manufacturer: readString(() => d.manufacturerName),
      product: readString(() => d.productName),
      serial: readString(() => d.serialNumber),
      catalogue: this.opts.catalogue.match(d.vendorId, d.productId),
    };
  }
}
