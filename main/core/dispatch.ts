import type { AuditModule } from '../contract/audit-vocabulary.ts';
import { AppError, contract, isMethodName } from '../contract/index.ts';
import type { CallResult, MethodName, ParsedInput, Role } from '../contract/index.ts';
import type { z } from 'zod';
import type { Actor, QueryCtx } from './context.ts';
import { runCommand, writeAudit } from './command.ts';
import { runAction } from './action.ts';
import { activePartnerRoles } from './events/audience.ts';
import type { DispatchEnv, Handler } from './handlers.ts';
import { hashToken } from './token-hash.ts';

/** Resolves a bearer token to its actor; expired or ended sessions are refused without a write. */
export function resolveSession(env: DispatchEnv, token: string | null): Actor {
  if (!token) throw new AppError('PD_AUTH_003', 'Please sign in.');
  const tokenHash = hashToken(token);
  const row = env.reader
    .prepare(
      `SELECT s.user_id AS userId, s.created_at AS createdAt, s.last_active_at AS lastActive, s.ended_at AS endedAt, u.is_active AS active
       FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as
    | {
        userId: string;
        createdAt: string;
        lastActive: string;
        endedAt: string | null;
        active: number;
      }
    | undefined;
  const idleMs = env.deps.config.session.inactivitySeconds * 1000;
  // However active, a session ends absoluteSeconds after sign-in: a copied token does not live forever.
  const lifeMs = env.deps.config.session.absoluteSeconds * 1000;
  const now = env.deps.now().getTime();
  if (
    !row ||
    row.endedAt ||
    row.active !== 1 ||
    Date.parse(row.lastActive) + idleMs <= now ||
    Date.parse(row.createdAt) + lifeMs <= now
  ) {
    throw new AppError('PD_AUTH_003', 'Your session has ended. Please sign in again.');
  }
  const roles = (
    env.reader.prepare('SELECT role FROM user_role WHERE user_id = ? ORDER BY role').all(row.userId) as Array<{
      role: Role;
    }>
  ).map((r) => r.role);
  const partnerIds = (
    env.reader.prepare('SELECT id FROM partner WHERE user_id = ? ORDER BY id').all(row.userId) as Array<{ id: string }>
  ).map((r) => r.id);
  return {
    userId: row.userId,
    roles,
    partnerIds,
    isAdmin: roles.includes('PARTNER_ADMIN'),
    sessionHash: tokenHash,
  };
}

/**
 * A partner acts for an organisation only once the admin approved it and while it is active:
 * a freshly self-registered account must not drive devices or other partners' work.
 */
function requireActivePartner(env: DispatchEnv, actor: Actor, access: readonly Role[]): void {
  const active = activePartnerRoles(env.reader, actor.userId);
  if (!access.some((r) => active.has(r))) {
    throw new AppError(
      'PMS_PMP_016',
      'Your partner account is not approved and active yet: the administrator must approve it first.',
    );
  }
}

function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(input)';
    fields[key] ??= issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  }
  return fields;
}

/**
 * The single entry of the core for every host: method lookup → session → role gate →
 * input schema → handler (query on the read-only connection, command through runCommand) →
 * output schema. Never throws; every failure is an error body with a stable code.
 */
export async function dispatch(
  env: DispatchEnv,
  methodName: string,
  token: string | null,
  rawInput: unknown,
): Promise<CallResult<MethodName>> {
  if (!isMethodName(methodName))
    return {
      ok: false,
      error: {
        code: 'PD_RPC_003',
        message: `Unknown method "${String(methodName).slice(0, 64)}".`,
      },
    };
  const spec = contract[methodName];
  let actor: Actor | null = null;
  let gatePassed = false;
  try {
    if (spec.access !== 'public') {
      actor = resolveSession(env, token);
      if (spec.access !== 'session' && !spec.access.some((r) => actor!.roles.includes(r))) {
        throw new AppError('PD_AUTH_004', 'Your role does not allow this action.');
      }
      if (spec.activePartner && !actor.isAdmin && spec.access !== 'session')
        requireActivePartner(env, actor, spec.access);
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      throw new AppError('PMS_COR_002', 'Some fields are missing or invalid.', zodFields(parsed.error));
    const input = parsed.data as ParsedInput<MethodName>;
    const handler = env.handlers[methodName] as Handler<MethodName>;
    gatePassed = true;
    const queryCtx: QueryCtx = { db: env.reader, deps: env.deps, actor, now: env.deps.now() };
    const result =
      handler.kind === 'query'
        ? await handler.run(queryCtx, input)
        : handler.kind === 'action'
          ? await runAction(methodName, handler, input, {
              writer: env.writer,
              queryCtx,
              deps: env.deps,
              actor,
            })
          : handler.kind === 'service'
            ? await handler.run(env, actor, input)
            : await runCommand(methodName, handler, input, {
                writer: env.writer,
                queryCtx,
                deps: env.deps,
                actor,
                emit: env.emit,
              });
    const checked = spec.output.safeParse(result);
    if (!checked.success) {
      env.deps.log('error', `output of ${methodName} failed its schema`, checked.error.issues);
      return {
        ok: false,
        error: {
          code: 'PD_RPC_006',
          message: 'The application produced an invalid answer; see the log.',
        },
      };
    }
    return { ok: true, result: checked.data as never };
  } catch (err) {
    if (err instanceof AppError) {
      // Refusals before the command or action path ran (session, role, schema) are audited here.
      if (spec.kind !== 'query' && !gatePassed) {
        env.writer.transaction(() =>
          writeAudit(env.writer, {
            module: auditModuleOf(env.handlers[methodName] as Handler<MethodName>),
            action: methodName,
            actor: actor?.userId ?? 'anonymous',
            result: 'failure',
            errorCode: err.code,
            time: env.deps.now().toISOString(),
          }),
        )();
      }
      return { ok: false, error: err.toBody() };
    }
    env.deps.log('error', `${methodName} failed`, err);
    return {
      ok: false,
      error: { code: 'PD_INTERNAL', message: 'Something went wrong; the details are in the log.' },
    };
  }
}

/** The handler's audit module; a service (its own protocol, e.g. sync) is filed under sync. */
function auditModuleOf(handler: Handler<MethodName>): AuditModule {
  return 'module' in handler ? handler.module : 'sync';
}
