import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallResult, Input, MethodName, Output } from '../../main/contract/index.ts';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { startWebHost } from '../../main/hosts/web/server.ts';
import type { WebHost } from '../../main/hosts/web/server.ts';
import { withDeskSync } from '../../main/sync/attach.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/**
 * `npm run server` as its own process (plain HTTP on loopback, `--insecure-loopback`: Chromium
 * would not trust the deployment's CA), on a fixed port so a restart comes back at the same address.
 */
export class ServerProcess {
  private proc: ChildProcess | null = null;
  readonly origin: string;
  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const p = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/hosts/server/cli.ts',
        '--data-dir',
        this.dataDir,
        '--port',
        String(this.port),
        '--insecure-loopback',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.proc = p;
    let err = '';
    p.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((ok, fail) => {
      let out = '';
      p.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('"msg":"listening"')) ok();
      });
      p.once('exit', (code) => fail(new Error(`server exited ${code}: ${err.slice(0, 2000)}`)));
    });
  }

  /** SIGTERM: the server finishes what is in flight and exits (the desks see it gone). */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((ok) => p.once('exit', () => ok()));
    p.kill('SIGTERM');
    await exited;
    this.proc = null;
  }

  /** A call as a script would make it (no Origin), with an optional bearer session. */
  async call<M extends MethodName>(method: M, input: Input<M>, session?: string): Promise<Output<M>> {
    const res = await fetch(`${this.origin}/api/call/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session ? { authorization: `Bearer ${session}` } : {}),
      },
      body: JSON.stringify({ input }),
    });
    const r = (await res.json()) as CallResult<M>;
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result;
  }
}

/** A desk: the web host over its own data directory, with the desk sync client, as `npm run web` runs it. */
export interface SyncDesk {
  host: WebHost;
  core: Core;
  close(): Promise<void>;
}

export async function openDesk(dataDir: string): Promise<SyncDesk> {
  let core: Core | undefined;
  const host = await startWebHost({
    port: 0,
    rendererDir: join(root, 'dist', 'renderer'),
    openCore: (publicUrl) =>
      (core = withDeskSync(openCore({ hardware: createHardwareHub, dataDir, publicUrl, log: () => undefined }))),
  });
  return { host, core: core!, close: () => host.close() };
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
