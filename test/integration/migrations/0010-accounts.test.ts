import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';

describe('migration 0010 accounts', () => {
  it('creates STRICT tables and seeds MOSIP partner types', () => {
    const db = dbAt(10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const types = db.prepare('SELECT code, role, is_policy_required FROM partner_type ORDER BY code').all() as Array<{
      code: string;
      is_policy_required: number;
    }>;
    expect(types).toHaveLength(11);
    expect(types.find((t) => t.code === 'Device_Provider')?.is_policy_required).toBe(0);
    expect(types.find((t) => t.code === 'Auth_Partner')?.is_policy_required).toBe(1);
    // STRICT: a text in an INTEGER column is refused
    expect(() =>
      db
        .prepare(
          "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, is_active, created_at, updated_at) VALUES ('u','e','f','l','o','h','en','yes','t','t')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('enforces foreign keys and status checks', () => {
    const db = dbAt(10);
    expect(() =>
      db
        .prepare(
          "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p','nouser','Auth_Partner','n','a','c','e','InProgress',0,'en','t','t')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u','e@x.io','f','l','o','h','en','t','t')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p','u','Auth_Partner','n','a','c','e','pending',0,'en','t','t')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('looks sessions up by token hash and partners by user through indexes', () => {
    const db = dbAt(10);
    expect(plan(db, 'SELECT user_id FROM app_session WHERE token_hash = ?', 'x')).toMatch(/USING PRIMARY KEY/);
    expect(plan(db, 'SELECT id FROM partner WHERE user_id = ?', 'u')).toMatch(/USING INDEX partner_user/);
    expect(plan(db, 'SELECT id FROM app_user WHERE email = ?', 'e')).toMatch(/USING INDEX sqlite_autoindex_app_user/);
  });
});
