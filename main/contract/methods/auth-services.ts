import { z } from 'zod';
import { method } from '../spec.ts';
import {
  Empty,
  JsonObject,
  Language,
  PageQuery,
  Text,
  Timestamp,
  pageOf,
  Filter,
  Id,
  PAGING_ERRORS,
} from '../common.ts';
import type { Role } from '../common.ts';

const ADMIN_OR_AUTH: readonly Role[] = ['PARTNER_ADMIN', 'AUTH_PARTNER'];

/** Why a key or client does (not) work right now; the same verdict the consumer check gives. */
export const UseVerdict = z.enum([
  'ok',
  'unknown',
  'keyDeactivated',
  'keyExpired',
  'clientDeactivated',
  'partnerInactive',
  'linkNotApproved',
  'policyInactive',
]);

/** MOSIP: the label is unique per partner and policy after trimming and collapsing spaces, ≤ 36. */
export const ApiKeyLabel = z
  .string()
  .max(256)
  .transform((s) => s.replace(/\s+/g, ' '))
  .pipe(Text({ min: 1, max: 36 }));

const HttpUrl = Text({ min: 1, max: 2048 }).refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), {
  message: 'must be an http or https URL',
});

export const ApiKeyRow = z.object({
  id: z.string(),
  partnerId: z.string(),
  orgName: z.string(),
  apiKeyLabel: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  policyDescription: z.string(),
  policyGroupId: z.string(),
  policyGroupName: z.string(),
  status: z.enum(['activated', 'deactivated']),
  createdDateTime: Timestamp,
  apiKeyExpiryDateTime: Timestamp,
  isApiKeyExpired: z.boolean(),
});
export const ApiKeyDetail = ApiKeyRow.extend({ usable: UseVerdict });
/** List rows say whether the key works right now (partner, link, policy, key, expiry), not only its own status. */
export const ApiKeyListRow = ApiKeyDetail;

export const OidcClientRow = z.object({
  clientId: z.string(),
  clientName: z.string(),
  partnerId: z.string(),
  orgName: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  policyGroupId: z.string(),
  policyGroupName: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  createdDateTime: Timestamp,
  updatedDateTime: Timestamp,
});
export const OidcClientDetail = OidcClientRow.extend({
  nameLangMap: z.partialRecord(Language, z.string()),
  logoUri: z.string(),
  redirectUris: z.array(z.string()),
  publicKey: z.record(z.string(), z.unknown()),
  claims: z.array(z.string()),
  /** The authentication mechanisms the client may use: exactly those its policy enables. */
  acrValues: z.array(z.string()),
  grantTypes: z.array(z.string()),
  clientAuthMethods: z.array(z.string()),
  usable: UseVerdict,
});

const ClientFields = {
  name: Text({ min: 1, max: 256 }),
  nameLangMap: z.partialRecord(Language, Text({ min: 1, max: 256 })).optional(),
  logoUri: HttpUrl,
  redirectUris: z
    .array(HttpUrl)
    .min(1)
    .max(5)
    .refine((a) => new Set(a).size === a.length, { message: 'redirect URIs must not repeat' }),
  grantTypes: z
    .array(Text({ min: 1, max: 64 }))
    .min(1)
    .max(3),
};

export const API_KEY_SORT_FIELDS = [
  'partnerId',
  'apiKeyLabel',
  'orgName',
  'policyName',
  'policyGroupName',
  'status',
  'createdDateTime',
  'apiKeyExpiryDateTime',
] as const;
export const OIDC_SORT_FIELDS = [
  'partnerId',
  'orgName',
  'policyGroupName',
  'policyName',
  'clientName',
  'status',
  'createdDateTime',
] as const;

