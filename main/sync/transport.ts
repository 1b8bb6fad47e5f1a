import type { CallResult, Input, MethodName } from '../contract/index.ts';

/**
 * How a desk reaches its server. Every method of the contract goes as the server host serves it
 * (`POST /api/call/<method>`, `{"input": …}`, `Authorization: Bearer <session>` → `{ok, result|error}`);
 * pokes come over the authenticated event socket. A transport never retries: the client decides.
 * It throws `AppError('PD_SYNC_007')` when the server cannot be reached or answers garbage, and
 * `AppError('PD_SYNC_008')` when the server's certificate is not the pinned one.
 */
export interface SyncTransport {
  call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>>;
  /** Calls `listener` on every poke until the returned function is called; reconnects by itself. */
  onPoke(session: string, listener: () => void): () => void;
  close(): void;
}

export interface ServerTarget {
  serverUrl: string;
  /** SHA-256 of the server's certificate (hex, any case, colons allowed); null only for http on loopback. */
  fingerprint: string | null;
}

export type TransportFactory = (target: ServerTarget) => SyncTransport;
