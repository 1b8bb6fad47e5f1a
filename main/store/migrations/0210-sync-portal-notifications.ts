import type { Database } from 'better-sqlite3';

/**
 * Sync of the tables that came after the first sync (docs/sync.md): the trust profiles, each
 * user's notifications, the self-service portal and the officers' assisted applications get the
 * change-log triggers of migration 0142 (server) and the undo triggers of 0141 (desk), over the
 * columns that travel (main/core/sync/tables-portal.ts; this copy never changes after it ships).
 *
 * A delete of a row whose view is one user's (a notification its recipient's) records that user as
 * the entry's `owner`, so the recipient's desk hears the delete and nobody else learns the id.
 * Two scope triggers re-log rows whose visibility changes without a change of their own: a
 * program's newly mapped form, and what a submitted assisted application points at.
 */
const TABLES: ReadonlyArray<{
  name: string;
  key: readonly string[];
  columns: readonly string[];
  /** The user whose desk hears the row's delete. */
  owner?: string;
}> = [
  { name: 'trust_profile', key: ['domain'], columns: ['domain', 'profile', 'updated_at', 'updated_by'] },
  {
    name: 'notification',
    key: ['id'],
    columns: [
      'id',
      'user_id',
      'partner_id',
      'type',
      'status',
      'details',
      'item_key',
      'item_name',
      'expires_on',
      'period',
      'email_lang',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    owner: 'user_id',
  },
  {
    name: 'portal_form',
    key: ['id'],
    columns: ['id', 'form_key', 'version', 'title', 'schema_json', 'cr_by', 'created_at', 'updated_at'],
  },
  {
    name: 'program',
    key: ['id'],
    columns: [
      'id',
      'name',
      'description',
      'target_type',
      'state',
      'start_date',
      'end_date',
      'ended_at',
      'form_id',
      'multiple_submissions',
      'cr_by',
      'upd_by',
      'created_at',
      'updated_at',
    ],
  },
  { name: 'registrant', key: ['id'], columns: ['id', 'user_id', 'id_type', 'id_value', 'name', 'created_at'] },
  {
    name: 'registrant_demographic',
    key: ['registrant_id', 'version'],
    columns: ['registrant_id', 'version', 'name', 'data_json', 'source', 'cr_by', 'created_at'],
  },
  {
    name: 'program_membership',
    key: ['program_id', 'registrant_id'],
    columns: ['program_id', 'registrant_id', 'state', 'enrolled_at', 'created_at', 'updated_at'],
  },
  {
    name: 'application',
    key: ['id'],
    columns: [
      'id',
      'program_id',
      'registrant_id',
      'form_id',
      'data_json',
      'state',
      'reject_reason',
      'submitted_at',
      'decided_at',
      'decided_by',
      'created_at',
      'updated_at',
    ],
  },
  {
    name: 'assisted_application',
    key: ['id'],
    columns: [
      'id',
      'officer_id',
      'individual_id_type',
      'individual_id',
      'program_id',
      'state',
      'consent_at',
      'exceptions_json',
      'round',
      'transaction_id',
      'queued_at',
      'outcome_code',
      'service_code',
      'claims_json',
      'draft_json',
      'application_id',
      'created_at',
      'updated_at',
    ],
  },
];

const SERVING = "(SELECT role FROM sync_node WHERE id = 1) = 'server'";
const CAPTURING = '(SELECT capture_seq FROM sync_node WHERE id = 1)';

/** Moves a row's entry to the end of the change log (pk: an SQL expression for its JSON key). */
function relog(table: string, pk: string, deleted: 0 | 1 = 0, owner = 'NULL'): string {
  return `DELETE FROM sync_change WHERE tbl = '${table}' AND pk = ${pk};
          INSERT INTO sync_change (tbl, pk, deleted, owner) SELECT '${table}', ${pk}, ${deleted}, ${owner} WHERE ${pk} IS NOT NULL;`;
}

function keyOf(t: (typeof TABLES)[number], row: 'NEW' | 'OLD'): string {
  return `json_array(${t.key.map((k) => `${row}.${k}`).join(', ')})`;
}

function image(t: (typeof TABLES)[number]): string {
  return `json_object(${t.columns.map((c) => `'${c}', OLD.${c}`).join(', ')})`;
}

export default function migrate(db: Database): void {
  db.exec('ALTER TABLE sync_change ADD COLUMN owner TEXT;');
  for (const t of TABLES) {
    const owner = t.owner ? `OLD.${t.owner}` : 'NULL';
    db.exec(`
      CREATE TRIGGER sync_log_${t.name}_ins AFTER INSERT ON ${t.name} WHEN ${SERVING}
      BEGIN ${relog(t.name, keyOf(t, 'NEW'))} END;
      CREATE TRIGGER sync_log_${t.name}_upd AFTER UPDATE OF ${t.columns.join(', ')} ON ${t.name} WHEN ${SERVING}
      BEGIN ${relog(t.name, keyOf(t, 'NEW'))} END;
      CREATE TRIGGER sync_log_${t.name}_del AFTER DELETE ON ${t.name} WHEN ${SERVING}
      BEGIN ${relog(t.name, keyOf(t, 'OLD'), 1, owner)} END;

      CREATE TRIGGER sync_undo_${t.name}_ins AFTER INSERT ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'NEW')}, NULL); END;
      CREATE TRIGGER sync_undo_${t.name}_upd AFTER UPDATE ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'OLD')}, ${image(t)}); END;
      CREATE TRIGGER sync_undo_${t.name}_del AFTER DELETE ON ${t.name} WHEN ${CAPTURING} IS NOT NULL
      BEGIN INSERT INTO sync_undo (seq, tbl, pk, image) VALUES (${CAPTURING}, '${t.name}', ${keyOf(t, 'OLD')}, ${image(t)}); END;
    `);
  }
  // Parents first, then the row itself, so a page never holds a row before what it points at.
  const application = 'NEW.application_id';
  db.exec(`
    CREATE TRIGGER sync_scope_program_form AFTER UPDATE OF form_id ON program
    WHEN ${SERVING} AND NEW.form_id IS NOT NULL AND OLD.form_id IS NOT NEW.form_id
    BEGIN
      ${relog('portal_form', 'json_array(NEW.form_id)')}
      ${relog('program', 'json_array(NEW.id)')}
    END;
    CREATE TRIGGER sync_scope_assisted_submitted AFTER UPDATE OF application_id ON assisted_application
    WHEN ${SERVING} AND NEW.application_id IS NOT NULL AND OLD.application_id IS NOT NEW.application_id
    BEGIN
      ${relog('app_user', 'json_array(NEW.officer_id)')}
      ${relog('app_user', `(SELECT json_array(r.user_id) FROM application a JOIN registrant r ON r.id = a.registrant_id WHERE a.id = ${application})`)}
      ${relog('registrant', `(SELECT json_array(registrant_id) FROM application WHERE id = ${application})`)}
      ${relog('portal_form', `(SELECT json_array(form_id) FROM application WHERE id = ${application})`)}
      ${relog('application', `json_array(${application})`)}
      ${relog('assisted_application', 'json_array(NEW.id)')}
    END;
  `);
}
