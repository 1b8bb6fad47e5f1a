import type { Output } from '../../contract/index.ts';
import type { Config } from '../config.ts';

export type UpdateStateView = Output<'updates.status'>;

/**
 * The desk's updater as the core sees it (main/update/controller.ts implements it; the Electron
 * host sets it). Every method answers the state after acting; refusals are PD_UPDATE_* AppErrors.
 */
export interface DeskUpdatePort {
  state(): UpdateStateView;
  check(): Promise<UpdateStateView>;
  download(): Promise<UpdateStateView>;
  cancel(): Promise<UpdateStateView>;
  /** Finishes or parks the sync queue, then installs and restarts (PD_UPDATE_017 when it cannot). */
  install(): Promise<UpdateStateView>;
}

/** A host without an installer (the web and server hosts' pages): honest about it. */
export function unsupportedUpdates(deps: { config: Pick<Config, 'updates'> }): UpdateStateView {
  return {
    supported: false,
    runningVersion: null,
    channel: deps.config.updates.channel,
    policy: 'never',
    phase: 'idle',
    available: null,
    progress: null,
    lastError: null,
    checkedAt: null,
  };
}
