import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../main/core/index.ts';
import { startServerHost } from '../../main/hosts/server/server.ts';
import type { ServerHost } from '../../main/hosts/server/server.ts';

/**
 * The product's server host (main/hosts/server) on loopback in front of a test's server core, so
 * the desk's HTTP transport talks to the real thing: the contract at `POST /api/call/<method>` with
 * a bearer session and body limits, events on `/api/events` with the bearer as a subprotocol.
 * The test owns the core: closing the host leaves it open.
 */
export interface CoreServer {
  url: string;
  port: number;
  host: ServerHost;
  close(): Promise<void>;
}

export async function serveCore(
  core: Core,
  opts: { tls?: { key: string; cert: string }; port?: number } = {},
): Promise<CoreServer> {
  const host = await startServerHost({
    core: { ...core, close: () => undefined },
    port: opts.port ?? 0,
    bind: '127.0.0.1',
    tls: opts.tls ?? null,
    hostNames: ['127.0.0.1', 'localhost'],
    // No pages: sync needs only the API (a missing folder answers 404 to page requests).
    rendererDir: join(tmpdir(), 'partner-desk-no-renderer'),
    log: () => undefined,
  });
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${host.port}`,
    port: host.port,
    host,
    close: () => host.close(),
  };
}