export const authServiceMethods = {
  'apiKeys.generate': method({
    kind: 'command',
    changes: ['authServices'],
    access: ['AUTH_PARTNER'],
    input: z.object({ partnerId: Id, policyId: Id, label: ApiKeyLabel }).strict(),
    // The key itself is returned here once and never again; only its SHA-256 is stored.
    output: z.object({
      id: z.string(),
      apiKey: z.string(),
      label: z.string(),
      partnerId: z.string(),
      policyId: z.string(),
      policyName: z.string(),
      createdDateTime: Timestamp,
      apiKeyExpiryDateTime: Timestamp,
    }),
    errors: ['PMS_PRT_005', 'PMS_PRT_055', 'PMS_PMP_016', 'PMS_PMP_014', 'PMS_PRT_109', 'PMS_PRT_110'],
  }),
  'apiKeys.list': method({
    kind: 'query',
    reads: ['authServices', 'partners', 'policyLinking', 'policies'],
    access: ADMIN_OR_AUTH,
    input: PageQuery.extend({
      partnerId: Filter,
      apiKeyLabel: Filter,
      orgName: Filter,
      policyName: Filter,
      policyGroupName: Filter,
      status: z.enum(['activated', 'deactivated']).optional(),
      /** Keys expiring within this many days (1–30), as MOSIP's expiryPeriod. */
      expiryPeriod: z.number().int().min(1).max(30).optional(),
    }).strict(),
    output: pageOf(ApiKeyListRow),
    errors: PAGING_ERRORS,
  }),
  'apiKeys.get': method({
    kind: 'query',
    reads: ['authServices', 'partners', 'policyLinking', 'policies'],
    access: ADMIN_OR_AUTH,
    input: z.object({ id: Id }).strict(),
    output: ApiKeyDetail,
    errors: ['PMS_PRT_111'],
  }),
  'apiKeys.deactivate': method({
    kind: 'command',
    changes: ['authServices'],
    access: ADMIN_OR_AUTH,
    input: z.object({ id: Id }).strict(),
    output: ApiKeyDetail,
    errors: ['PMS_PRT_111', 'PMS_PMS_022', 'PMS_PMP_016'],
  }),
  /**
   * For consumers (an authentication service): does this key work for this partner and policy now?
   * Partner, key, expiry, link and policy are read at each call, so a deactivation fails it at once.
   */
  'apiKeys.check': method({
    kind: 'query',
    access: 'public',
    input: z.object({ partnerId: Id, policyId: Id, apiKey: z.string().min(1).max(256) }).strict(),
    output: z.object({ valid: z.boolean(), reason: UseVerdict }),
    errors: [],
  }),
  /** Deactivates every active key past its expiry; the hosts run it on a schedule as the system. */
  'apiKeys.expireDue': method({
    kind: 'command',
    changes: ['authServices'],
    access: ['PARTNER_ADMIN'],
    input: Empty,
    output: z.object({ expired: z.number().int() }),
    errors: [],
  }),

  'oidcClients.options': method({
    kind: 'query',
    access: ADMIN_OR_AUTH,
    input: Empty,
    output: z.object({ grantTypes: z.array(z.string()), clientAuthMethods: z.array(z.string()) }),
    errors: [],
  }),
  'oidcClients.create': method({
    kind: 'command',
    changes: ['authServices'],
    access: ['AUTH_PARTNER'],
    input: z
      .object({
        partnerId: Id,
        policyId: Id,
        ...ClientFields,
        publicKey: JsonObject,
        clientAuthMethods: z
          .array(Text({ min: 1, max: 64 }))
          .min(1)
          .max(3),
      })
      .strict(),
    output: OidcClientDetail,
    errors: [
      'PMS_PRT_005',
      'PMS_PRT_055',
      'PMS_PRT_059',
      'PMS_PMP_016',
      'PMS_PMP_014',
      'PMS_PRT_057',
      'PMS_ESI_002',
      'PMS_ESI_007',
      'PMS_ESI_001',
      'PMS_ESI_005',
      'PMS_ESI_006',
    ],
    maxBytes: 64 * 1024,
  }),
  'oidcClients.update': method({
    kind: 'command',
    changes: ['authServices'],
    access: ['AUTH_PARTNER'],
    input: z.object({ clientId: Id, ...ClientFields }).strict(),
    output: OidcClientDetail,
    errors: ['PMS_ESI_004', 'PMS_ESI_008', 'PMS_PMP_016'],
  }),
  'oidcClients.deactivate': method({
    kind: 'command',
    changes: ['authServices'],
    access: ADMIN_OR_AUTH,
    input: z.object({ clientId: Id }).strict(),
    output: OidcClientDetail,
    errors: ['PMS_ESI_004', 'PMS_ESI_008', 'PMS_PMP_016'],
  }),
  'oidcClients.list': method({
    kind: 'query',
    reads: ['authServices', 'partners', 'policyLinking', 'policies'],
    access: ADMIN_OR_AUTH,
    input: PageQuery.extend({
      partnerId: Filter,
      orgName: Filter,
      policyGroupName: Filter,
      policyName: Filter,
      clientName: Filter,
      status: z.enum(['ACTIVE', 'INACTIVE']).optional(),
    }).strict(),
    output: pageOf(OidcClientRow.extend({ usable: UseVerdict })),
    errors: PAGING_ERRORS,
  }),
  'oidcClients.get': method({
    kind: 'query',
    reads: ['authServices', 'partners', 'policyLinking', 'policies'],
    access: ADMIN_OR_AUTH,
    input: z.object({ clientId: Id }).strict(),
    output: OidcClientDetail,
    errors: ['PMS_ESI_004'],
  }),
  /** For consumers (an OIDC provider): is the client usable now, and with which ACR values and claims? */
  'oidcClients.check': method({
    kind: 'query',
    access: 'public',
    input: z.object({ clientId: Id }).strict(),
    output: z.object({
      valid: z.boolean(),
      reason: UseVerdict,
      acrValues: z.array(z.string()),
      claims: z.array(z.string()),
    }),
    errors: [],
  }),
};
