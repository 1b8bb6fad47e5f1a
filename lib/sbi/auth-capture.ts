/** The shapes of an Auth-purpose CAPTURE shared by the hub (which does it), the core (which asks for it) and the ID service. */

/** One item of an SBI Auth CAPTURE response's `biometrics` array, passed to IDA unchanged. */
export interface SbiAuthBiometric {
  specVersion: string;
  /** Compact JWS signed by the device; its payload carries the encrypted bioValue. */
  data: string;
  hash: string;
  sessionKey: string;
  thumbprint: string;
}

/** One Auth-purpose CAPTURE for assisted registration (native/hub/auth-capture.ts does it; the core asks through HardwareService). */
export interface AuthCaptureRequest {
  port: number;
  deviceId: string;
  modality: 'Finger' | 'Iris' | 'Face';
  bioSubType?: string | undefined;
  /** IDA's rule: exactly 10 [A-Za-z0-9], the same id the e-KYC request carries. */
  transactionId: string;
  requestedScore: number;
  timeoutMs: number;
  certification: string;
}

export interface AuthCaptureView {
  biometrics: SbiAuthBiometric[];
  /** The device's qualityScore per item (the lowest decides). */
  quality: number;
  serialNo: string;
  /** The digital id's decoded payload (no biometric in it). */
  digitalId: Record<string, unknown> | null;
}

/** One ISO 19794 record the virtual SBI captures, as the demo's ID service enrols it. */
export interface SampleRecord {
  bioType: 'Finger' | 'Iris' | 'Face';
  /** MOSIP's subtype ("Left IndexFinger", "Left"); empty for the face. */
  bioSubType: string;
  record: Uint8Array;
}
