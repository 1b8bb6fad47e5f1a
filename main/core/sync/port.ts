import type { ParsedInput } from '../../contract/index.ts';

/**
 * What the desk's sync client (main/sync) does for the core's `sync.connect`, `sync.now` and
 * `sync.signIn`: the network side. The host creates the client and hands it to the core.
 */
export interface DeskSyncPort {
  connect(input: ParsedInput<'sync.connect'>): Promise<void>;
  syncNow(): Promise<void>;
  signIn(password: string): Promise<void>;
}
