/** The running virtual SBI's state, shared by the request handlers and the controls. */
import { performance } from 'node:perf_hooks';
import type { VirtualPki } from '../pki.ts';
import type { Sample } from './biometrics.ts';
import type { DigitalIdContext, VirtualDevice } from './devices.ts';
import type { EncryptionTarget } from './encryption.ts';
import type { VirtualSbiFault } from './faults.ts';

export interface OpenStream {
  deviceId: string;
  deviceSubId: string;
  /** Ends the stream (client gone, timeout, capture taken from it, server closing). */
  stop(): void;
}

export interface SbiContext {
  devices: Map<string, VirtualDevice>;
  pki: VirtualPki;
  samples: ReadonlyMap<string, Sample>;
  now: () => Date;
  fault: VirtualSbiFault | null;
  /** How long a capture takes to find a biometric; at or above the request's timeout, it finds none. */
  delayMs: number;
  deviceProvider: string;
  deviceProviderId: string;
  encryption: EncryptionTarget;
  port: number;
  streams: Set<OpenStream>;
  /** Pending waits, cancelled when the server closes. */
  timers: Set<() => void>;
}

export const callbackId = (ctx: SbiContext): string => `http://127.0.0.1:${ctx.port}/`;

export const digitalIdContext = (ctx: SbiContext): DigitalIdContext => ({
  now: ctx.now(),
  fault: ctx.fault,
  deviceProvider: ctx.deviceProvider,
  deviceProviderId: ctx.deviceProviderId,
});

/**
 * A wait of at least `ms` by the monotonic clock — timers may fire a little early against it, and
 * a compliance bench measures that the device waited the full timeout — cut short (resolving
 * false) by the server's close() or by `signal` (the client went away).
 */
export function wait(ctx: SbiContext, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  const until = performance.now() + ms;
  return new Promise((resolve) => {
    let t: NodeJS.Timeout;
    const cancel = () => {
      clearTimeout(t);
      ctx.timers.delete(cancel);
      signal?.removeEventListener('abort', cancel);
      resolve(false);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    const arm = () => {
      const left = until - performance.now();
      if (left <= 0) {
        ctx.timers.delete(cancel);
        signal?.removeEventListener('abort', cancel);
        resolve(true);
      } else t = setTimeout(arm, Math.ceil(left));
    };
    ctx.timers.add(cancel);
    arm();
  });
}
