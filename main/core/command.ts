import { randomUUID } from 'node:crypto';
import { AppError, changesOf, contract } from '../contract/index.ts';
import type { DataTopic, MethodName, Output, ParsedInput } from '../contract/index.ts';
import type { Actor, ChangeScope, CommandCtx, QueryCtx, WriteDb } from './context.ts';
import { dataAudience } from './events/audience.ts';
import type { Audience } from './events/audience.ts';
import type { CoreDeps } from './deps.ts';

export interface CommandOutcome<M extends MethodName> {
  output: Output<M>;
  ref?: { type: string; id: string };
  /** What sync replays for this command; `false` for local-only commands (login, sessions). */
  outbox: unknown;
  /** Audit actor when the command establishes who is acting (a successful login). */
  actor?: string;
}

export interface CommandHandler<M extends MethodName, P = undefined> {
  kind: 'command';
  /** Audit module name (MOSIP's audit uses module + action). */
  module: string;
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

interface AuditEntry {
  module: string;
  action: string;
  actor: string;
  ref?: { type: string; id: string } | undefined;
  result: 'success' | 'failure';
  errorCode: string | null;
  time: string;
}

export function writeAudit(db: WriteDb, entry: AuditEntry): void {
  db.prepare(
    `INSERT INTO app_audit_log (event_id, module, action, actor, ref_type, ref_id, result, error_code, time)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), entry.module, entry.action, entry.actor, entry.ref?.type ?? null, entry.ref?.id ?? null, entry.result, entry.errorCode, entry.time);
}

function appendOutbox(db: WriteDb, command: string, payload: unknown, actor: string, time: string): void {
  const next = db.prepare('SELECT COALESCE(MAX(client_seq), 0) + 1 AS seq FROM outbox').get() as { seq: number };
  db.prepare('INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES (?, ?, ?, ?, ?, ?)').run(
    randomUUID(),
    next.seq,
    command,
    JSON.stringify(payload),
    actor,
    time,
  );
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
  env: { writer: WriteDb; queryCtx: QueryCtx; deps: CoreDeps; actor: Actor | null; emit: (topic: DataTopic, audience: Audience) => void },
): Promise<Output<M>> {
  const { writer, deps, actor } = env;
  const actorName = actor?.userId ?? handler.actorName?.(input) ?? 'anonymous';
  const action = name;
  const topics = new Map<DataTopic, { partners: Set<string>; shared: boolean }>();
  // A topic the contract does not list would leave UIs showing stale data: a core bug, refused.
  const declared = changesOf(contract[name]);
  const changed = (topic: DataTopic, scope: ChangeScope = {}) => {
    if (!declared.includes(topic)) throw new Error(`${name} announced '${topic}', which its contract entry does not list in changes`);
    const t = topics.get(topic) ?? { partners: new Set<string>(), shared: false };
    for (const p of scope.partners ?? []) t.partners.add(p);
    t.shared ||= scope.shared === true;
    topics.set(topic, t);
  };
  const tasks: Array<() => Promise<void>> = [];
  const auditFailure = (err: AppError, time: string) =>
    writer.transaction(() => writeAudit(writer, { module: handler.module, action, actor: actorName, result: 'failure', errorCode: err.code, time }))();

  let prepared: P;
  try {
    prepared = handler.prepare ? await handler.prepare(env.queryCtx, input) : (undefined as P);
  } catch (err) {
    if (err instanceof AppError) auditFailure(err, deps.now().toISOString());
    throw err;
  }

  const now = deps.now();
  const time = now.toISOString();
  const ctx: CommandCtx = { db: writer, deps, actor, now, changed, afterCommit: (t) => tasks.push(t) };
  let kept = null as AppError | null;
  let output: Output<M>;
  try {
    output = writer.transaction(() => {
      try {
        const outcome = handler.apply(ctx, input, prepared);
        if (actor) writer.prepare('UPDATE app_session SET last_active_at = ? WHERE token_hash = ? AND ended_at IS NULL').run(time, actor.sessionHash);
        writeAudit(writer, { module: handler.module, action, actor: outcome.actor ?? actorName, ref: outcome.ref, result: 'success', errorCode: null, time });
        if (outcome.outbox !== false) appendOutbox(writer, name, outcome.outbox, actorName, time);
        return outcome.output;
      } catch (err) {
        if (!(err instanceof FailAfterCommit)) throw err;
        kept = err.error;
        writeAudit(writer, { module: handler.module, action, actor: actorName, result: 'failure', errorCode: err.error.code, time });
        return undefined as never;
      }
    })();
  } catch (err) {
    if (err instanceof AppError) auditFailure(err, time);
    else auditFailure(new AppError('PD_INTERNAL', 'internal error'), time);
    throw err;
  }
  if (kept !== null) throw kept as AppError;
  for (const [topic, t] of topics) env.emit(topic, dataAudience(topic, [...t.partners], t.shared));
  for (const task of tasks) task().catch((err) => deps.log('error', `after-commit task of ${name} failed`, err));
  return output;
}
