import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ValidationOptions } from './validate.ts';
import { DEFAULT_TRUST_PROFILE } from './verdict.ts';
import type { PartnerDomain, PathFailure, Verdict } from './verdict.ts';

/**
 * A small worker_threads pool for hosts that validate from an event loop (web host, CLI). The
 * engine is synchronous and bounded by its own budget; the pool adds a hard timeout on top: a
 * worker that has not answered in time is terminated and replaced, and the call resolves with
 * PD_PKI_008. Requests carry raw certificates (structured-cloneable); each worker keeps its own
 * parse cache, so a repeated trust store stays warm inside the worker.
 */
export interface WorkerRequest {
  leaf: string | Uint8Array;
  domain: PartnerDomain;
  trust: Array<{
    cert: string | Uint8Array;
    domain: PartnerDomain;
    role: 'anchor' | 'intermediate';
  }>;
  intermediates?: Array<string | Uint8Array>;
  at: Date;
  options?: Omit<ValidationOptions, 'clock'>;
}

export interface WorkerPoolOptions {
  size?: number;
  /** Hard limit per call from the moment a worker takes it (a cold worker's start counts); queueing excluded. */
  timeoutMs?: number;
  /** The worker script; a .ts path runs through tsx (development and tests), a bundle passes its .cjs. */
  workerPath?: string | URL;
}

export type ToPkiWorker = { id: number; request: WorkerRequest };
export type FromPkiWorker = { id: number; verdict: Verdict } | { id: number; error: string };

interface Job {
  id: number;
  request: WorkerRequest;
  resolve: (v: Verdict) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const timedOut = (ms: number, request: WorkerRequest): PathFailure => ({
  ok: false,
  profile: request.options?.profile ?? DEFAULT_TRUST_PROFILE,
  code: 'PD_PKI_008',
  check: 'budget',
  cert: null,
  message: `validation did not finish within ${ms} ms; the worker was stopped`,
  stats: { candidates: 0, signatureChecks: 0, elapsedMs: ms },
});

export class PkiWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly workerPath: string | URL;
  private nextId = 1;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.workerPath = options.workerPath ?? new URL('./worker-entry.ts', import.meta.url);
  }

  /** Resolves with the verdict (or PD_PKI_008 on timeout); rejects only if the worker itself crashed. */
  validate(request: WorkerRequest): Promise<Verdict> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error('worker pool closed'))));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        void this.stop(slot, null).then(() => job.resolve(timedOut(this.timeoutMs, job.request)));
        this.pump();
      }, this.timeoutMs);
      slot.worker.postMessage({ id: job.id, request: job.request } satisfies ToPkiWorker);
    }
  }

  private spawn(): Slot {
    const worker = String(this.workerPath).endsWith('.ts')
      ? new Worker(tsBootstrap(this.workerPath), { eval: true, name: 'partner-desk-pki' })
      : new Worker(this.workerPath, { name: 'partner-desk-pki' });
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref(); // an idle pool never keeps the process alive
    worker.on('message', (m: FromPkiWorker) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.finish(slot);
      if ('verdict' in m) job.resolve(m.verdict);
      else job.reject(new Error(`pki worker failed: ${m.error}`));
      this.pump();
    });
    const die = (err: Error) => {
      const job = slot.job;
      this.finish(slot);
      this.remove(slot);
      job?.reject(err);
      if (!this.closed) this.pump();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`pki worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private async stop(slot: Slot, reason: Error | null): Promise<void> {
    const job = slot.job;
    this.finish(slot);
    this.remove(slot);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
    if (job && reason) job.reject(reason);
  }
}

/** Development and tests run the TypeScript entry directly: register tsx inside the worker first. */
function tsBootstrap(entry: string | URL): string {
  // The ESM build of tsx's API (its "import" export); createRequire would pick the CJS one.
  const tsx = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const href = entry instanceof URL ? entry.href : pathToFileURL(entry).href;
  return `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(href)}));`;
}

let shared: PkiWorkerPool | null = null;

/** Validates on the shared pool (created on first use with `options`: one worker, 2 s hard timeout by default). */
export function validateInWorker(request: WorkerRequest, options?: WorkerPoolOptions): Promise<Verdict> {
  shared ??= new PkiWorkerPool(options);
  return shared.validate(request);
}
