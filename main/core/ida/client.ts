/**
 * The desk's IDA client: one e-KYC request per call over HTTP(S), the answer's
 * `response-signature` checked against the service's pinned SIGN certificate, the KYC identity
 * decrypted with the desk's partner key. Refusals come back as outcomes with IDA's code; a
 * network failure, a timeout or a 5xx is `unreachable` (the officer's flow queues and retries).
 */
import type { KeyObject } from 'node:crypto';
import { IdaCryptoError, idaCert, openAesGcm, unwrapSessionKey } from './crypto.ts';
import type { IdaCert } from './crypto.ts';
import { verifyDetached } from './detached-jws.ts';
import { buildKycRequest } from './request.ts';
import type { IdaClient, IdaKycInput, IdaKycOutcome, KycClaims } from './types.ts';

export interface IdaClientConfig {
  /** The service's base, e.g. https://ida.example.org/idauthentication/v1 (no trailing slash needed). */
  baseUrl: string;
  mispLicenseKey: string;
  partnerId: string;
  apiKey: string;
  /** The service's PARTNER certificate (requests are encrypted to it). */
  servicePartnerCertDer: Uint8Array;
  /** The service's SIGN certificate: only answers signed with it are believed. */
  serviceSignCertDer: Uint8Array;
  /** The desk's authentication-partner certificate (as PMS holds it) and its private key. */
  partnerCertDer: Uint8Array;
  partnerKey: KeyObject;
  timeoutMs: number;
}

export interface IdaClientDeps {
  now: () => Date;
  randomBytes: (n: number) => Buffer;
  fetch?: typeof fetch;
}

/** Phases of one call, for the benchmark: the desk's own share is build + verify + decrypt. */
export interface IdaTimings {
  buildMs: number;
  networkMs: number;
  verifyMs: number;
  decryptMs: number;
}

const MAX_ANSWER_BYTES = 1_048_576;

const fail = (code: string, message: string, unreachable = false): IdaKycOutcome => ({
  ok: false,
  code,
  message,
  unreachable,
});

interface IdaAnswer {
  transactionID?: unknown;
  responseTime?: unknown;
  response?: {
    kycStatus?: unknown;
    authStatus?: unknown;
    authToken?: unknown;
    identity?: unknown;
    sessionKey?: unknown;
    thumbprint?: unknown;
  } | null;
  errors?: Array<{ errorCode?: unknown; errorMessage?: unknown }> | null;
}

/** IDA wraps filter-stage refusals as [IDA-MLC-007, cause]: the cause is what the officer needs. */
function refusalOf(errors: NonNullable<IdaAnswer['errors']>): IdaKycOutcome {
  const named = errors.filter((e) => typeof e?.errorCode === 'string');
  const cause = named.find((e) => e.errorCode !== 'IDA-MLC-007') ?? named[0];
  if (!cause) return fail('PD_IDA_002', 'The ID authentication service refused the request without a code.');
  const message = typeof cause.errorMessage === 'string' ? cause.errorMessage.slice(0, 500) : String(cause.errorCode);
  return fail(String(cause.errorCode).slice(0, 64), message);
}

function claimsOf(json: unknown): KycClaims | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    // IDA's multilingual values: [{language, value}] → name_<lang>
    else if (Array.isArray(v))
      for (const e of v)
        if (e && typeof e === 'object' && typeof e.value === 'string')
          out[typeof e.language === 'string' ? `${k}_${e.language}` : k] = e.value;
  }
  return out;
}

