import type { CallResult, ErrorCode, EventName, EventPayload, MethodName } from '../../contract/index.ts';
import type { InstalledApp } from './desk-updates.ts';

/** Messages between the main process (core-client.ts) and the core worker (core-worker.ts). */

export interface CoreWorkerData {
  dataDir: string;
  publicUrl: string;
  /** Key-encryption key from safeStorage; absent → the core's user-only key file. */
  kek?: Uint8Array;
  /** The installed app, for the desk's updater (desk-updates.ts); absent: updates are off. */
  app?: InstalledApp;
}

/** main → worker; `sub` numbers a window's event subscription (core.subscribe in the worker). */
export type ToWorker =
  | { kind: 'call'; id: number; method: string; session: string | null; input: unknown }
  | { kind: 'subscribe'; sub: number; session: string }
  | { kind: 'unsubscribe'; sub: number }
  | { kind: 'close' };

/** worker → main */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; result: CallResult<MethodName> }
  | { kind: 'event'; sub: number; event: EventName; payload: EventPayload<EventName> }
  | { kind: 'ended'; sub: number; code: ErrorCode }
  | { kind: 'closed' }
  /** The updater started the installer: the main process quits (its before-quit closes the core). */
  | { kind: 'quit-for-update' };
