import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

const T = '2026-11-21T09:00:00.000Z';

describe('migration 0143 server desks and verdicts', () => {
  it('adds desk columns to an audit log that already has records; one verdict per (desk, seq)', () => {
    const db = dbAt(142);
    db.prepare(
      "INSERT INTO app_audit_log (event_id, module, action, actor, result, time) VALUES ('e', 'm', 'a', 'x', 'success', ?)",
    ).run(T);
    migrate(db, 143);
    expect(db.prepare('SELECT desk_id, desk_seq, desk_time FROM app_audit_log').get()).toEqual({
      desk_id: null,
      desk_seq: null,
      desk_time: null,
    });
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(T, T);
    db.prepare("INSERT INTO sync_desk (id, user_id, key_hash, name, created_at) VALUES ('d', 'u', ?, 'desk', ?)").run(
      '0'.repeat(64),
      T,
    );
    const verdict = db.prepare(
      "INSERT INTO sync_command (desk_id, seq, method, actor, status, desk_time, server_time) VALUES ('d', ?, 'm', 'u', 'applied', ?, ?)",
    );
    verdict.run(1, T, T);
    expect(() => verdict.run(1, T, T)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => verdict.run(0, T, T)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_desk (id, user_id, key_hash, name, created_at) VALUES ('d2', 'u', 'short', 'desk', ?)",
        )
        .run(T),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO sync_setting (name, value, upd_by, updated_at) VALUES ('other', 1, 'u', ?)").run(T),
    ).toThrow(/CHECK/);
  });

  it("looks up a stored verdict, a user's desks and a pushed command in the audit log by index", () => {
    const db = dbAt(143);
    expect(plan(db, 'SELECT status, code FROM sync_command WHERE desk_id = ? AND seq = ?', 'd', 1)).toMatch(
      /SEARCH sync_command USING PRIMARY KEY \(desk_id=\? AND seq=\?\)/,
    );
    expect(plan(db, 'SELECT seq, status FROM sync_command WHERE desk_id = ?', 'd')).toMatch(
      /SEARCH sync_command USING PRIMARY KEY \(desk_id=\?\)/,
    );
    expect(plan(db, 'SELECT id FROM sync_desk WHERE user_id = ?', 'u')).toMatch(
      /USING (COVERING )?INDEX sync_desk_user/,
    );
    expect(plan(db, 'SELECT * FROM app_audit_log WHERE desk_id = ? AND desk_seq = ?', 'd', 1)).toMatch(
      /USING INDEX audit_desk_seq \(desk_id=\? AND desk_seq=\?\)/,
    );
  });
});
