/**
 * `npm run bench -- sync-memory [--desks 50] [--minutes 10] [--scale 0.001] [--sample-seconds 30] [--change-ms 1000]`:
 * the server process's memory (RSS, V8 heap after a full GC) with `--desks` desks connected —
 * each joined with a full first sync, holding its event socket, then one more round each — and
 * then over a soak of `--minutes`: an admin changes something on the server every `--change-ms`
 * (every desk is poked and pulls), and every 5 s one desk pushes a command of its own. Memory is
 * sampled every `--sample-seconds`; the slope of a least-squares line says whether it is flat.
 * The desks are cores in this process (one SQLite file each) with the product's client and HTTP
 * transport; the server is the product's server host in its own process (sync-server.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  adminSession,
  joinServer,
  load,
  mb,
  median,
  newDesk,
  option,
  quantile,
  serverCall,
  startServer,
} from './sync-common.ts';
import type { BenchDesk, Memory } from './sync-common.ts';
import { buildSyncData, rowCount, syncSizes } from './sync-data.ts';

const DESKS = Number(option('desks', '50'));
const MINUTES = Number(option('minutes', '10'));
const SCALE = Number(option('scale', '0.001'));
const SAMPLE_S = Number(option('sample-seconds', '30'));
const CHANGE_MS = Number(option('change-ms', '1000'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fmt = (m: Memory) =>
  `RSS ${mb(m.rss)} MB, heap used ${mb(m.heapUsed)} MB (of ${mb(m.heapTotal)} MB), external ${mb(m.external)} MB`;
function slopePerHour(points: ReadonlyArray<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 3_600_000;
}

const dir = mkdtempSync(join(tmpdir(), 'pd-bench-memory-'));
const S = syncSizes(SCALE);
const desks: BenchDesk[] = [];
try {
  console.log(
    `sync-memory: ${DESKS} desks, a ${MINUTES}-minute soak; server dataset at scale ${SCALE} (${rowCount(S).toLocaleString()} replicated rows)`,
  );
  await buildSyncData(dir, S, () => undefined);
  const server = await startServer(dir, {
    // Every desk here comes from 127.0.0.1: as many sockets and sign-ins as desks from one address.
    server: {
      eventSocketsPerIp: DESKS + 8,
      rateLimits: { login: { perIp: DESKS * 4, perAccount: DESKS * 4 } },
    },
  });
  const idle = await server.memory();
  console.log(`  server idle after start: ${fmt(idle)}`);

  const tj = performance.now();
  for (let i = 0; i < DESKS; i += 5) {
    const batch = Array.from({ length: Math.min(5, DESKS - i) }, () => newDesk({ background: true }));
    desks.push(...batch);
    await Promise.all(batch.map((d, k) => joinServer(d, server.url, `desk ${i + k}`)));
  }
  await sleep(2000); // the event sockets open, and the round each opening starts
  console.log(`  ${DESKS} desks joined (each a first full sync) in ${((performance.now() - tj) / 1000).toFixed(1)} s`);
  const joined = await server.memory();
  console.log(`  server with ${DESKS} desks connected: ${fmt(joined)}`);
  await Promise.all(desks.map((d) => d.client.syncNow()));
  const round = await server.memory();
  console.log(`  after one more round of every desk: ${fmt(round)}`);

  const admin = await adminSession(server.url);
  const sessions = await Promise.all(desks.map((d) => d.signIn()));
  const has = desks.map((d) => d.core.db.reader.prepare('SELECT 1 FROM policy_group WHERE name = ?').pluck());
  const samples: Array<{ t: number; m: Memory }> = [];
  const allSeen: number[] = [];
  const t0 = performance.now();
  const end = t0 + MINUTES * 60_000;
  let changes = 0;
  let pushed = 0;
  let nextSample = t0;
  let nextPush = t0 + 5000;
  console.log('  soak samples (minutes, RSS MB, heap used MB, heap total MB, external MB):');
  while (performance.now() < end) {
    if (performance.now() >= nextSample) {
      const m = await server.memory();
      const t = (performance.now() - t0) / 60_000;
      samples.push({ t: performance.now() - t0, m });
      console.log(
        `    ${t.toFixed(1).padStart(5)}  ${mb(m.rss).padStart(7)}  ${mb(m.heapUsed).padStart(6)}  ${mb(m.heapTotal).padStart(6)}  ${mb(m.external).padStart(6)}`,
      );
      nextSample += SAMPLE_S * 1000;
    }
    if (performance.now() >= nextPush) {
      const k = pushed % DESKS;
      const r = await desks[k]!.core.dispatch('policyGroups.create', sessions[k]!, {
        name: `desk ${k} group ${pushed}`,
        description: 'sync-memory soak',
      });
      if (!r.ok) throw new Error(`desk command: ${r.error.code}`);
      pushed += 1;
      nextPush += 5000;
    }
    // One admin change; the time until the last of the desks has it in its database.
    const name = `soak group ${changes}`;
    const seen = Promise.all(
      desks.map(
        (d, k) =>
          new Promise<number>((resolve) => {
            const stop = d.core.onEvent((event) => {
              if (event !== 'data.changed' || !has[k]!.get(name)) return;
              stop();
              resolve(performance.now());
            });
          }),
      ),
    );
    const ts = performance.now();
    await serverCall(server.url, 'policyGroups.create', { name, description: 'sync-memory soak' }, admin);
    const last = Math.max(...(await Promise.race([seen, sleep(30_000).then(() => [Infinity])])));
    if (!Number.isFinite(last)) throw new Error(`${name} not seen by every desk in 30 s`);
    allSeen.push(last - ts);
    changes += 1;
    await sleep(Math.max(0, CHANGE_MS - (performance.now() - ts)));
  }
  const final = await server.memory();
  samples.push({ t: performance.now() - t0, m: final });
  await Promise.all(desks.map((d) => d.client.syncNow()));
  const counts = new Set(
    desks.map((d) => d.core.db.reader.prepare('SELECT COUNT(*) FROM policy_group').pluck().get() as number),
  );
  console.log(
    `  soak: ${changes} server changes, ${pushed} desk pushes; every desk holds the same ${[...counts].join('/')} policy groups after a last round: ${counts.size === 1 ? 'yes' : 'NO'}`,
  );
  console.log(
    `  a server change in all ${DESKS} desks' databases: p50 ${median(allSeen).toFixed(0)} ms, p95 ${quantile(allSeen, 0.95).toFixed(0)} ms, max ${Math.max(...allSeen).toFixed(0)} ms`,
  );
  const half = samples.filter((s) => s.t >= samples.at(-1)!.t / 2);
  const points = (pick: (m: Memory) => number) => half.map((s): [number, number] => [s.t, pick(s.m) / 1048576]);
  console.log(
    `  end of soak: ${fmt(final)}; slope over the second half: RSS ${slopePerHour(points((m) => m.rss)).toFixed(1)} MB/h, heap used ${slopePerHour(points((m) => m.heapUsed)).toFixed(1)} MB/h   load average ${load()}`,
  );
  await server.stop();
} finally {
  for (const d of desks) {
    await d.close();
    rmSync(d.dir, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}
