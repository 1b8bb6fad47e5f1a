import { AppError } from '../../contract/index.ts';
import type { ErrorCode, EventName, EventPayload } from '../../contract/index.ts';
import { hashToken } from '../token-hash.ts';
import { hears } from './audience.ts';
import type { Audience, Viewer } from './audience.ts';

export type CoreEvent = { event: EventName; payload: EventPayload<EventName> };

/**
 * The event channel of one signed-in session, as both hosts use it (the web host per WebSocket,
 * the Electron host per window through the core worker). `ended` is called once, with the code,
 * when the session is refused at the start or stops being valid later (sign-out, expiry, a
 * disabled account); nothing is delivered after it. The returned function unsubscribes.
 */
export interface EventSource {
  subscribe(session: string, deliver: (e: CoreEvent) => void, ended: (code: ErrorCode) => void): () => void;
}

interface Subscription {
  token: string;
  hash: string;
  deliver: (e: CoreEvent) => void;
  ended: (code: ErrorCode) => void;
}

/**
 * Session-bound subscriptions. The session is checked when a subscription starts, again before
 * every delivery (so an expired session hears nothing more), after every command (so a sign-out
 * ends its channel at once) and on a timer (so an idle expired channel is closed too).
 */
export class EventSubscriptions implements EventSource {
  private readonly subs = new Set<Subscription>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly viewerOf: (token: string) => Viewer,
    private readonly log: (level: 'warn', message: string, detail?: unknown) => void,
    sweepMs = 30_000,
  ) {
    this.timer = setInterval(() => this.recheck(), sweepMs);
    this.timer.unref();
  }

  subscribe(session: string, deliver: (e: CoreEvent) => void, ended: (code: ErrorCode) => void): () => void {
    const sub: Subscription = { token: session, hash: hashToken(session), deliver, ended };
    this.subs.add(sub);
    // Answered after the caller holds its unsubscribe function, whatever the outcome.
    queueMicrotask(() => {
      if (this.subs.has(sub)) this.check(sub);
    });
    return () => void this.subs.delete(sub);
  }

  emit(event: EventName, payload: EventPayload<EventName>, audience: Audience): void {
    for (const sub of [...this.subs]) {
      // A session-bound event is checked against the token hash before the database is asked.
      if ('session' in audience && audience.session !== sub.hash) continue;
      const viewer = this.check(sub);
      if (viewer && hears(audience, viewer)) {
        try {
          sub.deliver({ event, payload });
        } catch (err) {
          this.log('warn', `delivering ${event} failed`, err);
        }
      }
    }
  }

  /** Ends every subscription whose session is no longer valid. */
  recheck(): void {
    for (const sub of [...this.subs]) this.check(sub);
  }

  close(): void {
    clearInterval(this.timer);
    this.subs.clear();
  }

  private check(sub: Subscription): Viewer | null {
    try {
      return this.viewerOf(sub.token);
    } catch (err) {
      this.subs.delete(sub);
      const code: ErrorCode = err instanceof AppError ? err.code : 'PD_INTERNAL';
      if (!(err instanceof AppError)) this.log('warn', 'an event subscription failed its session check', err);
      sub.ended(code);
      return null;
    }
  }
}