export function createIdaClient(
  config: IdaClientConfig,
  deps: IdaClientDeps,
  onTimings?: (t: IdaTimings) => void,
): IdaClient {
  const servicePartnerCert: IdaCert = idaCert(config.servicePartnerCertDer, 'the service PARTNER certificate');
  const serviceSign: IdaCert = idaCert(config.serviceSignCertDer, 'the service SIGN certificate');
  const doFetch = deps.fetch ?? fetch;
  const base = config.baseUrl.replace(/\/+$/, '');
  const url = `${base}/kyc/${encodeURIComponent(config.mispLicenseKey)}/${encodeURIComponent(config.partnerId)}/${encodeURIComponent(config.apiKey)}`;

  return {
    async kyc(input: IdaKycInput, signal?: AbortSignal): Promise<IdaKycOutcome> {
      const t0 = performance.now();
      const built = await buildKycRequest(
        input,
        {
          servicePartnerCert,
          partnerCertDer: config.partnerCertDer,
          partnerKey: config.partnerKey,
        },
        deps.now(),
        deps.randomBytes,
      );
      const t1 = performance.now();
      let status: number;
      let body: Buffer;
      let responseSignature: string | null;
      const timeout = AbortSignal.timeout(config.timeoutMs);
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            signature: built.signature,
            authorization: 'Authorization',
          },
          body: built.body,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          redirect: 'error',
        });
        status = res.status;
        responseSignature = res.headers.get('response-signature');
        body = Buffer.from(await res.arrayBuffer());
      } catch (e) {
        if (signal?.aborted) throw e;
        const timedOut = timeout.aborted;
        return fail(
          'PD_IDA_001',
          timedOut
            ? `The ID authentication service did not answer within ${config.timeoutMs} ms.`
            : 'The ID authentication service cannot be reached.',
          true,
        );
      }
      const t2 = performance.now();
      if (status >= 500)
        return fail('PD_IDA_001', `The ID authentication service is unavailable (HTTP ${status}).`, true);
      if (body.length > MAX_ANSWER_BYTES)
        return fail('PD_IDA_002', 'The answer of the ID authentication service is too large.');
      // IDA signs every answer, refusals included: an unsigned or foreign answer is believed in nothing.
      const verdict = await verifyDetached(responseSignature, body);
      if (!verdict.ok || !verdict.signerDer.equals(serviceSign.der))
        return fail('PD_IDA_003', 'The answer is not signed by the configured ID authentication service.');
      let answer: IdaAnswer;
      try {
        answer = JSON.parse(body.toString('utf8')) as IdaAnswer;
      } catch {
        return fail('PD_IDA_002', 'The answer of the ID authentication service is not JSON.');
      }
      const t3 = performance.now();
      if (typeof answer !== 'object' || answer === null)
        return fail('PD_IDA_002', 'The answer of the ID authentication service is not a JSON object.');
      if (status !== 200) return fail('PD_IDA_002', `The ID authentication service answered HTTP ${status}.`);
      if (answer.transactionID !== input.transactionId)
        return fail('PD_IDA_002', 'The answer names another transaction.');
      if (Array.isArray(answer.errors) && answer.errors.length > 0) return refusalOf(answer.errors);
      const r = answer.response;
      if (!r || r.kycStatus !== true) return fail('IDA-BIA-001', 'Biometric data did not match.');
      if (typeof r.identity !== 'string' || typeof r.sessionKey !== 'string')
        return fail('PD_IDA_002', 'The answer carries no identity.');
      let claims: KycClaims | null;
      try {
        const key = unwrapSessionKey(config.partnerKey, Buffer.from(r.sessionKey, 'base64url'));
        claims = claimsOf(JSON.parse(openAesGcm(key, Buffer.from(r.identity, 'base64url')).toString('utf8')));
      } catch (e) {
        if (!(e instanceof IdaCryptoError) && !(e instanceof SyntaxError)) throw e;
        return fail('PD_IDA_004', "The identity in the answer cannot be decrypted with this desk's partner key.");
      }
      if (!claims) return fail('PD_IDA_004', 'The decrypted identity is not a JSON object.');
      onTimings?.({
        buildMs: t1 - t0,
        networkMs: t2 - t1,
        verifyMs: t3 - t2,
        decryptMs: performance.now() - t3,
      });
      return {
        ok: true,
        transactionId: input.transactionId,
        authToken: typeof r.authToken === 'string' ? r.authToken : '',
        claims,
        responseTime: typeof answer.responseTime === 'string' ? answer.responseTime : '',
      };
    },
  };
}
