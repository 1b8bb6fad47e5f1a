import { describe, expect, it } from 'vitest';
import { contract } from '../../../main/contract/index.ts';
import type { Actor, ReadDb } from '../../../main/core/context.ts';
import { LINK_LIST, linkListPlan } from '../../../main/core/linking/list.ts';
import { partnerListPlan } from '../../../main/core/partners/list.ts';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const ADMIN: Actor = {
  userId: 'admin',
  roles: ['PARTNER_ADMIN'],
  isAdmin: true,
  partnerIds: [],
  sessionHash: 'x',
};
const PARTNER: Actor = {
  userId: 'p1',
  roles: ['AUTH_PARTNER'],
  isAdmin: false,
  partnerIds: ['p1'],
  sessionHash: 'y',
};
const T = '2026-01-01T00:00:00.000Z';

function seed(db: ReturnType<typeof dbAt>) {
  db.prepare(
    `INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('p1','p1@x.io','f','l','o','h','en','${T}','${T}')`,
  ).run();
  db.prepare(
    `INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p1','p1','Auth_Partner','Org','a','c','e','approved',1,'en','${T}','${T}')`,
  ).run();
  db.prepare(
    `INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g1', 'Banking', 'd', 'admin', '${T}', '${T}')`,
  ).run();
  db.prepare(
    `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, cr_by, created_at, updated_at) VALUES ('pol1', 'g1', 'KYC', 'd', 'Auth', '{}', 'admin', '${T}', '${T}')`,
  ).run();
}
const request = (id: string, status: string) =>
  `INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at) VALUES ('${id}', 'p1', 'pol1', 'c', '${status}', 'p1', '${T}', '${T}')`;

