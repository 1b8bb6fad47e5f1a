import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';
import { ALL, REPLICATED_TABLES, scopeOf } from '../../../main/core/sync/tables.ts';
import { PORTAL_TABLES } from '../../../main/core/sync/tables-portal.ts';
import { ROLES } from '../../../main/contract/index.ts';

const T = '2026-11-21T09:00:00.000Z';

function seed(db: ReturnType<typeof dbAt>) {
  for (const u of ['o', 'a', 'x'])
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(u, `${u}@x`, T, T);
  for (const f of ['f1', 'f2'])
    db.prepare(
      "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES (?, ?, 1, 'Form', '{\"components\":[]}', 'o', ?, ?)",
    ).run(f, f, T, T);
  db.prepare(
    "INSERT INTO program (id, name, target_type, state, form_id, cr_by, created_at, updated_at) VALUES ('p1', 'Cash transfer', 'individual', 'active', 'f1', 'o', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES ('r1', 'a', 'UIN', '5012345678', 'Amina', ?)",
  ).run(T);
  db.prepare(
    "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, submitted_at, created_at, updated_at) VALUES ('app1', 'p1', 'r1', 'f1', '{}', 'active', ?, ?, ?)",
  ).run(T, T, T);
  db.prepare(
    "INSERT INTO assisted_application (id, officer_id, individual_id_type, individual_id, program_id, state, consent_at, claims_json, created_at, updated_at) VALUES ('aa1', 'o', 'UIN', '5012345678', 'p1', 'authenticated', ?, '{}', ?, ?)",
  ).run(T, T, T);
}

const log = (db: ReturnType<typeof dbAt>) =>
  (
    db.prepare('SELECT tbl, pk, deleted, owner FROM sync_change ORDER BY seq').all() as Array<{
      tbl: string;
      pk: string;
      deleted: number;
      owner: string | null;
    }>
  ).map((r) => `${r.tbl}${r.pk}${r.deleted ? ` deleted for ${r.owner ?? 'nobody'}` : ''}`);

describe('migration 0210 sync of the trust profiles, notifications, portal and assisted applications', () => {
  it('logs nothing on a standalone database; on a server every travelling change, a notification delete for its recipient', () => {
    const db = dbAt(190);
    migrate(db, 210);
    seed(db);
    expect(db.prepare('SELECT COUNT(*) FROM sync_change').pluck().get()).toBe(0);
    db.prepare("UPDATE sync_node SET role = 'server'").run();
    db.prepare(
      "INSERT INTO notification (id, user_id, partner_id, type, details, item_key, expires_on, period, email_wrapped, email_lang, email_status, created_at, updated_at) VALUES ('n1', 'a', 'pa', 'API_KEY_EXPIRY', '{}', 'k', '2026-12-01', 10, x'0102', 'en', 'PENDING', ?, ?)",
    ).run(T, T);
    // the mail's delivery is not news to a desk
    db.prepare(
      "UPDATE notification SET email_status = 'SENT', email_attempts = 1, email_sent_at = ? WHERE id = 'n1'",
    ).run(T);
    expect(log(db)).toEqual(['notification["n1"]']);
    db.prepare("UPDATE notification SET status = 'DISMISSED' WHERE id = 'n1'").run();
    db.prepare(
      "INSERT INTO trust_profile (domain, profile, updated_at, updated_by) VALUES ('AUTH', 'strict', ?, 'o')",
    ).run(T);
    db.prepare("DELETE FROM notification WHERE id = 'n1'").run();
    db.prepare("DELETE FROM trust_profile WHERE domain = 'AUTH'").run();
    expect(log(db)).toEqual(['notification["n1"] deleted for a', 'trust_profile["AUTH"] deleted for nobody']);
  });

  it("a program's newly mapped form and what a submitted assisted application points at are logged again, parents first", () => {
    const db = dbAt(210);
    seed(db);
    db.prepare("UPDATE sync_node SET role = 'server'").run();
    db.prepare("UPDATE program SET form_id = 'f2' WHERE id = 'p1'").run();
    expect(log(db)).toEqual(['portal_form["f2"]', 'program["p1"]']);
    db.prepare("UPDATE assisted_application SET state = 'submitted', application_id = 'app1' WHERE id = 'aa1'").run();
    expect(log(db).slice(2)).toEqual([
      'app_user["o"]',
      'app_user["a"]',
      'registrant["r1"]',
      'portal_form["f1"]',
      'application["app1"]',
      'assisted_application["aa1"]',
    ]);
  });

  it('records undo images on a desk for the new tables while a command captures', () => {
    const db = dbAt(210);
    seed(db);
    db.prepare('UPDATE sync_node SET capture_seq = 3').run();
    db.prepare("UPDATE assisted_application SET exceptions_json = '[\"Left Thumb\"]' WHERE id = 'aa1'").run();
    const undo = db.prepare("SELECT seq, tbl, pk, image FROM sync_undo WHERE tbl = 'assisted_application'").get() as {
      seq: number;
      pk: string;
      image: string;
    };
    expect(undo).toMatchObject({ seq: 3, pk: '["aa1"]' });
    expect(JSON.parse(undo.image)).toMatchObject({ exceptions_json: '[]', state: 'authenticated' });
  });

  it('the migration inlines the travelling columns of main/core/sync/tables-portal.ts', () => {
    const db = dbAt(210);
    for (const t of PORTAL_TABLES) {
      const sql = db
        .prepare('SELECT sql FROM sqlite_master WHERE name = ?')
        .pluck()
        .get(`sync_log_${t.name}_upd`) as string;
      expect(sql, t.name).toContain(`AFTER UPDATE OF ${t.columns.join(', ')} ON ${t.name}`);
    }
    // secrets and desk-only rows are in no replicated table
    const names = REPLICATED_TABLES.map((t) => t.name);
    for (const never of [
      'app_session',
      'oidc_login',
      'application_sequence',
      'notification_job_run',
      'ida_key',
      'ida_identity',
      'ida_biometric',
      'ida_misp_license',
      'ida_transaction',
      'ida_client',
      'assisted_capture',
      'assisted_attempt',
      'assisted_auth_event',
    ])
      expect(names, never).not.toContain(never);
    const notification = PORTAL_TABLES.find((t) => t.name === 'notification')!;
    for (const c of [
      'email_wrapped',
      'email_status',
      'email_attempts',
      'email_next_at',
      'email_sent_at',
      'email_error',
    ])
      expect(notification.columns).not.toContain(c);
  });

  it('a scope check on a pulled row is a key lookup with indexed sub-queries, for every role', () => {
    const db = dbAt(210);
    for (const t of PORTAL_TABLES)
      for (const role of ROLES) {
        const scope = scopeOf(t, [role]);
        if (scope === null || scope === ALL) continue;
        const p = plan(
          db,
          `SELECT 1 FROM ${t.name} WHERE ${t.key.map((k) => `${k} = ?`).join(' AND ')} AND (${scope})`,
          ...t.key.map(() => 'x'),
          { uid: 'u' },
        );
        expect(p, `${t.name} for ${role}`).not.toMatch(
          /\bSCAN (application|registrant|assisted_application|program)\b/,
        );
      }
  });
});
