import type { DataTopic, MethodName, Output, ParsedInput } from '../contract/index.ts';
import type { CommandHandler, QueryHandler } from './command.ts';
import type { ActionHandler } from './action.ts';
import type { Actor, ReadDb, WriteDb } from './context.ts';
import type { CoreDeps } from './deps.ts';
import type { Audience } from './events/audience.ts';

/**
 * What dispatch and the services run with. `handlers` is the registry (handler-registry.ts), handed
 * in rather than imported: it imports every feature's handlers, so a feature that looks a handler up
 * (sync's push replays commands) would otherwise import itself in a circle.
 */
export interface DispatchEnv {
  reader: ReadDb;
  writer: WriteDb;
  deps: CoreDeps;
  emit: (topic: DataTopic, audience: Audience) => void;
  handlers: HandlerMap<MethodName>;
}
/**
 * A method that is neither one query nor one command: sync's push runs many commands, each through
 * the command path in its own transaction; connect and sync-now talk to the network first.
 */
export interface ServiceHandler<M extends MethodName> {
  kind: 'service';
  run: (env: DispatchEnv, actor: Actor | null, input: ParsedInput<M>) => Promise<Output<M>>;
}

export type Handler<M extends MethodName> =
  QueryHandler<M> | CommandHandler<M, unknown> | ActionHandler<M> | ServiceHandler<M>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** Builds a command handler, erasing its `prepare` result type for the registry. */
export function command<M extends MethodName, P = undefined>(
  h: Omit<CommandHandler<M, P>, 'kind'>,
): CommandHandler<M, unknown> {
  return { kind: 'command', ...h } as CommandHandler<M, unknown>;
}

/** Builds an audited action handler (contract kind 'action', see action.ts). */
export function action<M extends MethodName>(h: Omit<ActionHandler<M>, 'kind'>): ActionHandler<M> {
  return { kind: 'action', ...h };
}

export function query<M extends MethodName>(run: QueryHandler<M>['run']): QueryHandler<M> {
  return { kind: 'query', run };
}

export function service<M extends MethodName>(run: ServiceHandler<M>['run']): ServiceHandler<M> {
  return { kind: 'service', run };
}
