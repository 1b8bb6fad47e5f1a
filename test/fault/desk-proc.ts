// A desk process for the fault runs. argv[2] is a JSON DeskArgs. It signs in locally (offline, with the
// cached credential), then either works — random commands, each acknowledged on stdout once the core
// committed it, with sync rounds in between — or, in 'final' mode, syncs until nothing is pending.
import { randomBytes } from 'node:crypto';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { hashToken } from '../../main/core/token-hash.ts';
import { parseConfig } from '../../main/core/config.ts';
import type { Input, MethodName } from '../../main/contract/index.ts';
import { DeskSyncClient } from '../../main/sync/client.ts';
import { HttpSyncTransport } from '../../main/sync/http-transport.ts';
import { BASE_TIME, pick, rng } from './random.ts';

export interface DeskArgs {
  dataDir: string;
  serverUrl: string;
  login: string;
  password: string;
  clockOffsetMs: number;
  epoch: number;
  seed: number;
  ops: number;
  mode: 'work' | 'final';
  role: 'admin' | 'partner';
  tag: string;
  partnerIds: string[];
  requestIds: string[];
  policyId: string;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const a = JSON.parse(process.argv[2]!) as DeskArgs;
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: a.dataDir,
    publicUrl: 'http://127.0.0.1:9/',
    now: () => new Date(BASE_TIME + a.clockOffsetMs + Date.now() - a.epoch),
    config: parseConfig({}),
    log: () => undefined,
  });
  const client = new DeskSyncClient(core, {
    transport: () => new HttpSyncTransport({ serverUrl: a.serverUrl, fingerprint: null }, 3000),
    pushBatch: 7,
    pullLimit: 40,
  });
  core.setDeskSync(client);
  const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // The local sign-in is not what these runs test, and its scrypt costs a second on a busy machine per
  // process start: the harness opens a local session row directly (the token's hash, as auth.login does).
  const token = randomBytes(32).toString('base64url');
  const at = core.deps.now().toISOString();
  core.db.writer
    .prepare('INSERT INTO app_session (token_hash, user_id, created_at, last_active_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), a.login, at, at);
  const session = token;
  out({ started: Date.now() - t0 });
  const pending = () =>
    (
      core.db.reader
        .prepare(
          "SELECT COUNT(*) AS n FROM outbox WHERE sync_status = 'pending' OR (acked = 0 AND sync_status <> 'local')",
        )
        .get() as { n: number }
    ).n;

  if (a.mode === 'final') {
    for (let i = 0; i < 100; i++) {
      try {
        await client.syncNow();
        if (pending() === 0) {
          out({ synced: true });
          process.exit(0);
        }
      } catch (err) {
        out({ retry: String((err as Error).message).slice(0, 80) });
        await sleep(100);
      }
    }
    process.exit(2);
  }

  const r = rng(a.seed);
  function op(): [MethodName, unknown, string] {
    const n = `${a.tag}-${Math.floor(r() * 1e9).toString(36)}`;
    if (a.role === 'partner') {
      const keys = core.db.reader.prepare('SELECT id FROM partner_policy WHERE is_active = 1').all() as Array<{
        id: string;
      }>;
      if (keys.length > 0 && r() < 0.3) return ['apiKeys.deactivate', { id: pick(r, keys).id }, n];
      return ['apiKeys.generate', { partnerId: a.partnerIds[0], policyId: a.policyId, label: n.slice(0, 36) }, n];
    }
    const x = r();
    if (x < 0.45) return ['policyGroups.create', { name: n, description: 'fault run' }, n];
    if (x < 0.85)
      return ['linking.decide', { id: pick(r, a.requestIds), status: r() < 0.5 ? 'approved' : 'rejected' }, n];
    return [r() < 0.5 ? 'partners.deactivate' : 'partners.activate', { partnerId: pick(r, a.partnerIds) }, n];
  }

  for (let i = 0; i < a.ops; i++) {
    const [method, input, key] = op();
    const res = await core.dispatch(method, session, input as Input<MethodName>);
    if (res.ok) {
      const { seq } = core.db.reader.prepare('SELECT MAX(client_seq) AS seq FROM outbox').get() as {
        seq: number;
      };
      out({ ack: seq, method, key });
    } else out({ refused: res.error.code, method });
    if (r() < 0.4) await client.syncNow().catch(() => undefined);
    await sleep(Math.floor(r() * 40));
  }
  await client.syncNow().catch(() => undefined);
  out({ done: true });
  process.exit(0);
}

void main();
