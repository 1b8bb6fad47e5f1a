import type { MethodName, Output, ParsedInput } from '../contract/index.ts';
import { assistedHandlers } from './assisted/handlers.ts';
import type { CommandHandler, QueryHandler } from './command.ts';
import type { ActionHandler } from './action.ts';
import type { Actor } from './context.ts';
import type { DispatchEnv } from './dispatch.ts';
import { accountHandlers } from './accounts/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { dashboardHandlers } from './dashboard/handlers.ts';
import { policyHandlers } from './policies/handlers.ts';
import { linkingHandlers } from './linking/handlers.ts';
import { partnerHandlers } from './partners/handlers.ts';
import { authServiceHandlers } from './auth-services/handlers.ts';
import { certificateHandlers } from './certificates/handlers.ts';
import { deviceHandlers } from './devices/handlers.ts';
import { ftmHandlers } from './ftm/handlers.ts';
import { hardwareHandlers } from './hardware/handlers.ts';
import { syncHandlers } from './sync/handlers.ts';
import { notificationHandlers } from './notifications/handlers.ts';
import { releaseHandlers } from './releases/handlers.ts';
import { portalHandlers } from './portal/handlers.ts';
import { idServiceHandlers } from './id-service/handlers.ts';

/**
 * A method that is neither one query nor one command: sync's push runs many commands, each through
 * the command path in its own transaction; connect and sync-now talk to the network first.
 */
export interface ServiceHandler<M extends MethodName> {
  kind: 'service';
  run: (env: DispatchEnv, actor: Actor | null, input: ParsedInput<M>) => Promise<Output<M>>;
}

export type Handler<M extends MethodName> = QueryHandler<M> | CommandHandler<M, unknown> | ActionHandler<M> | ServiceHandler<M>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** Builds a command handler, erasing its `prepare` result type for the registry. */
export function command<M extends MethodName, P = undefined>(h: Omit<CommandHandler<M, P>, 'kind'>): CommandHandler<M, unknown> {
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

/** Every contract method has exactly one handler; a missing one is a type error here. */
export const handlers: HandlerMap<MethodName> = {
  ...accountHandlers,
  ...auditHandlers,
  ...dashboardHandlers,
  ...policyHandlers,
  ...linkingHandlers,
  ...partnerHandlers,
  ...authServiceHandlers,
  ...idServiceHandlers,
  ...certificateHandlers,
  ...deviceHandlers,
  ...ftmHandlers,
  ...hardwareHandlers,
  ...syncHandlers,
  ...notificationHandlers,
  ...releaseHandlers,
  ...portalHandlers,
  ...assistedHandlers,
};
