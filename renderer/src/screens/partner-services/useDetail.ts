import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { useEvent } from '../../hooks/useEvent.ts';

/** Loads one record and reloads it when its topic changes. */
export function useDetail<T>(key: string | null, fetch: (key: string) => Promise<T>, topics: readonly string[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEvent('data.changed', ({ topic }) => {
    if (topics.includes(topic)) setTick((n) => n + 1);
  });
  useEffect(() => {
    if (!key) return;
    let live = true;
    fetch(key).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
    // fetch is a stable module-level function at each call site
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return { data, error, setData };
}
