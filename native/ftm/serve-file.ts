/**
 * Runs a virtual FTM chip as the firmware of a USB gadget: the device side on /dev/hidg0 (or any
 * file of raw 64-byte reports). Opens the file, serves until it closes, and opens it again —
 * the gadget's file may not exist yet at start and may end when the gadget is torn down.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openReportFile } from '../hid/hidraw-file.ts';
import type { ReportFileOptions } from '../hid/hidraw-file.ts';
import type { ChipServerOptions, VirtualFtmChip } from './virtual-chip.ts';

export interface ServeFileOptions extends ReportFileOptions {
  /** Stops serving (the promise then resolves). */
  signal?: AbortSignal;
  /** Wait between attempts to (re)open the file. */
  retryMs?: number;
  server?: ChipServerOptions;
  /** Progress lines for a console ("serving /dev/hidg0", "…: reopening"). */
  log?: (line: string) => void;
}

export async function serveChipOnReportFile(
  chip: VirtualFtmChip,
  path: string,
  opts: ServeFileOptions = {},
): Promise<void> {
  const { signal, retryMs = 200, log = () => undefined } = opts;
  const pause = () => sleep(retryMs, undefined, signal ? { signal } : {}).catch(() => undefined);
  while (!signal?.aborted) {
    let device;
    try {
      device = await openReportFile(path, opts.writePath ? { writePath: opts.writePath } : {});
    } catch (e) {
      log(`${(e as Error).message}; retrying`);
      await pause();
      continue;
    }
    log(`serving the virtual FTM chip on ${path}`);
    const detach = chip.attach(device, opts.server);
    let onAbort = () => undefined as void;
    const reason = await new Promise<string>((resolve) => {
      device.onClose((e) => resolve(e.message));
      onAbort = () => resolve('stopped');
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    signal?.removeEventListener('abort', onAbort);
    detach();
    await device.close();
    log(`${path}: ${reason}`);
    if (!signal?.aborted) await pause();
  }
}
