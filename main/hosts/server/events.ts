import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { EventName, EventPayload, Role } from '../../contract/index.ts';
import type { Core } from '../../core/index.ts';

/** Who holds an event socket, as far as routing is concerned; null when nobody is signed in on it. */
export type Subscriber = { userId: string; roles: readonly Role[] } | null;

/**
 * The one routing decision of the server's event stream: may this subscriber hear this event?
 * `data.changed` carries only a topic name, so any signed-in user may; hardware events describe
 * devices attached to the machine running the core, and a server has none to show anyone.
 * (To be replaced by the core's event audience when it lands; keep every rule here.)
 */
export function mayReceive<E extends EventName>(event: E, _payload: EventPayload<E>, subscriber: Subscriber): boolean {
  if (event === 'data.changed') return subscriber !== null;
  return false;
}

/** Offered by clients that authenticate in the handshake: `Sec-WebSocket-Protocol: partner-desk, bearer.<token>`. */
export const EVENTS_PROTOCOL = 'partner-desk';
const BEARER_PROTOCOL = 'bearer.';
const MAX_SOCKETS_PER_IP = 32;

interface Connection {
  ws: WebSocket;
  ip: string;
  session: string | null;
  /** Deliveries run in order per socket: each waits for the session check of the one before. */
  queue: Promise<void>;
}

/**
 * The event sockets of the server host. A socket authenticates with a bearer session in the
 * handshake's subprotocols or in a message `{"type":"auth","session":…}` (browsers cannot set
 * headers on a WebSocket); a later auth message replaces the session (sign-in, sign-out). The
 * session is checked again at every delivery, so a signed-out or expired session hears nothing.
 */
export function createEventHub(core: Core) {
  const connections = new Set<Connection>();

  async function subscriberOf(session: string | null): Promise<Subscriber> {
    if (!session) return null;
    const me = await core.dispatch('session.me', session, {});
    if (!me.ok) return null;
    const user = me.result as { userId: string; roles: Role[] };
    return { userId: user.userId, roles: user.roles };
  }

  function sessionFromProtocols(req: IncomingMessage): string | null {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith(BEARER_PROTOCOL));
    return bearer ? bearer.slice(BEARER_PROTOCOL.length).slice(0, 512) || null : null;
  }

  function onMessage(conn: Connection, data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return conn.ws.close(1003, 'only auth messages are accepted');
    }
    const m = message as { type?: unknown; session?: unknown };
    if (typeof message !== 'object' || message === null || m.type !== 'auth' || !(m.session === null || typeof m.session === 'string')) {
      return conn.ws.close(1003, 'only auth messages are accepted');
    }
    conn.session = typeof m.session === 'string' && m.session.length > 0 && m.session.length <= 512 ? m.session : null;
    const session = conn.session;
    conn.queue = conn.queue.then(async () => {
      const who = await subscriberOf(session);
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify({ type: 'auth', ok: who !== null }));
    }).catch(() => undefined);
  }

  return {
    /** False when this address already holds its share of sockets. */
    admits(ip: string): boolean {
      let n = 0;
      for (const c of connections) if (c.ip === ip) n += 1;
      return n < MAX_SOCKETS_PER_IP;
    },
    /** Chooses our subprotocol when offered (the browser fails the handshake if none is echoed). */
    handleProtocols(protocols: Set<string>): string | false {
      return protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false;
    },
    accept(ws: WebSocket, req: IncomingMessage, ip: string): void {
      const conn: Connection = { ws, ip, session: sessionFromProtocols(req), queue: Promise.resolve() };
      connections.add(conn);
      ws.on('message', (data) => onMessage(conn, data));
      ws.on('close', () => connections.delete(conn));
      ws.on('error', () => connections.delete(conn));
    },
    publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
      const message = JSON.stringify({ event, payload });
      for (const conn of connections) {
        const session = conn.session;
        conn.queue = conn.queue.then(async () => {
          if (conn.ws.readyState !== conn.ws.OPEN) return;
          if (mayReceive(event, payload, await subscriberOf(session))) conn.ws.send(message);
        }).catch(() => undefined);
      }
    },
    get size(): number {
      return connections.size;
    },
    close(code: number, reason: string): void {
      for (const conn of connections) conn.ws.close(code, reason);
      connections.clear();
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
