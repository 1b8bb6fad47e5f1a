import type { CoreEvent, EventSource } from '../../core/index.ts';

/**
 * Which window hears which core event, without `electron` (unit-tested with a real core in
 * test/unit/electron-event-router.test.ts). A window hears nothing until its renderer names a
 * signed-in session (`listenAs`); from then on the core delivers only what that session may hear
 * (events/subscriptions.ts) until it signs out, expires, or names another. Events wait in a small
 * queue until the page says it listens (`ready`); a new page load starts over.
 */

/** Events kept per window while its renderer is not ready yet; the oldest are dropped beyond this. */
export const MAX_QUEUED_EVENTS = 200;

interface WindowState {
  send: (e: CoreEvent) => void;
  ready: boolean;
  queue: CoreEvent[];
  session: string | null;
  off: (() => void) | null;
}

export interface EventRouter {
  /** A window this process created; `send` pushes one event to its renderer. */
  attach(windowId: number, send: (e: CoreEvent) => void): void;
  /** The window's renderer names its session (null: signed out). Unknown windows are ignored. */
  listenAs(windowId: number, session: string | null): void;
  /** The page listens: queued events go out, later ones at once. */
  ready(windowId: number): void;
  /** A new document: it hears nothing until it names its session and says it is ready again. */
  navigated(windowId: number): void;
  detach(windowId: number): void;
  dispose(): void;
}

export function createEventRouter(source: EventSource, maxQueued = MAX_QUEUED_EVENTS): EventRouter {
  const windows = new Map<number, WindowState>();

  const stopListening = (state: WindowState) => {
    state.off?.();
    state.off = null;
    state.session = null;
    state.queue = [];
  };

  const push = (state: WindowState, e: CoreEvent) => {
    if (state.ready) return state.send(e);
    state.queue.push(e);
    if (state.queue.length > maxQueued) state.queue.shift();
  };

  return {
    attach(windowId, send) {
      windows.set(windowId, { send, ready: false, queue: [], session: null, off: null });
    },
    listenAs(windowId, session) {
      const state = windows.get(windowId);
      if (!state || state.session === session) return;
      stopListening(state);
      if (session === null) return;
      state.session = session;
      const off = source.subscribe(
        session,
        (e) => {
          if (state.off === off) push(state, e);
        },
        () => {
          // Signed out or expired: this window hears nothing more until a new sign-in.
          if (state.off === off) stopListening(state);
        },
      );
      state.off = off;
    },
    ready(windowId) {
      const state = windows.get(windowId);
      if (!state || state.ready) return;
      state.ready = true;
      for (const e of state.queue.splice(0)) state.send(e);
    },
    navigated(windowId) {
      const state = windows.get(windowId);
      if (!state) return;
      state.ready = false;
      stopListening(state);
    },
    detach(windowId) {
      const state = windows.get(windowId);
      if (state) stopListening(state);
      windows.delete(windowId);
    },
    dispose() {
      for (const state of windows.values()) stopListening(state);
      windows.clear();
    },
  };
}
