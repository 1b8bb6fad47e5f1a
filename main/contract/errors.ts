/**
 * Stable error codes. MOSIP's own codes are reused where MOSIP has one (pms.md §2.4);
 * codes that MOSIP does not define use the `PD_` prefix. The UI translates every code
 * under `errors.<code>` so a new code without a message fails the renderer type-check.
 */
export const ERROR_CODES = [
  // wire / contract
  'PD_RPC_001', // malformed JSON body
  'PD_RPC_002', // payload too large
  'PD_RPC_003', // unknown method
  'PD_RPC_004', // missing or wrong launch token
  'PD_RPC_005', // request not allowed from this origin / sender
  'PD_RPC_006', // output failed its own schema (a core bug, never the caller's)
  'PD_INTERNAL', // unexpected failure; details are logged, not returned
  'PMS_COR_001', // missing input
  'PMS_COR_002', // invalid input
  // sessions and authorization
  'PD_AUTH_001', // wrong username/e-mail or password
  'PD_AUTH_002', // account locked after repeated failures
  'PD_AUTH_003', // no session or session expired
  'PD_AUTH_004', // role not allowed to call this method
  'PD_AUTH_005', // reset link invalid, used or expired
  'PD_AUTH_006', // current password wrong
  'PD_AUTH_007', // account disabled
  'PD_PWD_001', // password does not meet the strength rules
  'PD_SETUP_001', // first-run setup already done
  'PD_SETUP_002', // demo data only loads into an empty database
  // registration (MOSIP)
  'PMS_PRT_010', // partner type does not exist
  'PMS_PRT_011', // e-mail already registered
  'PMS_PRT_012', // invalid e-mail
  'PMS_PRT_013', // invalid phone number
  'PMS_PRT_051', // partner id already registered
  'PMS_PRT_052', // partner id too long
  'PMS_PRT_066', // partner id contains spaces
  'PMS_PRT_056', // language not supported
  'PMS_PRT_005', // partner does not exist
  // lists (MOSIP paging rules)
  'PMS_PRT_357', // unknown sort field
  'PMS_PRT_358', // bad sort type
  'PMS_PRT_360', // page number < 0
  'PMS_PRT_361', // page size <= 0
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms: path → code. */
  fields?: Record<string, string>;
}

/** Thrown by the core; hosts turn it into an ErrorBody on the wire. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
