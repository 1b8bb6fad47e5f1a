import { z } from 'zod';
import { method } from '../spec.ts';
import { PageQuery, Text, Timestamp, pageOf, Filter, Id as BaseId, PAGING_ERRORS } from '../common.ts';
import type { Role } from '../common.ts';
import { CertificateDetails, File } from './certificates.ts';

/** The FTM provider for its own partner ids; the partner admin for every provider (pms.md §3.3). */
const PROVIDER_OR_ADMIN: readonly Role[] = ['FTM_PROVIDER', 'PARTNER_ADMIN'];

export const FTM_STATUSES = ['approved', 'deactivated', 'pending_approval', 'pending_cert_upload', 'rejected'] as const;
export const FtmStatus = z.enum(FTM_STATUSES);
/** Stored ids here are at most 36 characters. */
const Id = BaseId.max(36);
const FILE_MAX_BYTES = 2 * 1024 * 1024;

export const FtmRow = z.object({
  ftmId: z.string(),
  partnerId: z.string(),
  orgName: z.string(),
  make: z.string(),
  model: z.string(),
  status: FtmStatus,
  createdDateTime: Timestamp,
  isCertificateAvailable: z.boolean(),
  certificateUploadDateTime: Timestamp.nullable(),
  certificateExpiryDateTime: Timestamp.nullable(),
  /** null without a certificate. */
  isCertificateExpired: z.boolean().nullable(),
  certificateIssuedTo: z.string().nullable(),
  certificateIssuedBy: z.string().nullable(),
});

export const ftmMethods = {
  'ftm.create': method({
    kind: 'command',
    changes: ['ftm'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ partnerId: Id, make: Text({ min: 1, max: 36 }), model: Text({ min: 1, max: 36 }) }).strict(),
    output: FtmRow,
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMP_AUT_030', 'PMP_AUT_032'],
  }),
  'ftm.list': method({
    kind: 'query',
    reads: ['ftm', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: PageQuery.extend({
      partnerId: Filter,
      orgName: Filter,
      ftmId: Filter,
      make: Filter,
      model: Filter,
      status: FtmStatus.optional(),
      /** Only chips whose certificate expires within this many days (1–30). */
      expiryPeriod: z.number().int().min(1).max(30).optional(),
    }).strict(),
    output: pageOf(FtmRow),
    errors: PAGING_ERRORS,
  }),
  'ftm.get': method({
    kind: 'query',
    reads: ['ftm', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ ftmId: Id }).strict(),
    output: FtmRow.extend({
      updatedDateTime: Timestamp,
      certificate: CertificateDetails.nullable(),
    }),
    errors: ['PMS_FTM_ERROR_005', 'PMS_FTM_ERROR_006'],
  }),
  /** Upload or re-upload the chip certificate; every upload puts the chip back to pending approval. */
  'ftm.uploadCertificate': method({
    kind: 'command',
    changes: ['ftm'],
    access: PROVIDER_OR_ADMIN,
    input: z
      .object({
        ftmId: Id,
        fileName: Text({ min: 1, max: 255 }),
        contentBase64: z.string().min(1).max(1_400_000),
      })
      .strict(),
    output: FtmRow,
    errors: [
      'PMS_FTM_ERROR_005',
      'PMS_FTM_ERROR_006',
      'PMP_AUT_030',
      'PMP_AUT_038',
      'PMP_AUT_039',
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
  'ftm.downloadCertificate': method({
    kind: 'query',
    access: PROVIDER_OR_ADMIN,
    input: z.object({ ftmId: Id }).strict(),
    output: File,
    errors: [
      'PMS_FTM_ERROR_005',
      'PMS_FTM_ERROR_006',
      'PMS_FTM_ERROR_008',
      'PMS_FTM_ERROR_009',
      'PMP_AUT_033',
      'PD_CERT_001',
    ],
  }),
  'ftm.decide': method({
    kind: 'command',
    changes: ['ftm'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ ftmId: Id, decision: z.enum(['approved', 'rejected']) }).strict(),
    output: FtmRow,
    errors: ['PMS_FTM_ERROR_005', 'PMP_AUT_033', 'PD_FTM_001'],
  }),
  'ftm.deactivate': method({
    kind: 'command',
    changes: ['ftm'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ ftmId: Id }).strict(),
    output: FtmRow,
    errors: ['PMS_FTM_ERROR_005', 'PMS_FTM_ERROR_006', 'PMS_FTM_ERROR_010', 'PMS_FTM_ERROR_007'],
  }),
};
