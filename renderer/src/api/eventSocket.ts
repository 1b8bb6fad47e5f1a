import { events, isEventName, type EventName, type EventPayload } from './eventTypes.ts';

type Listener = (payload: unknown) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * The web host's event stream (`/api/events`, same origin). Connects on the first listener,
 * reconnects with capped exponential backoff plus jitter, and validates every payload against
 * the contract before handing it out. With `authenticate` (the server host) the socket presents the
 * session in a first message `{"type":"auth","session":…}`, and again whenever it changes.
 */
export function createEventSocket(path = '/api/events', authenticate = false) {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let session: string | null = null;

  function sendSession(ws: WebSocket): void {
    if (authenticate && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'auth', session }));
  }

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
    if (retryTimer || !hasListeners()) return;
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (socket || !hasListeners()) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      if (session) sendSession(ws);
    };
    ws.onmessage = (message) => dispatch(message.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
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

  function setSession(token: string | null): void {
    if (token === session) return;
    session = token;
    if (socket) sendSession(socket);
  }

  return { on, setSession };
}
