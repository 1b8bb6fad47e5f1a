/**
 * Shared parts of the sync benchmarks: the server in its own process (sync-server.ts), desks as
 * cores in this process with the product's client and HTTP transport, bytes counted on the TCP
 * sockets this process opens, and the statistics printed.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { CallResult, Input, MethodName } from '../../main/contract/index.ts';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { DeskSyncClient } from '../../main/sync/client.ts';
import type { DeskSyncOptions } from '../../main/sync/client.ts';
import { HttpSyncTransport } from '../../main/sync/http-transport.ts';
import type { SyncTransport } from '../../main/sync/transport.ts';
import { ADMIN } from '../helpers/core.ts';

/** `--name value` options after the benchmark's name (`npm run bench -- sync-full --scale 0.1`). */
export function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}
export const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
export const secs = (ms: number) => (ms / 1000).toFixed(2);
export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A data directory with only the first run done (the admin account, the signing CA). */
export async function firstRunDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1/',
    config: parseConfig({}),
    log: () => undefined,
  });
  const r = await core.dispatch('setup.createAdmin', null, ADMIN);
  core.close();
  if (!r.ok) throw new Error(`setup failed: ${r.error.message}`);
  return dir;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface BenchServer {
  url: string;
  port: number;
  /** Time to open the core as a server (migrations, the change-log backfill of existing rows). */
  openMs: number;
  proc: ChildProcess;
  /** The server's own time per call (its request log's `ms`), added up by method. */
  requestMs: Map<string, number>;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

/** The server process on `dataDir`; `config` becomes its config.json (e.g. rate limits for 50 desks). */
export function startServer(dataDir: string, config: Record<string, unknown> = {}): Promise<BenchServer> {
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  const ui = join(dataDir, 'ui');
  mkdirSync(ui, { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>bench</title>');
  // SERVER_PROF=<dir>: a CPU profile of the server process, written there when it stops.
  const prof = process.env.SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_PROF}`] : [];
  const proc = spawn(
    process.execPath,
    ['--expose-gc', ...prof, '--import', 'tsx', 'test/bench/sync-server.ts', dataDir, ui],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting: Array<(m: Memory) => void> = [];
  const requestMs = new Map<string, number>();
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: {
        msg?: string;
        level?: string;
        port?: number;
        openMs?: number;
        call?: string;
        ms?: number;
      } & Memory;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return void process.stderr.write(`server: ${line}\n`);
      }
      if (entry.level === 'error' || entry.level === 'warn') process.stderr.write(`server: ${line}\n`);
      if (entry.msg === 'mem') waiting.shift()?.(entry);
      if (entry.msg === 'request' && entry.call)
        requestMs.set(entry.call, (requestMs.get(entry.call) ?? 0) + (entry.ms ?? 0));
      if (entry.msg !== 'listening') return;
      resolve({
        url: `http://127.0.0.1:${entry.port}`,
        port: entry.port!,
        openMs: entry.openMs!,
        proc,
        requestMs,
        memory: () => new Promise((done) => (waiting.push(done), proc.stdin!.write('mem\n'))),
        stop: () =>
          new Promise(
            (done) => (proc.removeAllListeners('exit'), proc.once('exit', () => done()), proc.stdin!.write('stop\n')),
          ),
      });
    });
  });
}

/** Bytes on every TCP socket this process opens (HTTP calls and event sockets alike). */
export class WireCounter {
  private live = new Set<Socket>();
  private closedIn = 0;
  private closedOut = 0;
  /** One entry per closed socket: a desk call is one connection (the transport keeps none alive). */
  readonly connections: Array<{ sent: number; received: number }> = [];
  private readonly onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    this.live.add(socket);
    socket.once('close', () => {
      this.live.delete(socket);
      this.closedIn += socket.bytesRead;
      this.closedOut += socket.bytesWritten;
      this.connections.push({ sent: socket.bytesWritten, received: socket.bytesRead });
    });
  };
  constructor() {
    subscribe('net.client.socket', this.onSocket);
  }
  totals(): { received: number; sent: number } {
    let received = this.closedIn;
    let sent = this.closedOut;
    for (const s of this.live) {
      received += s.bytesRead;
      sent += s.bytesWritten;
    }
    return { received, sent };
  }
  reset(): void {
    this.closedIn = 0;
    this.closedOut = 0;
    this.connections.length = 0;
    for (const s of this.live) this.live.delete(s);
  }
}

/** The product's HTTP transport with the wall time of each method's calls added up. */
export class TimedTransport implements SyncTransport {
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();
  firstCall = new Map<string, number>();
  constructor(private readonly inner: SyncTransport) {}
  async call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>> {
    const t = performance.now();
    if (!this.firstCall.has(method)) this.firstCall.set(method, t);
    try {
      return await this.inner.call(method, input, session);
    } finally {
      this.ms.set(method, (this.ms.get(method) ?? 0) + performance.now() - t);
      this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    }
  }
  onPoke(session: string, listener: () => void): () => void {
    return this.inner.onPoke(session, listener);
  }
  close(): void {
    this.inner.close();
  }
}

export interface BenchDesk {
  core: Core;
  client: DeskSyncClient;
  transport: TimedTransport | null;
  dir: string;
  /** A local session of the desk's user (offline sign-in with the cached credential). */
  signIn(): Promise<string>;
  close(): Promise<void>;
}

/** A new desk core with the product's sync client over HTTP; not joined yet (see `joinServer`). */
export function newDesk(opts: Omit<DeskSyncOptions, 'transport'> = {}): BenchDesk {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-desk-'));
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1:9/',
    config: parseConfig({}),
    log: () => undefined,
  });
  const desk: BenchDesk = {
    core,
    dir,
    transport: null,
    client: new DeskSyncClient(core, {
      ...opts,
      transport: (target) => (desk.transport = new TimedTransport(new HttpSyncTransport(target, 120_000))),
    }),
    async signIn() {
      const r = await core.dispatch('auth.login', null, {
        login: ADMIN.username,
        password: ADMIN.password,
      });
      if (!r.ok) throw new Error(`desk sign-in: ${r.error.message}`);
      return (r.result as { token: string }).token;
    },
    async close() {
      await desk.client.stop();
      core.close();
    },
  };
  core.setDeskSync(desk.client);
  return desk;
}

/** `sync.connect` as the admin: login, register, first full sync. */
export async function joinServer(desk: BenchDesk, serverUrl: string, name: string): Promise<void> {
  const r = await desk.core.dispatch('sync.connect', null, {
    serverUrl,
    login: ADMIN.username,
    password: ADMIN.password,
    deskName: name,
  });
  if (!r.ok) throw new Error(`sync.connect: ${r.error.code} ${r.error.message}`);
}

/** One call to the server as a plain HTTP client (an admin working online on the server). */
export async function serverCall<M extends MethodName>(
  serverUrl: string,
  method: M,
  input: Input<M>,
  session: string | null,
): Promise<unknown> {
  const t = new HttpSyncTransport({ serverUrl, fingerprint: null });
  const r = await t.call(method, input, session);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result;
}

export async function adminSession(serverUrl: string): Promise<string> {
  return (
    (await serverCall(serverUrl, 'auth.login', { login: ADMIN.username, password: ADMIN.password }, null)) as {
      token: string;
    }
  ).token;
}
