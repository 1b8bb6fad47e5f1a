/**
 * Typed failures of everything that talks SBI. A device's answer is untrusted input: every way it
 * can be wrong maps to one stable code, so the UI, the CLI's JSON and the compliance bench can say
 * exactly what went wrong without parsing messages.
 */
export const SBI_ERROR_CODES = [
  'SBI_CONNECT', // nothing answered, or the connection was refused/reset
  'SBI_TIMEOUT', // connected, but the answer did not complete in time (incl. a device dripping bytes)
  'SBI_TOO_LARGE', // the answer exceeded the size cap
  'SBI_HTTP_STATUS', // an HTTP status other than 200
  'SBI_MALFORMED', // not JSON, or not the shape the specification requires
  'SBI_JWS_MALFORMED', // a signed block that is not a compact JWS with RS256 and x5c
  'SBI_SIGNATURE', // the signature does not verify with x5c[0]
  'SBI_CERT_UNTRUSTED', // x5c[0] does not chain to the trust store in the required domain
  'SBI_CERT_EXPIRED', // x5c[0] is outside its validity period
  'SBI_DIGITAL_ID_MISMATCH', // digitalId fields differ from the registered device
  'SBI_HASH_CHAIN', // a biometric hash does not follow from previousHash and the record
  'SBI_TIMESTAMP', // a timestamp is not yyyy-MM-ddTHH:mm:ssZ or outside the tolerance
  'SBI_DEVICE_ERROR', // the device answered with an SBI error code (error.errorCode ≠ 0)
  'SBI_DECRYPT', // an encrypted bioValue could not be decrypted with the key given
  'SBI_ISO_RECORD', // an ISO 19794 record failed its header checks
  'SBI_CANCELLED', // the caller cancelled
  // Added with the SBI client (issue 6):
  'SBI_RESPONSE_MISMATCH', // a well-formed answer that does not fit the request (count, purpose, transactionId, segment)
  'SBI_BAD_REQUEST', // the request the caller asked us to send breaks the specification (nothing was sent)
] as const;
export type SbiErrorCode = (typeof SBI_ERROR_CODES)[number];

export class SbiError extends Error {
  constructor(
    readonly code: SbiErrorCode,
    message: string,
    /** Machine-readable detail (field, expected, actual…), safe to show and to put in JSON reports. */
    readonly detail?: Record<string, string | number | boolean | null>,
  ) {
    super(message);
    this.name = 'SbiError';
  }
}

export const isSbiError = (e: unknown): e is SbiError => e instanceof SbiError;
