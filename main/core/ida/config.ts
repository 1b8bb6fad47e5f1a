/**
 * The desk's IDA client settings (migration 0181): stored by `idaClient.configure`, read at each
 * call so a change applies to the next request. `idaClientFromConfig` is what the officer's flow
 * calls: a ready IdaClient, which answers PD_IDA_005 while the desk is not configured.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import type { KeyWrap } from '../../../lib/keys/wrap.ts';
import { createIdaClient } from './client.ts';
import type { IdaClientConfig, IdaTimings } from './client.ts';
import { IdaCryptoError, idaCert } from './crypto.ts';
import type { IdaClient } from './types.ts';

export interface IdaClientSettings {
  baseUrl: string;
  mispLicenseKey: string;
  partnerId: string;
  apiKey: string;
  servicePartnerCertDer: Uint8Array;
  serviceFirCertDer: Uint8Array;
  serviceSignCertDer: Uint8Array;
  partnerCertDer: Uint8Array;
  /** PKCS#8 DER of the desk's partner private key. */
  partnerKeyPkcs8: Uint8Array;
  timeoutMs: number;
}

interface Row {
  base_url: string;
  wrapped_misp_license_key: Buffer;
  partner_id: string;
  wrapped_api_key: Buffer;
  service_partner_cert: Buffer;
  service_fir_cert: Buffer;
  service_sign_cert: Buffer;
  partner_cert: Buffer;
  wrapped_partner_key: Buffer;
  timeout_ms: number;
  updated_at: string;
}

const bad = (message: string) => new AppError('PD_IDA_009', message);

/** Checks that the pieces fit together (RSA certificates, the key is the certificate's); throws PD_IDA_009. */
export function checkSettings(s: IdaClientSettings): void {
  try {
    for (const [der, what] of [
      [s.servicePartnerCertDer, 'the service PARTNER certificate'],
      [s.serviceFirCertDer, 'the service IDA-FIR certificate'],
      [s.serviceSignCertDer, 'the service SIGN certificate'],
      [s.partnerCertDer, 'the partner certificate'],
    ] as const)
      idaCert(der, what);
  } catch (e) {
    if (e instanceof IdaCryptoError) throw bad(e.message);
    throw e;
  }
  let matches: boolean;
  try {
    const key = createPrivateKey({
      key: Buffer.from(s.partnerKeyPkcs8),
      format: 'der',
      type: 'pkcs8',
    });
    matches = new X509Certificate(Buffer.from(s.partnerCertDer)).checkPrivateKey(key);
  } catch {
    throw bad('the partner private key is not a PKCS#8 key');
  }
  if (!matches) throw bad('the partner private key does not belong to the partner certificate');
  if (!URL.canParse(s.baseUrl) || !/^https?:$/.test(new URL(s.baseUrl).protocol))
    throw bad('the service address is not an http(s) URL');
}

export function storeIdaClientSettings(
  db: WriteDb,
  keyWrap: KeyWrap,
  s: IdaClientSettings,
  actor: string,
  time: string,
): void {
  checkSettings(s);
  db.prepare(
    `INSERT INTO ida_client (id, base_url, wrapped_misp_license_key, partner_id, wrapped_api_key, service_partner_cert, service_fir_cert, service_sign_cert, partner_cert, wrapped_partner_key, timeout_ms, updated_at, updated_by)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, wrapped_misp_license_key = excluded.wrapped_misp_license_key, partner_id = excluded.partner_id,
       wrapped_api_key = excluded.wrapped_api_key, service_partner_cert = excluded.service_partner_cert, service_fir_cert = excluded.service_fir_cert,
       service_sign_cert = excluded.service_sign_cert, partner_cert = excluded.partner_cert, wrapped_partner_key = excluded.wrapped_partner_key,
       timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(
    s.baseUrl,
    keyWrap.wrap(Buffer.from(s.mispLicenseKey, 'utf8')),
    s.partnerId,
    keyWrap.wrap(Buffer.from(s.apiKey, 'utf8')),
    Buffer.from(s.servicePartnerCertDer),
    Buffer.from(s.serviceFirCertDer),
    Buffer.from(s.serviceSignCertDer),
    Buffer.from(s.partnerCertDer),
    keyWrap.wrap(Buffer.from(s.partnerKeyPkcs8)),
    s.timeoutMs,
    time,
    actor,
  );
}

function readRow(db: ReadDb | WriteDb): Row | undefined {
  return db.prepare('SELECT * FROM ida_client WHERE id = 1').get() as Row | undefined;
}

/** The stored settings without the secrets, for status screens. */
export function idaClientSummary(
  db: ReadDb | WriteDb,
): { baseUrl: string; partnerId: string; serviceFirCertDer: Buffer; updatedAt: string } | null {
  const r = readRow(db);
  return r
    ? {
        baseUrl: r.base_url,
        partnerId: r.partner_id,
        serviceFirCertDer: r.service_fir_cert,
        updatedAt: r.updated_at,
      }
    : null;
}

export function readIdaClientConfig(db: ReadDb | WriteDb, keyWrap: KeyWrap): IdaClientConfig | null {
  const r = readRow(db);
  if (!r) return null;
  return {
    baseUrl: r.base_url,
    mispLicenseKey: keyWrap.unwrap(r.wrapped_misp_license_key).toString('utf8'),
    partnerId: r.partner_id,
    apiKey: keyWrap.unwrap(r.wrapped_api_key).toString('utf8'),
    servicePartnerCertDer: r.service_partner_cert,
    serviceSignCertDer: r.service_sign_cert,
    partnerCertDer: r.partner_cert,
    partnerKey: createPrivateKey({
      key: keyWrap.unwrap(r.wrapped_partner_key),
      format: 'der',
      type: 'pkcs8',
    }),
    timeoutMs: r.timeout_ms,
  };
}

export interface IdaClientOptions {
  fetch?: typeof fetch;
  /** The benchmark's hook: how long each phase of a successful call took. */
  onTimings?: (t: IdaTimings) => void;
}

/**
 * The desk's ready IdaClient: reads the settings at each call (with `deps.now` and
 * `deps.randomBytes`), so it is cheap to make and never stale.
 */
export function idaClientFromConfig(
  db: ReadDb | WriteDb,
  deps: Pick<CoreDeps, 'now' | 'randomBytes' | 'keyWrap'>,
  options: IdaClientOptions = {},
): IdaClient {
  return {
    async kyc(input, signal) {
      const config = readIdaClientConfig(db, deps.keyWrap);
      if (!config)
        return {
          ok: false,
          code: 'PD_IDA_005',
          message: 'This desk is not configured as an authentication partner of an ID authentication service.',
          unreachable: false,
        };
      return createIdaClient(
        config,
        {
          now: deps.now,
          randomBytes: deps.randomBytes,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
        options.onTimings,
      ).kyc(input, signal);
    },
  };
}
