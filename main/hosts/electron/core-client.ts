import { Worker } from 'node:worker_threads';
import type { CallResult, ErrorCode, MethodName } from '../../contract/index.ts';
import type { CoreEvent, EventSource } from '../../core/index.ts';
import type { InstalledApp } from './desk-updates.ts';
import type { CoreWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

export type { CoreEvent };
type Log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

export interface CoreClientOptions {
  /** Absolute path of dist/electron/core-worker.cjs. */
  workerPath: string;
  dataDir: string;
  publicUrl: string;
  kek?: Uint8Array;
  /** The installed app: the worker runs the desk's updater for it (desk-updates.ts). */
  app?: InstalledApp;
  /** The updater started the installer; the host quits. */
  onQuitForUpdate?: () => void;
  /** A call that has not answered after this long resolves with PD_INTERNAL. */
  timeoutMs?: number;
  log?: Log;
}

/** `subscribe` is the core's (EventSource), carried to the worker and back. */
export interface CoreClient extends EventSource {
  /** Never rejects: worker failures and timeouts come back as error bodies. */
  call(method: MethodName, session: string | null, input: unknown): Promise<CallResult<MethodName>>;
  close(): Promise<void>;
}

interface Subscriber {
  session: string;
  deliver: (e: CoreEvent) => void;
  ended: (code: ErrorCode) => void;
}

interface Pending {
  resolve: (result: CallResult<MethodName>) => void;
  timer: NodeJS.Timeout;
}

const internal = (message: string): CallResult<MethodName> => ({
  ok: false,
  error: { code: 'PD_INTERNAL', message },
});

/**
 * The main process's handle on the core worker: promise-based calls with a per-call timeout and an
 * event emitter for core events. A worker that dies is restarted on the next call.
 */
export function startCoreClient(options: CoreClientOptions): CoreClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log: Log =
    options.log ??
    ((level, message, detail) => console[level === 'info' ? 'log' : level](`[core-client] ${message}`, detail ?? ''));
  const pending = new Map<number, Pending>();
  const subscribers = new Map<number, Subscriber>();
  let nextId = 1;
  let nextSub = 1;
  let worker: Worker | null = null;
  let closing = false;

  const failAll = (message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(internal(message));
    }
  };

  const start = (): Worker => {
    const data: CoreWorkerData = {
      dataDir: options.dataDir,
      publicUrl: options.publicUrl,
      ...(options.kek ? { kek: options.kek } : {}),
      ...(options.app ? { app: options.app } : {}),
    };
    const w = new Worker(options.workerPath, { workerData: data, name: 'partner-desk-core' });
    w.on('message', (message: FromWorker) => {
      switch (message.kind) {
        case 'result': {
          const p = pending.get(message.id);
          if (!p) return; // already timed out
          pending.delete(message.id);
          clearTimeout(p.timer);
          p.resolve(message.result);
          return;
        }
        case 'event':
          subscribers.get(message.sub)?.deliver({ event: message.event, payload: message.payload });
          return;
        case 'ended': {
          const s = subscribers.get(message.sub);
          subscribers.delete(message.sub);
          s?.ended(message.code);
          return;
        }
        case 'ready':
          log('info', 'core worker ready');
          return;
        case 'fatal':
          log('error', 'core worker could not open the core', message.message);
          return;
        case 'closed':
          return;
        case 'quit-for-update':
          log('info', 'the update installer started; quitting');
          options.onQuitForUpdate?.();
          return;
      }
    });
    w.on('error', (err) => log('error', 'core worker error', err));
    // A restarted worker takes over the windows' subscriptions (their sessions are checked again).
    for (const [sub, s] of subscribers)
      w.postMessage({ kind: 'subscribe', sub, session: s.session } satisfies ToWorker);
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll('The application core stopped; try again.');
      if (!closing) log('warn', `core worker exited with code ${code}`);
    });
    return w;
  };

  worker = start();

  return {
    call(method, session, input) {
      if (closing) return Promise.resolve(internal('The application is shutting down.'));
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<CallResult<MethodName>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          log('error', `${method} timed out after ${timeoutMs} ms`);
          resolve(internal('The application core did not answer in time.'));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        const message: ToWorker = { kind: 'call', id, method, session, input };
        try {
          w.postMessage(message);
        } catch (err) {
          clearTimeout(timer);
          pending.delete(id);
          log('error', `${method} could not be sent to the core worker`, err);
          resolve(internal('The request could not be passed to the application core.'));
        }
      });
    },
    subscribe(session, deliver, ended) {
      const sub = nextSub++;
      subscribers.set(sub, { session, deliver, ended });
      // A new worker subscribes every subscriber as it starts; a running one is told of this one.
      if (closing) return () => void subscribers.delete(sub);
      if (worker) worker.postMessage({ kind: 'subscribe', sub, session } satisfies ToWorker);
      else worker = start();
      return () => {
        if (!subscribers.delete(sub)) return;
        worker?.postMessage({ kind: 'unsubscribe', sub } satisfies ToWorker);
      };
    },
    async close() {
      closing = true;
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ kind: 'close' } satisfies ToWorker);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') await w.terminate();
      failAll('The application is shutting down.');
    },
  };
}
