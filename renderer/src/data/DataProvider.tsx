import { useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { invalidateTopics, queryClient } from './queryClient.ts';

/**
 * Signed-in data: the query cache, refreshed from the core's `data.changed` events. Mounted
 * inside the app shell, so nothing listens before sign-in.
 */
export function DataProvider({ children }: { children: ReactNode }) {
  useEffect(() => api.on('data.changed', ({ topic }) => void invalidateTopics([topic])), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
