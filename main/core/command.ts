import { inputRef } from './audit/input-ref.ts';
import type { AuditModule, AuditRef } from '../contract/audit-vocabulary.ts';
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { AppError, changesOf, contract } from '../contract/index.ts';
import type { DataTopic, MethodName, Output, ParsedInput } from '../contract/index.ts';
import type { Actor, ChangeScope, CommandCtx, QueryCtx, WriteDb } from './context.ts';
import { dataAudience } from './events/audience.ts';
import type { Audience } from './events/audience.ts';
import type { CoreDeps } from './deps.ts';
import { seededRandom } from './sync/random.ts';
import { deskCommandEnds, deskCommandStarts, deskOutboxEntry } from './sync/desk-outbox.ts';
import { syncRole } from './sync/node.ts';

export interface CommandOutcome<M extends MethodName> {
  output: Output<M>;
  ref?: AuditRef;
  /** What the command did, for the outbox; `false` for local-only commands (login, sessions). */
  outbox: unknown;
  /**
   * What the server runs for this command when a desk pushes it. Default: the same method with the
   * same input. `false`: only the server can do this (the desk refuses it while joined to one).
   */
  replay?: { method: MethodName; input: unknown } | false;
  /** Audit actor when the command establishes who is acting (a successful login). */
  actor?: string;
  /**
   * `false` for a success not worth a record: a keep-alive only moves the session's own activity
   * time, every few minutes of every session, and buried the log's real changes. Refusals are
   * always recorded.
   */
  audit?: false;
}

export interface CommandHandler<M extends MethodName, P = undefined> {
  kind: 'command';
  /** Audit module name (MOSIP's audit uses module + action). */
  module: AuditModule;
  /** Async work before the transaction (password hashing, reads); must not write. */
  prepare?: (ctx: QueryCtx, input: ParsedInput<M>) => Promise<P>;
  apply: (ctx: CommandCtx, input: ParsedInput<M>, prepared: P) => CommandOutcome<M>;
  /** Audit actor for public commands (e.g. the login name tried). */
  actorName?: (input: ParsedInput<M>) => string;
}

