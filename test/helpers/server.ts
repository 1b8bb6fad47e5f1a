import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { startServerHost } from '../../main/hosts/server/server.ts';
import type { ServerHost } from '../../main/hosts/server/server.ts';
import type { JsonLog } from '../../main/hosts/server/log.ts';
import { serverTls } from '../../main/hosts/server/tls.ts';
import type { ServerTls } from '../../main/hosts/server/tls.ts';
import { ADMIN } from './core.ts';

export interface TestServer {
  host: ServerHost;
  core: Core;
  tls: ServerTls | null;
  dataDir: string;
  /** The deployment's signing CA (PEM): what a desk trusts before pinning the server certificate. */
  caPem: string;
  logLines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A minimal built UI, so the tests do not depend on `vite build`. */
export function fixtureUi(dir: string): string {
  const ui = join(dir, 'ui');
  mkdirSync(ui, { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><html><head><title>fixture</title></head><body></body></html>');
  writeFileSync(join(ui, 'app.js'), 'console.log(1)');
  return ui;
}

/**
 * A real server host on a free loopback port: a data directory set up with the first admin (so the
 * signing CA exists), TLS issued at first start unless `insecure`, JSON log lines captured.
 */
export async function testServer(
  options: {
    config?: Record<string, unknown>;
    insecure?: boolean;
    dataDir?: string;
    rendererDir?: string;
    now?: () => number;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pd-server-'));
  const logLines: Array<Record<string, unknown>> = [];
  const log: JsonLog = (level, msg, fields = {}) => logLines.push({ level, msg, ...fields });
  const core = openCore({
    hardware: createHardwareHub,
    dataDir,
    publicUrl: 'https://localhost/',
    config: parseConfig(options.config ?? {}),
    log: () => undefined,
  });
  const info = await core.dispatch('system.info', null, {});
  if (info.ok && (info.result as { setupRequired: boolean }).setupRequired) {
    const setup = await core.dispatch('setup.createAdmin', null, ADMIN);
    if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  }
  const caDer = core.db.reader
    .prepare("SELECT certificate_der FROM signing_key WHERE purpose = 'partner-signing'")
    .pluck()
    .get() as Buffer;
  const hostNames = ['localhost', '127.0.0.1'];
  const tls = options.insecure ? null : await serverTls(core, hostNames);
  const host = await startServerHost({
    core,
    port: 0,
    bind: '127.0.0.1',
    tls,
    hostNames,
    rendererDir: options.rendererDir ?? fixtureUi(dataDir),
    log,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    host,
    core,
    tls,
    dataDir,
    caPem: new X509Certificate(caDer).toString(),
    logLines,
    async close() {
      await host.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What a desk does: trust the deployment's CA and accept only the server certificate whose SHA-256
 * fingerprint it pinned (checkServerIdentity runs after the chain and host name checks pass).
 */
export function pinnedOptions(
  caPem: string,
  fingerprint256: string,
): Pick<RequestOptions, 'ca' | 'checkServerIdentity'> {
  return {
    ca: caPem,
    checkServerIdentity(host: string, cert: PeerCertificate) {
      const wrongName = checkServerIdentity(host, cert);
      if (wrongName) return wrongName;
      if (cert.fingerprint256 !== fingerprint256)
        return new Error(`certificate fingerprint ${cert.fingerprint256} is not the pinned one`);
      return undefined;
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/**
 * One HTTPS request with node:https (raw, so Host and Origin can be anything), on a new connection:
 * a resumed TLS session skips checkServerIdentity, so a pinning client must not share an agent's
 * session cache with clients that pin something else.
 */
export function httpsCall(
  port: number,
  path: string,
  options: RequestOptions & { body?: string | Buffer } = {},
): Promise<Answer> {
  const { body, ...rest } = options;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        ...rest,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON (a page): the text itself
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
