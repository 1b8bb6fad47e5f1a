import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Core } from '../../core/index.ts';

/** Offered by clients that authenticate in the handshake: `Sec-WebSocket-Protocol: partner-desk, bearer.<token>`. */
export const EVENTS_PROTOCOL = 'partner-desk';
const BEARER_PROTOCOL = 'bearer.';
/** Close code of a channel whose session was refused or ended (as the web host). */
export const EVENTS_SESSION_ENDED = 4401;

interface Connection {
  ws: WebSocket;
  ip: string;
  unsubscribe: (() => void) | null;
}

/**
 * The event sockets of the server host. A socket authenticates with a bearer session in the
 * handshake's subprotocols or in a message `{"type":"auth","session":…}` (browsers cannot set
 * headers on a WebSocket); a later auth message replaces the session (sign-in, sign-out). Delivery
 * goes through the core's session-bound subscriptions: each event reaches only the sessions its
 * audience names (a partner hears of its own records), and an ended session's channel is closed.
 * Hardware events never have an audience here: the server has no devices.
 */
export function createEventHub(core: Core) {
  const connections = new Set<Connection>();
  const perIp = core.deps.config.server.eventSocketsPerIp;

  function sessionFromProtocols(req: IncomingMessage): string | null {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith(BEARER_PROTOCOL));
    return bearer ? bearer.slice(BEARER_PROTOCOL.length).slice(0, 512) || null : null;
  }

  /** Binds the socket to `session` once the core accepts it; a refused session closes it (4401). */
  function listen(conn: Connection, session: string | null): void {
    conn.unsubscribe?.();
    conn.unsubscribe = null;
    if (!session) return;
    const open = () => conn.ws.readyState === conn.ws.OPEN;
    void core.dispatch('session.me', session, {}).then((me) => {
      if (!open()) return;
      if (!me.ok) return conn.ws.close(EVENTS_SESSION_ENDED, me.error.code);
      conn.unsubscribe = core.subscribe(
        session,
        (e) => {
          if (open()) conn.ws.send(JSON.stringify(e));
        },
        (code) => {
          conn.unsubscribe = null;
          if (open()) conn.ws.close(EVENTS_SESSION_ENDED, code);
        },
      );
      if (open()) conn.ws.send(JSON.stringify({ type: 'auth', ok: true }));
    });
  }

  function onMessage(conn: Connection, data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return conn.ws.close(1003, 'only auth messages are accepted');
    }
    const m = message as { type?: unknown; session?: unknown };
    if (
      typeof message !== 'object' ||
      message === null ||
      m.type !== 'auth' ||
      !(m.session === null || typeof m.session === 'string')
    ) {
      return conn.ws.close(1003, 'only auth messages are accepted');
    }
    listen(conn, typeof m.session === 'string' && m.session.length > 0 && m.session.length <= 512 ? m.session : null);
  }

  function drop(conn: Connection): void {
    conn.unsubscribe?.();
    conn.unsubscribe = null;
    connections.delete(conn);
  }

  return {
    /** False when this address already holds its share of sockets. */
    admits(ip: string): boolean {
      let n = 0;
      for (const c of connections) if (c.ip === ip) n += 1;
      return n < perIp;
    },
    /** Chooses our subprotocol when offered (the browser fails the handshake if none is echoed). */
    handleProtocols(protocols: Set<string>): string | false {
      return protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false;
    },
    accept(ws: WebSocket, req: IncomingMessage, ip: string): void {
      const conn: Connection = { ws, ip, unsubscribe: null };
      connections.add(conn);
      ws.on('message', (data) => onMessage(conn, data));
      ws.on('close', () => drop(conn));
      ws.on('error', () => drop(conn));
      listen(conn, sessionFromProtocols(req));
    },
    get size(): number {
      return connections.size;
    },
    close(code: number, reason: string): void {
      for (const conn of [...connections]) {
        drop(conn);
        conn.ws.close(code, reason);
      }
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
