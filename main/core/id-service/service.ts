/**
 * The ID authentication service's e-KYC and auth endpoints (ida.md §8's checklist, in IDA's
 * order): id and version; the `signature` header (detached JWS with x5c, dates); decryption of the
 * session key, request and HMAC with the PARTNER key; the biometrics; the partner, its key and
 * policy and the MISP licence; the validators (times, transaction id, consent, policy sub-types);
 * replay; the identity; the match. Every answer is HTTP 200 with a signed body (`response-signature`),
 * refusals included, as IDA answers; an e-KYC success carries the identity encrypted to the
 * partner's certificate. Each request is audited (partner, individual, device, outcome; never a
 * biometric).
 */
import { writeAudit } from '../command.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import { trustStoreOf } from '../certificates/trust.ts';
import {
  IdaCryptoError,
  idaCert,
  idaTime,
  openAesGcm,
  parseIdaTime,
  sealAesGcm,
  unwrapSessionKey,
  upperHexSha256,
  wrapSessionKey,
} from '../ida/crypto.ts';
import { signDetached, verifyDetached } from '../ida/detached-jws.ts';
import { AUTH_ID, IDA_VERSION, KYC_ID } from '../ida/request.ts';
import { TrustCache } from '../../../lib/sbi/checks/trust.ts';
import { checkCounts, readBiometrics } from './biometrics.ts';
import type { ReadBiometric } from './biometrics.ts';
import { loadIdentity } from './identities.ts';
import { serviceKeys } from './keys.ts';
import type { ServiceKeys } from './keys.ts';
import { sha256TestMatcher } from './matcher.ts';
import type { BiometricMatcher } from './matcher.ts';
import { checkMispLicense, checkPartnerAndKey, checkPartnerCertificate, checkSignerDates } from './partner-check.ts';
import type { AllowedPolicy } from './partner-check.ts';
import { IdaRefusal, refuse } from './refusal.ts';

/** IDA's window: 30 s allowed plus 30 s adjustment in the past, 30 s ahead (ida.md §2.1). */
export const REQUEST_WINDOW = { pastMs: 60_000, futureMs: 30_000 };
/** A transaction id is remembered this long per partner; older ones cannot come back with a valid requestTime. */
const TRANSACTION_MEMORY_MS = 10 * 60_000;
const TRANSACTION_ID = /^[A-Za-z0-9]{10}$/;
const VERSION = /^\d\.\d(\.\d)?$/;
const ENVS = ['staging', 'developer', 'pre-production', 'production'];

export type IdaEndpoint = 'kyc' | 'auth';

export interface IdaHttpRequest {
  endpoint: IdaEndpoint;
  mispLicenseKey: string;
  partnerId: string;
  apiKey: string;
  signature: string | undefined;
  body: Buffer;
}

export interface IdaHttpAnswer {
  status: number;
  body: Buffer;
  responseSignature: string;
  /** The refusal's code (for the host's log line); null on success. */
  code: string | null;
}

export interface IdServiceEnv {
  reader: ReadDb;
  writer: WriteDb;
  deps: CoreDeps;
}

export interface IdService {
  readonly matcher: BiometricMatcher;
  keys(): Promise<ServiceKeys>;
  handle(req: IdaHttpRequest): Promise<IdaHttpAnswer>;
  /** A signed refusal for a request that never reached the checks (bad path, body too large). */
  refusal(status: number, code: string, message: string, endpoint?: IdaEndpoint): Promise<IdaHttpAnswer>;
}

interface Outer {
  id?: unknown;
  version?: unknown;
  requestTime?: unknown;
  transactionID?: unknown;
  individualId?: unknown;
  individualIdType?: unknown;
  consentObtained?: unknown;
  requestSessionKey?: unknown;
  request?: unknown;
  requestHMAC?: unknown;
  thumbprint?: unknown;
  env?: unknown;
  domainUri?: unknown;
}

interface Decided {
  transactionId: string | null;
  partnerId: string;
  individualId: string | null;
  devices: string[];
  body: Record<string, unknown>;
  code: string | null;
}

