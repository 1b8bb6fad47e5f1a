/**
 * `npm run bench -- server-load`: requests per second through a real `npm run server` process on the
 * demo dataset, over HTTPS (the certificate it issues at first start, pinned) and plain loopback HTTP.
 * CONCURRENCY (default 8 connections, keep-alive), SECONDS per call (default 10).
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const SECONDS = Number(process.env.SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'pd-bench-server-'));
const ui = join(dir, 'ui');
mkdirSync(ui);
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>bench</title>');
const dataDir = join(dir, 'data');

interface Running {
  port: number;
  password: string | null;
  stop(): Promise<void>;
  rss(): number;
}

function startServer(args: string[]): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/hosts/server/cli.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--bind',
      '127.0.0.1',
      '--ui',
      ui,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let password: string | null = null;
  createInterface({ input: child.stderr }).on('line', (line) => {
    const m = /password: (\S+)/.exec(line);
    if (m) password = m[1]!;
    else process.stderr.write(`${line}\n`);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; port?: number };
      if (entry.msg !== 'listening') return;
      resolve({
        port: entry.port!,
        password,
        rss: () => Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024,
        stop: () =>
          new Promise(
            (done) => (child.removeAllListeners('exit'), child.once('exit', () => done()), child.kill('SIGTERM')),
          ),
      });
    });
  });
}

type Call = (method: string, input: unknown, token?: string) => Promise<{ ok: boolean; result?: unknown }>;

function client(port: number, tls: boolean): Call {
  const chain = tls ? readFileSync(join(dataDir, 'tls', 'server.crt'), 'utf8') : '';
  const ca = tls ? new X509Certificate(chain.slice(chain.indexOf('-----BEGIN', 10))).toString() : '';
  const agent = tls
    ? new HttpsAgent({ keepAlive: true, maxSockets: CONCURRENCY, ca, servername: 'localhost' })
    : new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = tls ? httpsRequest : httpRequest;
  return (method, input, token) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ input });
      const headers: Record<string, string> = {
        host: `localhost:${port}`,
        'content-type': 'application/json',
      };
      if (token) headers.authorization = `Bearer ${token}`;
      const req = send(
        { host: '127.0.0.1', port, path: `/api/call/${method}`, method: 'POST', agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

async function measure(
  call: Call,
  method: string,
  input: (n: number) => unknown,
  token: string,
): Promise<{ rps: number; p50: number; p95: number; p99: number }> {
  const warmEnd = performance.now() + 2000;
  const end = warmEnd + SECONDS * 1000;
  const times: number[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const r = await call(method, input((n += 1)), token);
        if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r)}`);
        if (t >= warmEnd) times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { rps: times.length / SECONDS, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

let run = 0;
const CALLS: Array<[string, (n: number) => unknown]> = [
  ['system.info', () => ({})],
  ['partners.list', () => ({})],
  ['dashboard.summary', () => ({})],
  // A command: one write transaction with its audit record and outbox entry.
  ['policyGroups.create', (n) => ({ name: `load-${run}-${n}`, description: 'server-load benchmark' })],
];

let password: string | null = null;
try {
  for (const mode of ['https', 'http'] as const) {
    const server = await startServer(
      mode === 'https' ? ['--demo', '--host-name', 'localhost', '--host-name', '127.0.0.1'] : ['--insecure-loopback'],
    );
    password ??= server.password;
    if (!password) throw new Error('the demo password was not printed');
    run += 1;
    const call = client(server.port, mode === 'https');
    const login = await call('auth.login', { login: 'admin', password });
    const token = (login.result as { token: string }).token;
    for (const [method, input] of CALLS) {
      const r = await measure(call, method, input, token);
      console.log(
        `${mode.padEnd(5)} ${method.padEnd(19)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (server RSS ${server.rss().toFixed(0)} MB)`,
      );
    }
    await server.stop();
  }
  console.log(
    `concurrency ${CONCURRENCY}, ${SECONDS} s per call after 2 s warm-up, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
