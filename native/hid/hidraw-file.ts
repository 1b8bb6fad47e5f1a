/**
 * A report interface on a character device: the USB gadget's /dev/hidg0 on the device side (each
 * read gives one 64-byte output report of the host, each 64-byte write is one input report; no
 * report-id byte). Reads are blocking calls on libuv's thread pool, since Node cannot poll a
 * character device; bytes are regrouped into 64-byte reports so a FIFO pair can stand in for tests.
 *
 * A failed write (gadget unbound: the kernel refuses it) rejects that write only; the device stays
 * open because the same file works again after the gadget is bound. A read error or end of file
 * closes it (DEVICE_GONE); the owner may reopen.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { HidError } from './errors.ts';
import { REPORT_SIZE } from './framing.ts';
import { ReportListeners } from './report-device.ts';
import type { ReportDevice } from './report-device.ts';

export interface ReportFileOptions {
  /** Write to another file than the one read (two FIFOs in tests); default: the same file. */
  writePath?: string;
}

export async function openReportFile(path: string, opts: ReportFileOptions = {}): Promise<ReportDevice> {
  let reader: FileHandle;
  let writer: FileHandle;
  try {
    reader = await open(path, 'r+');
  } catch (e) {
    throw new HidError('OPEN_FAILED', `cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    writer = opts.writePath ? await open(opts.writePath, 'r+') : reader;
  } catch (e) {
    await reader.close().catch(() => undefined);
    throw new HidError('OPEN_FAILED', `cannot open ${opts.writePath}: ${(e as Error).message}`);
  }
  return new ReportFile(path, reader, writer);
}

class ReportFile implements ReportDevice {
  private readonly l = new ReportListeners();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly reader: FileHandle,
    private readonly writer: FileHandle,
  ) {
    void this.readLoop();
  }

  get closed(): boolean {
    return this.l.closed;
  }

  write(report: Uint8Array): Promise<void> {
    if (this.l.closed) return Promise.reject(new HidError('DEVICE_GONE', `${this.path} is closed`));
    if (report.length !== REPORT_SIZE)
      return Promise.reject(
        new HidError('MALFORMED_REPORT', `report of ${report.length} bytes, expected ${REPORT_SIZE}`),
      );
    const copy = new Uint8Array(report);
    const done = this.writes.then(async () => {
      try {
        const { bytesWritten } = await this.writer.write(copy, 0, REPORT_SIZE, null);
        if (bytesWritten !== REPORT_SIZE) throw new Error(`short write (${bytesWritten} bytes)`);
      } catch (e) {
        throw new HidError('DEVICE_GONE', `write to ${this.path} failed: ${(e as Error).message}`);
      }
    });
    this.writes = done.catch(() => undefined);
    return done;
  }

  onReport(listener: (r: Uint8Array) => void): () => void {
    return this.l.onReport(listener);
  }

  onClose(listener: (e: HidError) => void): () => void {
    return this.l.onClose(listener);
  }

  /**
   * Closes without waiting: a read blocked in the kernel ends only when the next report arrives,
   * and FileHandle.close waits for it; the handles are released then.
   */
  async close(): Promise<void> {
    this.shut(new HidError('CLOSED', `${this.path} was closed`));
  }

  private shut(reason: HidError): void {
    if (this.l.closed) return;
    this.l.emitClose(reason);
    void this.reader.close().catch(() => undefined);
    if (this.writer !== this.reader) void this.writer.close().catch(() => undefined);
  }

  private async readLoop(): Promise<void> {
    let pending = new Uint8Array(0);
    while (!this.l.closed) {
      const buf = new Uint8Array(REPORT_SIZE);
      let n: number;
      try {
        n = (await this.reader.read(buf, 0, REPORT_SIZE, null)).bytesRead;
      } catch (e) {
        return this.shut(new HidError('DEVICE_GONE', `read from ${this.path} failed: ${(e as Error).message}`));
      }
      if (this.l.closed) return;
      if (n === 0) return this.shut(new HidError('DEVICE_GONE', `${this.path}: end of file`));
      const joined = new Uint8Array(pending.length + n);
      joined.set(pending);
      joined.set(buf.subarray(0, n), pending.length);
      let at = 0;
      for (; at + REPORT_SIZE <= joined.length; at += REPORT_SIZE)
        this.l.emitReport(joined.slice(at, at + REPORT_SIZE));
      pending = joined.slice(at);
    }
  }
}
