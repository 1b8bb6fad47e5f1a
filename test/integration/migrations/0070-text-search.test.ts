import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { likeContains } from '../../../main/core/lists/paging.ts';
import { matchRowids, matchValues, trigramQuery } from '../../../main/core/lists/text-search.ts';
import type { ReadDb } from '../../../main/core/context.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';

/** Text that trips case folding: ASCII case, accented capitals, dotted İ, the Kelvin sign, LIKE's own metacharacters, quotes. */
const TEXTS = [
  'Use case 42 for Banks',
  'USE CASE 421',
  'use case 4210',
  'École publique',
  'école privée',
  'İstanbul office',
  'KELVIN unit',
  'Kelvin sign K',
  '100% done_now',
  '100 percent done',
  'say "hi" twice',
  'x',
  'ab',
  'abc',
];
const FILTERS = [
  'case 42',
  'CASE 421',
  'ase',
  'école',
  'ÉCOLE',
  'cole',
  'istanbul',
  'stanbul',
  'kelvin',
  'k',
  '100%',
  '0% d',
  'done_',
  '_now',
  '"hi"',
  'say "',
  'ab',
  'b',
  'zzz',
  '   ',
];

function seed(db: Database): void {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(T, T);
  const partner = db.prepare(
    "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES (?, 'u', ?, ?, 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
  );
  partner.run('auth', 'Auth_Partner', 'Auth Org', T, T);
  partner.run('cred', 'Credential_Partner', 'Cred Org', T, T);
  partner.run('dp', 'Device_Provider', 'Device Org', T, T);
  db.prepare(
    "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g', 'G', 'd', 'u', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, updated_at) VALUES (?, 'g', ?, 'd', 'Auth', '{}', 's', 1, 'u', ?, ?)",
  ).run('pol', 'P', T, T);
  db.prepare(
    "INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at) VALUES ('s', 'dp', 'Device Org', 'h', '1.0', ?, ?, 'approved', 1, 'u', ?, ?)",
  ).run(T, T, T, T);
  const req = db.prepare(
    "INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at) VALUES (?, ?, 'pol', ?, ?, 'u', ?, ?)",
  );
  const key = db.prepare(
    "INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at) VALUES (?, ?, 'auth', 'pol', ?, ?, 1, 'u', ?, ?)",
  );
  const dev = db.prepare(
    "INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, approval_status, is_active, cr_by, created_at, updated_at) VALUES (?, 'dp', 'Finger', 'Slap', ?, ?, 'Device Org', 's', 'rejected', 0, 'u', ?, ?)",
  );
  TEXTS.forEach((text, i) => {
    // at most one open request per partner and policy (ppr_open): the others are history
    req.run(`r${i}`, i % 2 ? 'auth' : 'cred', text, i < 2 ? 'InProgress' : i % 3 ? 'rejected' : 'deactivated', T, T);
    key.run(`k${i}`, String(i).padStart(64, '0'), text.slice(0, 36), T, T, T);
    // makes repeat (value index counts), models are one per device
    dev.run(`d${i}`, TEXTS[i % 4]!.slice(0, 36), text.slice(0, 36), T, T);
  });
}

