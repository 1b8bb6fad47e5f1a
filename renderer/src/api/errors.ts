import { isErrorCode, type ErrorBody, type ErrorCode } from '../contract.ts';

/** What api.call throws: the contract's error body, plus whether the service was unreachable. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  /** Values the translated message names (a required minimum, a date). */
  readonly params: Record<string, string>;
  readonly network: boolean;

  constructor(body: ErrorBody, network = false) {
    super(body.message);
    this.name = 'ApiError';
    this.code = isErrorCode(body.code) ? body.code : 'PD_INTERNAL';
    this.fields = body.fields ?? {};
    this.params = body.params ?? {};
    this.network = network;
  }

  static network(cause: unknown): ApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ApiError({ code: 'PD_INTERNAL', message: `Network error: ${detail}` }, true);
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ code: 'PD_INTERNAL', message: error instanceof Error ? error.message : String(error) });
}
