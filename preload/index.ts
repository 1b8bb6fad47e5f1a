import { contextBridge, ipcRenderer } from 'electron';
import {
  CALL_CHANNEL_PREFIX,
  EVENT_CHANNEL,
  EVENT_NAMES,
  EVENT_SESSION_CHANNEL,
  METHOD_NAMES,
  READY_CHANNEL,
} from '../main/contract/index.ts';
import type {
  CallResult,
  EventName,
  EventPayload,
  Input,
  MethodName,
  PartnerDeskTransport,
} from '../main/contract/index.ts';

/**
 * The only bridge between the sandboxed renderer and the app: `window.partnerDesk`, exactly the
 * contract's methods and events. Imports nothing but `electron` and the contract; bundled to CommonJS
 * (dist/electron/preload.cjs) because sandboxed preloads cannot be ES modules. `ipcRenderer` itself
 * is never exposed, and listeners never see the Electron event object.
 */

const methodNames: ReadonlySet<string> = new Set<string>(METHOD_NAMES);
const eventNames: ReadonlySet<string> = new Set<string>(EVENT_NAMES);
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string' || !eventNames.has(event)) return;
  for (const listener of [...(listeners.get(event as EventName) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`[preload] a listener for ${event} threw`, err);
    }
  }
});

let readySent = false;
/**
 * Main queues events until the page says it listens. Sent once, on the first subscription, after the
 * current task so every listener registered in the same render pass is in place first.
 */
function signalReady(): void {
  if (readySent) return;
  readySent = true;
  setTimeout(() => ipcRenderer.send(READY_CHANNEL), 0);
}

const partnerDesk: PartnerDeskTransport = {
  call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>> {
    if (typeof method !== 'string' || !methodNames.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'PD_RPC_003', message: 'Unknown method.' },
      });
    }
    return ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${method}`, {
      input,
      session: session ?? null,
    }) as Promise<CallResult<M>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || !eventNames.has(event))
      throw new TypeError(`Unknown event "${String(event).slice(0, 64)}".`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const wrapped = (payload: unknown) => listener(payload as EventPayload<E>);
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(wrapped);
    signalReady();
    return () => {
      listeners.get(event)?.delete(wrapped);
    };
  },
  listenAs(session: string | null): void {
    // Main checks the session with the core and routes this window's events by it.
    ipcRenderer.send(EVENT_SESSION_CHANNEL, typeof session === 'string' ? session : null);
  },
};

contextBridge.exposeInMainWorld('partnerDesk', partnerDesk);