describe('migration 0030 policies', () => {
  it('upgrades a version-20 database that already holds partners', () => {
    const db = dbAt(20);
    db.prepare(
      `INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('p1','p1@x.io','f','l','o','h','en','${T}','${T}')`,
    ).run();
    db.prepare(
      `INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES ('p1','p1','Auth_Partner','Org','a','c','e','InProgress',0,'en','${T}','${T}')`,
    ).run();
    migrate(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare('SELECT COUNT(*) AS n FROM partner').get()).toEqual({ n: 1 });
  });

  it('derives policy status as MOSIP does and keeps published-only activation', () => {
    const db = dbAt(30);
    seed(db);
    const status = () =>
      (db.prepare("SELECT status FROM auth_policy WHERE id = 'pol1'").get() as { status: string }).status;
    expect(status()).toBe('draft');
    expect(() => db.prepare("UPDATE auth_policy SET is_active = 1 WHERE id = 'pol1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE auth_policy SET policy_schema = 's', is_active = 1 WHERE id = 'pol1'").run();
    expect(status()).toBe('activated');
    db.prepare("UPDATE auth_policy SET is_active = 0 WHERE id = 'pol1'").run();
    expect(status()).toBe('deactivated');
  });

  it('checks types, lengths, JSON and references', () => {
    const db = dbAt(30);
    seed(db);
    const policy = (id: string, json: string, type = 'Auth', group = 'g1') =>
      db
        .prepare(
          `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, cr_by, created_at, updated_at) VALUES (?, ?, ?, 'd', ?, ?, 'a', 't', 't')`,
        )
        .run(id, group, id, type, json);
    expect(() => policy('x1', 'not json')).toThrow(/CHECK/);
    expect(() => policy('x2', JSON.stringify({ a: 'x'.repeat(5120) }))).toThrow(/CHECK/);
    expect(() => policy('x3', '{}', 'MISP')).toThrow(/CHECK/);
    expect(() => policy('x4', '{}', 'Auth', 'nogroup')).toThrow(/FOREIGN KEY/);
    expect(() => policy('x5', '{}', 'Auth', 'g1')).not.toThrow();
    expect(() =>
      db
        .prepare(
          "INSERT INTO policy_group (id, name, descr, cr_by, created_at, updated_at) VALUES ('g2', 'BANKING', 'd', 'a', 't', 't')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO policy_group (id, name, descr, is_active, cr_by, created_at, updated_at) VALUES ('g3', 'X', 'd', 'yes', 'a', 't', 't')",
        )
        .run(),
    ).toThrow(/cannot store TEXT/);
    expect(() => db.prepare(request('r0', 'pending')).run()).toThrow(/CHECK/);
  });

  it('allows one pending or approved request per partner and policy; rejected and deactivated ones stay as history', () => {
    const db = dbAt(30);
    seed(db);
    db.prepare(request('r1', 'rejected')).run();
    db.prepare(request('r2', 'deactivated')).run();
    db.prepare(request('r3', 'InProgress')).run();
    expect(() => db.prepare(request('r4', 'approved')).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(request('r5', 'InProgress')).run()).toThrow(/UNIQUE/);
    expect(
      plan(
        db,
        "SELECT id, status_code FROM partner_policy_request WHERE part_id = ? AND policy_id = ? AND status_code IN ('InProgress', 'approved')",
        'p1',
        'pol1',
      ),
    ).toMatch(/USING INDEX ppr_open/);
  });

  it('keeps list_count equal to the rows per state through inserts, updates and deletes', () => {
    const db = dbAt(30);
    seed(db);
    db.prepare(request('r1', 'InProgress')).run();
    db.prepare(request('r2', 'rejected')).run();
    db.prepare("UPDATE partner_policy_request SET status_code = 'approved' WHERE id = 'r1'").run();
    db.prepare("UPDATE partner_policy_request SET request_detail = 'other' WHERE id = 'r2'").run();
    db.prepare(request('r3', 'rejected')).run();
    db.prepare("DELETE FROM partner_policy_request WHERE id = 'r2'").run();
    const counts = db.prepare("SELECT k, n FROM list_count WHERE tbl = 'partner_policy_request' ORDER BY k").all();
    expect(counts).toEqual([
      { k: 'InProgress', n: 0 },
      { k: 'approved', n: 1 },
      { k: 'rejected', n: 1 },
    ]);
  });

  it('serves every sort of the linking list from an index, in the order asked (no sort step)', () => {
    const db = dbAt(30) as unknown as ReadDb;
    for (const alias of Object.keys(LINK_LIST.sorts)) {
      for (const sortType of ['asc', 'desc']) {
        const input = contract['linking.list'].input.parse({
          sortFieldName: alias,
          sortType,
          pageNo: 3,
        });
        const q = linkListPlan(db, ADMIN, input);
        const walk = plan(db as never, q.walkIds.sql, ...q.walkIds.params);
        expect(walk, `${alias} ${sortType}:\n${walk}`).not.toMatch(/TEMP B-TREE/);
        expect(walk).not.toMatch(/^SCAN r$/m);
      }
    }
    // with a status filter, pending first by date: one index gives both
    const q = linkListPlan(
      db,
      ADMIN,
      contract['linking.list'].input.parse({
        status: 'InProgress',
        sortFieldName: 'createdDateTime',
      }),
    );
    expect(plan(db as never, q.walkIds.sql, ...q.walkIds.params)).toMatch(
      /USING COVERING INDEX ppr_status_created \(status_code=\?\)/,
    );
    // unfiltered and per-state totals are read from list_count
    expect(q.count!.sql).toMatch(/FROM list_count/);
  });

  it('seeks a partner’s requests by index: a partner’s own list and partner filters', () => {
    const db = dbAt(30) as unknown as ReadDb;
    const own = linkListPlan(db, PARTNER, contract['linking.list'].input.parse({ status: 'approved' }));
    expect(plan(db as never, own.count!.sql, ...own.count!.params)).toMatch(
      /SEARCH r USING COVERING INDEX ppr_partner_status \(part_id=\? AND status_code=\?\)/,
    );
    expect(plan(db as never, own.seek.sql, ...own.seek.params)).toMatch(
      /SEARCH r USING INDEX ppr_partner_status \(part_id=\?\)/,
    );
    const byPolicy = linkListPlan(db, ADMIN, contract['linking.list'].input.parse({ policyName: 'kyc' }));
    expect(byPolicy.count).toBeNull(); // no policy matches: nothing to count
  });

  it('serves every sort of the admin partners list from an index', () => {
    const db = dbAt(30) as unknown as ReadDb;
    const sorts = [
      'partnerId',
      'partnerType',
      'orgName',
      'emailAddress',
      'createdDateTime',
      'certificateUploadStatus',
      'status',
    ];
    for (const alias of sorts) {
      for (const sortType of ['asc', 'desc']) {
        const q = partnerListPlan(db, contract['partners.list'].input.parse({ sortFieldName: alias, sortType }));
        const walk = plan(db as never, q.walkIds.sql, ...q.walkIds.params, 8, 0);
        expect(walk, `${alias} ${sortType}:\n${walk}`).not.toMatch(/TEMP B-TREE/);
      }
    }
    const byGroup = partnerListPlan(
      db,
      contract['partners.list'].input.parse({ sortFieldName: 'policyGroupName', sortType: 'asc' }),
    );
    const grouped = plan(db as never, byGroup.groupedIds.sql, ...byGroup.groupedIds.params, 8, 0);
    expect(grouped).not.toMatch(/TEMP B-TREE/);
    expect(grouped).toMatch(
      /SCAN g USING (COVERING )?INDEX policy_group_name[\s\S]*SEARCH p USING COVERING INDEX partner_group \(policy_group_id=\?\)/,
    );
    expect(plan(db as never, byGroup.ungroupedIds.sql, ...byGroup.ungroupedIds.params, 8, 0)).toMatch(
      /SEARCH p USING COVERING INDEX partner_group \(policy_group_id=\?\)/,
    );
    // filters the sort index carries are checked on the index alone (no table read)
    const typed = partnerListPlan(
      db,
      contract['partners.list'].input.parse({
        partnerType: 'Auth_Partner',
        status: 'activated',
        sortFieldName: 'orgName',
      }),
    );
    expect(plan(db as never, typed.walkIds.sql, ...typed.walkIds.params, 8, 0)).toMatch(
      /SCAN p USING COVERING INDEX partner_name/,
    );
    // the certificate filter uses the expression index
    const cert = partnerListPlan(
      db,
      contract['partners.list'].input.parse({ certificateUploadStatus: 'not_uploaded' }),
    );
    expect(plan(db as never, cert.count.sql, ...cert.count.params)).toMatch(/USING COVERING INDEX partner_cert/);
    // a contains-filter reads one narrow index, not the table
    const named = partnerListPlan(db, contract['partners.list'].input.parse({ orgName: 'bank' }));
    expect(plan(db as never, named.matches.sql, ...named.matches.params)).toMatch(
      /SCAN p USING COVERING INDEX partner_name/,
    );
  });

  it('serves policy and group lists and the group checks from indexes', () => {
    const db = dbAt(30);
    expect(
      plan(
        db,
        'SELECT * FROM auth_policy pol WHERE pol.policy_type = ? ORDER BY pol.created_at DESC, pol.id DESC LIMIT 8',
        'Auth',
      ),
    ).toMatch(/auth_policy_type_created \(policy_type=\?\)/);
    expect(
      plan(
        db,
        'SELECT * FROM auth_policy pol WHERE pol.policy_type = ? AND pol.status = ? ORDER BY pol.created_at DESC, pol.id DESC LIMIT 8',
        'Auth',
        'draft',
      ),
    ).toMatch(/auth_policy_type_status \(policy_type=\? AND status=\?\)/);
    expect(plan(db, 'SELECT status, COUNT(*) FROM auth_policy WHERE policy_group_id = ? GROUP BY status', 'g')).toMatch(
      /INDEX auth_policy_group_status \(policy_group_id=\?\)/,
    );
    expect(
      plan(db, 'SELECT id FROM auth_policy WHERE policy_group_id = ? AND name = ? COLLATE NOCASE', 'g', 'n'),
    ).toMatch(/auth_policy_group_name/);
    expect(plan(db, 'SELECT 1 FROM policy_group WHERE name = ? COLLATE NOCASE', 'n')).toMatch(
      /policy_group_name \(name=\?\)/,
    );
    expect(
      plan(db, 'SELECT id FROM policy_group g WHERE g.is_active = 1 ORDER BY g.name COLLATE NOCASE ASC LIMIT 20'),
    ).toMatch(/policy_group_active_name \(is_active=\?\)/);
    expect(plan(db, 'SELECT * FROM policy_group g ORDER BY g.created_at DESC, g.id DESC LIMIT 8')).toMatch(
      /SCAN g USING INDEX policy_group_created/,
    );
    expect(
      plan(
        db,
        'SELECT COALESCE(SUM(status_code = ?), 0) FROM partner_policy_request WHERE policy_id = ?',
        'approved',
        'p',
      ),
    ).toMatch(/ppr_policy_created \(policy_id=\?\)/);
  });
});
