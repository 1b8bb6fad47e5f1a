/**
 * `npm run bench -- sync-push [--commands 10000] [--changes 60]`:
 * 1. a desk joined to the server (the product's server host in its own process) goes offline and
 *    queues `--commands` policy-group creations; then one sync round: the push of them all
 *    (commands/s), and the pull that confirms them;
 * 2. a second desk, connected (event socket, background sync), and an admin working on the server:
 *    for each of `--changes` changes (a new policy group, one every 0.2–0.5 s), the time until the
 *    row is in the desk's database — the poke, the pull and the rebase (goal p95 ≤ 1 s).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  adminSession,
  firstRunDir,
  joinServer,
  load,
  median,
  newDesk,
  option,
  quantile,
  secs,
  serverCall,
  startServer,
} from './sync-common.ts';

const N = Number(option('commands', '10000'));
const CHANGES = Number(option('changes', '60'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = await firstRunDir('pd-bench-push-');
const server = await startServer(dir);
try {
  console.log(
    `sync-push: ${N.toLocaleString()} offline commands, then ${CHANGES} server changes seen by a connected desk`,
  );
  const desk = newDesk();
  await joinServer(desk, server.url, 'offline desk');
  const session = await desk.signIn();
  const tl = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await desk.core.dispatch('policyGroups.create', session, {
      name: `offline group ${i}`,
      description: 'sync-push benchmark',
    });
    if (!r.ok) throw new Error(`offline command ${i}: ${r.error.code} ${r.error.message}`);
  }
  const localMs = performance.now() - tl;
  console.log(
    `  ${N.toLocaleString()} commands queued offline in ${secs(localMs)} s (${(N / (localMs / 1000)).toFixed(0)} commands/s, each its own transaction with its undo images and outbox entry)`,
  );
  const t = desk.transport!;
  t.ms.clear();
  t.calls.clear();
  t.firstCall.clear();
  const t0 = performance.now();
  await desk.client.syncNow();
  const roundMs = performance.now() - t0;
  const pushMs = (t.firstCall.get('sync.pull') ?? performance.now()) - t0;
  const statuses = desk.core.db.reader
    .prepare('SELECT sync_status AS s, acked, COUNT(*) AS n FROM outbox GROUP BY 1, 2')
    .all() as Array<{ s: string; acked: number; n: number }>;
  const applied = statuses.find((r) => r.s === 'applied' && r.acked === 1)?.n ?? 0;
  if (applied !== N) throw new Error(`expected ${N} applied and confirmed commands, saw ${JSON.stringify(statuses)}`);
  console.log(
    `  push of ${N.toLocaleString()} commands: ${secs(pushMs)} s, ${(N / (pushMs / 1000)).toFixed(0)} commands/s (${t.calls.get('sync.push')} requests; the server's own time ${secs(server.requestMs.get('sync.push') ?? 0)} s)`,
  );
  console.log(
    `  the pull that confirms them: ${secs(roundMs - pushMs)} s (${t.calls.get('sync.pull')} pages, the server's own time ${secs(server.requestMs.get('sync.pull') ?? 0)} s); whole round ${secs(roundMs)} s; all ${N.toLocaleString()} applied and confirmed`,
  );
  await desk.close();
  rmSync(desk.dir, { recursive: true, force: true });

  const watcher = newDesk({ background: true });
  await joinServer(watcher, server.url, 'connected desk');
  await sleep(500); // the event socket opens
  const admin = await adminSession(server.url);
  const has = watcher.core.db.reader.prepare('SELECT 1 FROM policy_group WHERE name = ?').pluck();
  const fromRequest: number[] = [];
  const fromAnswer: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `online group ${i}`;
    const seen = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => (stop(), reject(new Error(`change ${i} not seen in 30 s`))), 30_000);
      const stop = watcher.core.onEvent((event) => {
        if (event !== 'data.changed' || !has.get(name)) return;
        clearTimeout(timer);
        stop();
        resolve(performance.now());
      });
    });
    const ts = performance.now();
    await serverCall(server.url, 'policyGroups.create', { name, description: 'sync-push benchmark' }, admin);
    const ta = performance.now();
    const at = await seen;
    fromRequest.push(at - ts);
    fromAnswer.push(Math.max(0, at - ta));
    await sleep(200 + Math.random() * 300);
  }
  const f = (xs: number[]) =>
    `p50 ${median(xs).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
  console.log(
    `  a server change seen in a connected desk's database, over ${CHANGES} changes: from the request ${f(fromRequest)} (goal p95 ≤ 1000 ms); from the server's answer ${f(fromAnswer)}`,
  );
  console.log(`  load average ${load()}`);
  await watcher.close();
  rmSync(watcher.dir, { recursive: true, force: true });
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
