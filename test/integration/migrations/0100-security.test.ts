import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';

describe('migration 0100 security', () => {
  it('adds the columns with safe defaults to existing rows', () => {
    const db = dbAt(90);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(T, T);
    db.prepare("INSERT INTO app_session (token_hash, user_id, created_at, last_active_at) VALUES ('h', 'u', ?, ?)").run(
      T,
      T,
    );
    migrate(db, 100);
    expect(db.prepare("SELECT wrong_passwords FROM app_session WHERE token_hash = 'h'").pluck().get()).toBe(0);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by, is_virtual) VALUES ('c', 'DEVICE', 'ROOT', 't', x'00', 's', 'i', 'a', 'b', '1', ?, ?, ?, 'u', 2)",
        )
        .run(T, T, T),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO login_throttle (login_key, failures, updated_at) VALUES ('k', 'many', ?)").run(T),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('reads a throttle by key and prunes old ones through indexes', () => {
    const db = dbAt(100);
    expect(plan(db, 'SELECT failures, locked_until FROM login_throttle WHERE login_key = ?', 'k')).toMatch(
      /SEARCH login_throttle USING PRIMARY KEY/,
    );
    expect(plan(db, 'DELETE FROM login_throttle WHERE updated_at < ?', T)).toMatch(/login_throttle_updated/);
    expect(plan(db, 'SELECT value FROM app_setting WHERE name = ?', 'demo')).toMatch(
      /SEARCH app_setting USING PRIMARY KEY/,
    );
  });
});
