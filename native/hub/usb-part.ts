/**
 * USB devices for the hardware screen: started on first use, then kept running so hotplug
 * (attach/detach) reaches every open screen as `hardware.changed {source:'usb'}`.
 */
import { UsbMonitor } from '../usb/usb-monitor.ts';
import type { DeviceCatalogue } from '../usb/catalogue.ts';
import type { AnnounceEmit, UsbListView } from './hub.ts';

export class UsbPart {
  private monitor: UsbMonitor | null = null;
  private starting: Promise<void> | null = null;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly catalogue: () => DeviceCatalogue,
    private readonly emit: AnnounceEmit,
  ) {}

  async list(): Promise<UsbListView> {
    if (!this.monitor) {
      this.starting ??= (async () => {
        const m = new UsbMonitor({ catalogue: this.catalogue() });
        await m.start();
        const changed = () => this.emit('hardware.changed', { source: 'usb' });
        this.unsubscribe.push(m.on('attach', changed), m.on('detach', changed));
        this.monitor = m;
      })().finally(() => (this.starting = null));
      await this.starting;
    }
    const m = this.monitor!;
    const access = m.access;
    if (access.access === 'none') return { access: 'none', reason: access.reason, devices: [] };
    const devices = await m.list();
    return {
      access: 'ok',
      reason: null,
      devices: devices.map((d) => ({
        id: d.id,
        vendorId: d.vendorId,
        productId: d.productId,
        manufacturer: d.manufacturer,
        product: d.product,
        serial: d.serial,
        catalogue: d.catalogue
          ? { name: d.catalogue.name, vendor: d.catalogue.vendor, modality: d.catalogue.modality }
          : null,
      })),
    };
  }

  stop(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.monitor?.stop();
    this.monitor = null;
  }
}
