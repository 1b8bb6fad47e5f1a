import { describe, expect, it } from 'vitest';
import { likeContains } from '../../../main/core/lists/paging.ts';
import { migrate } from '../../../main/store/db.ts';
import { shortCandidates } from '../../../main/core/lists/text-search.ts';
import type { ReadDb } from '../../../main/core/context.ts';
import { dbAt } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';
/** Comments that trip case folding and LIKE, plus comments of one and two characters. */
const TEXTS = [
  'Use case 42 for Banks',
  'USE CASE 421',
  'École publique',
  'école privée',
  'İstanbul office',
  'KELVIN unit',
  'Kelvin sign K',
  '100% done_now',
  'say "hi" twice',
  'x',
  'ab',
  'zq',
  '',
  ' a',
];

function seeded() {
  const db = dbAt(90);
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('auth', 'u', 'Auth_Partner', 'A', 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g', 'G', 'd', 'u', ?, ?)",
  ).run(T, T);
  db.prepare(
    "INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, updated_at) VALUES ('pol', 'g', 'P', 'd', 'Auth', '{}', 's', 1, 'u', ?, ?)",
  ).run(T, T);
  const req = db.prepare(
    "INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at) VALUES (?, 'auth', 'pol', ?, 'rejected', 'u', ?, ?)",
  );
  TEXTS.forEach((text, i) => req.run(`r${i}`, text, T, T));
  return db;
}

/** Every 1–2 character filter: candidates from the spread index, checked by LIKE, are exactly LIKE's rows. */
function expectSameAsLike(db: ReturnType<typeof dbAt>): void {
  const read = db as unknown as ReadDb;
  const filters = new Set<string>(['zz', '%', '_', '"', 'é', 'É', 'k', 'K', 'i̇', ' ']);
  for (const t of TEXTS) {
    const chars = [...t];
    chars.forEach((c, i) => {
      filters.add(c);
      if (i + 1 < chars.length) filters.add(c + chars[i + 1]);
    });
  }
  for (const f of filters) {
    if ([...f.toLowerCase()].length > 2) continue;
    const like = db
      .prepare("SELECT id FROM partner_policy_request WHERE request_detail LIKE ? ESCAPE '\\' ORDER BY id")
      .pluck()
      .all(likeContains(f));
    const candidates = shortCandidates(read, 'ppr_comment_chars', f);
    expect(candidates, JSON.stringify(f)).not.toBeNull();
    const viaIndex = candidates!.length
      ? db
          .prepare(
            `SELECT id FROM partner_policy_request WHERE rowid IN (${candidates!.map(() => '?').join(',')}) AND request_detail LIKE ? ESCAPE '\\' ORDER BY id`,
          )
          .pluck()
          .all(...candidates!, likeContains(f))
      : [];
    expect(viaIndex, JSON.stringify(f)).toEqual(like);
  }
}

describe('migration 0090: 1–2 character comment filters', () => {
  it('finds exactly what LIKE finds, for every character and pair of the comments and some absent ones', () => {
    expectSameAsLike(seeded());
  });

  it('follows updates and deletes of comments', () => {
    const db = seeded();
    db.prepare("UPDATE partner_policy_request SET request_detail = 'qz only' WHERE id = 'r11'").run();
    db.prepare("DELETE FROM partner_policy_request WHERE id = 'r9'").run();
    expectSameAsLike(db);
    expect(shortCandidates(db as unknown as ReadDb, 'ppr_comment_chars', 'zq')).toEqual([]);
  });

  it('backfills existing comments when the step runs, and says "many" past RARE_MAX', () => {
    const db = dbAt(80);
    db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'en', ?, ?)",
    ).run(T, T);
    db.prepare(
      "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('auth', 'u', 'Auth_Partner', 'A', 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
    ).run(T, T);
    db.prepare(
      "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g', 'G', 'd', 'u', ?, ?)",
    ).run(T, T);
    db.prepare(
      "INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, updated_at) VALUES ('pol', 'g', 'P', 'd', 'Auth', '{}', 's', 1, 'u', ?, ?)",
    ).run(T, T);
    const req = db.prepare(
      "INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at) VALUES (?, 'auth', 'pol', ?, 'rejected', 'u', ?, ?)",
    );
    for (let i = 0; i < 2100; i++) req.run(`r${i}`, i === 7 ? 'a rare zq' : 'common text', T, T);
    // the step runs on a database that already holds comments
    migrate(db, 90);
    expect(db.pragma('user_version', { simple: true })).toBe(90);
    const read = db as unknown as ReadDb;
    expect(shortCandidates(read, 'ppr_comment_chars', 'zq')).toHaveLength(1);
    expect(shortCandidates(read, 'ppr_comment_chars', 'co')).toBeNull(); // 2,100 rows: dense
  });
});
