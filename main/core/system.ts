import { AppError, contract } from '../contract/index.ts';
import type { MethodName, Output, ParsedInput } from '../contract/index.ts';
import type { CommandHandler } from './command.ts';
import { runCommand } from './command.ts';
import type { DispatchEnv } from './handlers.ts';

/**
 * Runs a command with no session, as the system (scheduled jobs): the same command path as any
 * caller — one transaction, audit record with actor 'system', outbox entry — without the role gate,
 * which exists for people.
 */
export async function runAsSystem<M extends MethodName>(
  env: DispatchEnv,
  method: M,
  input: unknown,
): Promise<Output<M>> {
  const handler = env.handlers[method];
  if (contract[method].kind !== 'command' || handler.kind !== 'command') throw new Error(`${method} is not a command`);
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('PMS_COR_002', `invalid input for ${method}`);
  const now = env.deps.now();
  return runCommand(method, handler as CommandHandler<M, unknown>, parsed.data as ParsedInput<M>, {
    writer: env.writer,
    queryCtx: { db: env.reader, deps: env.deps, actor: null, now },
    deps: env.deps,
    actor: null,
    emit: env.emit,
  });
}
