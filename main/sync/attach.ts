import type { Core } from '../core/index.ts';
import { DeskSyncClient } from './client.ts';
import { HttpSyncTransport } from './http-transport.ts';

/** Every 30 s a joined desk tries a round even without a poke (a missed poke, a server back up). */
export const DESK_SYNC_INTERVAL_MS = 30_000;

/**
 * Gives a host's core its sync client: `sync.connect` / `sync.now` / `sync.signIn` work, and a
 * desk that is joined syncs in the background. The returned core's close() stops the client first:
 * the call in flight is cut and the round ends without touching the database, which closes next.
 */
export function withDeskSync(core: Core, intervalMs = DESK_SYNC_INTERVAL_MS): Core {
  const client = new DeskSyncClient(core, {
    transport: (target) => new HttpSyncTransport(target),
    intervalMs,
    background: true,
  });
  core.setDeskSync(client);
  client.start();
  return {
    ...core,
    close() {
      void client.stop();
      core.close();
    },
  };
}
