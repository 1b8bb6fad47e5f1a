import { z } from 'zod';
import { method } from '../spec.ts';
import { PARTNER_TYPES, PageQuery, Text, Timestamp, pageOf, Filter, Id as BaseId, PAGING_ERRORS } from '../common.ts';
import type { Role } from '../common.ts';

/** MOSIP-38393: the policy API accepts either admin role. */
export const POLICY_ADMINS: readonly Role[] = ['PARTNER_ADMIN', 'POLICYMANAGER'];
/** Roles of the partner types that work under a policy group (pms.md §1.1 is_policy_required). */
export const POLICY_PARTNER_ROLES: readonly Role[] = PARTNER_TYPES.filter((t) => t.policyRequired).map((t) => t.role);

export const POLICY_TYPES = ['Auth', 'DataShare', 'CredentialIssuance'] as const;
export const PolicyType = z.enum(POLICY_TYPES);
export const PolicyStatus = z.enum(['draft', 'activated', 'deactivated']);
export const GroupStatus = z.enum(['activated', 'deactivated']);

/** Stored ids here are at most 64 characters. */
const Id = BaseId.max(64);
const GroupName = Text({ min: 1, max: 128 });
const Description = Text({ min: 1, max: 256, multiline: true });
/** The policy JSON as typed or uploaded; the core checks its nesting, then its stored (compact) length ≤ 5120. */
const PolicyText = Text({ min: 1, max: 65_536, multiline: true, trim: false });

export const PolicyGroup = z.object({
  policyGroupId: z.string(),
  name: z.string(),
  description: z.string(),
  status: GroupStatus,
  createdBy: z.string(),
  createdDateTime: Timestamp,
  updatedDateTime: Timestamp,
});

export const PolicyGroupDetail = PolicyGroup.extend({
  /** What blocks deactivation (PMS_POL_056 / PMS_POL_070) and what the group holds. */
  policies: z.object({
    draft: z.number().int(),
    activated: z.number().int(),
    deactivated: z.number().int(),
  }),
  partners: z.number().int(),
});

export const PolicySummary = z.object({
  policyId: z.string(),
  policyType: PolicyType,
  policyName: z.string(),
  policyDescription: z.string(),
  policyGroupId: z.string(),
  policyGroupName: z.string(),
  status: PolicyStatus,
  createdDateTime: Timestamp,
});

const AuthTypeRow = z.object({
  authType: z.string(),
  authSubType: z.string(),
  mandatory: z.boolean(),
});
const ShareableRow = z.object({
  attributeName: z.string(),
  group: z.string().nullable(),
  encrypted: z.boolean(),
  format: z.string().nullable(),
  sources: z.array(z.string()),
});

/** The policy as lists a person can read, besides the raw JSON. */
export const ReadablePolicy = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('auth'),
    authTokenType: z.string(),
    kycAttributes: z.array(z.string()),
    authTypes: z.array(AuthTypeRow),
  }),
  z.object({
    kind: z.literal('dataShare'),
    dataSharePolicies: z.record(z.string(), z.string()),
    shareableAttributes: z.array(ShareableRow),
  }),
]);

export const PolicyDetail = PolicySummary.extend({
  version: z.string(),
  policyGroupDescription: z.string(),
  policyGroupStatus: GroupStatus,
  /** The policy JSON, parsed. */
  policy: z.record(z.string(), z.unknown()),
  readable: ReadablePolicy,
  publishedDateTime: Timestamp.nullable(),
  updatedDateTime: Timestamp,
  /** What blocks deactivation (PMS_POL_063 / PMS_POL_064). */
  links: z.object({ pending: z.number().int(), approved: z.number().int() }),
});

export const GROUP_SORT_FIELDS = ['policyGroupId', 'name', 'description', 'createdDateTime', 'status'] as const;
export const POLICY_SORT_FIELDS = [
  'policyId',
  'policyName',
  'policyDescription',
  'policyGroupName',
  'createdDateTime',
  'status',
] as const;