export interface QueryHandler<M extends MethodName> {
  kind: 'query';
  run: (ctx: QueryCtx, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
}

/**
 * Raised inside `apply` when the command fails but its writes must stay
 * (a failed login still counts towards the lockout).
 */
export class FailAfterCommit extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** A command a desk pushed: where and when it was done, for the server's audit log. */
export interface PushedFrom {
  deskId: string;
  seq: number;
  deskTime: string;
}

interface AuditEntry {
  module: AuditModule;
  action: string;
  actor: string;
  ref?: AuditRef | undefined;
  result: 'success' | 'failure';
  errorCode: string | null;
  time: string;
  pushed?: PushedFrom | undefined;
}

// One compiled INSERT per connection: preparing it cost ≈ 100 µs, as much as the insert itself,
// and a notification job writes one record per notification (docs/benchmarks.md).
const auditInserts = new WeakMap<WriteDb, Statement>();

export function writeAudit(db: WriteDb, entry: AuditEntry): void {
  let insert = auditInserts.get(db);
  if (!insert)
    auditInserts.set(
      db,
      (insert = db.prepare(
        `INSERT INTO app_audit_log (event_id, module, action, actor, ref_type, ref_id, result, error_code, time, desk_id, desk_seq, desk_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )),
    );
  insert.run(
    randomUUID(),
    entry.module,
    entry.action,
    entry.actor,
    entry.ref?.type ?? null,
    entry.ref?.id ?? null,
    entry.result,
    entry.errorCode,
    entry.time,
    entry.pushed?.deskId ?? null,
    entry.pushed?.seq ?? null,
    entry.pushed?.deskTime ?? null,
  );
}

function appendOutbox(db: WriteDb, command: string, payload: unknown, actor: string, time: string): void {
  const next = db.prepare('SELECT COALESCE(MAX(client_seq), 0) + 1 AS seq FROM outbox').get() as {
    seq: number;
  };
  db.prepare('INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES (?, ?, ?, ?, ?, ?)').run(
    randomUUID(),
    next.seq,
    command,
    JSON.stringify(payload),
    actor,
    time,
  );
}

/** How sync runs a command: the seed of its random source, and the server's hooks for a pushed one. */
export interface CommandSync {
  seed: Buffer;
  pushed?: PushedFrom;
  /** Inside the command's transaction, after its writes: the server stores the verdict and the desk's seq. */
  onApplied?: (db: WriteDb, time: string) => void;
  /** Inside the refusal's own transaction, for a rule refusal (AppError) only: the conflict verdict. */
  onRefused?: (db: WriteDb, err: AppError, time: string) => void;
}

/**
 * The one path every state change takes: (input already validated, role already checked by
 * dispatch) → ownership/rules inside apply → write → audit → outbox, in one transaction.
 * A refused command rolls back and is audited as a failure in its own transaction.
 */
export async function runCommand<M extends MethodName, P>(
  name: M,
  handler: CommandHandler<M, P>,
  input: ParsedInput<M>,
  env: {
    writer: WriteDb;
    queryCtx: QueryCtx;
    deps: CoreDeps;
    actor: Actor | null;
    emit: (topic: DataTopic, audience: Audience) => void;
    sync?: CommandSync;
  },
): Promise<Output<M>> {
  const { writer, deps, actor } = env;
  const actorName = actor?.userId ?? handler.actorName?.(input) ?? 'anonymous';
  const action = name;
  const topics = new Map<DataTopic, { partners: Set<string>; shared: boolean }>();
  // A topic the contract does not list would leave UIs showing stale data: a core bug, refused.
  const declared = changesOf(contract[name]);
  const changed = (topic: DataTopic, scope: ChangeScope = {}) => {
    if (!declared.includes(topic))
      throw new Error(`${name} announced '${topic}', which its contract entry does not list in changes`);
    const t = topics.get(topic) ?? { partners: new Set<string>(), shared: false };
    for (const p of scope.partners ?? []) t.partners.add(p);
    t.shared ||= scope.shared === true;
    topics.set(topic, t);
  };
  const tasks: Array<() => Promise<void>> = [];
  const pushed = env.sync?.pushed;
  // Ids and keys come from the command's own seeded source, so a replay elsewhere makes the same ones.
  const seed = env.sync?.seed ?? Buffer.from(deps.randomBytes(32));
  const onRefused = env.sync?.onRefused;
  const auditFailure = (err: AppError, time: string, rule: boolean) =>
    writer.transaction(() => {
      writeAudit(writer, {
        module: handler.module,
        action,
        actor: actorName,
        ref: inputRef(name, input),
        result: 'failure',
        errorCode: err.code,
        time,
        pushed,
      });
      if (rule && onRefused) onRefused(writer, err, time);
    })();

  let prepared: P;
  try {
    const queryCtx: QueryCtx = {
      ...env.queryCtx,
      deps: { ...env.queryCtx.deps, randomBytes: seededRandom(seed, 'prepare') },
    };
    prepared = handler.prepare ? await handler.prepare(queryCtx, input) : (undefined as P);
  } catch (err) {
    if (err instanceof AppError) auditFailure(err, deps.now().toISOString(), true);
    throw err;
  }

  const now = deps.now();
  const time = now.toISOString();
  const ctx: CommandCtx = {
    db: writer,
    deps: { ...deps, randomBytes: seededRandom(seed, 'apply') },
    actor,
    now,
    changed,
    afterCommit: (t) => tasks.push(t),
  };
  let kept = null as AppError | null;
  let queued = false;
  let output: Output<M>;
  try {
    output = writer.transaction(() => {
      // A desk joined to a server records what the command changes, to undo it when the server's rows arrive.
      const desk = pushed === undefined && syncRole(writer) === 'desk' ? deskCommandStarts(writer) : null;
      try {
        const outcome = handler.apply(ctx, input, prepared);
        if (actor && !pushed)
          writer
            .prepare('UPDATE app_session SET last_active_at = ? WHERE token_hash = ? AND ended_at IS NULL')
            .run(time, actor.sessionHash);
        if (outcome.audit !== false)
          writeAudit(writer, {
            module: handler.module,
            action,
            actor: outcome.actor ?? actorName,
            ref: outcome.ref,
            result: 'success',
            errorCode: null,
            time,
            pushed,
          });
        if (desk) {
          deskCommandEnds(writer, desk, outcome.outbox !== false);
          if (outcome.outbox !== false) {
            const replay = outcome.replay === undefined ? { method: name, input } : outcome.replay;
            deskOutboxEntry(writer, ctx.now, {
              seq: desk.seq,
              command: name,
              payload: outcome.outbox,
              actor,
              replay,
              seed,
              time,
              ref: outcome.ref,
            });
            queued = true;
          }
        } else if (outcome.outbox !== false && !pushed) appendOutbox(writer, name, outcome.outbox, actorName, time);
        env.sync?.onApplied?.(writer, time);
        return outcome.output;
      } catch (err) {
        if (!(err instanceof FailAfterCommit)) throw err;
        if (desk) deskCommandEnds(writer, desk, false);
        kept = err.error;
        writeAudit(writer, {
          module: handler.module,
          action,
          actor: actorName,
          ref: inputRef(name, input),
          result: 'failure',
          errorCode: err.error.code,
          time,
          pushed,
        });
        return undefined as never;
      }
    })();
  } catch (err) {
    if (err instanceof AppError) auditFailure(err, time, true);
    else auditFailure(new AppError('PD_INTERNAL', 'internal error'), time, false);
    throw err;
  }
  // A refusal whose writes were kept (FailAfterCommit) changed state too: the screens that show it hear so.
  for (const [topic, t] of topics) env.emit(topic, dataAudience(topic, [...t.partners], t.shared));
  if (kept !== null) throw kept as AppError;
  // A queued command's mail is the server's to send, when it applies the command.
  if (!queued)
    for (const task of tasks) task().catch((err) => deps.log('error', `after-commit task of ${name} failed`, err));
  return output;
}
