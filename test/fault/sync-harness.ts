import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { isDeepStrictEqual } from 'node:util';
import { DB_FILE } from '../../main/core/index.ts';
import { ADMIN, testCore } from '../helpers/core.ts';
import { joinDesk } from '../helpers/sync.ts';
import { addAdmin, PARTNER_PASSWORD } from '../helpers/sync-fixtures.ts';
import { adminSession, newGroup, newPolicy, onboard } from '../helpers/policies.ts';
import { deskViewOf, serverViewOf } from '../helpers/sync-views.ts';
import type { DeskArgs } from './desk-proc.ts';
import { FaultyProxy } from './proxy.ts';
import type { Fault } from './proxy.ts';
import { pick, rng } from './random.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = join(ROOT, 'dist/sync-fault');

interface DeskSpec {
  name: string;
  login: string;
  password: string;
  role: 'admin' | 'partner';
}

const DESKS: readonly DeskSpec[] = [
  { name: 'deskA', login: 'admin', password: ADMIN.password, role: 'admin' },
  { name: 'deskB', login: 'admin2', password: ADMIN.password, role: 'admin' },
  { name: 'deskC', login: 'partner-1', password: PARTNER_PASSWORD, role: 'partner' },
];

export interface RunReport {
  seed: number;
  ms: number;
  kills: { server: number; desk: number };
  faults: Record<Fault | 'requests', number>;
  acked: number;
  decided: number;
  conflicts: number;
  clockOffsets: Record<string, number>;
}

interface Template {
  dir: string;
  partnerIds: string[];
  requestIds: string[];
  policyId: string;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/** Server and desks prepared once (joining hashes passwords): each run starts from a copy. */
async function makeTemplate(): Promise<Template> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-sync-template-'));
  const server = testCore({ syncRole: 'server' });
  const admin = await adminSession(server);
  await addAdmin(server, 'admin2');
  const group = await newGroup(server, admin);
  const policies = [];
  for (const name of ['P1', 'P2', 'P3', 'P4'])
    policies.push(await newPolicy(server, admin, group.policyGroupId, { name }));
  const partners = [
    await onboard(server, 1, group.policyGroupId),
    await onboard(server, 2, group.policyGroupId),
    await onboard(server, 3, group.policyGroupId),
  ];
  const first = await server.call(
    'linking.request',
    { partnerId: partners[0]!.id, policyId: policies[0]!.policyId, comments: 'keys' },
    partners[0]!.token,
  );
  await server.call('linking.decide', { id: first.id, status: 'approved' }, admin);
  const requestIds: string[] = [];
  for (const p of partners.slice(1)) {
    for (const pol of policies.slice(1))
      requestIds.push(
        (await server.call('linking.request', { partnerId: p.id, policyId: pol.policyId, comments: 'please' }, p.token))
          .id,
      );
  }
  for (const spec of DESKS) {
    const d = await joinDesk(server.core, spec.login, spec.password, { name: spec.name });
    await d.client.stop();
    d.transport.close();
    d.tc.core.close();
    cpSync(d.tc.dir, join(dir, spec.name), { recursive: true });
    rmSync(d.tc.dir, { recursive: true, force: true });
  }
  server.core.close();
  cpSync(server.dir, join(dir, 'server'), { recursive: true });
  rmSync(server.dir, { recursive: true, force: true });
  return {
    dir,
    partnerIds: partners.map((p) => p.id),
    requestIds,
    policyId: policies[0]!.policyId,
  };
}

/** Fault runs: real server and desk processes on loopback, kill -9, a faulty proxy, skewed desk clocks. */
export class SyncFaultHarness {
  private constructor(private readonly template: Template) {}