const PolicyInput = z.object({ name: GroupName, description: Description, policy: PolicyText });

export const policyMethods = {
  'policyGroups.create': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: z.object({ name: GroupName, description: Description }).strict(),
    output: PolicyGroup,
    errors: ['PMS_POL_014'],
  }),
  'policyGroups.list': method({
    kind: 'query',
    reads: ['policies'],
    access: POLICY_ADMINS,
    input: PageQuery.extend({
      policyGroupId: Filter,
      name: Filter,
      description: Filter,
      status: GroupStatus.optional(),
    }).strict(),
    output: pageOf(PolicyGroup),
    errors: PAGING_ERRORS,
  }),
  'policyGroups.get': method({
    kind: 'query',
    reads: ['policies', 'partners'],
    access: POLICY_ADMINS,
    input: z.object({ policyGroupId: Id }).strict(),
    output: PolicyGroupDetail,
    errors: ['PMS_POL_016'],
  }),
  'policyGroups.deactivate': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: z.object({ policyGroupId: Id }).strict(),
    output: PolicyGroup,
    errors: ['PMS_POL_016', 'PMS_POL_067', 'PMS_POL_056', 'PMS_POL_070', 'PMS_POL_069'],
  }),
  /** Active groups by name for the partner's one-time choice: searched and paged, never one long dropdown (MOSIP-39623). */
  'policyGroups.searchActive': method({
    kind: 'query',
    reads: ['policies'],
    access: [...POLICY_ADMINS, ...POLICY_PARTNER_ROLES],
    input: z
      .object({
        name: Filter,
        pageNo: z.number().int().default(0),
        pageSize: z.number().int().default(20),
      })
      .strict(),
    output: pageOf(z.object({ policyGroupId: z.string(), name: z.string(), description: z.string() })),
    errors: ['PMS_PRT_360', 'PMS_PRT_361'],
  }),

  'policies.create': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: PolicyInput.extend({ policyGroupId: Id, policyType: PolicyType }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_016', 'PMS_POL_053', 'PMS_POL_009', 'PMS_POL_052', 'PMS_POL_051', 'PD_POL_001'],
    maxBytes: 256 * 1024,
  }),
  'policies.update': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: PolicyInput.extend({ policyId: Id }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_008', 'PMS_POL_055', 'PMS_POL_009', 'PMS_POL_052', 'PMS_POL_051', 'PD_POL_001'],
    maxBytes: 256 * 1024,
  }),
  'policies.publish': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: z.object({ policyId: Id }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_008', 'PMS_POL_020', 'PMS_POL_053'],
  }),
  'policies.clone': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: z.object({ policyId: Id, policyGroupId: Id }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_008', 'PMS_POL_016', 'PMS_POL_053', 'PMS_POL_009'],
  }),
  'policies.deactivate': method({
    kind: 'command',
    changes: ['policies'],
    access: POLICY_ADMINS,
    input: z.object({ policyId: Id }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_008', 'PMS_POL_072', 'PMS_POL_062', 'PMS_POL_063', 'PMS_POL_064'],
  }),
  'policies.list': method({
    kind: 'query',
    reads: ['policies'],
    access: POLICY_ADMINS,
    input: PageQuery.extend({
      policyType: PolicyType,
      policyId: Filter,
      policyName: Filter,
      policyDescription: Filter,
      policyGroupName: Filter,
      /** Exact group (the group's detail view); the name filter above is a "contains" search. */
      policyGroupId: Text({ max: 36 }).optional(),
      status: PolicyStatus.optional(),
    }).strict(),
    output: pageOf(PolicySummary),
    errors: PAGING_ERRORS,
  }),
  'policies.get': method({
    kind: 'query',
    reads: ['policies', 'policyLinking'],
    access: POLICY_ADMINS,
    input: z.object({ policyId: Id }).strict(),
    output: PolicyDetail,
    errors: ['PMS_POL_008'],
  }),
};
