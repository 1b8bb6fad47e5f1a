import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-11-21T09:00:00.000Z';

function seed(db: ReturnType<typeof dbAt>) {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES ('f1', 'f1', 1, 'Form', '{\"components\":[]}', 'u', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO program (id, name, target_type, state, form_id, cr_by, created_at, updated_at) VALUES ('p1', 'Cash transfer', 'individual', 'active', 'f1', 'u', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES ('r1', 'u', 'NATIONAL_ID', '5012345674', 'Amina', ?)",
  ).run(T);
}

describe('migration 0160 self-service portal', () => {
  it('applies on top of the sync steps; every table starts empty', () => {
    const db = dbAt(144);
    migrate(db, 160);
    for (const t of [
      'program',
      'portal_form',
      'registrant',
      'registrant_demographic',
      'program_membership',
      'application',
      'application_sequence',
      'oidc_login',
    ]) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });

  it('keeps the rules in the schema: states, dates, versions, one registrant per ID, one draft per program', () => {
    const db = dbAt(160);
    seed(db);
    const program = db.prepare(
      'INSERT INTO program (id, name, target_type, state, start_date, end_date, ended_at, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    expect(() => program.run('p2', 'Cash transfer', 'individual', 'active', null, null, null, 'u', T, T)).toThrow(
      /UNIQUE/,
    );
    expect(() => program.run('p2', 'B', 'individual', 'paused', null, null, null, 'u', T, T)).toThrow(/CHECK/);
    expect(() => program.run('p2', 'B', 'individual', 'active', '2026-12-01', '2026-11-01', null, 'u', T, T)).toThrow(
      /CHECK/,
    );
    expect(() => program.run('p2', 'B', 'individual', 'active', '2026-02-30', null, null, 'u', T, T)).toThrow(/CHECK/);
    expect(() => program.run('p2', 'B', 'individual', 'ended', null, null, null, 'u', T, T)).toThrow(/CHECK/);
    program.run('p2', 'B', 'individual', 'ended', '2026-01-01', '2026-12-31', T, 'u', T, T);
    expect(() =>
      db
        .prepare(
          "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES ('f2', 'f1', 1, 'Again', '{}', 'u', ?, ?)",
        )
        .run(T, T),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES ('f2', 'f1', 2, 'Bad', 'not json', 'u', ?, ?)",
        )
        .run(T, T),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES ('r2', 'u', 'NATIONAL_ID', '5012345674', 'Other', ?)",
        )
        .run(T),
    ).toThrow(/UNIQUE/);
    const app = db.prepare(
      "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, reject_reason, submitted_at, created_at, updated_at) VALUES (?, 'p1', 'r1', 'f1', '{}', ?, ?, ?, ?, ?)",
    );
    app.run('26112100001', 'draft', null, null, T, T);
    expect(() => app.run('26112100002', 'draft', null, null, T, T)).toThrow(/UNIQUE/);
    expect(() => app.run('26112100002', 'active', null, null, T, T)).toThrow(/CHECK/);
    expect(() => app.run('26112100002', 'rejected', null, T, T, T)).toThrow(/CHECK/);
    app.run('26112100002', 'rejected', 'Outside the catchment area', T, T, T);
    expect(() => app.run('26112100002', 'active', null, T, T, T)).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO program_membership (program_id, registrant_id, state, created_at, updated_at) VALUES ('p1', 'r1', 'approved', ?, ?)",
        )
        .run(T, T),
    ).toThrow(/CHECK/);
  });

  it('reads every list and lookup of the portal through an index', () => {
    const db = dbAt(160);
    const programCols = 'SELECT p.id FROM program p LEFT JOIN portal_form f ON f.id = p.form_id';
    expect(plan(db, `${programCols} ORDER BY p.created_at DESC, p.id DESC LIMIT 8`)).toMatch(
      /SCAN p USING INDEX program_created/,
    );
    expect(
      plan(db, `${programCols} WHERE p.state = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 8`, 'active'),
    ).toMatch(/SEARCH p USING INDEX program_state_created \(state=\?\)/);
    expect(plan(db, `${programCols} WHERE p.state = 'active' ORDER BY p.name ASC, p.id ASC LIMIT 8`)).toMatch(
      /SEARCH p USING INDEX program_state_name \(state=\?\)/,
    );
    expect(plan(db, 'SELECT id FROM program WHERE form_id = ?', 'f1')).toMatch(/USING (COVERING )?INDEX program_form/);
    expect(plan(db, 'SELECT f.id FROM portal_form f ORDER BY f.created_at DESC, f.id DESC LIMIT 8')).toMatch(
      /SCAN f USING (COVERING )?INDEX portal_form_created/,
    );
    expect(plan(db, 'SELECT 1 FROM portal_form n WHERE n.form_key = ? AND n.version > ?', 'f1', 1)).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_portal_form_2 \(form_key=\? AND version>\?\)/,
    );
    expect(
      plan(db, "SELECT a.id FROM application a WHERE a.state <> 'draft' ORDER BY a.created_at DESC, a.id DESC LIMIT 8"),
    ).toMatch(/SCAN a USING INDEX application_created/);
    expect(
      plan(
        db,
        "SELECT a.id FROM application a WHERE a.program_id = ? AND a.state <> 'draft' ORDER BY a.created_at DESC, a.id DESC LIMIT 8",
        'p1',
      ),
    ).toMatch(/SEARCH a USING INDEX application_program \(program_id=\?\)/);
    expect(
      plan(
        db,
        'SELECT a.id FROM application a WHERE a.state = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 8',
        'active',
      ),
    ).toMatch(/SEARCH a USING (COVERING )?INDEX application_state \(state=\?\)/);
    expect(
      plan(
        db,
        'SELECT a.id FROM application a WHERE a.registrant_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 8',
        'r1',
      ),
    ).toMatch(/SEARCH a USING (COVERING )?INDEX application_registrant \(registrant_id=\?\)/);
    expect(
      plan(db, "SELECT 1 FROM application WHERE program_id = ? AND registrant_id = ? AND state <> 'draft'", 'p1', 'r1'),
    ).toMatch(/USING (COVERING )?INDEX application_program_registrant \(program_id=\? AND registrant_id=\?\)/);
    expect(
      plan(db, "SELECT id FROM application WHERE program_id = ? AND registrant_id = ? AND state = 'draft'", 'p1', 'r1'),
    ).toMatch(/USING (COVERING )?INDEX application_(one_draft|program_registrant)/);
    expect(plan(db, 'SELECT id FROM registrant WHERE id_type = ? AND id_value = ?', 'NATIONAL_ID', 'x')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_registrant_\d \(id_type=\? AND id_value=\?\)/,
    );
    expect(plan(db, 'SELECT id FROM registrant WHERE user_id = ?', 'u')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_registrant_\d \(user_id=\?\)/,
    );
    expect(
      plan(
        db,
        'SELECT data_json FROM registrant_demographic WHERE registrant_id = ? ORDER BY version DESC LIMIT 1',
        'r1',
      ),
    ).toMatch(/SEARCH registrant_demographic USING PRIMARY KEY \(registrant_id=\?\)/);
    expect(
      plan(db, 'SELECT state FROM program_membership WHERE registrant_id = ? AND state = ?', 'r1', 'enrolled'),
    ).toMatch(/USING (COVERING )?INDEX membership_registrant/);
    expect(plan(db, 'DELETE FROM oidc_login WHERE created_at < ?', T)).toMatch(
      /USING (COVERING )?INDEX oidc_login_created/,
    );
  });
});
