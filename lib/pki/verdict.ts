import type { ErrorCode } from '../../main/contract/index.ts';
/**
 * What the path validator returns: codes, check names and the verdict shape. A verdict is plain
 * data (structured-cloneable), so it crosses a worker boundary unchanged.
 */

/**
 * Stable error codes. MOSIP keymanager's where it has one (pms.md §2.4, §3.1), `PD_PKI_*` for the
 * rest. The lead merges this list into the contract's ERROR_CODES.
 */
export const PKI_ERROR_CODES = [
  'KER-PCM-001', // certificate cannot be parsed (not DER/PEM X.509, or not strict DER)
  'KER-PCM-004', // certificate expired at the validation time
  'KER-PCM-005', // no trust anchor (root CA) for the requested partner domain
  'KER-PCM-006', // no path to a trust anchor of the partner domain
  'KER-PCM-007', // not an X.509 v3 certificate
  'KER-PCM-013', // RSA key smaller than 2048 bits
  'KER-PCM-014', // signature algorithm is not SHA-2 based (RSA PKCS#1 v1.5, RSA-PSS, ECDSA)
  'KER-PCM-015', // self-signed certificate where a CA-issued one is required
  'KER-PCM-017', // remaining validity shorter than the required minimum
  'KER-PMS-020', // not yet valid (future-dated) at the validation time
  'PD_PKI_001', // issuer is not a CA (basicConstraints missing, non-critical or cA=false)
  'PD_PKI_002', // path length exceeded (pathLenConstraint or the configured maximum)
  'PD_PKI_003', // key usage forbids the use (keyCertSign missing on an issuer, or asserted on a non-CA, or leaf usage)
  'PD_PKI_004', // unknown critical extension
  'PD_PKI_005', // name constraints violated or not processable
  'PD_PKI_006', // signature does not verify
  'PD_PKI_007', // unsupported key type or curve (only RSA and EC P-256/P-384)
  'PD_PKI_008', // validation budget exceeded (deadline or name-constraint work)
  'PD_PKI_009', // path search cap reached (candidates, signature checks or depth)
  'PD_PKI_010', // certificate breaks the RFC 5280 profile (malformed/duplicate extension, wrong criticality, empty names)
  'PD_PKI_011', // extended key usage does not allow the requested purpose
  'PD_PKI_012', // certificate policy constraints not satisfied
  'PD_PKI_013', // an issuer's basicConstraints cannot be read (malformed, as opposed to missing)
] as const satisfies readonly ErrorCode[]; // every engine code is a contract code, with UI messages
export type PkiErrorCode = (typeof PKI_ERROR_CODES)[number];

// Warning codes and partner domains are part of the contract (the UI explains each warning).
import type {
  PartnerDomainName as PartnerDomain,
  PkiWarningCode,
  TrustProfileName as TrustProfile,
} from '../../main/contract/index.ts';
export {
  DEFAULT_TRUST_PROFILE,
  PKI_WARNING_CODES,
  PARTNER_DOMAINS,
  TRUST_PROFILES,
} from '../../main/contract/index.ts';
export type { PartnerDomain, PkiWarningCode, TrustProfile };

/** The check that failed; stable identifiers for logs and tests. */
export type CheckName =
  | 'parse'
  | 'version'
  | 'validity'
  | 'minimumValidity'
  | 'selfSigned'
  | 'keyPolicy'
  | 'signatureAlgorithm'
  | 'signature'
  | 'profile'
  | 'criticalExtension'
  | 'basicConstraints'
  | 'pathLength'
  | 'keyUsage'
  | 'extendedKeyUsage'
  | 'nameConstraints'
  | 'policy'
  | 'trustAnchor'
  | 'pathSearch'
  | 'budget';

export type CertRole = 'leaf' | 'intermediate' | 'anchor';

export interface CertSummary {
  /** SHA-256 of the DER, lowercase hex. */
  thumbprint: string;
  /** RFC 4514 form, most specific RDN first (as Java's X500Principal prints it). */
  subject: string;
}

export interface PathEntry extends CertSummary {
  role: CertRole;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** The certificate, as a fresh copy of its DER and as PEM (JSON-safe for the contract). */
  der: Uint8Array;
  pem: string;
}

export interface SearchStats {
  /** Candidate issuers considered (edges of the search graph). */
  candidates: number;
  /** Signature verifications actually computed (cache hits excluded). */
  signatureChecks: number;
  elapsedMs: number;
}

export interface ValidPath {
  ok: true;
  domain: PartnerDomain;
  /** The trust profile the path was validated under. */
  profile: TrustProfile;
  /** Leaf first, trust anchor last; a certificate that is itself a trust anchor of the domain is a path of one. */
  path: PathEntry[];
  warnings: PkiWarningCode[];
  stats: SearchStats;
}

export interface PathFailure {
  ok: false;
  profile: TrustProfile;
  code: PkiErrorCode;
  check: CheckName;
  /** The certificate the check failed on; null when no certificate could be read at all. */
  cert: CertSummary | null;
  message: string;
  stats: SearchStats;
}

export type Verdict = ValidPath | PathFailure;

/** A failure found somewhere in the search, before it is chosen as the verdict. */
export interface Fault {
  code: PkiErrorCode;
  check: CheckName;
  message: string;
}

export const fault = (code: PkiErrorCode, check: CheckName, message: string): Fault => ({
  code,
  check,
  message,
});

/**
 * Something the `keymanager` profile accepts (as Java PKIX does) and `strict` refuses: the warning
 * it becomes in the first, the fault in the second. `scope` says when it counts: on any certificate
 * of the path, only on one that issues another (anchors included), or only where the certificate's
 * own signature is judged (not on the trust anchor).
 */
export interface Leniency {
  warning: PkiWarningCode;
  fault: Fault;
  scope: 'any' | 'issuer' | 'signed';
}
