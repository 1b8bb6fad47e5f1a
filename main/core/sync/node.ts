import type { Database } from 'better-sqlite3';

export type SyncRole = 'standalone' | 'server' | 'desk';

export function syncRole(db: Pick<Database, 'prepare'>): SyncRole {
  return (db.prepare('SELECT role FROM sync_node WHERE id = 1').get() as { role: SyncRole }).role;
}

/**
 * Makes this database a sync server: from now on triggers log every change of a replicated row
 * (migration 0142), and the rows already there are logged once so a desk's first pull sees them.
 */
export function becomeServer(db: Database): void {
  db.transaction(() => {
    const role = syncRole(db);
    if (role === 'server') return;
    if (role === 'desk') throw new Error('a desk joined to a server cannot serve desks itself');
    db.prepare("UPDATE sync_node SET role = 'server' WHERE id = 1").run();
    for (const [table, key] of BACKFILL) {
      db.prepare(
        `INSERT INTO sync_change (tbl, pk, deleted) SELECT '${table}', json_array(${key}), 0 FROM ${table} WHERE true ON CONFLICT (tbl, pk) DO NOTHING`,
      ).run();
    }
  })();
}

// Parents first, so a first pull meets rows in an order a reader can follow.
const BACKFILL: ReadonlyArray<[string, string]> = [
  ['app_user', 'id'],
  ['user_role', 'user_id, role'],
  ['policy_group', 'id'],
  ['auth_policy', 'id'],
  ['partner', 'id'],
  ['partner_policy_request', 'id'],
  ['partner_policy', 'id'],
  ['oidc_client', 'id'],
  ['ca_certificate', 'id'],
  ['partner_certificate', 'partner_id'],
  ['secure_biometric_interface', 'id'],
  ['device_detail', 'id'],
  ['ftp_chip_detail', 'id'],
  ['trust_profile', 'domain'],
  ['notification', 'id'],
  ['portal_form', 'id'],
  ['program', 'id'],
  ['registrant', 'id'],
  ['registrant_demographic', 'registrant_id, version'],
  ['program_membership', 'program_id, registrant_id'],
  ['application', 'id'],
  ['assisted_application', 'id'],
];
