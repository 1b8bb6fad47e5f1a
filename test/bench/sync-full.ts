/**
 * `npm run bench -- sync-full [--scale 1] [--reuse DIR] [--keep] [--raw-runs 3]`: the first full
 * sync of an admin desk from a server holding 100k partners, 1M devices and 1M API keys (scale 1),
 * against raw loopback HTTP moving the same bytes in the same run (goal: sync ≥ 50 % of raw).
 *
 * The server is the product's server host in its own process (sync-server.ts) on a database built
 * in SQL (sync-data.ts) and opened as a server, which logs every existing row in the change log.
 * The desk is a fresh core in this process with the product's client and HTTP transport, joined
 * with `sync.connect` (login, register, pull to the head). Bytes are counted on the TCP sockets.
 * The raw baseline replays the same connections — one per call, as the transport makes them —
 * with the same request and answer sizes against a bare node:http server in another process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { DB_FILE } from '../../main/core/index.ts';
import { REPLICATED_TABLES } from '../../main/core/sync/tables.ts';
import {
  joinServer as joinDesk,
  load,
  mb,
  median,
  newDesk,
  option,
  secs,
  startServer,
  WireCounter,
} from './sync-common.ts';
import { buildSyncData, rowCount, syncSizes } from './sync-data.ts';

const scale = Number(option('scale', '1'));
const reuse = option('reuse', '');
const keep = process.argv.includes('--keep') || reuse !== '';
const rawRuns = Number(option('raw-runs', '3'));
const pullLimit = Number(option('pull-limit', '0')) || undefined;
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');

/** A bare HTTP server in its own process: a POST to /<n> is read to the end and answered with n bytes. */
const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.alloc(64 << 20, 0x61);
http.createServer((req, res) => {
  const n = Number(req.url.slice(1));
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': n }); res.end(body.subarray(0, n)); });
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

async function rawReplay(
  connections: ReadonlyArray<{ sent: number; received: number }>,
  counter: WireCounter,
): Promise<{ ms: number; sent: number; received: number }> {
  const proc = spawn(process.execPath, ['-e', RAW_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) =>
    createInterface({ input: proc.stdout! }).once('line', (l) => resolve(Number(l))),
  );
  // The same bytes each way: the product's requests and answers carry ~150–250 bytes of headers, as these do.
  const one = (c: { sent: number; received: number }) =>
    new Promise<void>((resolve, reject) => {
      const body = Buffer.alloc(Math.max(0, c.sent - 170), 0x62);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/${Math.max(0, c.received - 130)}`,
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => (Buffer.concat(chunks), resolve()));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  counter.reset();
  const t = performance.now();
  for (const c of connections) await one(c);
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 50));
  proc.kill();
  return { ms, ...counter.totals() };
}

const dir = reuse || mkdtempSync(join(tmpdir(), 'pd-bench-sync-'));
const S = syncSizes(scale);
try {
  console.log(
    `sync-full, scale ${scale}: ${S.partners.toLocaleString()} partners, ${(S.partners * S.keysPerPartner).toLocaleString()} API keys, ${(Math.ceil(S.partners / 10) * S.sbisPerProvider * S.devicesPerSbi).toLocaleString()} devices (${rowCount(S).toLocaleString()} replicated rows) in ${dir}`,
  );
  if (!existsSync(join(dir, DB_FILE))) await buildSyncData(dir, S, (m) => console.log(`  build: ${m}`));
  const server = await startServer(dir);
  console.log(
    `  server open as a sync server (migrations, change-log backfill on first start): ${secs(server.openMs)} s`,
  );
  const counter = new WireCounter();
  const desk = newDesk(pullLimit ? { pullLimit } : {});
  const t0 = performance.now();
  await joinDesk(desk, server.url, 'bench desk');
  const syncMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50)); // the last sockets' close events
  const bytes = counter.totals();
  const connections = [...counter.connections];
  const t = desk.transport!;
  const pullMs = t.ms.get('sync.pull') ?? 0;
  const pulls = t.calls.get('sync.pull') ?? 0;
  const serverPullMs = server.requestMs.get('sync.pull') ?? 0;
  const counts = REPLICATED_TABLES.map(
    (tb) => [tb.name, desk.core.db.reader.prepare(`SELECT COUNT(*) FROM ${tb.name}`).pluck().get() as number] as const,
  ).filter(([, n]) => n > 0);
  const total = counts.reduce((a, [, n]) => a + n, 0);
  console.log(
    `  desk rows: ${counts.map(([n, c]) => `${n} ${c.toLocaleString()}`).join(', ')} (${total.toLocaleString()})`,
  );
  console.log(
    `  first full sync (sync.connect: login, register, ${pulls} pulls): ${secs(syncMs)} s, ${mb(bytes.received)} MB received + ${mb(bytes.sent)} MB sent over ${connections.length} connections, ${(total / (syncMs / 1000)).toFixed(0)} rows/s, ${mb(bytes.received / (syncMs / 1000))} MB/s`,
  );
  console.log(
    `    waiting on sync.pull calls ${secs(pullMs)} s (the server's own time in them ${secs(serverPullMs)} s); the desk applying pages and the rest ${secs(syncMs - pullMs)} s`,
  );
  await desk.close();
  await server.stop();

  const raws: Array<{ ms: number; sent: number; received: number }> = [];
  for (let i = 0; i < rawRuns; i++) raws.push(await rawReplay(connections, counter));
  const rawMs = median(raws.map((r) => r.ms));
  console.log(
    `  raw loopback HTTP, the same ${connections.length} connections and sizes (${mb(raws[0]!.received)} MB received + ${mb(raws[0]!.sent)} MB sent): median ${secs(rawMs)} s of ${raws.map((r) => secs(r.ms)).join(' / ')} s, ${mb(raws[0]!.received / (rawMs / 1000))} MB/s`,
  );
  console.log(
    `  sync throughput / raw: ${((rawMs / syncMs) * 100).toFixed(1)} % (goal ≥ 50 %)   load average ${load()}`,
  );
  rmSync(desk.dir, { recursive: true, force: true });
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${dir} (--reuse ${dir} runs on it again)`);
}
