/**
 * The report interface both sides of the HID transport are written against: raw 64-byte reports
 * in and out, and one "gone" notification. node-hid (host), a /dev/hidg0 file (gadget device
 * side) and the in-memory pipe below all implement it, so the virtual chip plugs in at report level.
 */
import { HidError } from './errors.ts';
import { REPORT_SIZE } from './framing.ts';

export interface ReportDevice {
  /** Sends one report of REPORT_SIZE bytes (without a report-id byte). Rejects with a HidError. */
  write(report: Uint8Array): Promise<void>;
  /** Every report received; returns the unsubscribe function. */
  onReport(listener: (report: Uint8Array) => void): () => void;
  /** Called once when the device goes away (unplug, read error, close). */
  onClose(listener: (reason: HidError) => void): () => void;
  close(): Promise<void>;
  readonly closed: boolean;
}

/** Listener bookkeeping shared by the implementations. */
export class ReportListeners {
  private readonly reports = new Set<(r: Uint8Array) => void>();
  private readonly closes = new Set<(e: HidError) => void>();
  private closedWith: HidError | null = null;

  get closed(): boolean {
    return this.closedWith !== null;
  }

  onReport(listener: (r: Uint8Array) => void): () => void {
    this.reports.add(listener);
    return () => this.reports.delete(listener);
  }

  onClose(listener: (e: HidError) => void): () => void {
    if (this.closedWith) {
      const reason = this.closedWith;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.closes.add(listener);
    return () => this.closes.delete(listener);
  }

  emitReport(report: Uint8Array): void {
    if (this.closedWith) return;
    for (const l of [...this.reports]) l(report);
  }

  /** Marks the device closed and tells the listeners once. */
  emitClose(reason: HidError): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    const listeners = [...this.closes];
    this.closes.clear();
    this.reports.clear();
    for (const l of listeners) l(reason);
  }
}

export interface ReportPipe {
  /** The host's end (what node-hid would be). */
  host: ReportDevice;
  /** The device's end (what /dev/hidg0 would be). */
  device: ReportDevice;
  /** Pulls the cable: both ends close with DEVICE_GONE. */
  unplug(): void;
}

/**
 * Two connected in-memory ends. Reports are delivered asynchronously (setImmediate), one at a
 * time and in order, like interrupt transfers; closing either end closes both.
 */
export function createReportPipe(): ReportPipe {
  const ends = [new ReportListeners(), new ReportListeners()] as const;
  const unplug = () => {
    const gone = new HidError('DEVICE_GONE', 'the device was unplugged');
    ends[0].emitClose(gone);
    ends[1].emitClose(gone);
  };
  const end = (self: ReportListeners, peer: ReportListeners): ReportDevice => ({
    write(report) {
      if (self.closed || peer.closed) return Promise.reject(new HidError('DEVICE_GONE', 'the device is gone'));
      if (report.length !== REPORT_SIZE)
        return Promise.reject(
          new HidError('MALFORMED_REPORT', `report of ${report.length} bytes, expected ${REPORT_SIZE}`),
        );
      const copy = new Uint8Array(report);
      return new Promise((resolve) =>
        setImmediate(() => {
          peer.emitReport(copy);
          resolve();
        }),
      );
    },
    onReport: (l) => self.onReport(l),
    onClose: (l) => self.onClose(l),
    close: async () => unplug(),
    get closed() {
      return self.closed;
    },
  });
  return { host: end(ends[0], ends[1]), device: end(ends[1], ends[0]), unplug };
}
