import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-11-21T09:00:00.000Z';

function seed(db: ReturnType<typeof dbAt>) {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('o', 'o@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES ('f1', 'f1', 1, 'Form', '{\"components\":[]}', 'o', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO program (id, name, target_type, state, form_id, cr_by, created_at, updated_at) VALUES ('p1', 'Cash transfer', 'individual', 'active', 'f1', 'o', ?, ?)",
  ).run(T, T);
}

describe('migration 0190 assisted registration', () => {
  it('applies on top of the ID service steps; every table starts empty', () => {
    const db = dbAt(181);
    migrate(db, 190);
    for (const t of ['assisted_application', 'assisted_attempt', 'assisted_capture', 'assisted_auth_event'])
      expect(db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get(), t).toBe(0);
  });

  it('keeps the rules in the schema: id types, waiting has a queue time, a match has claims, a submission an application', () => {
    const db = dbAt(190);
    seed(db);
    const ins = db.prepare(
      "INSERT INTO assisted_application (id, officer_id, individual_id_type, individual_id, program_id, state, consent_at, queued_at, claims_json, created_at, updated_at) VALUES (?, 'o', ?, '5012345674', 'p1', ?, ?, ?, ?, ?, ?)",
    );
    expect(() => ins.run('a1', 'HANDLE', 'draft', T, null, null, T, T)).toThrow(/CHECK/);
    expect(() => ins.run('a1', 'UIN', 'waiting', T, null, null, T, T)).toThrow(/CHECK/);
    expect(() => ins.run('a1', 'UIN', 'draft', T, T, null, T, T)).toThrow(/CHECK/);
    expect(() => ins.run('a1', 'UIN', 'authenticated', T, null, null, T, T)).toThrow(/CHECK/);
    expect(() => ins.run('a1', 'UIN', 'submitted', T, null, '{}', T, T)).toThrow(/CHECK/);
    ins.run('a1', 'UIN', 'waiting', T, T, null, T, T);
    const cap = db.prepare(
      "INSERT INTO assisted_capture (assisted_id, modality, quality, device_serial, digital_id_json, wrapped, captured_at) VALUES ('a1', ?, 80, 'S', '{}', x'01', ?)",
    );
    cap.run('Finger', T);
    expect(() => cap.run('Finger', T)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => cap.run('Palm', T)).toThrow(/CHECK/);
  });

  it('reads the officer lists, the queue and the admin join through an index', () => {
    const db = dbAt(190);
    expect(
      plan(
        db,
        'SELECT id FROM assisted_application a WHERE a.officer_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 8',
        'o',
      ),
    ).toMatch(/USING (COVERING )?INDEX assisted_officer_created \(officer_id=\?\)/);
    expect(
      plan(
        db,
        'SELECT id FROM assisted_application a WHERE a.officer_id = ? AND a.state = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 8',
        'o',
        'draft',
      ),
    ).toMatch(/USING (COVERING )?INDEX assisted_officer_state \(officer_id=\? AND state=\?\)/);
    expect(plan(db, "SELECT id FROM assisted_application WHERE state = 'waiting' AND queued_at <= ?", T)).toMatch(
      /USING (COVERING )?INDEX assisted_waiting/,
    );
    expect(plan(db, 'SELECT officer_id FROM assisted_application WHERE application_id = ?', 'x')).toMatch(
      /USING INDEX sqlite_autoindex_assisted_application_2|USING INDEX .*application_id/,
    );
  });
});
