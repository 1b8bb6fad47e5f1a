import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

describe('migration 0020 audit + outbox', () => {
  it('upgrades a version-10 database that already holds users', () => {
    const db = dbAt(10);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u','e@x.io','f','l','o','h','en','t','t')",
    ).run();
    migrate(db, 20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(db.prepare('SELECT COUNT(*) AS n FROM app_user').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM app_audit_log').get()).toEqual({ n: 0 });
  });

  it('keeps outbox payloads valid JSON and sequences unique', () => {
    const db = dbAt(20);
    db.prepare(
      "INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES ('a', 1, 'c', '{}', 'x', 't')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES ('b', 1, 'c', '{}', 'x', 't')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES ('c', 2, 'c', 'not json', 'x', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('serves the audit list filters and sorts from indexes', () => {
    const db = dbAt(20);
    expect(plan(db, 'SELECT * FROM app_audit_log ORDER BY time DESC LIMIT 8')).toMatch(
      /SCAN app_audit_log USING INDEX audit_time/,
    );
    expect(plan(db, 'SELECT * FROM app_audit_log WHERE module = ? ORDER BY time DESC LIMIT 8', 'accounts')).toMatch(
      /USING INDEX audit_module_time \(module=\?\)/,
    );
    expect(plan(db, 'SELECT * FROM app_audit_log WHERE result = ? ORDER BY time DESC LIMIT 8', 'failure')).toMatch(
      /USING INDEX audit_result_time \(result=\?\)/,
    );
    expect(plan(db, 'SELECT client_seq FROM outbox WHERE synced_at IS NULL ORDER BY client_seq')).toMatch(
      /outbox_unsynced/,
    );
    expect(plan(db, 'SELECT * FROM app_audit_log WHERE time >= ? ORDER BY time DESC', 't')).toMatch(
      /USING INDEX audit_time \(time>\?\)/,
    );
  });
});
