import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { WriteDb } from '../context.ts';
import { hashApiKey } from '../auth-services/api-keys.ts';
import { readClientKey } from '../auth-services/jwk.ts';
import { OIDC_DEFAULTS } from '../auth-services/oidc-config.ts';
import { clientTerms } from '../auth-services/oidc-terms.ts';
import { schemaUrl, validatePolicy } from '../policies/schemas.ts';
import type { PolicyTypeName } from '../policies/schemas.ts';

const DAY = 86_400_000;

const AUTH = (kyc: string[], auth: Array<[string, string]>) =>
  JSON.stringify({
    authTokenType: 'policy',
    allowedKycAttributes: kyc.map((attributeName) => ({ attributeName })),
    allowedAuthTypes: auth.map(([authType, authSubType]) => ({
      authType,
      authSubType,
      mandatory: false,
    })),
  });
const SHARE = (attrs: string[]) =>
  JSON.stringify({
    dataSharePolicies: {
      typeOfShare: 'Data Share',
      validForInMinutes: '30',
      transactionsAllowed: '2',
      encryptionType: 'Partner Based',
      shareDomain: 'datashare.datashare',
      source: 'ID Repository',
    },
    shareableAttributes: attrs.map((a) => ({
      attributeName: a,
      source: [{ attribute: a }],
      encrypted: a === 'face',
      ...(a === 'dateOfBirth' ? { format: 'YYYY' } : {}),
    })),
  });

/** [id, name, description, active, created days ago] */
const GROUPS: ReadonlyArray<readonly [string, string, string, boolean, number]> = [
  ['demo-grp-banking', 'Banking & Finance', 'Banks, microfinance and payment providers verifying customers', true, 110],
  [
    'demo-grp-credentials',
    'Credential Issuance',
    'Card printers and credential bureaus receiving identity data',
    true,
    105,
  ],
  ['demo-grp-telecom', 'Telecom Onboarding', 'Mobile operators registering SIM cards', true, 100],
  ['demo-grp-pilot', 'Pilot 2024', 'The 2024 pilot, closed', false, 300],
];

type Status = 'draft' | 'activated' | 'deactivated';
/** [id, group, name, description, type, json, status, created days ago] */
const POLICIES: ReadonlyArray<readonly [string, string, string, string, PolicyTypeName, string, Status, number]> = [
  [
    'demo-pol-ekyc',
    'demo-grp-banking',
    'eKYC Basic',
    'Name, birth date and e-mail after OTP or fingerprint',
    'Auth',
    AUTH(
      ['fullName', 'dateOfBirth', 'email', 'phone'],
      [
        ['otp', ''],
        ['bio', 'FINGER'],
        ['demo', ''],
      ],
    ),
    'activated',
    100,
  ],
  [
    'demo-pol-payments',
    'demo-grp-banking',
    'Payments OTP',
    'Yes/no authentication for payments by OTP',
    'Auth',
    AUTH(
      ['fullName'],
      [
        ['otp', ''],
        ['otp-request', ''],
      ],
    ),
    'activated',
    95,
  ],
  [
    'demo-pol-bioplus',
    'demo-grp-banking',
    'Biometric Plus',
    'Face and iris for high-value accounts (draft)',
    'Auth',
    AUTH(
      ['fullName', 'photo', 'gender'],
      [
        ['bio', 'FACE'],
        ['bio', 'IRIS'],
      ],
    ),
    'draft',
    10,
  ],
  [
    'demo-pol-legacy',
    'demo-grp-banking',
    'Legacy Demographic Auth',
    'Demographic matching, retired',
    'Auth',
    AUTH(['fullName'], [['demo', '']]),
    'deactivated',
    200,
  ],
  [
    'demo-pol-print',
    'demo-grp-credentials',
    'Print Card Data',
    'Attributes printed on the national ID card',
    'DataShare',
    SHARE(['fullName', 'dateOfBirth', 'gender', 'face']),
    'activated',
    90,
  ],
  [
    'demo-pol-digital',
    'demo-grp-credentials',
    'Digital Credential',
    'Verifiable credential issuance',
    'CredentialIssuance',
    SHARE(['fullName', 'dateOfBirth']),
    'activated',
    85,
  ],
  [
    'demo-pol-minimal',
    'demo-grp-credentials',
    'Minimal Share',
    'Name only (draft)',
    'DataShare',
    SHARE(['fullName']),
    'draft',
    5,
  ],
  [
    'demo-pol-sim',
    'demo-grp-telecom',
    'SIM Registration KYC',
    'Identity check at SIM registration',
    'Auth',
    AUTH(
      ['fullName', 'dateOfBirth', 'gender'],
      [
        ['otp', ''],
        ['bio', 'FINGER'],
      ],
    ),
    'activated',
    80,
  ],
  [
    'demo-pol-pilot',
    'demo-grp-pilot',
    'Pilot Auth',
    'Used during the pilot',
    'Auth',
    AUTH(['fullName'], [['otp', '']]),
    'deactivated',
    290,
  ],
];

/** Policy groups chosen by the demo partners whose type needs one. */
const PARTNER_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['aurora-identity-services', 'demo-grp-banking'],
  ['banque-populaire-du-sahel', 'demo-grp-banking'],
  ['nile-credential-bureau', 'demo-grp-credentials'],
  ['printworks-civic-cards', 'demo-grp-credentials'],
  ['verifynow-online', 'demo-grp-telecom'],
];

