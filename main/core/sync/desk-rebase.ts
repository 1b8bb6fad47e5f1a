import { AppError, contract, isMethodName } from '../../contract/index.ts';
import type { DataTopic, MethodName, Output, ParsedInput, Role } from '../../contract/index.ts';
import type { CommandHandler } from '../command.ts';
import type { Actor, QueryCtx, WriteDb } from '../context.ts';
import { dataAudience } from '../events/audience.ts';
import type { DispatchEnv, HandlerMap } from '../handlers.ts';
import { seededRandom } from './random.ts';
import { REPLICATED_TABLES } from './tables.ts';
import type { WireRow } from './tables.ts';
import { deleteRow, tableOf, upsertRow } from './wire.ts';
import type { KeyValues } from './wire.ts';

export type PulledPage = Omit<Output<'sync.pull'>, 'serverTime'>;

const TOPIC_OF: Readonly<Record<string, DataTopic>> = {
  app_user: 'accounts',
  user_role: 'accounts',
  partner: 'partners',
  partner_certificate: 'partners',
  policy_group: 'policies',
  auth_policy: 'policies',
  partner_policy_request: 'policyLinking',
  partner_policy: 'authServices',
  oidc_client: 'authServices',
  ca_certificate: 'trustStore',
  secure_biometric_interface: 'devices',
  device_detail: 'devices',
  ftp_chip_detail: 'ftm',
  trust_profile: 'trustStore',
  notification: 'notifications',
  portal_form: 'programs',
  program: 'programs',
  registrant: 'applications',
  registrant_demographic: 'applications',
  program_membership: 'applications',
  application: 'applications',
  assisted_application: 'assisted',
};

/**
 * Desk-only rows that hang off a replicated row: an officer's capture attempts, the wrapped
 * captures and the authentication records never travel (the biometric data stays on this desk).
 * Undoing a locally opened application deletes it for a moment, and a cascade would take them
 * with it: they are set aside for the page and put back wherever their application still exists.
 */
const DESK_LOCAL: ReadonlyArray<{ table: string; fk: string; parent: string }> = [
  { table: 'assisted_attempt', fk: 'assisted_id', parent: 'assisted_application' },
  { table: 'assisted_capture', fk: 'assisted_id', parent: 'assisted_application' },
  { table: 'assisted_auth_event', fk: 'assisted_id', parent: 'assisted_application' },
];

function setAsideDeskLocal(db: WriteDb): void {
  for (const d of DESK_LOCAL)
    db.exec(
      `DROP TABLE IF EXISTS temp.kept_${d.table}; CREATE TEMP TABLE kept_${d.table} AS SELECT * FROM main.${d.table};`,
    );
}

/** Puts the set-aside rows back under their parents; those whose parent the server refused go with it. */
function putBackDeskLocal(db: WriteDb): void {
  for (const d of [...DESK_LOCAL].reverse())
    db.prepare(`DELETE FROM main.${d.table} WHERE ${d.fk} NOT IN (SELECT id FROM main.${d.parent})`).run();
  for (const d of DESK_LOCAL) {
    db.prepare(
      `INSERT OR IGNORE INTO main.${d.table} SELECT * FROM temp.kept_${d.table} WHERE ${d.fk} IN (SELECT id FROM main.${d.parent})`,
    ).run();
    db.exec(`DROP TABLE temp.kept_${d.table}`);
  }
}

