/**
 * Who may ask (ida.md §6): the MISP licence, the partner (an approved, active Auth partner), its
 * API key through the same check `apiKeys.check` runs (partner, link, policy and key read at this
 * moment, so a key deactivated a second ago fails), a policy that allows e-KYC, and the signing
 * certificate: the one PMS holds for the partner (its MOSIP-signed or CA-signed copy), valid now.
 */
import type { X509Certificate } from 'node:crypto';
import type { ReadDb } from '../context.ts';
import { checkApiKey, hashApiKey } from '../auth-services/api-keys.ts';
import { refuse } from './refusal.ts';

export interface AllowedPolicy {
  policyId: string;
  allowedKycAttributes: string[];
  /** Upper-case sub-types of the policy's `bio` entries (FINGER, IRIS, FACE). */
  bioSubTypes: Set<string>;
  authTokenType: string;
}

interface PolicyJson {
  allowedAuthTypes?: Array<{ authType?: unknown; authSubType?: unknown }>;
  allowedKycAttributes?: Array<{ attributeName?: unknown }>;
  authTokenType?: unknown;
}

export function checkMispLicense(db: ReadDb, licenseKey: string, now: Date): void {
  // As IDA: the licence's own status and dates (ida.md §6 step 6).
  const row = db
    .prepare('SELECT is_active, valid_from, valid_to FROM ida_misp_license WHERE license_hash = ?')
    .get(hashApiKey(licenseKey)) as { is_active: number; valid_from: string; valid_to: string } | undefined;
  const at = now.toISOString();
  if (!row || row.valid_from > at) refuse('IDA-MPA-007', 'MISP license key is invalid.');
  if (row!.is_active !== 1) refuse('IDA-MPA-017', 'MISP license key is blocked.');
  if (row!.valid_to <= at) refuse('IDA-MPA-008', 'MISP license key has expired.');
}

/** The partner and its key; returns the policy the key was issued for (which must allow e-KYC for /kyc). */
export function checkPartnerAndKey(
  db: ReadDb,
  partnerId: string,
  apiKey: string,
  now: Date,
  kyc: boolean,
): AllowedPolicy {
  const partner = db
    .prepare('SELECT partner_type_code, approval_status, is_active FROM partner WHERE id = ?')
    .get(partnerId) as { partner_type_code: string; approval_status: string; is_active: number } | undefined;
  if (!partner || partner.partner_type_code !== 'Auth_Partner')
    refuse('IDA-MPA-009', 'Partner is not registered as an authentication partner.');
  if (partner!.approval_status !== 'approved' || partner!.is_active !== 1)
    refuse('IDA-MPA-012', 'Partner is deactivated.');
  const key = db
    .prepare('SELECT policy_id FROM partner_policy WHERE key_hash = ? AND part_id = ?')
    .get(hashApiKey(apiKey), partnerId) as { policy_id: string } | undefined;
  if (!key) refuse('IDA-MPA-009', 'Partner is not registered for this API key.');
  const verdict = checkApiKey(db, partnerId, key!.policy_id, apiKey, now);
  switch (verdict) {
    case 'ok':
      break;
    case 'keyExpired':
      refuse('IDA-MPA-039', 'API key has expired.');
      break;
    case 'policyInactive':
      refuse('IDA-MPA-019', 'Policy is inactive.');
      break;
    case 'linkNotApproved':
      refuse('IDA-MPA-018', 'Policy is not approved for this partner.');
      break;
    default:
      refuse('IDA-MPA-012', verdict === 'keyDeactivated' ? 'API key is deactivated.' : 'Partner is deactivated.');
  }
  const policy = db.prepare('SELECT policy_json FROM auth_policy WHERE id = ?').get(key!.policy_id) as {
    policy_json: string;
  };
  let json: PolicyJson;
  try {
    json = JSON.parse(policy.policy_json) as PolicyJson;
  } catch {
    return refuse('IDA-MPA-018', 'Policy cannot be read.');
  }
  const types = Array.isArray(json.allowedAuthTypes) ? json.allowedAuthTypes : [];
  if (kyc && !types.some((t) => String(t?.authType).toLowerCase() === 'kyc'))
    refuse('IDA-MPA-013', 'Partner is not authorised for eKYC.');
  return {
    policyId: key!.policy_id,
    allowedKycAttributes: (Array.isArray(json.allowedKycAttributes) ? json.allowedKycAttributes : [])
      .map((a) => a?.attributeName)
      .filter((n): n is string => typeof n === 'string'),
    bioSubTypes: new Set(
      types.filter((t) => String(t?.authType).toLowerCase() === 'bio').map((t) => String(t?.authSubType).toUpperCase()),
    ),
    authTokenType: typeof json.authTokenType === 'string' ? json.authTokenType : 'random',
  };
}

/** The request's x5c must be the partner's certificate as PMS holds it (IDA-MPA-021), in an AUTH domain. */
export function checkPartnerCertificate(db: ReadDb, partnerId: string, signerDer: Buffer): void {
  const row = db
    .prepare('SELECT domain, ca_signed_der, mosip_signed_der FROM partner_certificate WHERE partner_id = ?')
    .get(partnerId) as { domain: string; ca_signed_der: Buffer; mosip_signed_der: Buffer } | undefined;
  if (
    !row ||
    row.domain !== 'AUTH' ||
    !(signerDer.equals(row.mosip_signed_der) || signerDer.equals(row.ca_signed_der))
  ) {
    refuse('IDA-MPA-021', 'The certificate in the request signature is not the partner certificate.');
  }
}

/** keymanager's jwtVerify checks the signer's dates: an expired (or not yet valid) certificate fails the signature. */
export function checkSignerDates(signer: X509Certificate, now: Date): void {
  const t = now.getTime();
  if (t < Date.parse(signer.validFrom) || t > Date.parse(signer.validTo))
    refuse('IDA-MPA-001', 'Signature verification failed: the signing certificate is expired or not yet valid.');
}
