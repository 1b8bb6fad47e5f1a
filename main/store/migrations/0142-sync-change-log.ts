import type { Database } from 'better-sqlite3';

/**
 * Server side of the pull: one entry per replicated row that ever changed, re-numbered on every
 * change. `seq` is AUTOINCREMENT, so a new number is larger than every number ever handed out;
 * SQLite has one writer at a time, so numbers are also handed out in commit order and a reader
 * never sees seq n+1 without n — the late-commit hole that makes timestamps unusable as cookies
 * cannot happen. Written by triggers, so the entry commits in the same transaction as the change.
 */
const TABLES: ReadonlyArray<{ name: string; key: readonly string[]; columns: readonly string[] }> = [
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
  },
  { name: 'user_role', key: ['user_id', 'role'], columns: ['user_id', 'role'] },
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
  },
  {
    name: 'policy_group',
    key: ['id'],
    columns: ['id', 'name', 'descr', 'is_active', 'cr_by', 'created_at', 'upd_by', 'updated_at'],
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
  },
];

const SERVING = "(SELECT role FROM sync_node WHERE id = 1) = 'server'";

function log(table: string, pk: string, deleted: 0 | 1): string {
  return `DELETE FROM sync_change WHERE tbl = '${table}' AND pk = ${pk};
          INSERT INTO sync_change (tbl, pk, deleted) VALUES ('${table}', ${pk}, ${deleted});`;
}

export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE sync_change (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,                  -- JSON array of the key values
      deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
      UNIQUE (tbl, pk)
    ) STRICT;
  `);
  for (const t of TABLES) {
    const key = (row: string) => `json_array(${t.key.map((k) => `${row}.${k}`).join(', ')})`;
    // Only changes to travelling columns count (a failed login's counter is not news to a desk).
    const watched = t.columns.join(', ');
    db.exec(`
      CREATE TRIGGER sync_log_${t.name}_ins AFTER INSERT ON ${t.name} WHEN ${SERVING}
      BEGIN ${log(t.name, key('NEW'), 0)} END;
      CREATE TRIGGER sync_log_${t.name}_upd AFTER UPDATE OF ${watched} ON ${t.name} WHEN ${SERVING}
      BEGIN ${log(t.name, key('NEW'), 0)} END;
      CREATE TRIGGER sync_log_${t.name}_del AFTER DELETE ON ${t.name} WHEN ${SERVING}
      BEGIN ${log(t.name, key('OLD'), 1)} END;
    `);
  }
  // A partner's policy group decides which policies its desk sees: a change re-sends the policies
  // of both groups, so the desk gets the new ones and deletes of those it may no longer see.
  db.exec(`
    CREATE TRIGGER sync_scope_partner_group AFTER UPDATE OF policy_group_id ON partner
    WHEN ${SERVING} AND OLD.policy_group_id IS NOT NEW.policy_group_id
    BEGIN
      DELETE FROM sync_change WHERE tbl = 'auth_policy' AND pk IN (SELECT json_array(id) FROM auth_policy WHERE policy_group_id IN (OLD.policy_group_id, NEW.policy_group_id));
      INSERT INTO sync_change (tbl, pk, deleted) SELECT 'auth_policy', json_array(id), 0 FROM auth_policy WHERE policy_group_id IN (OLD.policy_group_id, NEW.policy_group_id);
    END;
  `);
}
