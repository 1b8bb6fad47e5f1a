import type { EventName, EventPayload, Input, MethodName, Output } from '../contract.ts';
import { useSession } from '../stores/session.ts';
import { ApiError } from './errors.ts';
import { createTransport } from './transport.ts';

const transport = createTransport();
// Events are heard for the signed-in session only; every sign-in and sign-out switches the channel.
transport.listenAs(useSession.getState().token);
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) transport.listenAs(state.token);
});

/**
 * The typed API the screens use: returns the method's output or throws ApiError.
 * The session token comes from the session store; PD_AUTH_003 ends the session so the
 * router sends the user to sign in.
 */
export const api = {
  async call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
    const token = useSession.getState().token;
    let result;
    try {
      result = await transport.call(method, input, token);
    } catch (cause) {
      throw ApiError.network(cause);
    }
    if (result.ok) return result.result;
    const error = new ApiError(result.error);
    // Only end the session the call was made with; a newer sign-in must survive a stale answer.
    if (error.code === 'PD_AUTH_003' && token && useSession.getState().token === token) {
      useSession.getState().end('sessionEnded');
    }
    throw error;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.on(event, listener);
  },
};

export { ApiError };
