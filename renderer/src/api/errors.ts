import { isErrorCode, type ErrorBody, type ErrorCode, type ErrorDetails } from '../contract.ts';

/** What api.call throws: the contract's error body, plus whether the service was unreachable. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  /** Values the translated message names (a required minimum, a date). */
  readonly params: Record<string, string>;
  readonly network: boolean;
  /** Attempts left, when to try again: shown with the message (sign-in, change password). */
  readonly details: ErrorDetails;

  constructor(body: ErrorBody, network = false) {
    super(body.message);
    this.name = 'ApiError';
    this.code = isErrorCode(body.code) ? body.code : 'PD_INTERNAL';
    this.fields = body.fields ?? {};
    this.details = readDetails(body.details);
    this.params = body.params ?? {};
    this.network = network;
  }

  static network(cause: unknown): ApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ApiError({ code: 'PD_INTERNAL', message: `Network error: ${detail}` }, true);
  }
}

/** Only well-formed numbers and dates get through to the screen. */
function readDetails(raw: unknown): ErrorDetails {
  if (typeof raw !== 'object' || raw === null) return {};
  const { attemptsLeft, retryAt } = raw as { attemptsLeft?: unknown; retryAt?: unknown };
  const details: ErrorDetails = {};
  if (typeof attemptsLeft === 'number' && Number.isInteger(attemptsLeft) && attemptsLeft >= 0)
    details.attemptsLeft = attemptsLeft;
  if (typeof retryAt === 'string' && !Number.isNaN(Date.parse(retryAt))) details.retryAt = retryAt;
  return details;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    code: 'PD_INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  });
}
