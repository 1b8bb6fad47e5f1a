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
  // certificates (keymanager codes, pms.md §2.4 and §3.1)
  'KER-PCM-001', // certificate cannot be parsed
  'KER-PCM-003', // CA certificate already exists in this domain
  'KER-PCM-004', // certificate dates not valid (expired)
  'KER-PCM-005', // root CA not found for an intermediate
  'KER-PCM-006', // no path to a root/intermediate of the domain
  'KER-PCM-007', // not an X.509 v3 certificate
  'KER-PCM-008', // subject O= does not equal the partner's organisation name
  'KER-PCM-012', // certificate id not found
  'KER-PCM-013', // RSA key shorter than 2048 bits
  'KER-PCM-014', // signature algorithm not SHA-2
  'KER-PCM-015', // self-signed certificate not allowed
  'KER-PCM-017', // validity shorter than the required minimum
  'KER-PMS-020', // certificate not yet valid (future-dated)
  'PD_PKI_001', // issuer / uploaded CA is not a CA
  'PD_PKI_002', // path length exceeded
  'PD_PKI_003', // key usage does not allow the use
  'PD_PKI_004', // unknown critical extension
  'PD_PKI_005', // name constraints violated
  'PD_PKI_006', // signature does not verify
  'PD_PKI_007', // unsupported key type or curve
  'PD_PKI_008', // validation budget exceeded
  'PD_PKI_009', // path search cap reached
  'PD_PKI_010', // certificate breaks the RFC 5280 profile
  'PD_PKI_011', // extended key usage does not allow the purpose
  'PD_PKI_012', // certificate policy constraints not satisfied
  'PMS_PRT_054', // policy group must be selected first
  'PMS_PRT_055', // the partner does not belong to this user
  'PMS_PMP_016', // partner is not active
  'PMS_PRT_108', // certificate not uploaded
  'PMS_CERTIFICATE_ERROR_009', // deactivated partner cannot download certificates
  'PD_CERT_001', // the certificate has expired and cannot be downloaded
  // policy groups and policies (MOSIP policy service, pms.md §1.3, §3.2)
  'PMS_POL_008', // policy does not exist
  'PMS_POL_009', // a policy with this name exists in the group
  'PMS_POL_014', // a policy group with this name exists
  'PMS_POL_016', // policy group does not exist
  'PMS_POL_020', // policy already published
  'PMS_POL_051', // policy does not match the schema of its type
  'PMS_POL_052', // policy text is not JSON
  'PMS_POL_053', // policy group not active
  'PMS_POL_055', // published policy cannot be edited
  'PMS_POL_056', // group holds activated policies
  'PMS_POL_062', // policy already deactivated
  'PMS_POL_063', // an approved link uses the policy
  'PMS_POL_064', // a pending link request uses the policy
  'PMS_POL_067', // policy group already deactivated
  'PMS_POL_069', // group holds activated and draft policies
  'PMS_POL_070', // group holds draft policies
  'PMS_POL_072', // policy not activated (a draft)
  'PD_POL_001', // policy longer than 5120 characters
  // partner ↔ policy group, policy linking (pms.md §1.2, §1.4)
  'PMS_PRT_002', // policy group does not exist
  'PMS_PRT_047', // partner has no policy group
  'PMS_PRT_048', // the partner type needs no policy group
  'PMS_PRT_050', // policy group cannot change for an active partner
  'PMS_PRT_006', // policy link request does not exist
  'PMS_PRT_053', // request already pending
  'PMS_PRT_060', // request already approved
  'PMS_PRT_098', // policy not in the partner's policy group
  'PMS_PMP_019', // policy not active
  'PMS_PM_034', // request already approved
  'PMS_PM_035', // request already rejected
  'PD_LNK_001', // link deactivated; a new request is needed
  'PD_LNK_002', // only an approved link can be deactivated
  // API keys (pms.md §1.5)
  'PMS_PMP_014', // policy does not exist
  'PMS_PRT_109', // no approved link for the policy
  'PMS_PRT_110', // label already used for this partner and policy
  'PMS_PRT_111', // API key does not exist
  'PMS_PMS_022', // API key not active
  // OIDC clients (pms.md §1.6)
  'PMS_PRT_057', // only an Auth policy can back an OIDC client
  'PMS_PRT_059', // only authentication partners create OIDC clients
  'PMS_ESI_001', // public key already used by a client
  'PMS_ESI_002', // policy link not approved
  'PMS_ESI_004', // client does not exist
  'PMS_ESI_005', // policy yields no claims
  'PMS_ESI_006', // policy yields no ACR values
  'PMS_ESI_007', // public key (JWK) invalid
  'PMS_ESI_008', // client deactivated
  // partner administration
  'PMS_PM_063', // partner already deactivated
  'PD_PRT_001', // partner already active
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
