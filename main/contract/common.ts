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
  {
    code: 'Online_Verification_Partner',
    role: 'ONLINE_VERIFICATION_PARTNER',
    policyRequired: true,
  },
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

/**
 * The self-service portal's roles (issue 15, ssp.md §A): the program administrator who runs
 * programs, forms and applications, and the applicant who signs in with an ID through OIDC.
 */
export const PORTAL_ROLES = ['PROGRAM_ADMIN', 'APPLICANT'] as const;

/**
 * The assisted-registration officer (issue 16, ssp.md §A10, §C2): applies on an applicant's behalf
 * at a desk, after authenticating the applicant with an Auth-purpose biometric device.
 */
export const OFFICER_ROLES = ['REGISTRATION_OFFICER'] as const;

export const ROLES = [...ADMIN_ROLES, ...PARTNER_TYPES.map((t) => t.role), ...PORTAL_ROLES, ...OFFICER_ROLES] as const;
export type Role = (typeof ROLES)[number];
/** Every partner-type role (not the admin roles). */
export const PARTNER_ROLES: readonly Role[] = PARTNER_TYPES.map((t) => t.role);
export const RoleSchema = z.enum(ROLES as unknown as [Role, ...Role[]]);

export const SORT_TYPES = ['asc', 'desc'] as const;
export type SortType = (typeof SORT_TYPES)[number];
/** The rows-per-page choices every list offers (MOSIP's admin lists: 8 by default). */
export const PAGE_SIZES = [8, 25, 50, 100] as const;

/**
 * Why a text input was refused for its characters: the value of its entry in PMS_COR_002's
 * `fields` (the renderer translates it as a validation key).
 */
export const TEXT_REFUSED = 'characters';

/**
 * Control characters (C0, DEL, C1) and lone UTF-16 surrogates: never text anyone typed (a lone
 * surrogate cannot be encoded as UTF-8, so SQLite would silently store U+FFFD instead).
 */
const LINE_REFUSED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The same, but tab and line feed are text in a multi-line field. */
const MULTILINE_REFUSED =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface TextRules {
  /** Length in UTF-16 code units after trimming and NFC, as the store's CHECKs count. */
  max: number;
  min?: number;
  /** Tab and line feed allowed (CR LF and CR become LF first). */
  multiline?: boolean;
  /** Leading and trailing white space removed first (default); off where a space is itself an error the core names. */
  trim?: boolean;
}

/**
 * The one string schema of every free-text input (names, descriptions, comments, filters, ids):
 * no control characters (NUL cut SQLite's length() and trigram search short) but tab and line feed
 * in multi-line fields, no lone surrogates, and NFC, so the same name typed two ways is one name
 * for duplicate checks. Refused characters answer PMS_COR_002 naming the field with TEXT_REFUSED.
 * Secrets (passwords, tokens, keys) are compared by hash and never stored or shown: they keep z.string().
 */
export function Text({ max, min = 0, multiline = false, trim = true }: TextRules) {
  let s = z.string();
  if (multiline) s = s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  if (trim) s = s.trim();
  const refused = multiline ? MULTILINE_REFUSED : LINE_REFUSED;
  s = s.refine((v) => !refused.test(v), { message: TEXT_REFUSED, abort: true }).normalize('NFC');
  return min > 0 ? s.min(min).max(max) : s.max(max);
}

/** Paging as MOSIP's V2 lists: 0-based page, size, sort field + direction. */
export const PageQuery = z.object({
  pageNo: z.number().int().default(0),
  pageSize: z.number().int().default(8),
  sortFieldName: Text({ max: 64, trim: false }).optional(),
  sortType: Text({ max: 8, trim: false }).optional(),
});

/** The codes every paged list answers for bad paging input (MOSIP's PMS_PRT_357/358/360/361). */
export const PAGING_ERRORS = ['PMS_PRT_357', 'PMS_PRT_358', 'PMS_PRT_360', 'PMS_PRT_361'] as const;

/** A "contains" filter of a list: trimmed, capped, absent when empty. */
export const Filter = Text({ max: 128 }).optional();

/** A record's id as the lists and details take it (UUIDs and MOSIP's own ids). */
export const Id = Text({ min: 1, max: 128 });

/** Deepest nesting a JSON value given as input may have (a JWK is flat; SQLite's json_valid stops at 1,000). */
export const JSON_MAX_DEPTH = 32;

/**
 * What is wrong with a parsed JSON value given as input, if anything: nesting past JSON_MAX_DEPTH,
 * or a key or string that is not clean text. Iterative: a recursive walk would itself overflow
 * the stack on the input it refuses.
 */
function jsonProblem(value: unknown, refused: RegExp = LINE_REFUSED): 'depth' | typeof TEXT_REFUSED | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (refused.test(v)) return TEXT_REFUSED;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= JSON_MAX_DEPTH) return 'depth';
      for (const [k, child] of Object.entries(v)) {
        if (LINE_REFUSED.test(k)) return TEXT_REFUSED;
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/** A JSON object given as input (a JWK): bounded nesting and clean text, or PMS_COR_002 naming the field. */
export const JsonObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = jsonProblem(value);
  if (problem === TEXT_REFUSED) ctx.addIssue({ code: 'custom', message: TEXT_REFUSED });
  else if (problem) ctx.addIssue({ code: 'custom', message: `nests deeper than ${JSON_MAX_DEPTH} levels` });
});

/** The same, where string values are multi-line text (a form's answers, a Form.io schema): tab and line feed allowed. */
export const JsonDocument = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = jsonProblem(value, MULTILINE_REFUSED);
  if (problem === TEXT_REFUSED) ctx.addIssue({ code: 'custom', message: TEXT_REFUSED });
  else if (problem) ctx.addIssue({ code: 'custom', message: `nests deeper than ${JSON_MAX_DEPTH} levels` });
});

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
export const DATA_TOPICS = [
  'accounts',
  'partners',
  'trustStore',
  'policies',
  'policyLinking',
  'authServices',
  'devices',
  'ftm',
  'notifications',
  'releases',
  'programs',
  'applications',
  'assisted',
] as const;
export const DataTopic = z.enum(DATA_TOPICS);
export type DataTopic = z.infer<typeof DataTopic>;

export const Timestamp = z.string().describe('ISO 8601 UTC');
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
