import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CallResult, DataTopic, EventName, EventPayload, Input, MethodName, Output } from '../contract/index.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import type { ReadDb, WriteDb } from './context.ts';
import type { CoreDeps } from './deps.ts';
import { dispatch } from './dispatch.ts';
import type { DispatchEnv } from './dispatch.ts';
import { becomeServer, syncRole } from './sync/node.ts';
import type { DeskSyncPort } from './sync/port.ts';
import { runAsSystem } from './system.ts';
import { createMailer } from './mail/mailer.ts';
import type { Mailer } from './mail/mailer.ts';
import { aesKeyWrap, fileKek } from './keys/wrap.ts';
import type { HardwareHub, HubEmit } from '../../native/hub/hub.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What every host (Electron worker, web server, CLI, tests) holds. */
export interface Core {
  dispatch(method: string, session: string | null, input: unknown): Promise<CallResult<MethodName>>;
  onEvent(listener: CoreEventListener): () => void;
  readonly deps: CoreDeps;
  /** Direct connections for the CLI and tests; hosts never hand these to a UI. */
  readonly db: { reader: ReadDb; writer: WriteDb };
  /** Runs a command as the system actor, without a session (scheduled jobs, main/core/jobs.ts). */
  runAsSystem<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  /** What the desk's sync client (main/sync) works with: the connections, deps and event emitter. */
  readonly env: DispatchEnv;
  /** Hands the desk's sync client to `sync.connect` / `sync.now` / `sync.signIn`. */
  setDeskSync(port: DeskSyncPort | null): void;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  publicUrl: string;
  now?: () => Date;
  randomBytes?: (size: number) => Buffer;
  config?: Config;
  mailer?: Mailer;
  /** Key-encryption key (32 bytes); the desktop passes one kept by safeStorage, else a key file in dataDir. */
  kek?: Buffer;
  log?: CoreDeps['log'];
  /** The hardware hub; tests pass one with their own port range. Default: from config. */
  hardware?: (emit: HubEmit) => HardwareHub;
  /** 'server': this core serves desks (the server host); its changes are logged for their pulls. */
  syncRole?: 'server';
}

export const DB_FILE = 'partner-desk.db';

export function openCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const config = options.config ?? loadConfig(options.dataDir);
  const log: CoreDeps['log'] =
    options.log ?? ((level, message, detail) => console[level === 'info' ? 'log' : level](`[core] ${message}`, detail ?? ''));
  const listeners = new Set<CoreEventListener>();
  const emitEvent: HubEmit = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  const now = options.now ?? (() => new Date());
  const deps: CoreDeps = {
    dataDir: options.dataDir,
    config,
    now,
    randomBytes: options.randomBytes ?? ((n) => randomBytes(n)),
    mailer: options.mailer ?? createMailer(config, join(options.dataDir, 'mail-outbox')),
    keyWrap: aesKeyWrap(options.kek ?? fileKek(options.dataDir)),
    publicUrl: config.publicUrl ?? options.publicUrl,
    log,
    hardware: (options.hardware ?? ((emit) => createHardwareHub({ config: config.hardware, dataDir: options.dataDir, emit, now, log })))(emitEvent),
    deskSync: null,
  };
  const file = join(options.dataDir, DB_FILE);
  const writer = openDatabase(file) as WriteDb;
  // A set-based job (the SBI cascade) dirties tens of thousands of pages: with SQLite's 2 MB default
  // they spill to the WAL and are read back mid-transaction (~15% of the job). Grown only as used.
  writer.pragma('cache_size = -32768');
  const reader = new Database(file, { readonly: true, fileMustExist: true }) as ReadDb;
  reader.pragma('busy_timeout = 5000');
  // Lists and counts scan large indexes; memory-mapped reads spare a read() per page (10× on 1M-row counts).
  reader.pragma('mmap_size = 1073741824');
  if (options.syncRole === 'server') becomeServer(writer);
  const serving = syncRole(writer) === 'server';
  // A server pokes its desks after every committed change (content-free: "pull now"), once per tick.
  let pokeScheduled = false;
  const poke = () => {
    if (!serving || pokeScheduled) return;
    pokeScheduled = true;
    setImmediate(() => {
      pokeScheduled = false;
      emitEvent('sync.poke', {});
    });
  };
  const emit = (topic: DataTopic) => {
    emitEvent('data.changed', { topic });
    poke();
  };
  const env: DispatchEnv = { reader, writer, deps, emit };
  return {
    deps,
    db: { reader, writer },
    dispatch: (method, session, input) => dispatch(env, method, session, input),
    runAsSystem: (method, input) => runAsSystem(env, method, input),
    env,
    setDeskSync(port) {
      deps.deskSync = port;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      void deps.hardware.close();
      reader.close();
      writer.close();
    },
  };
}
