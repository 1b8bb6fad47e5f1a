import { QueryClient, type Query } from '@tanstack/react-query';
import { contract, isMethodName, readsOf, type DataTopic, type MethodName } from '../contract.ts';
import { ApiError } from '../api/errors.ts';

/**
 * The one cache of what the core answered. Query keys are `[method, input]`, never written by
 * hand; a refused call is not retried (the core's answer will not change), an unreachable
 * service is, twice.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => error instanceof ApiError && error.network && failures < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

/** Whether a cached query's answer depends on `topic` (the contract's `reads`). */
export function readsTopic(query: Query, topic: DataTopic): boolean {
  const method = query.queryKey[0];
  return isMethodName(method) && readsOf(contract[method]).includes(topic);
}

/** Marks every answer that depends on one of `topics` stale; the ones on screen refetch. */
export function invalidateTopics(topics: readonly DataTopic[]): Promise<void> {
  if (topics.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({
    predicate: (query) => topics.some((topic) => readsTopic(query, topic)),
  });
}

/** Refetches the answers of these methods (state outside the data topics: the desk's sync rounds). */
export function invalidateMethods(methods: readonly MethodName[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => methods.some((m) => query.queryKey[0] === m),
  });
}
