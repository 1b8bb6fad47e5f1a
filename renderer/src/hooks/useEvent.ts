import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../contract.ts';
import { api } from '../api/client.ts';

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [event]);
}
