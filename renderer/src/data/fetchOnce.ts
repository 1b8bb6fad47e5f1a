import type { Input, MethodName, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError } from '../api/errors.ts';
import { queryClient } from './queryClient.ts';

/**
 * A query answered on demand (a download, a preview before a confirmation, a picker's search):
 * through the same cache and keys as `useRecord`, so a request in flight is shared, but always
 * fresh and not kept (a certificate file is not worth caching). Rejects with an ApiError.
 */
export function fetchOnce<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  return queryClient.fetchQuery<Output<M>>({
    queryKey: [method, input],
    queryFn: async () => {
      try {
        return await api.call(method, input);
      } catch (error) {
        throw toApiError(error);
      }
    },
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