const b64url = (v: unknown, field: string): Buffer => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(v) || v.length > 4_000_000)
    refuse('IDA-MLC-006', `Missing input parameter - ${field}`);
  return Buffer.from(v as string, 'base64url');
};

/** IDA accepts the PARTNER thumbprint as hex or base64url. */
function thumbprintMatches(value: unknown, hexThumbprint: string): boolean {
  if (typeof value !== 'string') return false;
  if (/^[0-9a-fA-F]{64}$/.test(value)) return value.toUpperCase() === hexThumbprint;
  return (
    /^[A-Za-z0-9_-]{43}=?$/.test(value) &&
    Buffer.from(value, 'base64url').toString('hex').toUpperCase() === hexThumbprint
  );
}

export function createIdService(env: IdServiceEnv, opts: { matcher?: BiometricMatcher } = {}): IdService {
  const matcher = opts.matcher ?? sha256TestMatcher;
  const trustCache = new TrustCache();
  const keys = () => serviceKeys(env, env.deps);

  async function answer(
    status: number,
    endpoint: IdaEndpoint,
    decided: Omit<Decided, 'partnerId' | 'individualId' | 'devices'>,
  ): Promise<IdaHttpAnswer> {
    const k = await keys();
    const body = Buffer.from(
      JSON.stringify({
        id: endpoint === 'kyc' ? KYC_ID : AUTH_ID,
        version: IDA_VERSION,
        transactionID: decided.transactionId,
        responseTime: idaTime(env.deps.now()),
        ...decided.body,
      }),
      'utf8',
    );
    return {
      status,
      body,
      responseSignature: await signDetached(body, k.SIGN.privateKey, k.SIGN.cert.der),
      code: decided.code,
    };
  }

  const errorBody = (e: IdaRefusal, endpoint: IdaEndpoint) => ({
    response:
      endpoint === 'kyc'
        ? { kycStatus: false, authToken: null, identity: null }
        : { authStatus: false, authToken: null },
    errors: [
      ...(e.stage === 'filter'
        ? [
            {
              errorCode: 'IDA-MLC-007',
              errorMessage: 'Request could not be processed. Please try again',
            },
          ]
        : []),
      { errorCode: e.code, errorMessage: e.message },
    ],
  });

  async function decide(req: IdaHttpRequest, k: ServiceKeys, d: Decided): Promise<void> {
    const now = env.deps.now();
    // 1. id and version
    let outer: Outer;
    try {
      outer = JSON.parse(req.body.toString('utf8')) as Outer;
    } catch {
      return refuse('IDA-MLC-006', 'Missing input parameter - request body is not JSON');
    }
    if (typeof outer !== 'object' || outer === null || Array.isArray(outer))
      refuse('IDA-MLC-006', 'Missing input parameter - request body');
    if (typeof outer.transactionID === 'string') d.transactionId = outer.transactionID.slice(0, 64);
    if (outer.id !== (req.endpoint === 'kyc' ? KYC_ID : AUTH_ID)) refuse('IDA-MLC-009', 'Invalid input parameter - id');
    if (typeof outer.version !== 'string' || !VERSION.test(outer.version))
      refuse('IDA-MLC-009', 'Invalid input parameter - version');
    // 2. the signature header
    if (!req.signature) refuse('IDA-MLC-006', 'Missing input parameter - signature');
    const signed = await verifyDetached(req.signature, req.body);
    if (!signed.ok) return refuse('IDA-MPA-001', `Signature verification failed: ${signed.message}`);
    checkSignerDates(signed.signer, now);
    // 3. session key, request, HMAC
    if (!thumbprintMatches(outer.thumbprint, k.PARTNER.cert.thumbprint))
      refuse('IDA-MPA-003', 'Unable to decrypt: the thumbprint is not the PARTNER certificate');
    let wrapped = b64url(outer.requestSessionKey, 'requestSessionKey');
    const modulusBytes = 256;
    if (wrapped.length === modulusBytes + 32) wrapped = wrapped.subarray(32); // IDA prepends the thumbprint when absent
    let inner: Buffer;
    try {
      const sessionKey = unwrapSessionKey(k.PARTNER.privateKey, wrapped);
      inner = openAesGcm(sessionKey, b64url(outer.request, 'request'));
      const hmac = openAesGcm(sessionKey, b64url(outer.requestHMAC, 'requestHMAC')).toString('utf8');
      if (hmac !== upperHexSha256(inner)) refuse('IDA-MPA-016', 'HMAC validation failed');
    } catch (e) {
      if (e instanceof IdaCryptoError) return refuse('IDA-MPA-003', `Unable to decrypt the request: ${e.message}`);
      throw e;
    }
    let request: { timestamp?: unknown; biometrics?: unknown };
    try {
      request = JSON.parse(inner.toString('utf8')) as typeof request;
    } catch {
      return refuse('IDA-MLC-006', 'Missing input parameter - request is not JSON');
    }
    if (typeof request !== 'object' || request === null) refuse('IDA-MLC-006', 'Missing input parameter - request');
    // 4. biometrics
    const bios: ReadBiometric[] = readBiometrics(request.biometrics, {
      trust: trustStoreOf(env.reader),
      now,
      fir: k['IDA-FIR'],
      toleranceMs: REQUEST_WINDOW.pastMs,
      cache: trustCache,
    });
    d.devices = [...new Set(bios.map((b) => `${b.device.serialNo}/${b.device.deviceProviderId}`))];
    // 5. partner, key, policy, certificate, MISP licence
    const policy: AllowedPolicy = checkPartnerAndKey(
      env.reader,
      req.partnerId,
      req.apiKey,
      now,
      req.endpoint === 'kyc',
    );
    checkPartnerCertificate(env.reader, req.partnerId, signed.signerDer);
    checkMispLicense(env.reader, req.mispLicenseKey, now);
    // 6. validators
    const requestTime = parseIdaTime(outer.requestTime);
    if (requestTime === null) refuse('IDA-MLC-009', 'Invalid input parameter - requestTime', 'service');
    const inWindow = (t: number) =>
      t >= now.getTime() - REQUEST_WINDOW.pastMs && t <= now.getTime() + REQUEST_WINDOW.futureMs;
    if (!inWindow(requestTime!))
      refuse('IDA-MLC-001', 'The Request received is outside the allowed time window', 'service');
    const innerTime = parseIdaTime(request.timestamp);
    if (innerTime === null) refuse('IDA-MLC-009', 'Invalid input parameter - request/timestamp', 'service');
    if (!inWindow(innerTime!))
      refuse('IDA-MLC-001', 'The request/timestamp is outside the allowed time window', 'service');
    if (typeof outer.transactionID !== 'string' || !TRANSACTION_ID.test(outer.transactionID))
      refuse('IDA-MLC-009', 'Invalid input parameter - transactionID', 'service');
    const transactionId = outer.transactionID as string;
    if (typeof outer.individualId !== 'string' || outer.individualId === '' || outer.individualId.length > 64)
      refuse('IDA-MLC-006', 'Missing input parameter - individualId', 'service');
    d.individualId = outer.individualId as string;
    if (outer.individualIdType !== undefined && outer.individualIdType !== 'UIN' && outer.individualIdType !== 'VID')
      refuse('IDA-MLC-015', 'ID type is not configured', 'service');
    if (outer.consentObtained !== true) refuse('IDA-MLC-012', 'Individual consent is not obtained', 'service');
    for (const [i, b] of bios.entries()) {
      if (b.transactionId !== transactionId)
        refuse('IDA-MLC-009', `Invalid input parameter - request/biometrics/${i}/data/transactionId`, 'service');
      for (const field of ['env', 'domainUri'] as const) {
        const top = typeof outer[field] === 'string' ? (outer[field] as string) : null;
        if ((top === null) !== (b[field] === null))
          refuse('IDA-MLC-009', `Invalid input parameter - ${field} (top level and biometrics disagree)`, 'service');
        if (top !== null && top !== b[field])
          refuse('IDA-MLC-024', `${field} of the request and of the biometrics do not match`, 'service');
      }
      if (b.env !== null && !ENVS.includes(b.env.toLowerCase()))
        refuse('IDA-MLC-009', 'Invalid input parameter - env', 'service');
      if (!policy.bioSubTypes.has(b.bioType.toUpperCase()))
        refuse('IDA-MPA-006', `bio-${b.bioType} authentication type is not allowed by the policy`, 'service');
    }
    const last = bios[bios.length - 1]!;
    const lastAt = parseIdaTime(last.timestamp) ?? Number.NaN;
    if (!inWindow(lastAt))
      refuse('IDA-MLC-001', 'The biometric timestamp is outside the allowed time window', 'service');
    checkCounts(bios);
    // Replay: one use of a transaction id per partner, claimed before the match.
    const claimed = env.writer.transaction(() => {
      env.writer
        .prepare('DELETE FROM ida_transaction WHERE seen_at < ?')
        .run(new Date(now.getTime() - TRANSACTION_MEMORY_MS).toISOString());
      return (
        env.writer
          .prepare(
            'INSERT INTO ida_transaction (partner_id, transaction_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          )
          .run(req.partnerId, transactionId, now.toISOString()).changes === 1
      );
    })();
    if (!claimed)
      refuse('PD_IDA_006', 'This transaction id was already used by this partner (replayed request)', 'service');
    // 7. identity
    const identity = loadIdentity(env.reader, env.deps.keyWrap, d.individualId);
    if (!identity || (outer.individualIdType !== undefined && outer.individualIdType !== identity.idType))
      return refuse('IDA-MLC-018', 'Individual ID is not available in the database', 'service');
    // 8. match
    const verdict = await matcher.match(bios, identity.gallery);
    if (!verdict.matched) {
      if (verdict.reason === 'notEnrolled')
        refuse('IDA-BIA-006', 'Biometric data is not available in the database', 'service');
      refuse('IDA-BIA-001', 'Biometric data did not match', 'service');
    }
    const authToken = env.deps.randomBytes(18).toString('base64url');
    if (req.endpoint === 'auth') {
      d.body = { response: { authStatus: true, authToken }, errors: null };
      return;
    }
    // Only what the policy allows leaves the service, encrypted to the partner's certificate.
    const released: Record<string, string> = {};
    for (const name of policy.allowedKycAttributes)
      if (identity.demographics[name] !== undefined) released[name] = identity.demographics[name];
    const partnerCert = idaCert(signed.signerDer, 'the partner certificate');
    const key = env.deps.randomBytes(32);
    d.body = {
      response: {
        kycStatus: true,
        authToken,
        identity: sealAesGcm(key, Buffer.from(JSON.stringify(released), 'utf8'), env.deps.randomBytes(16)).toString(
          'base64url',
        ),
        sessionKey: wrapSessionKey(partnerCert.publicKey, key).toString('base64url'),
        thumbprint: partnerCert.thumbprint,
      },
      errors: null,
    };
  }

  function audit(req: IdaHttpRequest, d: Decided): void {
    const time = env.deps.now().toISOString();
    env.writer.transaction(() => {
      writeAudit(env.writer, {
        module: 'idService',
        action: `idService.${req.endpoint}`,
        actor: `partner:${req.partnerId.slice(0, 64)}`,
        ref: { type: 'individual', id: d.individualId ?? 'unknown' },
        result: d.code === null ? 'success' : 'failure',
        errorCode: d.code,
        time,
      });
    })();
  }

  return {
    matcher,
    keys,
    async handle(req) {
      const k = await keys();
      const d: Decided = {
        transactionId: null,
        partnerId: req.partnerId,
        individualId: null,
        devices: [],
        body: {},
        code: null,
      };
      try {
        await decide(req, k, d);
      } catch (e) {
        if (!(e instanceof IdaRefusal)) throw e;
        d.code = e.code;
        d.body = errorBody(e, req.endpoint);
      }
      audit(req, d);
      return answer(200, req.endpoint, d);
    },
    async refusal(status, code, message, endpoint = 'kyc') {
      return answer(status, endpoint, {
        transactionId: null,
        code,
        body: errorBody(new IdaRefusal(code, message), endpoint),
      });
    },
  };
}
