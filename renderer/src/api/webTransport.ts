import type { CallResult, Input, MethodName, PartnerDeskTransport } from '../contract.ts';
import { createEventSocket } from './eventSocket.ts';
import { launchToken } from './launchToken.ts';

export const SESSION_HEADER = 'x-partner-desk-session';
export const LAUNCH_HEADER = 'x-partner-desk-launch';

function isCallResult(value: unknown): value is CallResult<MethodName> {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as { ok?: unknown; error?: unknown };
  if (body.ok === true) return 'result' in body;
  return body.ok === false && typeof body.error === 'object' && body.error !== null;
}

/** The server host marks its page: there the session is a bearer token and nothing rides on cookies. */
export function isOnlineMode(doc: Pick<Document, 'querySelector'> = document): boolean {
  return doc.querySelector('meta[name="partner-desk-host"]')?.getAttribute('content') === 'server';
}

/**
 * Browser-portal transport: `POST /api/call/<method>` with `{input}`; the host answers a
 * CallResult as JSON even on 4xx, so only unreadable bodies and network failures are synthesised.
 * Online (served by the server host) the session goes as `Authorization: Bearer` and no launch
 * token exists; the event socket belongs to the session named by `listenAs`.
 */
export function createWebTransport(online = isOnlineMode()): PartnerDeskTransport {
  // The web host's launch token; the server host has none (bearer sessions only).
  const launch = () => (online ? null : launchToken());
  const socket = createEventSocket('/api/events', () => {
    const token = launch();
    return token ? ['partner-desk', `launch.${token}`] : ['partner-desk'];
  });
  return {
    async call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (session) headers[online ? 'authorization' : SESSION_HEADER] = online ? `Bearer ${session}` : session;
      const token = launch();
      if (token) headers[LAUNCH_HEADER] = token;
      // fetch rejects on network failure; api.call turns that into a PD_INTERNAL network error.
      const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input }),
        // no cookie carries anything here; send none
        credentials: 'omit',
        cache: 'no-store',
      });
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (isCallResult(body)) return body as CallResult<M>;
      return {
        ok: false,
        error: { code: 'PD_INTERNAL', message: `Unexpected response (HTTP ${response.status})` },
      };
    },
    on: socket.on,
    listenAs: socket.listenAs,
  };
}
