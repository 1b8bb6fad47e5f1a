import type { Database } from 'better-sqlite3';

/**
 * Desk side of the rebase: while a local command applies (sync_node.capture_seq set), triggers
 * keep the before-image of every replicated row it touches. Before a pulled batch is applied the
 * images of the still-unconfirmed commands are restored newest first (the desk is back to the
 * server's state), the batch goes in, and the commands are applied again on top.
 */
const TABLES: ReadonlyArray<{
  name: string;
  key: readonly string[];
  columns: readonly string[];
  blobs: readonly string[];
}> = [
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
  },
  { name: 'user_role', key: ['user_id', 'role'], columns: ['user_id', 'role'], blobs: [] },
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
  },
  {
    name: 'policy_group',
    key: ['id'],
    columns: ['id', 'name', 'descr', 'is_active', 'cr_by', 'created_at', 'upd_by', 'updated_at'],
    blobs: [],
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
  },
];

const CAPTURING = '(SELECT capture_seq FROM sync_node WHERE id = 1)';

function image(t: (typeof TABLES)[number]): string {
  return `json_object(${t.columns.map((c) => `'${c}', ${t.blobs.includes(c) ? `hex(OLD.${c})` : `OLD.${c}`}`).join(', ')})`;
}

function keyOf(t: (typeof TABLES)[number], row: 'NEW' | 'OLD'): string {
  return `json_array(${t.key.map((k) => `${row}.${k}`).join(', ')})`;
}

export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE sync_undo (
      id INTEGER PRIMARY KEY,
      seq INTEGER NOT NULL,               -- the outbox command whose apply changed the row
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,                   -- JSON array of the key values
      image TEXT CHECK (image IS NULL OR json_valid(image))   -- the row before; NULL: it did not exist
    ) STRICT;
    CREATE INDEX sync_undo_seq ON sync_undo(seq, id);
  `);
  for (const t of TABLES) {
    db.exec(`
      CREATE TRIGGER sync_undo_${t.name}_ins AFTER INSERT ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'NEW')}, NULL); END;
      CREATE TRIGGER sync_undo_${t.name}_upd AFTER UPDATE ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'OLD')}, ${image(t)}); END;
      CREATE TRIGGER sync_undo_${t.name}_del AFTER DELETE ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'OLD')}, ${image(t)}); END;
    `);
  }
}
