import { z } from 'zod';
import { method } from '../spec.ts';
import {
  PARTNER_ROLES,
  PageQuery,
  PartnerTypeCode,
  Timestamp,
  pageOf,
  Filter,
  Id as BaseId,
  PAGING_ERRORS,
} from '../common.ts';
import { POLICY_PARTNER_ROLES } from './policies.ts';

/** Stored ids here are at most 64 characters. */
const Id = BaseId.max(64);

/** Partner status as the admin list shows it: approval state, and for approved partners active or not. */
export const PartnerStatus = z.enum(['InProgress', 'activated', 'deactivated', 'rejected']);

export const AdminPartnerRow = z.object({
  partnerId: z.string(),
  partnerType: PartnerTypeCode,
  orgName: z.string(),
  policyGroupId: z.string().nullable(),
  policyGroupName: z.string().nullable(),
  emailAddress: z.string(),
  certificateUploadStatus: z.enum(['uploaded', 'not_uploaded']),
  status: PartnerStatus,
  isActive: z.boolean(),
  createdDateTime: Timestamp,
});

export const AdminPartnerDetail = AdminPartnerRow.extend({
  firstName: z.string(),
  lastName: z.string(),
  approvalStatus: z.enum(['InProgress', 'approved', 'rejected']),
  contactNumber: z.string(),
  address: z.string(),
  policyGroupDescription: z.string().nullable(),
  isCertificateAvailable: z.boolean(),
  /** What deactivation stops at once (keys and clients fail their checks while inactive). */
  counts: z.object({
    pendingRequests: z.number().int(),
    approvedPolicies: z.number().int(),
    activeApiKeys: z.number().int(),
    activeOidcClients: z.number().int(),
  }),
});

/** MOSIP GET /partners/v3: the caller's partners, to fill "select partner" dropdowns. */
export const MyPartner = z.object({
  partnerId: z.string(),
  partnerType: PartnerTypeCode,
  orgName: z.string(),
  approvalStatus: z.enum(['InProgress', 'approved', 'rejected']),
  isActive: z.boolean(),
  certificateUploaded: z.boolean(),
  policyRequired: z.boolean(),
  policyGroupId: z.string().nullable(),
  policyGroupName: z.string().nullable(),
  policyGroupDescription: z.string().nullable(),
  /** May the partner still choose or change its group (inactive, no policy links)? */
  canSelectPolicyGroup: z.boolean(),
});

export const PARTNER_SORT_FIELDS = [
  'partnerId',
  'partnerType',
  'orgName',
  'policyGroupName',
  'emailAddress',
  'certificateUploadStatus',
  'status',
  'createdDateTime',
] as const;

export const partnerMethods = {
  'partners.mine': method({
    kind: 'query',
    reads: ['partners'],
    access: PARTNER_ROLES,
    input: z
      .object({
        status: z.enum(['approved', 'InProgress', 'rejected']).optional(),
        policyGroupAvailable: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ partners: z.array(MyPartner) }),
    errors: [],
  }),
  /** The partner's policy group: chosen once after registration, changeable only while inactive (PMS_PRT_050). */
  'partners.setPolicyGroup': method({
    kind: 'command',
    changes: ['partners'],
    access: POLICY_PARTNER_ROLES,
    input: z.object({ partnerId: Id, policyGroupId: Id }).strict(),
    output: MyPartner,
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMS_PRT_048', 'PMS_PRT_002', 'PMS_POL_053', 'PMS_PRT_050'],
  }),
  'partners.list': method({
    kind: 'query',
    reads: ['partners', 'policies'],
    access: ['PARTNER_ADMIN'],
    input: PageQuery.extend({
      partnerId: Filter,
      partnerType: PartnerTypeCode.optional(),
      orgName: Filter,
      policyGroupName: Filter,
      emailAddress: Filter,
      certificateUploadStatus: z.enum(['uploaded', 'not_uploaded']).optional(),
      status: PartnerStatus.optional(),
    }).strict(),
    output: pageOf(AdminPartnerRow),
    errors: PAGING_ERRORS,
  }),
  'partners.get': method({
    kind: 'query',
    reads: ['partners', 'policyLinking', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ partnerId: Id }).strict(),
    output: AdminPartnerDetail,
    errors: ['PMS_PRT_005'],
  }),
  'partners.deactivate': method({
    kind: 'command',
    changes: ['partners', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ partnerId: Id }).strict(),
    output: AdminPartnerDetail,
    errors: ['PMS_PRT_005', 'PMS_PM_063'],
  }),
  'partners.activate': method({
    kind: 'command',
    changes: ['partners', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ partnerId: Id }).strict(),
    output: AdminPartnerDetail,
    errors: ['PMS_PRT_005', 'PMS_PRT_108', 'PD_PRT_001', 'PD_PRT_002'],
  }),
  /** A registration the admin will not approve: it ends as rejected, and the partner can no longer upload a certificate. */
  'partners.reject': method({
    kind: 'command',
    changes: ['partners', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ partnerId: Id }).strict(),
    output: AdminPartnerDetail,
    errors: ['PMS_PRT_005', 'PD_PRT_003'],
  }),
};
