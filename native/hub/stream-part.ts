/**
 * Live STREAM views: the hub reads the device's M-JPEG and forwards each frame as an `sbi.frame`
 * event, so the renderer (which may not reach 127.0.0.1:4501 itself — CSP, sandbox) just shows it.
 * Streams end when the UI stops them, when the device ends, or after `maxMs`.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../main/contract/index.ts';
import { SbiClient } from '../sbi/client/sbi-client.ts';
import { isSbiError } from '../../lib/sbi/errors.ts';
import type { HubEmit, WorkOwner } from './hub.ts';

/** At most this many streams at once (each holds a device and a socket). */
const MAX_STREAMS = 4;

export class StreamPart {
  private readonly streams = new Map<string, { stop: AbortController; owner: WorkOwner }>();

  constructor(
    private readonly emit: HubEmit,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void,
    private readonly maxMs = 5 * 60_000,
  ) {}

  /** Frames go to the owner's session only: a live view is biometric data. */
  async start(opts: { port: number; deviceId: string; deviceSubId: string; owner: WorkOwner }): Promise<string> {
    if (this.streams.size >= MAX_STREAMS)
      throw new AppError('PD_HW_001', `At most ${MAX_STREAMS} live views can run at once; close one first.`);
    const streamId = randomUUID();
    const stop = new AbortController();
    this.streams.set(streamId, { stop, owner: opts.owner });
    const audience = { session: opts.owner.session };
    let seq = 0;
    let first!: (ok: boolean, why?: string) => void;
    const started = new Promise<{ ok: boolean; why?: string }>(
      (resolve) => (first = (ok, why) => resolve({ ok, ...(why ? { why } : {}) })),
    );
    const client = new SbiClient({ port: opts.port });
    void client
      .stream(
        { deviceId: opts.deviceId, deviceSubId: opts.deviceSubId, timeout: this.maxMs },
        (frame) => {
          if (seq === 0) first(true);
          this.emit('sbi.frame', { streamId, seq: seq++, jpeg: frame.jpeg.toString('base64') }, audience);
        },
        stop.signal,
      )
      .then(
        () => first(seq > 0, 'the device ended the stream without a frame'),
        (e: unknown) => {
          const why = isSbiError(e) ? `${e.code}: ${e.message}` : String(e);
          if (!isSbiError(e)) this.log('warn', 'stream failed', e);
          first(false, why);
        },
      )
      .finally(() => this.streams.delete(streamId));
    const outcome = await started;
    if (!outcome.ok) {
      stop.abort();
      throw new AppError('PD_HW_002', `The device did not stream: ${outcome.why ?? 'no frame'}.`);
    }
    return streamId;
  }

  owner(streamId: string): WorkOwner | undefined {
    return this.streams.get(streamId)?.owner;
  }

  stop(streamId: string): boolean {
    const s = this.streams.get(streamId);
    if (!s) return false;
    s.stop.abort();
    this.streams.delete(streamId);
    return true;
  }

  stopAll(): void {
    for (const s of this.streams.values()) s.stop.abort();
    this.streams.clear();
  }
}
