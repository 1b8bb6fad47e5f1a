/**
 * The seam between the desk's assisted-registration flow and an ID authentication service shaped
 * like MOSIP IDA's e-KYC API (`POST /idauthentication/v1/kyc/{MISP-LK}/{partnerId}/{apiKey}`).
 * The officer flow depends only on these types; the HTTP client, the request cryptography and the
 * server-side service implement them. A real deployment points the client at MOSIP IDA itself.
 */

import type { SbiAuthBiometric } from '../../../lib/sbi/auth-capture.ts';

export type { SbiAuthBiometric };

export interface IdaKycInput {
  individualId: string;
  individualIdType: 'UIN' | 'VID';
  /** Exactly 10 [A-Za-z0-9]: IDA's rule, and the same id the SBI capture used. */
  transactionId: string;
  consentObtained: boolean;
  biometrics: readonly SbiAuthBiometric[];
}

/** What the applicant consented to share, decrypted from the e-KYC response (names as IDA's). */
export type KycClaims = Readonly<Record<string, string>>;

export type IdaKycOutcome =
  | { ok: true; transactionId: string; authToken: string; claims: KycClaims; responseTime: string }
  | {
      ok: false;
      /** IDA's code (IDA-BIA-001 no match, IDA-MPA-… partner/key, IDA-MLC-… request) or PD_* for the desk's side. */
      code: string;
      message: string;
      /** True when the service could not be reached or answered 5xx: queue and try again later. */
      unreachable: boolean;
    };

export interface IdaClient {
  /** Encrypts, signs and sends one e-KYC request; never throws for a refusal, only for a programming error. */
  kyc(input: IdaKycInput, signal?: AbortSignal): Promise<IdaKycOutcome>;
}
