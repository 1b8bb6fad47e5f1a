import { events, isEventName, type EventName, type EventPayload } from './eventTypes.ts';

type Listener = (payload: unknown) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** The host closes a channel whose session is missing, refused or ended with this code. */
export const SESSION_ENDED_CLOSE = 4401;

/**
 * The web host's event stream (`/api/events`, same origin). It belongs to one signed-in session:
 * the first message names it (`{"type":"auth","session":…}`, understood by the web and the server
 * host), and a new sign-in opens a new socket. Connects while there are
 * listeners and a session, reconnects with capped exponential backoff plus jitter — except after
 * the host said the session ended, until another session is named — and validates every payload
 * against the contract before handing it out.
 */
export function createEventSocket(path = '/api/events', protocols: () => string[] = () => []) {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let session: string | null = null;

  const hasListeners = () => [...listeners.values()].some((set) => set.size > 0);

  function url(): string {
    const target = new URL(path, window.location.href);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    target.hash = '';
    return target.toString();
  }

  function dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) return;
    for (const listener of listeners.get(event) ?? []) listener(parsed.data);
  }

  function scheduleReconnect(): void {
    if (retryTimer || !hasListeners() || !session) return;
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (socket || !hasListeners() || !session) return;
    const as = session;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url(), protocols());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      // `type` for the server host, which also takes later auth messages; the web host reads `session`.
      ws.send(JSON.stringify({ type: 'auth', session: as }));
    };
    ws.onmessage = (message) => dispatch(message.data);
    ws.onclose = (closed) => {
      if (socket === ws) socket = null;
      // The host ended this session's channel: wait for the next sign-in instead of retrying.
      if (closed.code === SESSION_ENDED_CLOSE && session === as) session = null;
      scheduleReconnect();
    };
    // onclose follows every error, so reconnecting happens there.
    ws.onerror = () => undefined;
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (payload) => listener(payload as EventPayload<E>);
    set.add(wrapped);
    connect();
    return () => {
      set.delete(wrapped);
    };
  }

  /** Switches the channel to `token`'s session (null: signed out, no channel). */
  function listenAs(token: string | null): void {
    if (token === session) return;
    session = token;
    attempt = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const old = socket;
    socket = null;
    old?.close(1000, 'session changed');
    connect();
  }

  return { on, listenAs };
}
