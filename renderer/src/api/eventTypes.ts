import { EVENT_NAMES, events, type EventName, type EventPayload } from '../contract.ts';

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

export { events };
export type { EventName, EventPayload };