/** [id, partner, policy, comment, status, days ago] */
const REQUESTS: ReadonlyArray<
  readonly [string, string, string, string, 'InProgress' | 'approved' | 'rejected' | 'deactivated', number]
> = [
  [
    'demo-req-1',
    'aurora-identity-services',
    'demo-pol-ekyc',
    'Customer onboarding in our mobile banking app.',
    'approved',
    60,
  ],
  [
    'demo-req-2',
    'aurora-identity-services',
    'demo-pol-payments',
    'Confirming card-less payments at agents.',
    'InProgress',
    3,
  ],
  ['demo-req-3', 'aurora-identity-services', 'demo-pol-legacy', 'Branch counters (old system).', 'deactivated', 180],
  ['demo-req-4', 'nile-credential-bureau', 'demo-pol-print', 'Printing replacement cards.', 'approved', 50],
  ['demo-req-5', 'nile-credential-bureau', 'demo-pol-digital', 'Wallet credentials for citizens.', 'rejected', 40],
  [
    'demo-req-6',
    'nile-credential-bureau',
    'demo-pol-digital',
    'Wallet credentials, with the data protection assessment attached.',
    'InProgress',
    2,
  ],
  ['demo-req-7', 'printworks-civic-cards', 'demo-pol-print', 'Personalising ID cards.', 'approved', 70],
];

/** [id, label, expires in days (negative: expired), active, created days ago] — aurora × eKYC Basic */
const KEYS: ReadonlyArray<readonly [string, string, number, boolean, number]> = [
  ['demo-key-1', 'Mobile app', 36_500 - 55, true, 55],
  ['demo-key-2', 'Branch kiosk', 20, true, 345],
  ['demo-key-3', 'Old web portal', 36_500 - 58, false, 58],
];

/**
 * Policy groups, policies in every status, link requests in every state, API keys (hashes of
 * random keys nobody knows) and OIDC clients with generated keys, for the demo partners of seed.ts.
 */
export function seedDemoPolicies(db: WriteDb, now: Date): void {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const group = db.prepare(
    'INSERT INTO policy_group (id, name, descr, is_active, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [id, name, descr, active, days] of GROUPS)
    group.run(id, name, descr, active ? 1 : 0, 'admin', at(days), at(days));
  const policy = db.prepare(
    `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, published_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?)`,
  );
  for (const [id, groupId, name, descr, type, json, status, days] of POLICIES) {
    const published = status === 'draft' ? null : at(days - 1);
    policy.run(
      id,
      groupId,
      name,
      descr,
      type,
      validatePolicy(type, json),
      published && schemaUrl(type),
      status === 'activated' ? 1 : 0,
      at(days),
      published,
      at(days),
    );
  }
  const setGroup = db.prepare('UPDATE partner SET policy_group_id = ? WHERE id = ?');
  for (const [partnerId, groupId] of PARTNER_GROUPS) setGroup.run(groupId, partnerId);
  const request = db.prepare(
    'INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, upd_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [id, partnerId, policyId, comment, status, days] of REQUESTS) {
    request.run(
      id,
      partnerId,
      policyId,
      comment,
      status,
      partnerId,
      at(days),
      status === 'InProgress' ? null : 'admin',
      at(status === 'InProgress' ? days : days - 1),
    );
  }
  const key = db.prepare(
    `INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at)
     VALUES (?, ?, 'aurora-identity-services', 'demo-pol-ekyc', ?, ?, ?, 'aurora-identity-services', ?, ?)`,
  );
  for (const [id, label, expiresIn, active, days] of KEYS) {
    key.run(
      id,
      hashApiKey(randomBytes(32).toString('base64url')),
      label,
      new Date(now.getTime() + expiresIn * DAY).toISOString(),
      active ? 1 : 0,
      at(days),
      at(days),
    );
  }
  const ekyc = POLICIES.find((p) => p[0] === 'demo-pol-ekyc')!;
  const terms = clientTerms(validatePolicy('Auth', ekyc[5]), OIDC_DEFAULTS);
  const client = db.prepare(
    `INSERT INTO oidc_client (id, name, name_langs, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, cr_by, created_at, updated_at)
     VALUES (?, ?, ?, 'aurora-identity-services', 'demo-pol-ekyc', ?, ?, ?, ?, ?, '["authorization_code"]', '["private_key_jwt"]', ?, 'aurora-identity-services', ?, ?)`,
  );
  const clients: ReadonlyArray<
    readonly [string, Record<string, string>, string, string, 'ACTIVE' | 'INACTIVE', number]
  > = [
    [
      'Aurora Citizen Portal',
      { fr: 'Portail citoyen Aurora', ar: 'بوابة أورورا للمواطنين' },
      'https://portal.aurora.demo/logo.png',
      'https://portal.aurora.demo/callback',
      'ACTIVE',
      45,
    ],
    ['Aurora Test Client', {}, 'https://test.aurora.demo/logo.png', 'http://localhost:3000/callback', 'INACTIVE', 40],
  ];
  for (const [name, langs, logo, redirect, status, days] of clients) {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    }) as Record<string, unknown>;
    const k = readClientKey(jwk);
    client.run(
      k.clientId,
      name,
      JSON.stringify(langs),
      logo,
      JSON.stringify([redirect]),
      JSON.stringify(terms.claims),
      JSON.stringify(terms.acrValues),
      k.canonical,
      status,
      at(days),
      at(days),
    );
  }
}
