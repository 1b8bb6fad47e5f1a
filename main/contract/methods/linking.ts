import { z } from 'zod';
import { method } from '../spec.ts';
import { PageQuery, PartnerTypeCode, Text, Timestamp, pageOf, Filter, Id as BaseId, PAGING_ERRORS } from '../common.ts';
import type { Role } from '../common.ts';
import { POLICY_PARTNER_ROLES, PolicyType, ReadablePolicy } from './policies.ts';

/** MOSIP's request states, plus `deactivated` for an approved link the admin withdrew. */
export const LinkStatus = z.enum(['InProgress', 'approved', 'rejected', 'deactivated']);

/** Stored ids here are at most 64 characters. */
const Id = BaseId.max(64);
const ADMIN_OR_PARTNER: readonly Role[] = ['PARTNER_ADMIN', ...POLICY_PARTNER_ROLES];

export const LinkRequest = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerType: PartnerTypeCode,
  partnerActive: z.boolean(),
  orgName: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  policyDescription: z.string(),
  policyGroupId: z.string(),
  policyGroupName: z.string(),
  partnerComment: z.string(),
  status: LinkStatus,
  createdDateTime: Timestamp,
  updatedDateTime: Timestamp,
});

export const LinkRequestDetail = LinkRequest.extend({
  policyType: PolicyType,
  policyGroupDescription: z.string(),
  policyStatus: z.enum(['draft', 'activated', 'deactivated']),
  readable: ReadablePolicy,
});

export const LINK_SORT_FIELDS = [
  'partnerId',
  'partnerType',
  'orgName',
  'policyId',
  'policyName',
  'policyGroupName',
  'createdDateTime',
  'status',
] as const;

export const linkingMethods = {
  /** Request policy (pms.md §1.4): only an approved, active partner with a certificate and a group. */
  'linking.request': method({
    kind: 'command',
    changes: ['policyLinking'],
    access: POLICY_PARTNER_ROLES,
    input: z
      .object({
        partnerId: Id,
        policyId: Id,
        comments: Text({ min: 1, max: 500, multiline: true }),
      })
      .strict(),
    output: LinkRequest,
    errors: [
      'PMS_PRT_005',
      'PMS_PRT_055',
      'PMS_PMP_016',
      'PMS_PRT_108',
      'PMS_PRT_047',
      'PMS_PRT_098',
      'PMS_PMP_019',
      'PMS_PRT_053',
      'PMS_PRT_060',
    ],
  }),
  /** The activated policies of the partner's group, with descriptions and any existing request. */
  'linking.availablePolicies': method({
    kind: 'query',
    reads: ['policies', 'policyLinking', 'partners'],
    access: POLICY_PARTNER_ROLES,
    input: z.object({ partnerId: Id }).strict(),
    output: z.object({
      policyGroupId: z.string().nullable(),
      policyGroupName: z.string().nullable(),
      policyGroupDescription: z.string().nullable(),
      policies: z.array(
        z.object({
          policyId: z.string(),
          policyName: z.string(),
          policyDescription: z.string(),
          policyType: PolicyType,
          requestStatus: LinkStatus.nullable(),
        }),
      ),
    }),
    errors: ['PMS_PRT_005', 'PMS_PRT_055'],
  }),
  /** Admin: every request, pending first by default; a partner: its own requests (the "Policies" list). */
  'linking.list': method({
    kind: 'query',
    reads: ['policyLinking', 'policies', 'partners'],
    access: ADMIN_OR_PARTNER,
    input: PageQuery.extend({
      partnerId: Filter,
      partnerType: PartnerTypeCode.optional(),
      orgName: Filter,
      policyId: Filter,
      policyName: Filter,
      policyGroupName: Filter,
      partnerComment: Filter,
      status: LinkStatus.optional(),
    }).strict(),
    output: pageOf(LinkRequest),
    errors: PAGING_ERRORS,
  }),
  'linking.get': method({
    kind: 'query',
    reads: ['policyLinking', 'policies', 'partners'],
    access: ADMIN_OR_PARTNER,
    input: z.object({ id: Id }).strict(),
    output: LinkRequestDetail,
    errors: ['PMS_PRT_006'],
  }),
  'linking.decide': method({
    kind: 'command',
    changes: ['policyLinking'],
    access: ['PARTNER_ADMIN'],
    // MOSIP compares the status case-insensitively and answers PMS_PM_045 for any other value.
    input: z.object({ id: Id, status: Text({ min: 1, max: 32 }) }).strict(),
    output: LinkRequest,
    errors: ['PMS_PM_045', 'PMS_PRT_006', 'PMS_PM_034', 'PMS_PM_035', 'PD_LNK_001', 'PMS_PMP_016', 'PMS_PMP_019'],
  }),
  /** Withdraws an approved link: the partner's API keys and OIDC clients for the policy stop working. */
  'linking.deactivate': method({
    kind: 'command',
    changes: ['policyLinking', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ id: Id }).strict(),
    output: LinkRequest,
    errors: ['PMS_PRT_006', 'PD_LNK_001', 'PD_LNK_002'],
  }),
};
