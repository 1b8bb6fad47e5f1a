/**
 * FTM chips for the FTM provider's onboarding: real chips (HID devices the catalogue lists as FTM)
 * and the virtual chip while the virtual SBI runs. Reading a chip opens a fresh HID channel, reads
 * INFO and GET_CERT, and has the chip sign a fresh challenge (native/ftm/read-chip.ts).
 */
import { AppError } from '../../main/contract/index.ts';
import { HidError } from '../hid/errors.ts';
import { findFtmChips, openNodeHidDevice } from '../hid/node-hid-device.ts';
import { createReportPipe } from '../hid/report-device.ts';
import { HidTransport } from '../hid/transport.ts';
import { FtmError } from '../ftm/protocol.ts';
import { readFtmChip } from '../ftm/read-chip.ts';
import type { DeviceCatalogue } from '../usb/catalogue.ts';
import type { FtmChipListView, FtmChipReadingView, VerifyContext } from './hub.ts';
import { VIRTUAL_CHIP_PATH } from './virtual-part.ts';
import type { VirtualPart } from './virtual-part.ts';

export class FtmPart {
  constructor(
    private readonly catalogue: () => DeviceCatalogue,
    private readonly virtual: VirtualPart,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void,
  ) {}

  async chips(): Promise<FtmChipListView> {
    const out: FtmChipListView = [];
    const chip = this.virtual.virtualChip;
    if (chip)
      out.push({
        path: VIRTUAL_CHIP_PATH,
        vendorId: 0,
        productId: 0,
        product: `${chip.info.make} ${chip.info.model}`,
        serial: chip.info.serial,
        virtual: true,
      });
    try {
      for (const c of await findFtmChips(this.catalogue()))
        out.push({
          path: c.path,
          vendorId: c.vendorId,
          productId: c.productId,
          product: c.product,
          serial: c.serial,
          virtual: false,
        });
    } catch (e) {
      // No HID access (no hidraw, no libusb): list what we have and say why in the log.
      this.log('warn', 'HID enumeration failed', e);
    }
    return out;
  }

  async read(ctx: VerifyContext & { path: string }): Promise<FtmChipReadingView & { leafPem: string }> {
    const device = await this.open(ctx.path);
    let transport: HidTransport | null = null;
    try {
      transport = await HidTransport.open(device, { timeoutMs: 3000, deadlineMs: 15_000 });
      const reading = await readFtmChip(transport, {
        trustAnchorsPem: [],
        trustStore: ctx.trust,
        now: ctx.now,
      });
      const leaf = reading.chain[0];
      if (!leaf) throw new AppError('PD_HW_002', 'The chip sent no certificate.');
      return { ...reading, leafPem: leaf.pem };
    } catch (e) {
      throw asAppError(e);
    } finally {
      transport?.close();
      await device.close().catch(() => undefined);
    }
  }

  private async open(path: string) {
    if (path === VIRTUAL_CHIP_PATH) {
      const chip = this.virtual.virtualChip;
      if (!chip) throw new AppError('PD_HW_001', 'The virtual FTM chip is not running; start the virtual SBI.');
      const pipe = createReportPipe();
      chip.attach(pipe.device);
      return pipe.host;
    }
    // Only a device the catalogue lists as an FTM chip: the path comes from the (untrusted) UI, and
    // opening any other file read-write and writing reports to it must not be possible.
    if (!(await this.chips()).some((c) => !c.virtual && c.path === path))
      throw new AppError('PD_HW_001', 'No FTM chip is attached at this path.');
    try {
      return await openNodeHidDevice(path);
    } catch (e) {
      throw asAppError(e);
    }
  }
}

function asAppError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof HidError) {
    if (e.code === 'TIMEOUT' || e.code === 'MSG_TIMEOUT')
      return new AppError('PD_HW_007', `The chip did not answer in time (${e.message}).`);
    if (e.code === 'DEVICE_GONE' || e.code === 'OPEN_FAILED')
      return new AppError('PD_HW_001', `The chip is not reachable: ${e.message}.`);
    return new AppError('PD_HW_002', `The chip's answer is not valid: ${e.code}: ${e.message}.`);
  }
  if (e instanceof FtmError)
    return new AppError('PD_HW_002', `The chip's answer is not valid: ${e.code}: ${e.message}.`);
  return e;
}
