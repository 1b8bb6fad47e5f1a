import { z } from 'zod';
import { AppError } from '../../contract/index.ts';
import type { ReadablePolicy } from '../../contract/methods/policies.ts';

/**
 * MOSIP validates each policy against a JSON Schema per type (pms.md §1.3: auth-policy-schema.json,
 * data-share-policy-schema.json, the latter also for CredentialIssuance). The same shapes as zod:
 * required members typed, other members allowed, as a JSON Schema without additionalProperties.
 */
export const AUTH_TYPES = ['bio', 'otp', 'otp-request', 'demo', 'kyc', 'kycauth', 'kycexchange', 'wla', 'pin'] as const;
const BIO_SUBTYPES = ['FINGER', 'IRIS', 'FACE'];

const KycAttribute = z.looseObject({ attributeName: z.string().min(1).max(128) });
const AuthTypeEntry = z
  .looseObject({
    authType: z.enum(AUTH_TYPES),
    authSubType: z.string().max(32).optional(),
    mandatory: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.authType === 'bio' && !BIO_SUBTYPES.includes(v.authSubType ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['authSubType'],
        message: `must be one of ${BIO_SUBTYPES.join(', ')} for bio`,
      });
    }
  });

const AuthPolicy = z.looseObject({
  authTokenType: z.enum(['random', 'partner', 'policy']),
  allowedKycAttributes: z.array(KycAttribute).max(256),
  allowedAuthTypes: z.array(AuthTypeEntry).max(64),
});

const ShareFilter = z.looseObject({
  type: z.string().optional(),
  subType: z.union([z.string(), z.array(z.string())]).optional(),
  language: z.string().optional(),
});
const ShareSource = z.looseObject({
  attribute: z.string().min(1),
  filter: z.array(ShareFilter).optional(),
});
const ShareableAttribute = z.looseObject({
  attributeName: z.string().min(1).max(128),
  group: z.string().optional(),
  source: z.array(ShareSource),
  encrypted: z.boolean(),
  format: z.string().optional(),
});
const DataSharePolicy = z.looseObject({
  dataSharePolicies: z.looseObject({
    typeOfShare: z.string(),
    validForInMinutes: z.string(),
    transactionsAllowed: z.string(),
    encryptionType: z.string(),
    shareDomain: z.string(),
    source: z.string(),
  }),
  shareableAttributes: z.array(ShareableAttribute).max(256),
});

export type PolicyTypeName = 'Auth' | 'DataShare' | 'CredentialIssuance';
export const POLICY_MAX_CHARS = 5120;

/** The published policy's schema reference, as MOSIP's pmp.<type>.policy.schema URL. */
export function schemaUrl(type: PolicyTypeName): string {
  return type === 'Auth' ? 'https://schemas.mosip.io/v1/auth-policy' : 'https://schemas.mosip.io/v1/data-share-policy';
}

/** MOSIP's DTO spells it allowedKYCAttributes; both spellings are read. */
function normalizeAuth(value: Record<string, unknown>): Record<string, unknown> {
  if (value.allowedKycAttributes === undefined && value.allowedKYCAttributes !== undefined) {
    const { allowedKYCAttributes, ...rest } = value;
    return { ...rest, allowedKycAttributes: allowedKYCAttributes };
  }
  return value;
}

/**
 * Parses and checks a policy text: not JSON → PMS_POL_052; not its type's shape → PMS_POL_051 with
 * the path of each problem; stored (compact) form over 5120 characters → PD_POL_001.
 * Returns the compact JSON that is stored.
 */
export function validatePolicy(type: PolicyTypeName, text: string): string {
  // Before parsing: SQLite's json_valid stops at 1,000 levels and JSON.stringify overflows the stack
  // a few thousand deep; no policy of either type nests more than a handful.
  const depth = nestingDepth(text);
  if (depth > POLICY_MAX_DEPTH) {
    throw new AppError(
      'PMS_POL_051',
      `The policy nests ${depth} levels deep; a ${type} policy has at most ${POLICY_MAX_DEPTH}.`,
      { policy: 'PMS_POL_051' },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AppError('PMS_POL_052', `The policy is not valid JSON: ${(err as Error).message}`, {
      policy: 'PMS_POL_052',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError(
      'PMS_POL_051',
      `The policy does not match the ${type} policy schema at (root): it must be a JSON object.`,
      { policy: 'PMS_POL_051' },
    );
  }
  const schema = type === 'Auth' ? AuthPolicy : DataSharePolicy;
  const candidate = type === 'Auth' ? normalizeAuth(parsed as Record<string, unknown>) : parsed;
  const result = schema.safeParse(candidate);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues.slice(0, 20))
      fields[['policy', ...issue.path.map(String)].join('.')] = issue.message;
    const first = result.error.issues[0]!;
    const at = first.path.length ? first.path.map(String).join('.') : '(root)';
    throw new AppError(
      'PMS_POL_051',
      `The policy does not match the ${type} policy schema at ${at}: ${first.message}`,
      fields,
    );
  }
  const compact = JSON.stringify(parsed);
  if (compact.length > POLICY_MAX_CHARS) {
    throw new AppError(
      'PD_POL_001',
      `The policy has ${compact.length} characters; at most ${POLICY_MAX_CHARS} are allowed.`,
      { policy: 'PD_POL_001' },
    );
  }
  return compact;
}

const POLICY_MAX_DEPTH = 32;

/** The deepest bracket nesting of a JSON text, outside strings, in one pass. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A stored policy as lists (attributes, auth types, share settings) for detail views. */
export function readablePolicy(type: PolicyTypeName, json: string): z.infer<typeof ReadablePolicy> {
  const value = JSON.parse(json) as Record<string, unknown>;
  if (type === 'Auth') {
    const auth = AuthPolicy.parse(normalizeAuth(value));
    return {
      kind: 'auth',
      authTokenType: auth.authTokenType,
      kycAttributes: auth.allowedKycAttributes.map((a) => a.attributeName),
      authTypes: auth.allowedAuthTypes.map((t) => ({
        authType: t.authType,
        authSubType: t.authSubType ?? '',
        mandatory: t.mandatory,
      })),
    };
  }
  const share = DataSharePolicy.parse(value);
  const { typeOfShare, validForInMinutes, transactionsAllowed, encryptionType, shareDomain, source } =
    share.dataSharePolicies;
  return {
    kind: 'dataShare',
    dataSharePolicies: {
      typeOfShare,
      validForInMinutes,
      transactionsAllowed,
      encryptionType,
      shareDomain,
      source,
    },
    shareableAttributes: share.shareableAttributes.map((a) => ({
      attributeName: a.attributeName,
      group: a.group ?? null,
      encrypted: a.encrypted,
      format: a.format ?? null,
      sources: a.source.map((s) => s.attribute),
    })),
  };
}

/** An Auth policy's KYC attributes and auth types, for OIDC claims and ACR values. */
export function authPolicyTerms(json: string): { kycAttributes: string[]; authTypes: string[] } {
  const auth = AuthPolicy.parse(normalizeAuth(JSON.parse(json) as Record<string, unknown>));
  return {
    kycAttributes: auth.allowedKycAttributes.map((a) => a.attributeName),
    authTypes: auth.allowedAuthTypes.map((t) => t.authType),
  };
}
