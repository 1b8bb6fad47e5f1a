import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';
import { REPLICATED_TABLES } from '../../../main/core/sync/tables.ts';
import { LATEST_VERSION } from '../../../main/store/migrations/index.ts';

const T = '2026-11-21T09:00:00.000Z';

describe('migration 0141 desk undo images', () => {
  it('records nothing unless a command is capturing; then the before-image of each touched row, blobs in hex', () => {
    const db = dbAt(140);
    db.prepare(
      "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by) VALUES ('c1', 'AUTH', 'ROOT', 't', x'0102ff', 's', 'i', 'it', 'ib', '01', ?, ?, ?, 'admin')",
    ).run(T, T, T);
    migrate(db, 141);
    db.prepare("UPDATE ca_certificate SET issued_to = 'x' WHERE id = 'c1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_undo').get()).toEqual({ n: 0 });
    db.prepare('UPDATE sync_node SET capture_seq = 7').run();
    db.prepare("UPDATE ca_certificate SET issued_to = 'y' WHERE id = 'c1'").run();
    db.prepare(
      "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g', 'G', 'd', 'admin', ?, ?)",
    ).run(T, T);
    db.prepare("DELETE FROM ca_certificate WHERE id = 'c1'").run();
    const rows = db.prepare('SELECT seq, tbl, pk, image FROM sync_undo ORDER BY id').all() as Array<{
      seq: number;
      tbl: string;
      pk: string;
      image: string | null;
    }>;
    expect(rows.map((r) => [r.seq, r.tbl, r.pk])).toEqual([
      [7, 'ca_certificate', '["c1"]'],
      [7, 'policy_group', '["g"]'],
      [7, 'ca_certificate', '["c1"]'],
    ]);
    expect(JSON.parse(rows[0]!.image!)).toMatchObject({ id: 'c1', issued_to: 'x', der: '0102FF' });
    expect(rows[1]!.image).toBeNull();
    expect(JSON.parse(rows[2]!.image!)).toMatchObject({ issued_to: 'y' });
  });

  it('has capture triggers on every replicated table (migration 0210 for the later ones), composite keys as JSON arrays', () => {
    const db = dbAt(LATEST_VERSION);
    const triggers = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_undo_%'").all() as Array<{
          name: string;
        }>
      ).map((r) => r.name),
    );
    for (const t of REPLICATED_TABLES)
      for (const op of ['ins', 'upd', 'del'])
        expect(triggers.has(`sync_undo_${t.name}_${op}`), `${t.name} ${op}`).toBe(true);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(T, T);
    db.prepare('UPDATE sync_node SET capture_seq = 1').run();
    db.prepare("INSERT INTO user_role (user_id, role) VALUES ('u', 'AUTH_PARTNER')").run();
    expect(db.prepare("SELECT pk FROM sync_undo WHERE tbl = 'user_role'").get()).toEqual({
      pk: '["u","AUTH_PARTNER"]',
    });
  });

  it("reads images newest first and drops a command's images by seq from indexes", () => {
    const db = dbAt(141);
    expect(plan(db, 'SELECT tbl, pk, image FROM sync_undo ORDER BY id DESC')).toMatch(/SCAN sync_undo$/m);
    expect(plan(db, 'SELECT tbl, pk, image FROM sync_undo ORDER BY id DESC')).not.toMatch(/TEMP B-TREE/);
    expect(plan(db, 'DELETE FROM sync_undo WHERE seq = ?', 1)).toMatch(
      /SEARCH sync_undo USING (COVERING )?INDEX sync_undo_seq \(seq=\?\)/,
    );
  });
});
