import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty, PARTNER_ROLES, PageQuery, Text, Timestamp, pageOf, PAGING_ERRORS } from '../common.ts';
import type { Role } from '../common.ts';

/** A partner for its own certificates, the partner admin for anyone's (MOSIP: either may upload). */
const PARTNER_OR_ADMIN: readonly Role[] = [...PARTNER_ROLES, 'PARTNER_ADMIN'];

/** keymanager's partner domains (mosip.kernel.partner.allowed.domains); MISP partners' certificates belong to MISP. */
export const PARTNER_DOMAINS = ['AUTH', 'DEVICE', 'FTM', 'MISP'] as const;
export const PartnerDomain = z.enum(PARTNER_DOMAINS);
export type PartnerDomainName = (typeof PARTNER_DOMAINS)[number];

/**
 * Trust profiles of the path validator. `keymanager` (the default) accepts what MOSIP keymanager
 * (Java PKIX) accepts and names each leniency as a warning; `strict` refuses those too (RFC 5280
 * profile rules on every certificate of the path).
 */
export const TRUST_PROFILES = ['keymanager', 'strict'] as const;
export const TrustProfile = z.enum(TRUST_PROFILES);
export type TrustProfileName = (typeof TRUST_PROFILES)[number];
export const DEFAULT_TRUST_PROFILE: TrustProfileName = 'keymanager';

/**
 * Warnings on an accepted certificate. W01–W03: the desk accepts, the MOSIP backend (Java PKIX)
 * refuses. W04–W11: accepted by the `keymanager` profile as MOSIP does, refused by `strict`.
 */
export const PKI_WARNING_CODES = [
  'PD_PKI_W01', // validated in the last second of a certificate's validity; Java compares to the millisecond
  'PD_PKI_W02', // an intermediate has a twin (same subject and key) from another issuer; Java's builder can pick the dead end
  'PD_PKI_W03', // signed with RSA-PSS: keymanager wants a signature algorithm name starting with "SHA2" (KER-PCM-014)
  'PD_PKI_W04', // a CA's basicConstraints is not marked critical (RFC 5280 4.2.1.9)
  'PD_PKI_W05', // a key identifier is missing: SKI on a CA or AKI on a certificate that is not self-issued (4.2.1.1/4.2.1.2)
  'PD_PKI_W06', // serial number is zero, negative or longer than 20 octets (4.1.2.2)
  'PD_PKI_W07', // a DEFAULT value is encoded explicitly (critical FALSE, cA FALSE, version v1): not DER
  'PD_PKI_W08', // keyUsage is not a DER named bit string (trailing zero bits kept or padding bits set)
  'PD_PKI_W09', // ECDSA signature algorithm carries NULL parameters (RFC 5758 3.2: absent)
  'PD_PKI_W10', // a name attribute has the wrong value type (not a string, or not the string type RFC 5280 Appendix A requires)
  'PD_PKI_W11', // an extension's criticality breaks RFC 5280 (critical AKI/SKI/AIA, non-critical nameConstraints/policyConstraints)
] as const;
export type PkiWarningCode = (typeof PKI_WARNING_CODES)[number];
export const CaType = z.enum(['ROOT', 'INTERMEDIATE']);

const DomainProfile = z.object({
  partnerDomain: PartnerDomain,
  profile: TrustProfile,
  /** False while the domain is on the default (nobody has set it). */
  isSet: z.boolean(),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});

/** Certificate files as uploaded: `.cer`/`.pem`/`.p7b`, PEM or DER, sent base64-encoded. */
const CertificateFile = z.object({
  fileName: Text({ min: 1, max: 255 }),
  contentBase64: z.string().min(1).max(1_400_000),
});
const FILE_MAX_BYTES = 2 * 1024 * 1024;

/** Warnings on an accepted certificate: what will make the MOSIP backend refuse it at sync. */
const Warnings = z.array(z.string());

export const CaCertificateRow = z.object({
  certificateId: z.string(),
  caCertificateType: CaType,
  partnerDomain: PartnerDomain,
  issuedTo: z.string(),
  issuedBy: z.string(),
  validFrom: Timestamp,
  validTill: Timestamp,
  uploadedDateTime: Timestamp,
  /** Currently within its validity period (MOSIP's `status`). */
  status: z.boolean(),
  thumbprint: z.string(),
  /** A root of this desk's virtual devices: for tests and demos, never for production. */
  isVirtual: z.boolean(),
});

const ChainLink = z.object({
  subject: z.string(),
  issuer: z.string(),
  thumbprint: z.string(),
  notBefore: Timestamp,
  notAfter: Timestamp,
  role: z.enum(['leaf', 'intermediate', 'anchor']),
});

export const CertificateDetails = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: Timestamp,
  notAfter: Timestamp,
  sha256Thumbprint: z.string(),
  sha1Thumbprint: z.string(),
  publicKey: z.string(),
  signatureAlgorithm: z.string(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  extensions: z.array(z.object({ oid: z.string(), name: z.string(), critical: z.boolean(), value: z.string() })),
});

export const PartnerCertificateCard = z.object({
  partnerId: z.string(),
  partnerType: z.string(),
  partnerDomain: PartnerDomain,
  orgName: z.string(),
  partnerActive: z.boolean(),
  approvalStatus: z.string(),
  uploaded: z.boolean(),
  certificateId: z.string().nullable(),
  issuedTo: z.string().nullable(),
  /** Issuer of the certificate the partner uploaded (its CA). */
  issuedBy: z.string().nullable(),
  /** Issuer of the MOSIP-signed copy: the desk's partner signing CA. */
  mosipIssuedBy: z.string().nullable(),
  /** Expiry of the MOSIP-signed certificate (what MOSIP shows). */
  expiryDateTime: Timestamp.nullable(),
  caSignedExpiryDateTime: Timestamp.nullable(),
  uploadedDateTime: Timestamp.nullable(),
  isExpired: z.boolean(),
  warnings: Warnings,
  /** The trust profile the partner's domain validates with now. */
  profile: TrustProfile,
});