/** Every filter: the trigram index finds exactly the rows LIKE finds. */
function expectSameAsLike(writable: Database): void {
  const db = writable as unknown as ReadDb; // the lookups are the read side's
  for (const f of FILTERS) {
    const like = (sql: string) => db.prepare(sql).pluck().all(likeContains(f)) as unknown[];
    const rows = matchRowids(db, 'ppr_comment_fts', f, 1000);
    const want = like(
      "SELECT rowid FROM partner_policy_request WHERE request_detail LIKE ? ESCAPE '\\' ORDER BY rowid",
    );
    if (rows === null) expect([...f.toLowerCase()].length, f).toBeLessThan(3);
    else
      expect(
        [...rows].sort((a, b) => a - b),
        `comment ~ ${f}`,
      ).toEqual(want);
    for (const [index, table, column] of [
      ['api_key_label_value', 'partner_policy', 'label'],
      ['device_make_value', 'device_detail', 'make'],
      ['device_model_value', 'device_detail', 'model'],
    ] as const) {
      const m = matchValues(db, index, f, 1000)!;
      expect([...m.values].sort(), `${column} ~ ${f}`).toEqual(
        like(`SELECT DISTINCT ${column} FROM ${table} WHERE ${column} LIKE ? ESCAPE '\\' ORDER BY ${column}`),
      );
      expect(m.rows, `${column} ~ ${f} rows`).toBe(
        like(`SELECT COUNT(*) FROM ${table} WHERE ${column} LIKE ? ESCAPE '\\'`)[0],
      );
    }
  }
  // the value indexes hold each distinct value once, with its row count, and nothing else
  for (const [index, table, column] of [
    ['api_key_label_value', 'partner_policy', 'label'],
    ['device_make_value', 'device_detail', 'make'],
    ['device_model_value', 'device_detail', 'model'],
  ] as const) {
    expect(db.prepare(`SELECT value, n FROM ${index} ORDER BY value`).all()).toEqual(
      db.prepare(`SELECT ${column} AS value, COUNT(*) AS n FROM ${table} GROUP BY ${column} ORDER BY ${column}`).all(),
    );
    expect(db.prepare(`SELECT COUNT(*) FROM ${index}_fts`).pluck().get()).toBe(
      db.prepare(`SELECT COUNT(*) FROM ${index}`).pluck().get(),
    );
  }
  expect(db.prepare('SELECT COUNT(*) FROM ppr_comment_fts').pluck().get()).toBe(
    db.prepare('SELECT COUNT(*) FROM partner_policy_request').pluck().get(),
  );
  // link requests per partner type and state
  expect(
    db.prepare("SELECT k, n FROM list_count WHERE tbl = 'partner_policy_request:type' AND n > 0 ORDER BY k").all(),
  ).toEqual(
    db
      .prepare(
        "SELECT p.partner_type_code || '/' || r.status_code AS k, COUNT(*) AS n FROM partner_policy_request r JOIN partner p ON p.id = r.part_id GROUP BY 1 ORDER BY 1",
      )
      .all(),
  );
}

