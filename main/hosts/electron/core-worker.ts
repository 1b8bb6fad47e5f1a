import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from '../../core/index.ts';
import { createHardwareHub } from '../../../native/hub/create-hub.ts';
import { withDeskSync } from '../../sync/attach.ts';
import { withScheduledJobs } from '../../core/jobs.ts';
import type { Core } from '../../core/index.ts';
import { fileLog } from '../shared/file-log.ts';
import { attachDeskUpdates } from './desk-updates.ts';
import type { CoreWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

/**
 * The core's thread. better-sqlite3 is synchronous, so the core runs here — never on the main
 * process's event loop, which must stay free for window and IPC work. Bundled to
 * dist/electron/core-worker.cjs and started by core-client.ts.
 */

const port = parentPort;
if (!port) throw new Error('core-worker.ts must run inside a worker thread.');
const data = workerData as CoreWorkerData;
const post = (message: FromWorker): void => port.postMessage(message);

let core: Core | null = null;
try {
  core = openCore({
    hardware: createHardwareHub,
    dataDir: data.dataDir,
    publicUrl: data.publicUrl,
    log: fileLog(data.dataDir),
    ...(data.kek ? { kek: Buffer.from(data.kek) } : {}),
  });
} catch (err) {
  post({ kind: 'fatal', message: err instanceof Error ? err.message : String(err) });
  port.close();
}

if (core) {
  // API key expiry and other scheduled jobs run in the core's thread; close() stops them.
  const opened = withDeskSync(withScheduledJobs(core));
  const log = fileLog(data.dataDir);
  const stopUpdates = data.app
    ? attachDeskUpdates(opened, data.app, () => post({ kind: 'quit-for-update' }), log)
    : () => undefined;
  // Each window's events come through the core's session-checked subscription, never a broadcast.
  const subscriptions = new Map<number, () => void>();
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'close') {
      for (const off of subscriptions.values()) off();
      stopUpdates();
      opened.close();
      post({ kind: 'closed' });
      port.close();
      return;
    }
    if (message.kind === 'subscribe') {
      const { sub } = message;
      subscriptions.get(sub)?.();
      const off = opened.subscribe(
        message.session,
        (e) => post({ kind: 'event', sub, event: e.event, payload: e.payload }),
        (code) => {
          subscriptions.delete(sub);
          post({ kind: 'ended', sub, code });
        },
      );
      subscriptions.set(sub, off);
      return;
    }
    if (message.kind === 'unsubscribe') {
      subscriptions.get(message.sub)?.();
      subscriptions.delete(message.sub);
      return;
    }
    const { id, method, session, input } = message;
    opened.dispatch(method, session, input).then(
      (result) => post({ kind: 'result', id, result }),
      (err: unknown) => {
        // dispatch() answers every failure itself; this is a last resort.
        console.error('[core-worker] dispatch threw', err);
        post({
          kind: 'result',
          id,
          result: {
            ok: false,
            error: {
              code: 'PD_INTERNAL',
              message: 'Something went wrong; the details are in the log.',
            },
          },
        });
      },
    );
  });
  post({ kind: 'ready' });
}
