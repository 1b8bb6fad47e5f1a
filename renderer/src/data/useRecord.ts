import { useQuery } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

export interface RecordState<M extends MethodName> {
  data: Output<M> | undefined;
  error: ApiError | null;
  /** No answer yet (first load). */
  loading: boolean;
  refetch(): void;
}

export interface RecordOptions {
  /** Asks again every so many ms while mounted (progress that no event carries); off by default. */
  pollMs?: number | false;
}

/**
 * One answer of a query method, cached under `[method, input]` and refreshed when a topic the
 * contract says it reads changes. `input: null` waits (a route without its id).
 */
export function useRecord<M extends MethodName>(method: M, input: Input<M> | null, options: RecordOptions = {}): RecordState<M> {
  const query = useQuery<Output<M>, ApiError>({
    queryKey: [method, input],
    queryFn: async () => {
      try {
        return await api.call(method, input as Input<M>);
      } catch (error) {
        throw toApiError(error);
      }
    },
    enabled: input !== null,
    refetchInterval: options.pollMs ?? false,
  });
  return {
    data: query.data,
    error: query.error,
    loading: input !== null && query.isPending,
    refetch: () => void query.refetch(),
  };
}
