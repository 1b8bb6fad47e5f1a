import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T0 = '2026-11-21T09:00:00.000Z';
const T1 = '2026-11-22T10:00:00.000Z';
const T2 = '2026-11-23T11:00:00.000Z';

function seed(db: Database) {
  for (const id of ['u', 'admin'])
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(id, `${id}@x`, T0, T0);
  db.prepare(
    "INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES ('f1', 'f1', 1, 'Form', '{\"components\":[]}', 'u', ?, ?)",
  ).run(T0, T0);
  db.prepare(
    "INSERT INTO program (id, name, target_type, state, form_id, cr_by, created_at, updated_at) VALUES ('p1', 'Cash transfer', 'individual', 'active', 'f1', 'u', ?, ?)",
  ).run(T0, T0);
  db.prepare(
    "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES ('r1', 'u', 'NATIONAL_ID', '5012345678', 'Amina', ?)",
  ).run(T0);
}

const insertApp = (db: Database, id: string, state: string, submittedAt: string | null) =>
  db
    .prepare(
      "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, submitted_at, created_at, updated_at) VALUES (?, 'p1', 'r1', 'f1', '{}', ?, ?, ?, ?)",
    )
    .run(id, state, submittedAt, T0, submittedAt ?? T0);

const history = (db: Database, id: string) =>
  db
    .prepare('SELECT seq, state, reason, by_user, at FROM application_status WHERE application_id = ? ORDER BY seq')
    .all(id);

describe('migration 0220 application status history', () => {
  it('gives existing applications the history their columns tell: submission, then the decision', () => {
    const db = dbAt(190);
    seed(db);
    insertApp(db, 'draft-1', 'draft', null);
    insertApp(db, 'app-1', 'active', T1);
    insertApp(db, 'app-2', 'active', T1);
    db.prepare(
      "UPDATE application SET state = 'rejected', reject_reason = 'Outside the area.', decided_at = ?, decided_by = 'admin', updated_at = ? WHERE id = 'app-2'",
    ).run(T2, T2);
    migrate(db, 220);
    expect(history(db, 'draft-1')).toEqual([]);
    expect(history(db, 'app-1')).toEqual([{ seq: 1, state: 'active', reason: null, by_user: null, at: T1 }]);
    expect(history(db, 'app-2')).toEqual([
      { seq: 1, state: 'active', reason: null, by_user: null, at: T1 },
      { seq: 2, state: 'rejected', reason: 'Outside the area.', by_user: 'admin', at: T2 },
    ]);
  });

  it('records every state an application enters, whichever path changed it; a draft and a non-state update record nothing', () => {
    const db = dbAt(220);
    seed(db);
    insertApp(db, 'a', 'draft', null);
    db.prepare("UPDATE application SET data_json = '{\"x\":1}', updated_at = ? WHERE id = 'a'").run(T1);
    expect(history(db, 'a')).toEqual([]);
    db.prepare("UPDATE application SET state = 'active', submitted_at = ?, updated_at = ? WHERE id = 'a'").run(T1, T1);
    db.prepare(
      "UPDATE application SET state = 'inprogress', decided_at = ?, decided_by = 'admin', updated_at = ? WHERE id = 'a'",
    ).run(T2, T2);
    insertApp(db, 'b', 'active', T2);
    expect(history(db, 'a')).toEqual([
      { seq: 1, state: 'active', reason: null, by_user: null, at: T1 },
      { seq: 2, state: 'inprogress', reason: null, by_user: 'admin', at: T2 },
    ]);
    expect(history(db, 'b')).toEqual([{ seq: 1, state: 'active', reason: null, by_user: null, at: T2 }]);
    // the history belongs to an application that exists, states from the application's vocabulary
    expect(() =>
      db
        .prepare("INSERT INTO application_status (application_id, seq, state, at) VALUES ('nope', 1, 'active', ?)")
        .run(T0),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO application_status (application_id, seq, state, at) VALUES ('b', 2, 'draft', ?)").run(T0),
    ).toThrow(/CHECK/);
  });

  it('reads an application history by its primary key', () => {
    const db = dbAt(220);
    expect(
      plan(
        db,
        'SELECT s.state FROM application_status s LEFT JOIN app_user u ON u.id = s.by_user WHERE s.application_id = ? ORDER BY s.seq',
        'a',
      ),
    ).toMatch(/SEARCH s USING PRIMARY KEY \(application_id=\?\)/);
  });
});
