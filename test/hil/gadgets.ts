/**
 * USB gadgets in the guest through configfs (libcomposite): each gadget is bound to its own UDC of
 * dummy_hcd (loaded with num=2), so the guest kernel sees two separate devices on virtual cables
 * and enumerates them exactly as it would physical ones (usbcore → usbhid → hidraw, udev events).
 * Unbinding a gadget from its UDC is the unplug; binding it again is the replug.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONFIGFS = '/sys/kernel/config/usb_gadget';

export type GadgetFunction =
  | { kind: 'hid'; reportDescriptor: Uint8Array; reportLength: number }
  /** usb_f_ss_lb's SourceSink: one vendor-specific interface with bulk endpoints and no host driver. */
  | { kind: 'vendor' };

export interface GadgetSpec {
  /** configfs directory name. */
  name: string;
  vendorId: number;
  productId: number;
  manufacturer: string;
  product: string;
  serial: string;
  fn: GadgetFunction;
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const put = (path: string, value: string | Uint8Array) => writeFileSync(path, value);

/** UDC names (dummy_udc.0, dummy_udc.1, …), in a stable order. */
export const udcs = (): string[] => (existsSync('/sys/class/udc') ? readdirSync('/sys/class/udc').sort() : []);

export function createGadget(spec: GadgetSpec): void {
  const g = join(CONFIGFS, spec.name);
  mkdirSync(g);
  put(join(g, 'idVendor'), hex4(spec.vendorId));
  put(join(g, 'idProduct'), hex4(spec.productId));
  put(join(g, 'bcdDevice'), '0x0100');
  put(join(g, 'bcdUSB'), '0x0200');
  const strings = join(g, 'strings/0x409');
  mkdirSync(strings, { recursive: true });
  put(join(strings, 'manufacturer'), spec.manufacturer);
  put(join(strings, 'product'), spec.product);
  put(join(strings, 'serialnumber'), spec.serial);
  const config = join(g, 'configs/c.1');
  mkdirSync(join(config, 'strings/0x409'), { recursive: true });
  put(join(config, 'strings/0x409/configuration'), 'HIL');
  put(join(config, 'MaxPower'), '100');
  const fnDir = join(g, 'functions', spec.fn.kind === 'hid' ? `hid.${spec.name}` : `SourceSink.${spec.name}`);
  mkdirSync(fnDir);
  if (spec.fn.kind === 'hid') {
    put(join(fnDir, 'protocol'), '0');
    put(join(fnDir, 'subclass'), '0');
    put(join(fnDir, 'report_length'), String(spec.fn.reportLength));
    put(join(fnDir, 'report_desc'), spec.fn.reportDescriptor);
  }
  symlinkSync(fnDir, join(config, fnDir.split('/').at(-1)!));
}

/** Plug the gadget into a UDC (the host side then enumerates it). */
export const bind = (name: string, udc: string): void => put(join(CONFIGFS, name, 'UDC'), udc);
/** Pull the cable: the host sees a disconnect. */
export const unbind = (name: string): void => put(join(CONFIGFS, name, 'UDC'), '\n');

/** Whether the guest's host side has enumerated the gadget (sysfs, independent of the code under test). */
export function enumerated(spec: GadgetSpec): boolean {
  const id = (dir: string, file: string) => {
    try {
      return Number.parseInt(readFileSync(join('/sys/bus/usb/devices', dir, file), 'utf8'), 16);
    } catch {
      return -1;
    }
  };
  return readdirSync('/sys/bus/usb/devices').some(
    (d) => id(d, 'idVendor') === spec.vendorId && id(d, 'idProduct') === spec.productId,
  );
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
  everyMs = 20,
): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
