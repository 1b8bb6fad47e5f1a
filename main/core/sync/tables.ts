import { ALL, TRUST_STORE_READERS } from './scope.ts';
import type { ReplicatedTable } from './scope.ts';
import { PORTAL_TABLES } from './tables-portal.ts';

/**
 * The tables a desk replicates from the server, with the columns that travel. Secrets and
 * server-only state never travel: password hashes, lockout counters, sessions, reset links, the
 * signing CA's key, the audit log, the outbox. Columns kept by triggers (device counts, list
 * totals, text indexes) are rebuilt on the desk by the same triggers.
 *
 * Migrations 0141/0142 (and 0210 for the tables of tables-portal.ts) inline their own copy of these
 * lists (a migration never changes after it ships); `test/integration/migrations/0142-sync-change-log.test.ts`
 * checks they agree.
 */
export type { ReplicatedTable } from './scope.ts';

const OWN = 'SELECT id FROM partner WHERE user_id = :uid';
const ADMIN = { PARTNER_ADMIN: ALL } as const;

export const REPLICATED_TABLES: readonly ReplicatedTable[] = [
  {
    name: 'app_user',
    key: ['id'],
    columns: [
      'id',
      'email',
      'first_name',
      'last_name',
      'org_name',
      'lang_code',
      'is_active',
      'created_at',
      'updated_at',
    ],
    blobs: [],
    localDefaults: { password_hash: '!' },
    scope: {
      everyone: 'id = :uid',
      roles: {
        ...ADMIN,
        // the applicants behind the applications and the officers who submitted them (foreign keys on the desk)
        PROGRAM_ADMIN:
          'id IN (SELECT user_id FROM registrant) OR EXISTS (SELECT 1 FROM assisted_application WHERE officer_id = app_user.id AND application_id IS NOT NULL)',
        REGISTRATION_OFFICER:
          'id IN (SELECT r.user_id FROM registrant r JOIN application a ON a.registrant_id = r.id JOIN assisted_application aa ON aa.application_id = a.id WHERE aa.officer_id = :uid)',
      },
    },
  },
  {
    name: 'user_role',
    key: ['user_id', 'role'],
    columns: ['user_id', 'role'],
    blobs: [],
    scope: { everyone: 'user_id = :uid', roles: ADMIN },
  },
  {
    name: 'partner',
    key: ['id'],
    columns: [
      'id',
      'user_id',
      'partner_type_code',
      'name',
      'address',
      'contact_no',
      'email_id',
      'policy_group_id',
      'certificate_alias',
      'approval_status',
      'is_active',
      'lang_code',
      'created_at',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: 'user_id = :uid', roles: ADMIN },
  },
  // Policy groups are names a partner chooses from (policyGroups.searchActive); every policy's group travels with it.
  {
    name: 'policy_group',
    key: ['id'],
    columns: ['id', 'name', 'descr', 'is_active', 'cr_by', 'created_at', 'upd_by', 'updated_at'],
    blobs: [],
    scope: { everyone: ALL },
  },
  {
    name: 'auth_policy',
    key: ['id'],
    columns: [
      'id',
      'policy_group_id',
      'name',
      'descr',
      'policy_type',
      'version',
      'policy_json',
      'policy_schema',
      'is_active',
      'cr_by',
      'created_at',
      'published_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    // the policies of the partner's group, and any its requests, keys or clients point at (a group changes while inactive)
    leavesView: true,
    scope: {
      roles: ADMIN,
      everyone:
        `policy_group_id IN (SELECT policy_group_id FROM partner WHERE user_id = :uid AND policy_group_id IS NOT NULL)` +
        ` OR id IN (SELECT policy_id FROM partner_policy_request WHERE part_id IN (${OWN}))` +
        ` OR id IN (SELECT policy_id FROM partner_policy WHERE part_id IN (${OWN}))` +
        ` OR id IN (SELECT policy_id FROM oidc_client WHERE rp_id IN (${OWN}))`,
    },
  },
  {
    name: 'partner_policy_request',
    key: ['id'],
    columns: [
      'id',
      'part_id',
      'policy_id',
      'request_detail',
      'status_code',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: `part_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'partner_policy',
    key: ['id'],
    columns: [
      'id',
      'key_hash',
      'part_id',
      'policy_id',
      'label',
      'valid_to',
      'is_active',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: `part_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'oidc_client',
    key: ['id'],
    columns: [
      'id',
      'name',
      'name_langs',
      'rp_id',
      'policy_id',
      'logo_uri',
      'redirect_uris',
      'claims',
      'acr_values',
      'public_key',
      'grant_types',
      'auth_methods',
      'status',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: `rp_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'ca_certificate',
    key: ['id'],
    columns: [
      'id',
      'domain',
      'ca_type',
      'thumbprint',
      'der',
      'subject',
      'issuer',
      'issued_to',
      'issued_by',
      'serial',
      'not_before',
      'not_after',
      'uploaded_at',
      'uploaded_by',
      'warnings',
    ],
    blobs: ['der'],
    scope: { roles: TRUST_STORE_READERS }, // the trust store
  },
  {
    name: 'partner_certificate',
    key: ['partner_id'],
    columns: [
      'partner_id',
      'certificate_id',
      'domain',
      'thumbprint',
      'ca_signed_der',
      'mosip_signed_der',
      'issued_to',
      'issued_by',
      'ca_not_before',
      'ca_not_after',
      'mosip_not_before',
      'mosip_not_after',
      'uploaded_at',
      'uploaded_by',
      'warnings',
    ],
    blobs: ['ca_signed_der', 'mosip_signed_der'],
    scope: { everyone: `partner_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'secure_biometric_interface',
    key: ['id'],
    columns: [
      'id',
      'provider_id',
      'partner_org_name',
      'sw_binary_hash',
      'sw_version',
      'sw_cr_dtimes',
      'sw_expiry_dtimes',
      'approval_status',
      'is_active',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: `provider_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'device_detail',
    key: ['id'],
    columns: [
      'id',
      'dprovider_id',
      'dtype_code',
      'dstype_code',
      'make',
      'model',
      'partner_org_name',
      'sbi_id',
      'sbi_version',
      'approval_status',
      'is_active',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    scope: { everyone: `dprovider_id IN (${OWN})`, roles: ADMIN },
  },
  {
    name: 'ftp_chip_detail',
    key: ['id'],
    columns: [
      'id',
      'foundational_trust_provider_id',
      'make',
      'model',
      'partner_org_name',
      'approval_status',
      'is_active',
      'certificate_alias',
      'certificate_der',
      'cert_issued_to',
      'cert_issued_by',
      'cert_not_before',
      'cert_not_after',
      'cert_uploaded_at',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: ['certificate_der'],
    scope: { everyone: `foundational_trust_provider_id IN (${OWN})`, roles: ADMIN },
  },
  ...PORTAL_TABLES,
];

export { ALL, scopeOf } from './scope.ts';

export const TABLE_BY_NAME: ReadonlyMap<string, ReplicatedTable> = new Map(REPLICATED_TABLES.map((t) => [t.name, t]));

/** A row as it travels: column → string | number | null (BLOBs as hex). */
export type WireRow = Record<string, string | number | null>;
