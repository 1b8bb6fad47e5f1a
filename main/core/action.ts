import type { AuditModule, AuditRef } from '../contract/audit-vocabulary.ts';
import { AppError } from '../contract/index.ts';
import type { MethodName, Output, ParsedInput } from '../contract/index.ts';
import { writeAudit } from './command.ts';
import type { Actor, QueryCtx, WriteDb } from './context.ts';
import type { CoreDeps } from './deps.ts';

export interface ActionHandler<M extends MethodName> {
  kind: 'action';
  /** Audit module name. */
  module: AuditModule;
  /** Acts on the world (a device, a task) with read-only database access; `ref` names what it acted on. */
  run: (
    ctx: QueryCtx,
    input: ParsedInput<M>,
  ) => Promise<{ output: Output<M>; ref?: AuditRef }> | { output: Output<M>; ref?: AuditRef };
  /** What a refused attempt was aimed at, for its audit record (the task id tried). */
  refOf?: (input: ParsedInput<M>) => AuditRef;
}

/**
 * An audited action (contract kind 'action'): it changes no table, so there is nothing to roll back
 * and no outbox entry (device work is local, never replayed elsewhere), but who did what, and who
 * was refused, is recorded like a command — in its own transaction once the outcome is known, with
 * the session's activity touched as any other change.
 */
export async function runAction<M extends MethodName>(
  name: M,
  handler: ActionHandler<M>,
  input: ParsedInput<M>,
  env: { writer: WriteDb; queryCtx: QueryCtx; deps: CoreDeps; actor: Actor | null },
): Promise<Output<M>> {
  const { writer, deps, actor } = env;
  const actorName = actor?.userId ?? 'anonymous';
  let outcome: { output: Output<M>; ref?: AuditRef };
  try {
    outcome = await handler.run(env.queryCtx, input);
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'PD_INTERNAL';
    const time = deps.now().toISOString();
    writer.transaction(() =>
      writeAudit(writer, {
        module: handler.module,
        action: name,
        actor: actorName,
        ref: handler.refOf?.(input),
        result: 'failure',
        errorCode: code,
        time,
      }),
    )();
    throw err;
  }
  const time = deps.now().toISOString();
  writer.transaction(() => {
    if (actor)
      writer
        .prepare('UPDATE app_session SET last_active_at = ? WHERE token_hash = ? AND ended_at IS NULL')
        .run(time, actor.sessionHash);
    writeAudit(writer, {
      module: handler.module,
      action: name,
      actor: actorName,
      ref: outcome.ref ?? handler.refOf?.(input),
      result: 'success',
      errorCode: null,
      time,
    });
  })();
  return outcome.output;
}
