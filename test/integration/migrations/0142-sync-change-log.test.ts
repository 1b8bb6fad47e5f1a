import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';
import { ALL, REPLICATED_TABLES } from '../../../main/core/sync/tables.ts';
import { LATEST_VERSION } from '../../../main/store/migrations/index.ts';

const T = '2026-11-21T09:00:00.000Z';
const user =
  "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)";

describe('migration 0142 server change log', () => {
  it('logs nothing on a desk or a standalone database', () => {
    const db = dbAt(142);
    db.prepare(user).run(T, T);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_change').get()).toEqual({ n: 0 });
  });

  it('on a server: every change of a travelling column renumbers the row past every earlier number; other columns are not news', () => {
    const db = dbAt(141);
    migrate(db, 142);
    db.prepare("UPDATE sync_node SET role = 'server'").run();
    db.prepare(user).run(T, T);
    db.prepare(
      "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g', 'G', 'd', 'u', ?, ?)",
    ).run(T, T);
    db.prepare("UPDATE app_user SET first_name = 'z' WHERE id = 'u'").run();
    db.prepare("UPDATE app_user SET failed_logins = 3, password_hash = 'h2' WHERE id = 'u'").run();
    expect(db.prepare('SELECT seq, tbl, pk, deleted FROM sync_change ORDER BY seq').all()).toEqual([
      { seq: 2, tbl: 'policy_group', pk: '["g"]', deleted: 0 },
      { seq: 3, tbl: 'app_user', pk: '["u"]', deleted: 0 },
    ]);
    db.prepare("DELETE FROM policy_group WHERE id = 'g'").run();
    expect(db.prepare("SELECT seq, deleted FROM sync_change WHERE tbl = 'policy_group'").get()).toEqual({
      seq: 4,
      deleted: 1,
    });
  });

  it("a partner's new policy group re-sends the policies of both groups", () => {
    const db = dbAt(142);
    db.prepare(user).run(T, T);
    for (const g of ['g1', 'g2'])
      db.prepare(
        "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES (?, ?, 'd', 'u', ?, ?)",
      ).run(g, g, T, T);
    for (const [p, g] of [
      ['p1', 'g1'],
      ['p2', 'g2'],
      ['p3', 'g2'],
    ])
      db.prepare(
        "INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, cr_by, created_at, updated_at) VALUES (?, ?, ?, 'd', 'Auth', '{}', 'u', ?, ?)",
      ).run(p, g, p, T, T);
    db.prepare(
      "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, policy_group_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('pa', 'u', 'Auth_Partner', 'A', 'a', '1', 'e', 'g1', 'InProgress', 0, 'en', ?, ?)",
    ).run(T, T);
    db.prepare("UPDATE sync_node SET role = 'server'").run();
    db.prepare("UPDATE partner SET policy_group_id = 'g2' WHERE id = 'pa'").run();
    expect(
      (
        db.prepare('SELECT tbl, pk FROM sync_change ORDER BY seq').all() as Array<{
          tbl: string;
          pk: string;
        }>
      )
        .map((r) => `${r.tbl}${r.pk}`)
        .sort(),
    ).toEqual(['auth_policy["p1"]', 'auth_policy["p2"]', 'auth_policy["p3"]', 'partner["pa"]']);
  });

  it('the triggers watch exactly the columns that travel (main/core/sync/tables.ts; migration 0210 for the later tables)', () => {
    const db = dbAt(LATEST_VERSION);
    for (const t of REPLICATED_TABLES) {
      const sql = (
        db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(`sync_log_${t.name}_upd`) as { sql: string }
      ).sql;
      expect(sql, t.name).toContain(`AFTER UPDATE OF ${t.columns.join(', ')} ON ${t.name}`);
      const cols = (
        db.prepare(`SELECT name FROM pragma_table_xinfo('${t.name}')`).all() as Array<{
          name: string;
        }>
      ).map((c) => c.name);
      for (const c of t.columns) expect(cols, `${t.name}.${c}`).toContain(c);
    }
  });

  it('a pull page, the head and a renumbering are index lookups', () => {
    const db = dbAt(142);
    expect(
      plan(db, 'SELECT seq, tbl, pk, deleted FROM sync_change WHERE seq > ? ORDER BY seq LIMIT ?', 0, 100),
    ).toMatch(/SEARCH sync_change USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(plan(db, 'SELECT COALESCE(MAX(seq), 0) FROM sync_change')).toMatch(/SEARCH sync_change/);
    expect(plan(db, "DELETE FROM sync_change WHERE tbl = 'partner' AND pk = ?", '["x"]')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_sync_change_1 \(tbl=\? AND pk=\?\)/,
    );
  });

  it("a partner desk's scope check on a pulled row is a key lookup with indexed sub-queries", () => {
    const db = dbAt(LATEST_VERSION);
    for (const t of REPLICATED_TABLES) {
      const scope = t.scope.everyone;
      if (scope === undefined || scope === ALL) continue;
      const p = plan(
        db,
        `SELECT 1 FROM ${t.name} WHERE ${t.key.map((k) => `${k} = ?`).join(' AND ')} AND (${scope})`,
        ...t.key.map(() => 'x'),
        { uid: 'u' },
      );
      expect(p, t.name).not.toMatch(
        /SCAN (partner|partner_policy_request|partner_policy|oidc_client|auth_policy)\b(?! USING)/,
      );
    }
  });
});