  static async prepare(): Promise<SyncFaultHarness> {
    mkdirSync(BUNDLE, { recursive: true });
    await build({
      absWorkingDir: ROOT,
      entryPoints: {
        server: join(ROOT, 'test/fault/server-proc.ts'),
        desk: join(ROOT, 'test/fault/desk-proc.ts'),
      },
      outdir: BUNDLE,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      // one CommonJS file with the libraries inside: a process starts in a fraction of the time
      // it takes to resolve and load @peculiar/x509 and zod file by file (every run starts dozens)
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'usb', 'node-hid'],
      define: { 'import.meta.url': '__pd_import_meta_url' },
      banner: {
        js: 'const __pd_import_meta_url = require("node:url").pathToFileURL(__filename).href;',
      },
      logLevel: 'warning',
    });
    return new SyncFaultHarness(await makeTemplate());
  }

  dispose(): void {
    rmSync(this.template.dir, { recursive: true, force: true });
  }

  async run(seed: number, opts: { workMs?: number } = {}): Promise<RunReport> {
    const started = Date.now();
    const r = rng(seed);
    const dir = mkdtempSync(join(tmpdir(), `pd-sync-run-${seed}-`));
    cpSync(this.template.dir, dir, { recursive: true });
    const epoch = Date.now();
    const serverPort = await freePort();
    const proxy = new FaultyProxy(() => serverPort, rng(seed ^ 0x5bd1e995));
    const proxyPort = await proxy.listen();
    const kills = { server: 0, desk: 0 };
    const lines = new Map<string, string[]>(DESKS.map((d) => [d.name, []]));
    const offsets = Object.fromEntries(DESKS.map((d) => [d.name, pick(r, [-86_400_000, 0, 86_400_000])]));
    let server: ChildProcess | null = null;
    const running = new Map<string, ChildProcess>();
    const exited = (p: ChildProcess) =>
      new Promise<number | null>((ok) =>
        p.exitCode !== null || p.signalCode !== null ? ok(p.exitCode) : p.once('exit', (code) => ok(code)),
      );

    const startServer = async () => {
      const p = spawn(
        process.execPath,
        [join(BUNDLE, 'server.cjs'), join(dir, 'server'), String(serverPort), String(epoch)],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      server = p;
      let err = '';
      p.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      await new Promise<void>((ok, fail) => {
        p.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && ok());
        p.once('exit', (code) => fail(new Error(`server exited ${code}: ${err.slice(0, 2000)}`)));
      });
    };
    const startDesk = (spec: DeskSpec, mode: 'work' | 'final') => {
      const args: DeskArgs = {
        dataDir: join(dir, spec.name),
        serverUrl: `http://127.0.0.1:${proxyPort}`,
        login: spec.login,
        password: spec.password,
        clockOffsetMs: offsets[spec.name]!,
        epoch,
        seed: Math.floor(r() * 2 ** 31),
        ops: 8 + Math.floor(r() * 13),
        mode,
        role: spec.role,
        tag: `${spec.name}${Math.floor(r() * 1e6).toString(36)}`,
        partnerIds: spec.role === 'partner' ? ['partner-1'] : this.template.partnerIds,
        requestIds: this.template.requestIds,
        policyId: this.template.policyId,
      };
      const p = spawn(process.execPath, [join(BUNDLE, 'desk.cjs'), JSON.stringify(args)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let buf = '';
      p.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        const parts = buf.split('\n');
        buf = parts.pop()!;
        lines.get(spec.name)!.push(...parts);
      });
      let err = '';
      p.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      p.once('exit', (code, signal) => {
        if (code !== 0 && signal !== 'SIGKILL')
          lines.get(spec.name)!.push(JSON.stringify({ crashed: code, err: err.slice(0, 1000) }));
      });
      return p;
    };

    try {
      await startServer();
      // work: desks run commands and sync while processes are killed at random
      const workMs = opts.workMs ?? 5000;
      let working = true;
      const keep = DESKS.map(async (spec) => {
        while (working) {
          const p = startDesk(spec, 'work');
          running.set(spec.name, p);
          await exited(p);
          running.delete(spec.name);
        }
      });
      // at most one server kill per run: a restart takes seconds on a busy machine, and a server that is
      // mostly down would leave the proxy nothing to misbehave with
      let serverKills = r() < 0.6 ? 1 : 0;
      let serverUp = Date.now();
      const chaos = (async () => {
        while (working) {
          await new Promise((ok) => setTimeout(ok, 500 + Math.floor(r() * 1000)));
          if (!working) break;
          if (serverKills > 0 && server && Date.now() - serverUp > 1000 && r() < 0.4) {
            serverKills--;
            kills.server++;
            const s: ChildProcess = server;
            s.kill('SIGKILL');
            await exited(s);
            await new Promise((ok) => setTimeout(ok, 50 + Math.floor(r() * 300)));
            await startServer();
            serverUp = Date.now();
          } else {
            const victim = running.get(pick(r, DESKS).name);
            if (victim) {
              kills.desk++;
              victim.kill('SIGKILL');
            }
          }
        }
      })();
      await new Promise((ok) => setTimeout(ok, workMs));
      working = false;
      await chaos;
      for (const p of running.values()) p.kill('SIGKILL');
      await Promise.all(keep);
      // no more kills; every desk syncs to the end through the faulty proxy, then once more through a
      // healed one so each sees the others' last changes
      for (let pass = 0; pass < 2; pass++) {
        proxy.faulty = pass === 0;
        await Promise.all(
          DESKS.map(async (spec) => {
            const code = await exited(startDesk(spec, 'final'));
            if (code !== 0)
              throw new Error(
                `${spec.name} did not finish syncing (exit ${code}): ${lines.get(spec.name)!.slice(-5).join(' | ')}`,
              );
          }),
        );
      }
      server!.kill('SIGKILL');
      await exited(server!);
      const checked = this.check(dir, lines);
      rmSync(dir, { recursive: true, force: true });
      return {
        seed,
        ms: Date.now() - started,
        kills,
        faults: { ...proxy.counts },
        ...checked,
        clockOffsets: offsets,
      };
    } catch (err) {
      (err as Error).message = `sync fault run seed=${seed} failed (files kept in ${dir}): ${(err as Error).message}`;
      throw err;
    } finally {
      for (const p of running.values()) p.kill('SIGKILL');
      if (server && (server as ChildProcess).exitCode === null) (server as ChildProcess).kill('SIGKILL');
      await proxy.close();
    }
  }

  /** The convergence check: exactly once, row-by-row equal views, nothing pending, sound files. */
  private check(dir: string, lines: Map<string, string[]>): { acked: number; decided: number; conflicts: number } {
    const open = (name: string) => new Database(join(dir, name, DB_FILE));
    const server = open('server');
    const problems: string[] = [];
    let acked = 0;
    let decided = 0;
    let conflicts = 0;
    try {
      if (server.pragma('integrity_check', { simple: true }) !== 'ok') problems.push('server: integrity_check failed');
      const dup = server
        .prepare(
          'SELECT desk_id, desk_seq, COUNT(*) AS n FROM app_audit_log WHERE desk_id IS NOT NULL GROUP BY desk_id, desk_seq HAVING COUNT(*) <> 1',
        )
        .all();
      if (dup.length) problems.push(`server audit has a pushed command more than once: ${JSON.stringify(dup)}`);
      for (const spec of DESKS) {
        const desk = open(spec.name);
        try {
          if (desk.pragma('integrity_check', { simple: true }) !== 'ok')
            problems.push(`${spec.name}: integrity_check failed`);
          const conn = desk.prepare('SELECT desk_id, user_id FROM sync_connection').get() as {
            desk_id: string;
            user_id: string;
          };
          const outbox = desk
            .prepare(
              "SELECT client_seq AS seq, sync_status AS status, result_code AS code, acked FROM outbox WHERE sync_status <> 'local' ORDER BY client_seq",
            )
            .all() as Array<{ seq: number; status: string; code: string | null; acked: number }>;
          const verdicts = new Map(
            (
              server
                .prepare('SELECT seq, status, code FROM sync_command WHERE desk_id = ?')
                .all(conn.desk_id) as Array<{ seq: number; status: string; code: string | null }>
            ).map((v) => [v.seq, v]),
          );
          const last = (
            server.prepare('SELECT last_seq FROM sync_desk WHERE id = ?').get(conn.desk_id) as {
              last_seq: number;
            }
          ).last_seq;
          const audited = (
            server.prepare('SELECT COUNT(*) AS n FROM app_audit_log WHERE desk_id = ?').get(conn.desk_id) as {
              n: number;
            }
          ).n;
          if (last !== outbox.length || verdicts.size !== outbox.length || audited !== outbox.length) {
            problems.push(
              `${spec.name}: ${outbox.length} queued, server decided ${verdicts.size} (last seq ${last}), audited ${audited}`,
            );
          }
          for (const o of outbox) {
            const v = verdicts.get(o.seq);
            if (o.status === 'pending' || o.acked !== 1)
              problems.push(`${spec.name}: seq ${o.seq} still ${o.status}/acked=${o.acked}`);
            else if (!v || v.status !== o.status || v.code !== o.code)
              problems.push(
                `${spec.name}: seq ${o.seq} is ${o.status}/${o.code} on the desk, ${v?.status}/${v?.code} on the server`,
              );
            if (o.status === 'conflict') conflicts++;
          }
          decided += outbox.length;
          const undo = (desk.prepare('SELECT COUNT(*) AS n FROM sync_undo').get() as { n: number }).n;
          if (undo) problems.push(`${spec.name}: ${undo} undo images left`);
          for (const line of lines.get(spec.name)!) {
            let m: { ack?: number; method?: string; key?: string; crashed?: number; err?: string };
            try {
              m = JSON.parse(line) as typeof m;
            } catch {
              continue; // a line cut by kill -9
            }
            if (m.crashed !== undefined) problems.push(`${spec.name} crashed: ${m.err}`);
            if (m.ack === undefined) continue;
            acked++;
            const v = verdicts.get(m.ack);
            if (!v) {
              problems.push(`${spec.name}: acknowledged seq ${m.ack} (${m.method}) never reached the server`);
              continue;
            }
            const effect =
              m.method === 'policyGroups.create'
                ? server.prepare('SELECT COUNT(*) AS n FROM policy_group WHERE name = ?').get(m.key)
                : m.method === 'apiKeys.generate'
                  ? server.prepare('SELECT COUNT(*) AS n FROM partner_policy WHERE label = ?').get(m.key!.slice(0, 36))
                  : null;
            const want = v.status === 'applied' ? 1 : 0;
            if (effect && (effect as { n: number }).n !== want)
              problems.push(
                `${spec.name}: ${m.method} ${m.key} is on the server ${(effect as { n: number }).n} times, expected ${want}`,
              );
          }
          const mine = deskViewOf(desk);
          const theirs = serverViewOf(server, conn.user_id);
          for (const t of Object.keys(theirs)) {
            if (!isDeepStrictEqual(mine[t], theirs[t]))
              problems.push(
                `${spec.name}: table ${t} differs (${mine[t]!.length} rows on the desk, ${theirs[t]!.length} on the server)`,
              );
          }
        } finally {
          desk.close();
        }
      }
    } finally {
      server.close();
    }
    if (problems.length) throw new Error(problems.slice(0, 20).join('\n'));
    return { acked, decided, conflicts };
  }
}
