import { useEffect, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import { invalidateTopics } from './queryClient.ts';

/**
 * Signed-in data: the query cache (provided at the root) refreshed from the core's
 * `data.changed` events. Mounted inside the app shell, so nothing listens before sign-in.
 */
export function DataProvider({ children }: { children: ReactNode }) {
  useEffect(() => api.on('data.changed', ({ topic }) => void invalidateTopics([topic])), []);
  return <>{children}</>;
}