describe('migration 0070 text search', () => {
  it('fills the indexes from existing rows, and they answer exactly what LIKE answers', () => {
    const db = dbAt(60);
    seed(db);
    migrate(db, 70);
    expectSameAsLike(db);
    expect(trigramQuery('ab')).toBeNull();
    expect(trigramQuery('Say "Hi"')).toBe('"say ""hi"""');
  });

  it('keeps them in step through inserts, updates and deletes', () => {
    const db = dbAt(70);
    seed(db);
    expectSameAsLike(db);
    db.prepare("UPDATE partner_policy_request SET request_detail = 'now about KELVIN' WHERE id = 'r0'").run();
    db.prepare("UPDATE partner_policy_request SET status_code = 'approved' WHERE id IN ('r0', 'r1')").run();
    db.prepare("UPDATE partner_policy_request SET status_code = 'rejected' WHERE id = 'r2'").run();
    db.prepare("DELETE FROM partner_policy_request WHERE id = 'r3'").run();
    db.prepare("UPDATE partner_policy SET label = 'renamed école' WHERE id = 'k4'").run();
    db.prepare("DELETE FROM partner_policy WHERE id IN ('k5', 'k11')").run();
    db.prepare("UPDATE device_detail SET make = 'Kelvin sign K', model = 'M-1' WHERE id = 'd0'").run();
    db.prepare("UPDATE device_detail SET approval_status = 'approved', is_active = 1 WHERE id = 'd1'").run(); // not a text column: no index work
    db.prepare("DELETE FROM device_detail WHERE id IN ('d2', 'd6', 'd10')").run();
    expectSameAsLike(db);
    // a make whose last device went is gone from the value index and its trigram index
    expect(db.prepare("SELECT COUNT(*) FROM device_make_value WHERE value = 'use case 4210'").pluck().get()).toBe(0);
    expect(matchValues(db as unknown as ReadDb, 'device_make_value', 'case 4210', 10)).toEqual({
      values: [],
      rows: 0,
    });
  });

  it('moves a partner’s link requests to its new type’s counts if the type is changed', () => {
    const db = dbAt(70);
    seed(db);
    db.prepare("UPDATE partner SET partner_type_code = 'Print_Partner' WHERE id = 'cred'").run();
    db.prepare("UPDATE partner SET name = 'Renamed' WHERE id = 'auth'").run();
    expectSameAsLike(db);
    expect(
      db
        .prepare(
          "SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = 'partner_policy_request:type' AND k LIKE 'Credential_Partner/%'",
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      db
        .prepare("SELECT SUM(n) FROM list_count WHERE tbl = 'partner_policy_request:type' AND k LIKE 'Print_Partner/%'")
        .pluck()
        .get(),
    ).toBe(7);
  });

  it('stays in step after VACUUM (the comment index is keyed by rowid)', () => {
    const db = dbAt(70);
    seed(db);
    db.prepare("DELETE FROM partner_policy_request WHERE id IN ('r0', 'r2', 'r5')").run();
    const before = db.prepare('SELECT rowid, id FROM partner_policy_request ORDER BY rowid').all();
    db.exec('VACUUM');
    expect(db.prepare('SELECT rowid, id FROM partner_policy_request ORDER BY rowid').all()).toEqual(before);
    expectSameAsLike(db);
  });

  it('serves the lookups from their indexes', () => {
    const db = dbAt(70);
    expect(plan(db, 'SELECT rowid FROM ppr_comment_fts WHERE ppr_comment_fts MATCH ? LIMIT 10', '"abc"')).toMatch(
      /VIRTUAL TABLE INDEX 0:M/,
    );
    expect(plan(db, 'SELECT id FROM partner_policy_request WHERE rowid IN (?, ?)', 1, 2)).toMatch(
      /SEARCH partner_policy_request USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    );
    expect(
      plan(
        db,
        'SELECT COUNT(*) FROM partner_policy_request r WHERE r.rowid IN (SELECT rowid FROM ppr_comment_fts WHERE ppr_comment_fts MATCH ?)',
        '"abc"',
      ),
    ).toMatch(/INTEGER PRIMARY KEY \(rowid=\?\)[\s\S]*VIRTUAL TABLE INDEX 0:M/);
    expect(
      plan(
        db,
        'SELECT v.value, v.n FROM device_model_value_fts f CROSS JOIN device_model_value v ON v.id = f.rowid WHERE device_model_value_fts MATCH ? LIMIT 10',
        '"abc"',
      ),
    ).toMatch(/SCAN f VIRTUAL TABLE INDEX 0:M[\s\S]*SEARCH v USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    // rows of the matched values, through the column's own index (the label's is NOCASE)
    expect(plan(db, 'SELECT COUNT(*) FROM device_detail d WHERE d.make IN (?, ?)', 'a', 'b')).toMatch(
      /COVERING INDEX device_make \(make=\?\)/,
    );
    expect(
      plan(db, 'SELECT d.id FROM device_detail d WHERE d.model IN (SELECT value FROM json_each(?))', '[]'),
    ).toMatch(/COVERING INDEX device_model \(model=\?\)/);
    expect(plan(db, 'SELECT k.id FROM partner_policy k WHERE k.label COLLATE NOCASE IN (?, ?)', 'a', 'b')).toMatch(
      /COVERING INDEX partner_policy_label_sort \(label=\?\)/,
    );
    // the maintenance: each value found by its UNIQUE index
    expect(plan(db, 'UPDATE device_make_value SET n = n - 1 WHERE value = ?', 'a')).toMatch(
      /sqlite_autoindex_device_make_value_1 \(value=\?\)/,
    );
    // link counts per partner type and state: one list_count lookup
    expect(
      plan(
        db,
        "SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = 'partner_policy_request:type' AND k >= ? AND k < ?",
        'a/',
        'a0',
      ),
    ).toMatch(/PRIMARY KEY \(tbl=\? AND k>\? AND k<\?\)/);
  });
});