const UploadResult = z.object({
  index: z.number().int(),
  status: z.enum(['Upload Success', 'Upload Failed']),
  certificateId: z.string().nullable(),
  caCertificateType: CaType.nullable(),
  issuedTo: z.string().nullable(),
  code: z.string().nullable(),
  message: z.string(),
  /** Values the translated message names (the required minimum validity, a date). */
  params: z.record(z.string(), z.string()).optional(),
  warnings: Warnings,
});

export const File = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
});

export const certificateMethods = {
  'trustStore.upload': method({
    kind: 'command',
    changes: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: CertificateFile.extend({ partnerDomain: PartnerDomain }).strict(),
    output: z.object({
      status: z.enum(['Upload Success', 'Partial Success', 'Upload Failed']),
      profile: TrustProfile,
      results: z.array(UploadResult),
    }),
    errors: [
      'KER-PCM-001',
      'KER-PCM-003',
      'KER-PCM-004',
      'KER-PCM-005',
      'KER-PCM-007',
      'KER-PCM-013',
      'KER-PCM-014',
      'KER-PCM-017',
      'KER-PMS-020',
      'PD_PKI_001',
    ],
    maxBytes: FILE_MAX_BYTES,
  }),
  'trustStore.profiles': method({
    kind: 'query',
    reads: ['trustStore'],
    access: PARTNER_OR_ADMIN,
    input: Empty,
    /** Every partner domain with the trust profile its validations use (upload screens show it). */
    output: z.object({ profiles: z.array(DomainProfile) }),
    errors: [],
  }),
  'trustStore.setProfile': method({
    kind: 'command',
    access: ['PARTNER_ADMIN'],
    changes: ['trustStore'],
    input: z.object({ partnerDomain: PartnerDomain, profile: TrustProfile }).strict(),
    output: DomainProfile,
    errors: [],
  }),
  'trustStore.list': method({
    kind: 'query',
    reads: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: PageQuery.extend({
      caCertificateType: CaType,
      partnerDomain: PartnerDomain.optional(),
      certificateId: Text({ max: 36 }).optional(),
      issuedTo: Text({ max: 128 }).optional(),
      issuedBy: Text({ max: 128 }).optional(),
      /** Only certificates expiring within this many days (1–30, as MOSIP). */
      expiryPeriod: z.number().int().min(1).max(30).optional(),
    }).strict(),
    output: pageOf(CaCertificateRow),
    errors: PAGING_ERRORS,
  }),
  'trustStore.detail': method({
    kind: 'query',
    reads: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ certificateId: Text({ min: 1, max: 36 }) }).strict(),
    output: z.object({
      row: CaCertificateRow,
      details: CertificateDetails,
      warnings: Warnings,
      /** The domain's trust profile, which `chain`, `chainError` and `chainWarnings` were computed under. */
      profile: TrustProfile,
      /** Warnings of the path as built now (the leniencies the profile accepted). */
      chainWarnings: Warnings,
      /** The path from this certificate to its root, as the validator builds it now. */
      chain: z.array(ChainLink),
      chainError: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
    errors: ['KER-PCM-012'],
  }),
  'trustStore.download': method({
    kind: 'query',
    access: ['PARTNER_ADMIN'],
    input: z.object({ certificateId: Text({ min: 1, max: 36 }), kind: z.enum(['certificate', 'chain']) }).strict(),
    output: File,
    errors: ['KER-PCM-012', 'KER-PCM-006'],
  }),
  'trustStore.signingCertificate': method({
    kind: 'query',
    reads: ['partners'],
    access: ['PARTNER_ADMIN'],
    input: Empty,
    output: z.object({ file: File.nullable(), details: CertificateDetails.nullable() }),
    errors: [],
  }),
  'partnerCertificate.list': method({
    kind: 'query',
    reads: ['partners'],
    access: PARTNER_OR_ADMIN,
    input: z.object({ partnerId: Text({ max: 36 }).optional() }).strict(),
    output: z.object({ cards: z.array(PartnerCertificateCard) }),
    errors: ['PMS_PRT_005', 'PMS_PRT_055'],
  }),
  'partnerCertificate.upload': method({
    kind: 'command',
    changes: ['partners'],
    access: PARTNER_OR_ADMIN,
    input: CertificateFile.extend({ partnerId: Text({ min: 1, max: 36 }) }).strict(),
    output: z.object({ card: PartnerCertificateCard, signedCertificatePem: z.string() }),
    errors: [
      'PMS_PRT_005',
      'PMS_PRT_055',
      'PMS_PMP_016',
      'PMS_PRT_054',
      'KER-PCM-001',
      'KER-PMS-020',
      'KER-PCM-004',
      'KER-PCM-017',
      'KER-PCM-015',
      'KER-PCM-006',
      'KER-PCM-007',
      'KER-PCM-008',
      'KER-PCM-013',
      'KER-PCM-014',
    ],
    maxBytes: FILE_MAX_BYTES,
  }),
  'partnerCertificate.download': method({
    kind: 'query',
    access: PARTNER_OR_ADMIN,
    input: z.object({ partnerId: Text({ min: 1, max: 36 }), kind: z.enum(['caSigned', 'mosipSigned']) }).strict(),
    output: File,
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMS_PRT_108', 'PMS_CERTIFICATE_ERROR_009', 'PD_CERT_001'],
  }),
};
