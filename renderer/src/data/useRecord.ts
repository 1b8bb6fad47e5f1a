import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

export interface RecordState<M extends MethodName> {
  data: Output<M> | undefined;
  error: ApiError | null;
  /** No answer yet (first load). */
  loading: boolean;
  /** A request in flight (a refetch keeps the previous answer in `data`). */
  fetching: boolean;
  refetch(): void;
}

export interface RecordOptions {
  /** Asks again every so many ms while mounted (progress that no event carries); off by default. */
  pollMs?: number | false;
  /** A search keeps its last matches on screen while the next answer is on its way. */
  keepPrevious?: boolean;
}

/**
 * One answer of a query method, cached under `[method, input]` and refreshed when a topic the
 * contract says it reads changes. `input: null` waits (a route without its id); `keepPrevious`
 * shows the previous input's answer until the new one arrives.
 */
export function useRecord<M extends MethodName>(
  method: M,
  input: Input<M> | null,
  options: RecordOptions = {},
): RecordState<M> {
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
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
  return {
    data: query.data,
    error: query.error,
    loading: input !== null && query.isPending,
    fetching: query.isFetching,
    refetch: () => void query.refetch(),
  };
}