/** The user a queued command runs as on this desk, from the desk's own (pulled) rows. */
export function actorFor(db: WriteDb, userId: string): Actor {
  const roles = (
    db.prepare('SELECT role FROM user_role WHERE user_id = ? ORDER BY role').all(userId) as Array<{
      role: Role;
    }>
  ).map((r) => r.role);
  const partnerIds = (
    db.prepare('SELECT id FROM partner WHERE user_id = ? ORDER BY id').all(userId) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
  return { userId, roles, partnerIds, isAdmin: roles.includes('PARTNER_ADMIN'), sessionHash: '' };
}

/** Restores the before-images of every unconfirmed command, newest first: the desk is back on the server's rows. */
function undoUnconfirmed(db: WriteDb, topics: Set<DataTopic>): void {
  const images = db.prepare('SELECT tbl, pk, image FROM sync_undo ORDER BY id DESC').all() as Array<{
    tbl: string;
    pk: string;
    image: string | null;
  }>;
  for (const u of images) {
    const t = tableOf(u.tbl);
    if (u.image === null) deleteRow(db, t, JSON.parse(u.pk) as KeyValues);
    else upsertRow(db, t, JSON.parse(u.image) as WireRow);
    topics.add(TOPIC_OF[u.tbl]!);
  }
  db.prepare('DELETE FROM sync_undo').run();
}

const TABLE_ORDER: ReadonlyMap<string, number> = new Map(REPLICATED_TABLES.map((t, i) => [t.name, i]));

/**
 * A page comes in change order, where a parent changed after its child comes later (a partner
 * edited after its link request). The desk's own triggers read a row's parent (the link totals
 * per partner type), so deletes go children first and puts parents first, in the order of
 * REPLICATED_TABLES; each row is in a page once, so the order changes nothing else.
 */
function parentsFirst(changes: PulledPage['changes']): PulledPage['changes'] {
  const rank = (c: PulledPage['changes'][number]) => TABLE_ORDER.get(c.table) ?? 0;
  const dels = changes.filter((c) => c.op === 'del').sort((a, b) => rank(b) - rank(a));
  const puts = changes.filter((c) => c.op === 'put').sort((a, b) => rank(a) - rank(b));
  return [...dels, ...puts];
}

/** A first page (or a restored server): every replicated row goes, except the desk user's own (it holds the cached credential). */
function clearReplicated(db: WriteDb, userId: string): void {
  for (const t of [...REPLICATED_TABLES].reverse()) {
    if (t.name === 'app_user') db.prepare('DELETE FROM app_user WHERE id <> ?').run(userId);
    else db.prepare(`DELETE FROM ${t.name}`).run();
  }
}

interface Queued {
  seq: number;
  method: MethodName;
  input: ParsedInput<MethodName>;
  handler: CommandHandler<MethodName, unknown>;
  actor: Actor;
  seed: Buffer;
  time: string;
  prepared?: unknown;
  error?: string;
}

function queued(db: WriteDb, handlers: HandlerMap<MethodName>, acknowledgedUpTo: number): Queued[] {
  const rows = db
    .prepare(
      `SELECT client_seq AS seq, replay_method AS method, replay_input AS input, seed, actor, time FROM outbox
       WHERE acked = 0 AND sync_status <> 'local' AND sync_status <> 'conflict' AND client_seq > ? ORDER BY client_seq`,
    )
    .all(acknowledgedUpTo) as Array<{
    seq: number;
    method: string;
    input: string;
    seed: Buffer | null;
    actor: string;
    time: string;
  }>;
  const out: Queued[] = [];
  for (const r of rows) {
    if (!isMethodName(r.method) || r.seed === null) continue;
    const handler = handlers[r.method];
    const parsed = contract[r.method].input.safeParse(JSON.parse(r.input));
    if (handler.kind !== 'command' || !parsed.success) continue;
    out.push({
      seq: r.seq,
      method: r.method,
      input: parsed.data as ParsedInput<MethodName>,
      handler: handler as CommandHandler<MethodName, unknown>,
      actor: actorFor(db, r.actor),
      seed: r.seed,
      time: r.time,
    });
  }
  return out;
}

function codeOf(err: unknown): string {
  return err instanceof AppError ? err.code : 'PD_INTERNAL';
}

/** Runs a queued command again on top of the server's rows, recording its undo images again. */
function reapply(env: DispatchEnv, q: Queued, topics: Set<DataTopic>): string | null {
  if (q.error) return q.error;
  const changed = new Set<DataTopic>();
  try {
    env.writer.transaction(() => {
      env.writer.prepare('UPDATE sync_node SET capture_seq = ? WHERE id = 1').run(q.seq);
      q.handler.apply(
        {
          db: env.writer,
          deps: { ...env.deps, randomBytes: seededRandom(q.seed, 'apply') },
          actor: q.actor,
          now: new Date(q.time),
          changed: (t) => changed.add(t),
          afterCommit: () => undefined,
        },
        q.input,
        q.prepared,
      );
      env.writer.prepare('UPDATE sync_node SET capture_seq = NULL WHERE id = 1').run();
    })();
  } catch (err) {
    // The server will decide; until then the command shows what refused it here.
    return codeOf(err);
  }
  for (const t of changed) topics.add(t);
  return null;
}

/**
 * Applies one pulled page the Replicache way, in one transaction: undo the unconfirmed local
 * commands, put the server's rows in, and apply the still-pending commands again on top. When the
 * page completes a checkpoint, commands up to the server's `lastSeq` are confirmed: their effects
 * are now in the server's rows (or, for a conflict, gone with the undo).
 */
export async function applyPulledPage(env: DispatchEnv, page: PulledPage): Promise<void> {
  const writer = env.writer;
  const conn = writer.prepare('SELECT user_id, credential FROM sync_connection WHERE id = 1').get() as
    { user_id: string; credential: string | null } | undefined;
  if (!conn) throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
  const ackUpTo = page.complete ? page.lastSeq : 0;
  const again = queued(writer, env.handlers, ackUpTo);
  // Prepare steps are async (they may check certificates): run them first, on the desk's current rows.
  for (const q of again) {
    if (!q.handler.prepare) continue;
    try {
      const queryCtx: QueryCtx = {
        db: env.reader,
        deps: { ...env.deps, randomBytes: seededRandom(q.seed, 'prepare') },
        actor: q.actor,
        now: new Date(q.time),
      };
      q.prepared = await q.handler.prepare(queryCtx, q.input);
    } catch (err) {
      q.error = codeOf(err);
    }
  }
  const topics = new Set<DataTopic>();
  writer.transaction(() => {
    // The server's rows arrive in change order, not parent-first; the foreign keys hold at commit.
    writer.pragma('defer_foreign_keys = ON');
    setAsideDeskLocal(writer);
    undoUnconfirmed(writer, topics);
    if (page.reset) clearReplicated(writer, conn.user_id);
    for (const c of parentsFirst(page.changes)) {
      const t = tableOf(c.table);
      if (c.op === 'put') upsertRow(writer, t, c.row);
      else deleteRow(writer, t, c.key);
      topics.add(TOPIC_OF[c.table]!);
    }
    if (conn.credential)
      writer.prepare('UPDATE app_user SET password_hash = ? WHERE id = ?').run(conn.credential, conn.user_id);
    writer
      .prepare(
        `UPDATE sync_connection SET cookie = ?, server_last_seq = ?, freeze_days = ?, last_error = NULL, last_error_at = NULL${page.complete ? ', last_pull_at = ?' : ''} WHERE id = 1`,
      )
      .run(...[page.cookie, page.lastSeq, page.freezeDays, ...(page.complete ? [env.deps.now().toISOString()] : [])]);
    if (page.complete) {
      // A decided and confirmed command is never replayed again: its seed (an API key's source) goes.
      writer
        .prepare(
          "UPDATE outbox SET acked = 1, seed = CASE WHEN sync_status = 'pending' THEN seed END WHERE acked = 0 AND sync_status <> 'local' AND client_seq <= ?",
        )
        .run(page.lastSeq);
    }
    for (const q of again)
      writer.prepare('UPDATE outbox SET local_error = ? WHERE client_seq = ?').run(reapply(env, q, topics), q.seq);
    putBackDeskLocal(writer);
  })();
  // The desk holds only what its user may see: its partners' owners and the admins hear of it.
  const partners = writer.prepare('SELECT id FROM partner WHERE user_id = ?').pluck().all(conn.user_id) as string[];
  for (const t of topics) env.emit(t, dataAudience(t, partners, true));
}

export interface VerdictIn {
  seq: number;
  status: 'applied' | 'conflict';
  code: string | null;
  message: string | null;
  serverTime: string;
}

/** The server's verdicts from a push. A conflict's local effects go at the next pull's undo. */
export function recordVerdicts(db: WriteDb, verdicts: readonly VerdictIn[]): void {
  db.transaction(() => {
    const s = db.prepare(
      "UPDATE outbox SET sync_status = ?, result_code = ?, result_message = ?, server_time = ?, seed = CASE WHEN acked = 1 THEN NULL ELSE seed END WHERE client_seq = ? AND sync_status = 'pending'",
    );
    for (const v of verdicts) s.run(v.status, v.code, v.message, v.serverTime, v.seq);
  })();
}

/** The server lost commands it had decided (restored from a backup): send them again from `seq`. */
export function resendFrom(db: WriteDb, seq: number): void {
  db.prepare(
    "UPDATE outbox SET sync_status = 'pending', result_code = NULL, result_message = NULL, server_time = NULL WHERE client_seq >= ? AND sync_status <> 'local'",
  ).run(seq);
}

export interface OutgoingCommand {
  seq: number;
  method: string;
  input: unknown;
  seed: string;
  actor: string;
  time: string;
}

/** The next commands to push, oldest first. */
export function commandsToPush(db: WriteDb, limit: number): OutgoingCommand[] {
  const rows = db
    .prepare(
      "SELECT client_seq AS seq, replay_method AS method, replay_input AS input, seed, actor, time FROM outbox WHERE sync_status = 'pending' ORDER BY client_seq LIMIT ?",
    )
    .all(limit) as Array<{
    seq: number;
    method: string;
    input: string;
    seed: Buffer | null;
    actor: string;
    time: string;
  }>;
  // A command the server has decided but whose verdict was lost is answered from the server's record; its seed is not needed.
  return rows.map((r) => ({
    seq: r.seq,
    method: r.method,
    input: JSON.parse(r.input) as unknown,
    seed: (r.seed ?? Buffer.alloc(32)).toString('hex'),
    actor: r.actor,
    time: r.time,
  }));
}
