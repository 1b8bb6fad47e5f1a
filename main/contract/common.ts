import { z } from 'zod';

export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const ADMIN_ROLES = ['PARTNER_ADMIN', 'POLICYMANAGER'] as const;

/** MOSIP partner types (pms.md §1.1) with the Keycloak role each maps to (§1.2). */
export const PARTNER_TYPES = [
  { code: 'Auth_Partner', role: 'AUTH_PARTNER', policyRequired: true },
  { code: 'Credential_Partner', role: 'CREDENTIAL_PARTNER', policyRequired: true },
  { code: 'Device_Provider', role: 'DEVICE_PROVIDER', policyRequired: false },
  { code: 'FTM_Provider', role: 'FTM_PROVIDER', policyRequired: false },
  { code: 'Online_Verification_Partner', role: 'ONLINE_VERIFICATION_PARTNER', policyRequired: true },
  { code: 'ABIS_Partner', role: 'ABIS_PARTNER', policyRequired: true },
  { code: 'Manual_Adjudication', role: 'MANUAL_ADJUDICATION', policyRequired: true },
  { code: 'MISP_Partner', role: 'MISP_PARTNER', policyRequired: false },
  { code: 'SDK_Partner', role: 'SDK_PARTNER', policyRequired: false },
  { code: 'Print_Partner', role: 'PRINT_PARTNER', policyRequired: true },
  { code: 'Internal_Partner', role: 'INTERNAL_PARTNER', policyRequired: true },
] as const;

export const PARTNER_TYPE_CODES = PARTNER_TYPES.map((t) => t.code) as unknown as readonly [
  (typeof PARTNER_TYPES)[number]['code'],
  ...(typeof PARTNER_TYPES)[number]['code'][],
];
export const PartnerTypeCode = z.enum(PARTNER_TYPE_CODES);
export type PartnerTypeCode = z.infer<typeof PartnerTypeCode>;

export const ROLES = [...ADMIN_ROLES, ...PARTNER_TYPES.map((t) => t.role)] as const;
export type Role = (typeof ROLES)[number];
/** Every partner-type role (not the admin roles). */
export const PARTNER_ROLES: readonly Role[] = PARTNER_TYPES.map((t) => t.role);
export const RoleSchema = z.enum(ROLES as unknown as [Role, ...Role[]]);

export const SORT_TYPES = ['asc', 'desc'] as const;
export type SortType = (typeof SORT_TYPES)[number];
/** The rows-per-page choices every list offers (MOSIP's admin lists: 8 by default). */
export const PAGE_SIZES = [8, 25, 50, 100] as const;

/** Paging as MOSIP's V2 lists: 0-based page, size, sort field + direction. */
export const PageQuery = z.object({
  pageNo: z.number().int().default(0),
  pageSize: z.number().int().default(8),
  sortFieldName: z.string().max(64).optional(),
  sortType: z.string().max(8).optional(),
});

/** The codes every paged list answers for bad paging input (MOSIP's PMS_PRT_357/358/360/361). */
export const PAGING_ERRORS = ['PMS_PRT_357', 'PMS_PRT_358', 'PMS_PRT_360', 'PMS_PRT_361'] as const;

/** A "contains" filter of a list: trimmed, capped, absent when empty. */
export const Filter = z.string().trim().max(128).optional();

/** A record's id as the lists and details take it (UUIDs and MOSIP's own ids). */
export const Id = z.string().trim().min(1).max(128);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    pageNo: z.number().int(),
    pageSize: z.number().int(),
    totalResults: z.number().int(),
    /**
     * The count stopped early: more than `totalResults` rows match and more follow this page
     * (a dense filter on a large list). Absent or false: `totalResults` is exact.
     */
    totalIsLowerBound: z.boolean().optional(),
    data: z.array(item),
  });
}

/**
 * What a `data.changed` event names: the part of the data a committed command changed. Screens
 * refetch what they show from a topic; the hosts deliver a topic only to whom may read it.
 */
export const DATA_TOPICS = ['accounts', 'partners', 'trustStore', 'policies', 'policyLinking', 'authServices', 'devices', 'ftm'] as const;
export const DataTopic = z.enum(DATA_TOPICS);
export type DataTopic = z.infer<typeof DataTopic>;

export const Timestamp = z.string().describe('ISO 8601 UTC');
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
