import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty, PARTNER_ROLES, PageQuery, Timestamp, pageOf, PAGING_ERRORS } from '../common.ts';
import type { Role } from '../common.ts';

/** A partner for its own certificates, the partner admin for anyone's (MOSIP: either may upload). */
const PARTNER_OR_ADMIN: readonly Role[] = [...PARTNER_ROLES, 'PARTNER_ADMIN'];

export const PARTNER_DOMAINS = ['AUTH', 'DEVICE', 'FTM'] as const;
export const PartnerDomain = z.enum(PARTNER_DOMAINS);
export type PartnerDomainName = (typeof PARTNER_DOMAINS)[number];

/** Warnings on an accepted certificate: features that make the MOSIP backend (Java PKIX) refuse it. */
export const PKI_WARNING_CODES = [
  'PD_PKI_W01', // validated in the last second of a certificate's validity; Java compares to the millisecond
  'PD_PKI_W02', // an intermediate has a twin (same subject and key) from another issuer; Java's builder can pick the dead end
  'PD_PKI_W03', // signed with RSA-PSS: keymanager wants a signature algorithm name starting with "SHA2" (KER-PCM-014)
] as const;
export type PkiWarningCode = (typeof PKI_WARNING_CODES)[number];
export const CaType = z.enum(['ROOT', 'INTERMEDIATE']);

/** Certificate files as uploaded: `.cer`/`.pem`/`.p7b`, PEM or DER, sent base64-encoded. */
const CertificateFile = z.object({
  fileName: z.string().trim().min(1).max(255),
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
  issuedBy: z.string().nullable(),
  /** Expiry of the MOSIP-signed certificate (what MOSIP shows). */
  expiryDateTime: Timestamp.nullable(),
  caSignedExpiryDateTime: Timestamp.nullable(),
  uploadedDateTime: Timestamp.nullable(),
  isExpired: z.boolean(),
  warnings: Warnings,
});

const UploadResult = z.object({
  index: z.number().int(),
  status: z.enum(['Upload Success', 'Upload Failed']),
  certificateId: z.string().nullable(),
  caCertificateType: CaType.nullable(),
  issuedTo: z.string().nullable(),
  code: z.string().nullable(),
  message: z.string(),
  warnings: Warnings,
});

export const File = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });

export const certificateMethods = {
  'trustStore.upload': method({
    kind: 'command',
    changes: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: CertificateFile.extend({ partnerDomain: PartnerDomain }).strict(),
    output: z.object({ status: z.enum(['Upload Success', 'Partial Success', 'Upload Failed']), results: z.array(UploadResult) }),
    errors: ['KER-PCM-001', 'KER-PCM-003', 'KER-PCM-004', 'KER-PCM-005', 'KER-PCM-007', 'KER-PCM-013', 'KER-PCM-014', 'KER-PCM-017', 'KER-PMS-020', 'PD_PKI_001'],
    maxBytes: FILE_MAX_BYTES,
  }),
  'trustStore.list': method({
    kind: 'query',
    reads: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: PageQuery.extend({
      caCertificateType: CaType,
      partnerDomain: PartnerDomain.optional(),
      certificateId: z.string().max(36).optional(),
      issuedTo: z.string().max(128).optional(),
      issuedBy: z.string().max(128).optional(),
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
    input: z.object({ certificateId: z.string().min(1).max(36) }).strict(),
    output: z.object({
      row: CaCertificateRow,
      details: CertificateDetails,
      warnings: Warnings,
      /** The path from this certificate to its root, as the validator builds it now. */
      chain: z.array(ChainLink),
      chainError: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
    errors: ['KER-PCM-012'],
  }),
  'trustStore.download': method({
    kind: 'query',
    access: ['PARTNER_ADMIN'],
    input: z.object({ certificateId: z.string().min(1).max(36), kind: z.enum(['certificate', 'chain']) }).strict(),
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
    input: z.object({ partnerId: z.string().max(36).optional() }).strict(),
    output: z.object({ cards: z.array(PartnerCertificateCard) }),
    errors: ['PMS_PRT_005'],
  }),
  'partnerCertificate.upload': method({
    kind: 'command',
    changes: ['partners'],
    access: PARTNER_OR_ADMIN,
    input: CertificateFile.extend({ partnerId: z.string().min(1).max(36) }).strict(),
    output: z.object({ card: PartnerCertificateCard, signedCertificatePem: z.string() }),
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMS_PMP_016', 'PMS_PRT_054', 'KER-PCM-001', 'KER-PMS-020', 'KER-PCM-004', 'KER-PCM-017', 'KER-PCM-015', 'KER-PCM-006', 'KER-PCM-007', 'KER-PCM-008', 'KER-PCM-013', 'KER-PCM-014'],
    maxBytes: FILE_MAX_BYTES,
  }),
  'partnerCertificate.download': method({
    kind: 'query',
    access: PARTNER_OR_ADMIN,
    input: z.object({ partnerId: z.string().min(1).max(36), kind: z.enum(['caSigned', 'mosipSigned']) }).strict(),
    output: File,
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMS_PRT_108', 'PMS_CERTIFICATE_ERROR_009', 'PD_CERT_001'],
  }),
};
