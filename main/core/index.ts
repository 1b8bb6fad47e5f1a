import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contract, isMethodName, ROLES } from '../contract/index.ts';
import type { CallResult, DataTopic, EventName, EventPayload, Input, MethodName, Output } from '../contract/index.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import type { ReadDb, WriteDb } from './context.ts';
import type { CoreDeps } from './deps.ts';
import { dispatch, resolveSession } from './dispatch.ts';
import type { DispatchEnv } from './handlers.ts';
import { handlers } from './handler-registry.ts';
import { activePartnerRoles } from './events/audience.ts';
import type { Audience } from './events/audience.ts';
import { EventSubscriptions } from './events/subscriptions.ts';
import type { EventSource } from './events/subscriptions.ts';
import { becomeServer, syncRole } from './sync/node.ts';
import type { DeskUpdatePort } from './releases/updates.ts';
import type { DeskSyncPort } from './sync/port.ts';
import { runAsSystem } from './system.ts';
import { createMailer } from './mail/mailer.ts';
import type { Mailer } from './mail/mailer.ts';
import { aesKeyWrap, fileKek } from '../../lib/keys/wrap.ts';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from '../../lib/private-files.ts';
import type { HardwareFactory } from './hardware/service.ts';
import type { IdaClient } from './ida/types.ts';
import { idaClientFromConfig } from './ida/config.ts';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>, audience: Audience) => void;
export type { Audience } from './events/audience.ts';
export type { CoreEvent, EventSource } from './events/subscriptions.ts';

/** What every host (Electron worker, web server, CLI, tests) holds. */
export interface Core extends EventSource {
  dispatch(method: string, session: string | null, input: unknown): Promise<CallResult<MethodName>>;
  /**
   * Every event with its audience, unfiltered: for tests and in-process tools. Hosts deliver to
   * UIs only through `subscribe` (EventSource), which checks the session and the audience.
   */
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
  /** Hands the desk's updater (main/update) to `updates.*`; the Electron host sets it. */
  setDeskUpdates(port: DeskUpdatePort | null): void;
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
  /** Builds the process's hardware service: the hosts pass native/hub's `createHardwareHub`. */
  hardware: HardwareFactory;
  /** The ID authentication service's client (assisted registration); tests pass the real one. */
  ida?: IdaClient | null;
  /** 'server': this core serves desks (the server host); its changes are logged for their pulls. */
  syncRole?: 'server';
}

export const DB_FILE = 'partner-desk.db';

/**
 * Links in mails start with the public URL, and mails travel far: it must carry no credential
 * (no user:password, no query string such as a host's launch token). The fragment is the core's.
 */
export function checkPublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`publicUrl is not a URL: ${value.slice(0, 100)}`);
  }
  if (url.username || url.password || url.search || url.hash)
    throw new Error('publicUrl must not carry credentials, a query string or a fragment (mails would repeat them)');
  return value;
}

export function openCore(options: CoreOptions): Core {
  ensurePrivateDir(options.dataDir);
  const config = options.config ?? loadConfig(options.dataDir);
  const log: CoreDeps['log'] =
    options.log ??
    ((level, message, detail) => console[level === 'info' ? 'log' : level](`[core] ${message}`, detail ?? ''));
  const listeners = new Set<CoreEventListener>();
  // Set once the read connection is open; the hub emits nothing before it is asked to work.
  let subscriptions: EventSubscriptions | null = null;
  const emitEvent: CoreEventListener = (event, payload, audience) => {
    for (const l of listeners) l(event, payload, audience);
    subscriptions?.emit(event, payload as EventPayload<EventName>, audience);
  };
  const now = options.now ?? (() => new Date());
  const keyWrap = aesKeyWrap(options.kek ?? fileKek(options.dataDir));
  const deps: CoreDeps = {
    dataDir: options.dataDir,
    config,
    now,
    randomBytes: options.randomBytes ?? ((n) => randomBytes(n)),
    mailer: options.mailer ?? createMailer(config, join(options.dataDir, 'mail-outbox')),
    keyWrap,
    publicUrl: checkPublicUrl(config.publicUrl ?? options.publicUrl),
    log,
    hardware: options.hardware({
      config: config.hardware,
      dataDir: options.dataDir,
      emit: emitEvent,
      now,
      log,
      keyWrap,
    }),
    deskSync: null,
    deskUpdates: null,
    // Set once the read connection is open: the real client reads its settings (ida_client) at each call.
    ida: options.ida ?? null,
  };
  const file = join(options.dataDir, DB_FILE);
  // SQLite gives -wal and -shm the database file's mode, so a 0600 database keeps them private too.
  ensurePrivateFile(file);
  const writer = openDatabase(file) as WriteDb;
  tightenIfPresent(`${file}-wal`, `${file}-shm`);
  // A set-based job (the SBI cascade) dirties tens of thousands of pages: with SQLite's 2 MB default
  // they spill to the WAL and are read back mid-transaction (~15% of the job). Grown only as used.
  writer.pragma('cache_size = -32768');
  const reader = new Database(file, { readonly: true, fileMustExist: true }) as ReadDb;
  reader.pragma('busy_timeout = 5000');
  if (options.ida === undefined) deps.ida = idaClientFromConfig(reader, deps);
  // Lists and counts scan large indexes; memory-mapped reads spare a read() per page (10× on 1M-row counts).
  reader.pragma('mmap_size = 1073741824');
  if (options.syncRole === 'server') becomeServer(writer);
  const serving = syncRole(writer) === 'server';
  // A server pokes its desks after every committed change (content-free: "pull now"), once per tick.
  // Every signed-in session may hear it: it says nothing but "pull", and each pull is scoped by role.
  let pokeScheduled = false;
  const poke = () => {
    if (!serving || pokeScheduled) return;
    pokeScheduled = true;
    setImmediate(() => {
      pokeScheduled = false;
      emitEvent('sync.poke', {}, { roles: ROLES });
    });
  };
  const emit = (topic: DataTopic, audience: Audience) => {
    emitEvent('data.changed', { topic }, audience);
    poke();
  };
  const env: DispatchEnv = { reader, writer, deps, emit, handlers };
  // A desk's sync client reports its rounds; the desk has one user, and each UI hears through its session.
  let stopActivity: (() => void) | null = null;
  const subs = new EventSubscriptions((token) => {
    const actor = resolveSession(env, token);
    return { actor, activeRoles: activePartnerRoles(reader, actor.userId) };
  }, log);
  subscriptions = subs;
  return {
    deps,
    db: { reader, writer },
    async dispatch(method, session, input) {
      const result = await dispatch(env, method, session, input);
      // A command may have ended a session (sign-out, password change, a disabled account).
      if (isMethodName(method) && contract[method].kind === 'command') subs.recheck();
      return result;
    },
    subscribe: (session, deliver, ended) => subs.subscribe(session, deliver, ended),
    runAsSystem: (method, input) => runAsSystem(env, method, input),
    env,
    setDeskSync(port) {
      stopActivity?.();
      deps.deskSync = port;
      stopActivity = port
        ? port.onActivity((activity) => emitEvent('sync.activity', activity, { roles: ROLES }))
        : null;
    },
    setDeskUpdates(port) {
      deps.deskUpdates = port;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      stopActivity?.();
      subs.close();
      void deps.hardware.close();
      reader.close();
      writer.close();
    },
  };
}
