import { describe, expect, it } from 'vitest';
import { contract } from '../../../main/contract/index.ts';
import type { Actor, ReadDb } from '../../../main/core/context.ts';
import { API_KEY_LIST, apiKeyListPlan } from '../../../main/core/auth-services/api-key-list.ts';
import { OIDC_LIST, clientListPlan } from '../../../main/core/auth-services/oidc-list.ts';
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
const NOW = new Date('2026-01-01T00:00:00.000Z');
const T = NOW.toISOString();

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
    `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, updated_at) VALUES ('pol1', 'g1', 'KYC', 'd', 'Auth', '{}', 's', 1, 'admin', '${T}', '${T}')`,
  ).run();
}
const key = (id: string, label: string, active = 1, hash = id.padEnd(64, '0')) =>
  `INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at) VALUES ('${id}', '${hash}', 'p1', 'pol1', '${label}', '2126-01-01T00:00:00.000Z', ${active}, 'p1', '${T}', '${T}')`;

describe('migration 0040 auth services', () => {
  it('upgrades a version-30 database', () => {
    const db = dbAt(30);
    seed(db);
    migrate(db, 40);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(db.prepare('SELECT COUNT(*) AS n FROM partner_policy').get()).toEqual({ n: 0 });
  });

  it('stores only a 64-hex key hash, one label per partner and policy (any case), and valid JSON lists for clients', () => {
    const db = dbAt(40);
    seed(db);
    db.prepare(key('k1', 'Mobile')).run();
    expect(() => db.prepare(key('k2', 'MOBILE')).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(key('k3', 'Web', 1, 'short')).run()).toThrow(/CHECK/);
    expect(() => db.prepare(key('k4', 'x'.repeat(37))).run()).toThrow(/CHECK/);
    const client = (id: string, publicKey: string, uris = '["https://a.example/cb"]') =>
      db
        .prepare(
          `INSERT INTO oidc_client (id, name, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, cr_by, created_at, updated_at)
         VALUES (?, 'c', 'p1', 'pol1', 'https://a.example/l.png', ?, '[]', '[]', ?, '[]', '[]', 'ACTIVE', 'p1', 't', 't')`,
        )
        .run(id, uris, publicKey);
    client('c1', '{"kty":"EC"}');
    expect(() => client('c2', '{"kty":"EC"}')).toThrow(/UNIQUE/);
    expect(() => client('c3', '{"kty":"RSA"}', 'not json')).toThrow(/CHECK/);
  });

  it('keeps list_count for keys (by is_active) and clients (by status)', () => {
    const db = dbAt(40);
    seed(db);
    db.prepare(key('k1', 'a')).run();
    db.prepare(key('k2', 'b')).run();
    db.prepare("UPDATE partner_policy SET is_active = 0 WHERE id = 'k1'").run();
    expect(db.prepare("SELECT k, n FROM list_count WHERE tbl = 'partner_policy' ORDER BY k").all()).toEqual([
      { k: '0', n: 1 },
      { k: '1', n: 1 },
    ]);
  });

  it('serves every sort of the API key and OIDC client lists from an index, in the order asked', () => {
    const db = dbAt(40) as unknown as ReadDb;
    for (const alias of Object.keys(API_KEY_LIST.sorts)) {
      for (const sortType of ['asc', 'desc']) {
        const q = apiKeyListPlan(
          db,
          ADMIN,
          contract['apiKeys.list'].input.parse({ sortFieldName: alias, sortType, pageNo: 2 }),
          NOW,
        );
        const walk = plan(db as never, q.walkIds.sql, ...q.walkIds.params);
        expect(walk, `api keys ${alias} ${sortType}:\n${walk}`).not.toMatch(/TEMP B-TREE/);
      }
    }
    for (const alias of Object.keys(OIDC_LIST.sorts)) {
      for (const sortType of ['asc', 'desc']) {
        const q = clientListPlan(
          db,
          ADMIN,
          contract['oidcClients.list'].input.parse({ sortFieldName: alias, sortType }),
        );
        const walk = plan(db as never, q.walkIds.sql, ...q.walkIds.params);
        expect(walk, `clients ${alias} ${sortType}:\n${walk}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('uses the state-and-expiry index for "expiring within N days" and the expiry job', () => {
    const db = dbAt(40) as unknown as ReadDb;
    const q = apiKeyListPlan(
      db,
      ADMIN,
      contract['apiKeys.list'].input.parse({
        status: 'activated',
        expiryPeriod: 30,
        sortFieldName: 'apiKeyExpiryDateTime',
        sortType: 'asc',
      }),
      NOW,
    );
    expect(plan(db as never, q.count!.sql, ...q.count!.params)).toMatch(
      /partner_policy_active_valid_to \(is_active=\? AND valid_to>\? AND valid_to<\?\)/,
    );
    expect(plan(db as never, q.walkIds.sql, ...q.walkIds.params)).toMatch(
      /partner_policy_active_valid_to \(is_active=\? AND valid_to>\? AND valid_to<\?\)/,
    );
    expect(
      plan(db as never, 'UPDATE partner_policy SET is_active = 0 WHERE is_active = 1 AND valid_to <= ?', T),
    ).toMatch(/partner_policy_active_valid_to \(is_active=\? AND valid_to<\?\)/);
    // a partner's own keys: its dashboard badge reads only its keys
    expect(
      plan(
        db as never,
        'SELECT COUNT(*) FROM partner_policy WHERE part_id IN (?) AND +is_active = 1 AND +valid_to > ? AND +valid_to <= ?',
        'p1',
        T,
        T,
      ),
    ).toMatch(/partner_policy_partner_created \(part_id=\?\)/);
    const own = apiKeyListPlan(db, PARTNER, contract['apiKeys.list'].input.parse({ status: 'activated' }), NOW);
    expect(plan(db as never, own.seek.sql, ...own.seek.params)).toMatch(
      /SEARCH k USING INDEX partner_policy_partner_created \(part_id=\?\)/,
    );
  });

  it('finds a key by its hash and a client by id for the consumer checks', () => {
    const db = dbAt(40);
    expect(plan(db, 'SELECT id FROM partner_policy k WHERE k.key_hash = ?', 'h')).toMatch(
      /USING INDEX sqlite_autoindex_partner_policy_2 \(key_hash=\?\)/,
    );
    expect(
      plan(
        db,
        "SELECT 1 FROM partner_policy_request r WHERE r.part_id = ? AND r.policy_id = ? AND r.status_code = 'approved'",
        'p',
        'q',
      ),
    ).toMatch(/ppr_open|ppr_partner_status/);
    expect(plan(db, 'SELECT id FROM oidc_client WHERE id = ?', 'c')).toMatch(
      /sqlite_autoindex_oidc_client_1 \(id=\?\)/,
    );
    // a label scan reads the label index alone (the list resolves labels through 0070's value index first)
    expect(plan(db, "SELECT k.id FROM partner_policy k WHERE k.label LIKE ? ESCAPE '\\'", '%x%')).toMatch(
      /SCAN k USING COVERING INDEX partner_policy_label_sort/,
    );
  });
});
