/** One item of an SBI Auth CAPTURE response's `biometrics` array, passed to IDA unchanged. */
export interface SbiAuthBiometric {
  specVersion: string;
  /** Compact JWS signed by the device; its payload carries the encrypted bioValue. */
  data: string;
  hash: string;
  sessionKey: string;
  thumbprint: string;
}
