import { useMutation } from '@tanstack/react-query';
import { changesOf, contract, type Input, type MethodName, type Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { invalidateTopics } from './queryClient.ts';

export interface CommandState<M extends MethodName> {
  /** Resolves with the output, or null when the core refused (the error is then in `error`). */
  run(input: Input<M>): Promise<Output<M> | null>;
  /** As `run`, but a refusal rejects with the ApiError (forms map it onto their fields). */
  call(input: Input<M>): Promise<Output<M>>;
  pending: boolean;
  error: ApiError | null;
  reset(): void;
}

/**
 * Runs a command or action outside a component's render (a stream an effect starts and its
 * cleanup stops): the refusal as an ApiError, the declared topics refetched on success.
 */
export async function perform<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  let output: Output<M>;
  try {
    output = await api.call(method, input);
  } catch (error) {
    throw toApiError(error);
  }
  await invalidateTopics(changesOf(contract[method]));
  return output;
}

/**
 * A command (or action) method: pending state, the refusal as an ApiError (screens translate
 * its code), and on success the topics the contract says it changes are refetched at once — no
 * optimistic update, the screen shows what the core committed.
 */
export function useCommand<M extends MethodName>(method: M): CommandState<M> {
  const mutation = useMutation<Output<M>, ApiError, Input<M>>({
    mutationFn: (input) => perform(method, input),
  });
  return {
    run: (input) => mutation.mutateAsync(input).catch(() => null),
    call: (input) => mutation.mutateAsync(input),
    pending: mutation.isPending,
    error: mutation.error,
    reset: mutation.reset,
  };
}
