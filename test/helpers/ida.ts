/**
 * One world for the ID authentication tests and the benchmark: a core with the demo dataset (the
 * ID service's keys and identities, the demo desk as an Auth partner, this desk's IDA client), the
 * real server host on a loopback port serving /idauthentication/v1, and the hub's virtual SBI
 * encrypting Auth captures to the service's IDA-FIR certificate. All on the test clock.
 */
import { rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServerHost } from '../../main/hosts/server/server.ts';
import type { ServerHost } from '../../main/hosts/server/server.ts';
import { idaClientFromConfig } from '../../main/core/ida/config.ts';
import type { IdaClientOptions } from '../../main/core/ida/config.ts';
import type { IdaClient, SbiAuthBiometric } from '../../main/core/ida/types.ts';
import { serviceCertificate } from '../../main/core/id-service/keys.ts';
import { createIdService } from '../../main/core/id-service/service.ts';
import { serveIdAuthentication } from '../../main/hosts/shared/id-service-http.ts';
import type { Core } from '../../main/core/index.ts';
import { testCore, TestClock } from './core.ts';
import type { TestCore } from './core.ts';
import { fixtureUi } from './server.ts';

export interface IdaWorld {
  tc: TestCore;
  clock: TestClock;
  host: ServerHost;
  baseUrl: string;
  password: string;
  sbiPort: number;
  /** The server host's JSON log lines. */
  logLines: Array<Record<string, unknown>>;
  client(options?: IdaClientOptions): IdaClient;
  /** One Auth CAPTURE from the virtual SBI (finger by default), its items as the desk passes them on. */
  capture(transactionId: string, bio?: Record<string, unknown>): Promise<SbiAuthBiometric[]>;
  close(): Promise<void>;
}

export async function idaWorld(
  ports: [number, number],
  clock = new TestClock(),
  config: { hardware?: Record<string, unknown>; assisted?: Record<string, unknown> } = {},
): Promise<IdaWorld> {
  const tc = testCore({
    clock,
    config: {
      hardware: { sbiPortFrom: ports[0], sbiPortTo: ports[1], ...config.hardware },
      ...(config.assisted ? { assisted: config.assisted } : {}),
    },
  });
  const demo = await tc.call('setup.loadDemo', {});
  const logLines: Array<Record<string, unknown>> = [];
  const host = await startServerHost({
    core: tc.core,
    port: 0,
    bind: '127.0.0.1',
    tls: null,
    hostNames: ['127.0.0.1'],
    rendererDir: fixtureUi(tc.dir),
    log: (level, msg, fields = {}) => void logLines.push({ level, msg, ...fields }),
  });
  const baseUrl = `${host.origin}/idauthentication/v1`;
  // The demo points the desk at its own public URL; here the service listens on a free port.
  tc.core.env.writer.prepare('UPDATE ida_client SET base_url = ?').run(baseUrl);
  const fir = serviceCertificate(tc.core.db.reader, 'IDA-FIR');
  if (!fir) throw new Error('the demo made no IDA-FIR key');
  await tc.core.deps.hardware.virtualControl({ action: 'encryptionCert', certificate: fir });
  const sbiPort = tc.core.deps.hardware.virtualState(new Set()).port;
  if (!sbiPort) throw new Error('the virtual SBI is not running');
  return {
    tc,
    clock,
    host,
    baseUrl,
    password: demo.password,
    sbiPort,
    logLines,
    client: (options) => idaClientFromConfig(tc.core.db.reader, tc.core.deps, options),
    async capture(transactionId, bio = {}) {
      const body = JSON.stringify({
        env: 'Developer',
        purpose: 'Auth',
        specVersion: '0.9.5',
        timeout: '10000',
        captureTime: clock.now().toISOString(),
        domainUri: 'https://ida.demo',
        transactionId,
        bio: [
          {
            type: 'Finger',
            count: '1',
            bioSubType: ['UNKNOWN'],
            requestedScore: '40',
            deviceId: '4',
            deviceSubId: '0',
            previousHash: '',
            ...bio,
          },
        ],
        customOpts: null,
      });
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: sbiPort,
            method: 'CAPTURE',
            path: '/capture',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      const items = (
        JSON.parse(text) as {
          biometrics: Array<SbiAuthBiometric & { error: { errorCode: string } }>;
        }
      ).biometrics;
      for (const i of items)
        if (i.error.errorCode !== '0') throw new Error(`capture failed: ${JSON.stringify(i.error)}`);
      return items.map(({ specVersion, data, hash, sessionKey, thumbprint }) => ({
        specVersion,
        data,
        hash,
        sessionKey,
        thumbprint,
      }));
    },
    async close() {
      await host.close();
      rmSync(tc.dir, { recursive: true, force: true });
    },
  };
}

export interface IdServiceListener {
  baseUrl: string;
  /** The service's decision code for each request it answered (its refusal code, or '' on success). */
  answered: string[];
  /** Stops listening (connections refused: "service down"); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * The server host's ID service — the same module (`createIdService`) and HTTP binding
 * (`serveIdAuthentication`) it mounts — on a loopback listener of its own, so a test can take the
 * service down and bring it back without closing the core the server host owns.
 */
export async function idServiceListener(core: Core): Promise<IdServiceListener> {
  const service = createIdService(core.env);
  const answered: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    let code = '';
    void serveIdAuthentication(service, req, res, path, (c) => (code = c ?? '')).then((served) => {
      answered.push(code);
      if (!served) res.writeHead(404).end();
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/idauthentication/v1`,
    answered,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: () => listen(port),
  };
}
