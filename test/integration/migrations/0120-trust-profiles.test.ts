import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';

describe('migration 0120 trust profiles', () => {
  it('adds the per-domain trust profile table, empty (every domain on the keymanager default)', () => {
    const db = dbAt(110);
    migrate(db, 120);
    expect(db.prepare('SELECT COUNT(*) FROM trust_profile').pluck().get()).toBe(0);
    db.prepare(
      "INSERT INTO trust_profile (domain, profile, updated_at, updated_by) VALUES ('DEVICE', 'strict', ?, 'admin')",
    ).run(T);
    expect(plan(db, 'SELECT profile FROM trust_profile WHERE domain = ?', 'DEVICE')).toMatch(
      /USING PRIMARY KEY|SEARCH trust_profile/,
    );
  });

  it('refuses an unknown domain or profile and a second row for one domain', () => {
    const db = dbAt(120);
    const put = db.prepare('INSERT INTO trust_profile (domain, profile, updated_at, updated_by) VALUES (?, ?, ?, ?)');
    expect(() => put.run('OTHER', 'strict', T, 'a')).toThrow(/CHECK/);
    put.run('MISP', 'strict', T, 'a'); // MISP partners' domain (migration 0110)
    expect(() => put.run('AUTH', 'lenient', T, 'a')).toThrow(/CHECK/);
    put.run('AUTH', 'strict', T, 'a');
    expect(() => put.run('AUTH', 'keymanager', T, 'a')).toThrow(/UNIQUE|PRIMARY/);
  });
});
