import type { ParsedInput, SyncActivityView } from '../../contract/index.ts';

/**
 * What the desk's sync client (main/sync) does for the core's `sync.connect`, `sync.now`,
 * `sync.signIn` and `sync.cancel`: the network side. The host creates the client and hands it to
 * the core, which forwards its activity to the UI as `sync.activity` events.
 */
export interface DeskSyncPort {
  connect(input: ParsedInput<'sync.connect'>): Promise<void>;
  syncNow(): Promise<void>;
  signIn(password: string): Promise<void>;
  /** Stops the round in flight after its current page (a join in progress is abandoned) and pauses background rounds. */
  cancel(): Promise<void>;
  /** What the client is doing now: a round, its progress, a pause after "Cancel". */
  activity(): SyncActivityView;
  onActivity(listener: (activity: SyncActivityView) => void): () => void;
}
