/**
 * The host's report interface on a real HID device, through node-hid 3 (hidraw on Linux). Devices
 * without report IDs take a leading 0 byte on write (65 bytes in) and give 64 bytes per read.
 * node-hid is loaded on first use, so nothing native loads until hardware is asked for.
 */
import type { HIDAsync } from 'node-hid';
import { FTM_USAGE_PAGE } from '../ftm/protocol.ts';
import type { DeviceCatalogue } from '../usb/catalogue.ts';
import { HidError } from './errors.ts';
import { REPORT_SIZE } from './framing.ts';
import { ReportListeners } from './report-device.ts';
import type { ReportDevice } from './report-device.ts';

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  manufacturer: string | null;
  product: string | null;
  serial: string | null;
  /** null where the platform does not report it. */
  usagePage: number | null;
}

type NodeHid = typeof import('node-hid');

async function nodeHid(): Promise<NodeHid> {
  const mod = (await import('node-hid')) as NodeHid & { default?: NodeHid };
  return mod.default ?? mod;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** HID devices with a path (hidraw nodes on Linux). */
export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  let devices: Awaited<ReturnType<NodeHid['devicesAsync']>>;
  try {
    devices = await (await nodeHid()).devicesAsync();
  } catch (e) {
    throw new HidError('OPEN_FAILED', `cannot enumerate HID devices: ${message(e)}`);
  }
  return devices.flatMap((d) =>
    d.path
      ? [
          {
            path: d.path,
            vendorId: d.vendorId,
            productId: d.productId,
            manufacturer: d.manufacturer ?? null,
            product: d.product ?? null,
            serial: d.serialNumber ?? null,
            usagePage: d.usagePage ?? null,
          },
        ]
      : [],
  );
}

/** HID devices whose ids are an FTM entry of the catalogue, on the FTM vendor usage page. */
export async function findFtmChips(catalogue: DeviceCatalogue, usagePage = FTM_USAGE_PAGE): Promise<HidDeviceInfo[]> {
  return (await listHidDevices()).filter(
    (d) =>
      catalogue.match(d.vendorId, d.productId)?.modality === 'FTM' &&
      (d.usagePage === null || d.usagePage === usagePage),
  );
}

export async function openNodeHidDevice(path: string): Promise<ReportDevice> {
  let hid: HIDAsync;
  try {
    hid = await (await nodeHid()).HIDAsync.open(path);
  } catch (e) {
    throw new HidError('OPEN_FAILED', `cannot open HID device ${path}: ${message(e)}`);
  }
  return new NodeHidReportDevice(hid);
}

class NodeHidReportDevice implements ReportDevice {
  private readonly l = new ReportListeners();

  constructor(private readonly hid: HIDAsync) {
    hid.on('data', (data: Buffer) => this.l.emitReport(new Uint8Array(data)));
    // A read error is how hidraw reports an unplugged device.
    hid.on('error', (e: unknown) => this.gone(new HidError('DEVICE_GONE', `HID device gone: ${message(e)}`)));
  }

  get closed(): boolean {
    return this.l.closed;
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.l.closed) throw new HidError('DEVICE_GONE', 'the HID device is closed');
    if (report.length !== REPORT_SIZE)
      throw new HidError('MALFORMED_REPORT', `report of ${report.length} bytes, expected ${REPORT_SIZE}`);
    const out = Buffer.alloc(REPORT_SIZE + 1); // report id 0: the device has no numbered reports
    out.set(report, 1);
    let written: number;
    try {
      written = await this.hid.write(out);
    } catch (e) {
      const err = new HidError('DEVICE_GONE', `HID write failed: ${message(e)}`);
      this.gone(err);
      throw err;
    }
    if (written !== out.length) throw new HidError('DEVICE_GONE', `HID write took ${written} of ${out.length} bytes`);
  }

  onReport(listener: (r: Uint8Array) => void): () => void {
    return this.l.onReport(listener);
  }

  onClose(listener: (e: HidError) => void): () => void {
    return this.l.onClose(listener);
  }

  async close(): Promise<void> {
    this.gone(new HidError('CLOSED', 'the HID device was closed'));
  }

  private gone(reason: HidError): void {
    if (this.l.closed) return;
    this.l.emitClose(reason);
    this.hid.removeAllListeners('data');
    this.hid.close().catch(() => undefined);
  }
}
