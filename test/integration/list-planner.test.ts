import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, DB_FILE } from '../../main/core/index.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { hashPassword } from '../../main/core/accounts/passwords.ts';
import { listPage } from '../../main/core/lists/sort.ts';
import { LINK_LIST } from '../../main/core/linking/list.ts';
import { API_KEY_LIST } from '../../main/core/auth-services/api-key-list.ts';
import { likeContains } from '../../main/core/lists/paging.ts';
import type { MethodName } from '../../main/contract/index.ts';
import { BENCH_NOW, buildAdminData } from '../bench/admin-data.ts';

/**
 * The large lists choose a plan per request (resolve filters, seek few rows or walk the sort index,
 * then join only the page: main/core/lists/fact-list.ts). Whatever the plan, a page must hold exactly
 * what one plain SELECT … ORDER BY … LIMIT/OFFSET gives; this compares the two on 30k rows, with
 * filters on both sides of the seek/walk threshold, every sort, both directions and several pages.
 */
let dir: string;
let core: Core;
let admin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-planner-'));
  buildAdminData(join(dir, DB_FILE), () => undefined, { partners: 3_000, groups: 60, policies: 300, perPartner: 10, clients: 3_000 });
  core = openCore({ dataDir: dir, publicUrl: 'http://127.0.0.1/', now: () => new Date(BENCH_NOW), config: parseConfig({}), log: () => undefined });
  const hash = await hashPassword('Planner-Test-1!', Buffer.alloc(16, 1));
  core.db.writer.prepare("INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('adm', 'adm@x.example', 'A', 'D', 'O', ?, 'en', 't', 't')").run(hash);
  core.db.writer.prepare("INSERT INTO user_role (user_id, role) VALUES ('adm', 'PARTNER_ADMIN')").run();
  const r = await core.dispatch('auth.login', null, { login: 'adm', password: 'Planner-Test-1!' });
  if (!r.ok) throw new Error(r.error.message);
  admin = (r.result as { token: string }).token;
}, 60_000);
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function page(method: MethodName, input: Record<string, unknown>): Promise<{ total: number; ids: string[] }> {
  const r = await core.dispatch(method, admin, input);
  if (!r.ok) throw new Error(`${method} ${JSON.stringify(input)}: ${r.error.code} ${r.error.message}`);
  const out = r.result as { totalResults: number; data: Array<Record<string, string>> };
  return { total: out.totalResults, ids: out.data.map((d) => d.id ?? d.partnerId ?? d.clientId ?? '') };
}

interface Naive {
  table: string;
  alias: string;
  where: string[];
  params: unknown[];
}

function naive(n: Naive, orderBy: string, limit: number, offset: number): { total: number; ids: string[] } {
  const from = `FROM ${n.table} ${n.alias} JOIN partner p ON p.id = ${n.alias}.part_id JOIN auth_policy pol ON pol.id = ${n.alias}.policy_id JOIN policy_group g ON g.id = pol.policy_group_id`;
  const where = n.where.length ? `WHERE ${n.where.join(' AND ')}` : '';
  const db = core.db.reader;
  return {
    total: (db.prepare(`SELECT COUNT(*) AS c ${from} ${where}`).get(...n.params) as { c: number }).c,
    ids: db.prepare(`SELECT ${n.alias}.id ${from} ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).pluck().all(...n.params, limit, offset) as string[],
  };
}

type Filter = [label: string, input: Record<string, unknown>, where: string[], params: unknown[]];
const LINK_FILTERS: Filter[] = [
  ['none', {}, [], []],
  ['pending', { status: 'InProgress' }, ["r.status_code = 'InProgress'"], []],
  ['org ~ aurora (wide)', { orgName: 'aurora' }, ["p.name LIKE ? ESCAPE '\\'"], [likeContains('aurora')]],
  ['partner ~ partner-0001 (narrow)', { partnerId: 'partner-0001' }, ["p.id LIKE ? ESCAPE '\\'"], [likeContains('partner-0001')]],
  ['group ~ group 1', { policyGroupName: 'group 1' }, ["g.name LIKE ? ESCAPE '\\'"], [likeContains('group 1')]],
  ['credential + approved', { partnerType: 'Credential_Partner', status: 'approved' }, ["p.partner_type_code = 'Credential_Partner'", "r.status_code = 'approved'"], []],
  ['comment ~ case 42', { partnerComment: 'case 42' }, ["r.request_detail LIKE ? ESCAPE '\\'"], [likeContains('case 42')]],
  ['nothing matches', { orgName: 'zzz-none' }, ['0'], []],
];

describe('list plans return what a plain query returns', () => {
  const pages = [
    [0, 8],
    [3, 8],
    [0, 50],
    [40, 25],
  ] as const;

  it.each(Object.keys(LINK_LIST.sorts))('link requests sorted by %s', async (alias) => {
    for (const [label, input, where, params] of LINK_FILTERS) {
      for (const sortType of ['asc', 'desc'] as const) {
        for (const [pageNo, pageSize] of pages) {
          const args = { ...input, sortFieldName: alias, sortType, pageNo, pageSize };
          const order = listPage(args, Object.fromEntries(Object.entries(LINK_LIST.sorts).map(([k, s]) => [k, s.terms])), 'status', 'asc').orderBy;
          const want = naive({ table: 'partner_policy_request', alias: 'r', where, params }, order, pageSize, pageNo * pageSize);
          const got = await page('linking.list', args);
          expect(got, `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`).toEqual(want);
        }
      }
    }
  });

  it.each(Object.keys(API_KEY_LIST.sorts))('API keys sorted by %s', async (alias) => {
    const filters: Filter[] = [
      ['none', {}, [], []],
      ['deactivated', { status: 'deactivated' }, ['k.is_active = 0'], []],
      ['label ~ key 3 bank', { apiKeyLabel: 'key 3 bank' }, ["k.label LIKE ? ESCAPE '\\'"], [likeContains('key 3 bank')]],
      ['label ~ key (wide)', { apiKeyLabel: 'key' }, ["k.label LIKE ? ESCAPE '\\'"], [likeContains('key')]],
      ['policy ~ policy 12', { policyName: 'policy 12' }, ["pol.name LIKE ? ESCAPE '\\'"], [likeContains('policy 12')]],
      ['expiring in 30 days', { expiryPeriod: 30, status: 'activated' }, ['k.is_active = 1', 'k.valid_to > ?', 'k.valid_to <= ?'], [BENCH_NOW.toISOString(), new Date(BENCH_NOW.getTime() + 30 * 86_400_000).toISOString()]],
    ];
    for (const [label, input, where, params] of filters) {
      for (const sortType of ['asc', 'desc'] as const) {
        for (const [pageNo, pageSize] of pages) {
          const args = { ...input, sortFieldName: alias, sortType, pageNo, pageSize };
          const order = listPage(args, Object.fromEntries(Object.entries(API_KEY_LIST.sorts).map(([k, s]) => [k, s.terms])), 'createdDateTime', 'desc').orderBy;
          const want = naive({ table: 'partner_policy', alias: 'k', where, params }, order, pageSize, pageNo * pageSize);
          expect(await page('apiKeys.list', args), `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`).toEqual(want);
        }
      }
    }
  });

  it('partners, every sort (group name in two parts), filters on both sides of the threshold', async () => {
    const sorts = ['partnerId', 'partnerType', 'orgName', 'policyGroupName', 'emailAddress', 'certificateUploadStatus', 'status', 'createdDateTime'];
    const ORDER: Record<string, string> = {
      partnerId: 'p.id',
      partnerType: 'p.partner_type_code, p.id',
      orgName: 'p.name COLLATE NOCASE, p.id',
      policyGroupName: 'g.name COLLATE NOCASE, p.id',
      emailAddress: 'p.email_id COLLATE NOCASE, p.id',
      certificateUploadStatus: '(p.certificate_alias IS NULL) DIR_INV, p.created_at DIR_INV, p.id DIR_INV',
      status: 'p.approval_status, p.is_active, p.created_at, p.id',
      createdDateTime: 'p.created_at, p.id',
    };
    const filters: Filter[] = [
      ['none', {}, [], []],
      ['credential', { partnerType: 'Credential_Partner' }, ["p.partner_type_code = 'Credential_Partner'"], []],
      ['deactivated', { status: 'deactivated' }, ["p.approval_status = 'approved'", 'p.is_active = 0'], []],
      ['not uploaded', { certificateUploadStatus: 'not_uploaded' }, ['p.certificate_alias IS NULL'], []],
      ['org ~ aurora', { orgName: 'aurora' }, ["p.name LIKE ? ESCAPE '\\'"], [likeContains('aurora')]],
      ['org ~ a (wide) + active', { orgName: 'a', status: 'activated' }, ["p.name LIKE ? ESCAPE '\\'", "p.approval_status = 'approved'", 'p.is_active = 1'], [likeContains('a')]],
      ['group ~ group 1', { policyGroupName: 'group 1' }, ["g.name LIKE ? ESCAPE '\\'"], [likeContains('group 1')]],
    ];
    for (const alias of sorts) {
      for (const sortType of ['asc', 'desc'] as const) {
        const dir = sortType.toUpperCase();
        const inv = sortType === 'asc' ? 'DESC' : 'ASC';
        const orderBy = ORDER[alias]!.includes('DIR_INV')
          ? ORDER[alias]!.replaceAll('DIR_INV', inv)
          : ORDER[alias]!.split(', ').map((t) => `${t} ${dir}`).join(', ');
        for (const [label, input, where, params] of filters) {
          for (const [pageNo, pageSize] of pages) {
            const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
            const from = 'FROM partner p LEFT JOIN policy_group g ON g.id = p.policy_group_id';
            const want = {
              total: (core.db.reader.prepare(`SELECT COUNT(*) AS c ${from} ${w}`).get(...params) as { c: number }).c,
              ids: core.db.reader.prepare(`SELECT p.id ${from} ${w} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).pluck().all(...params, pageSize, pageNo * pageSize) as string[],
            };
            const got = await page('partners.list', { ...input, sortFieldName: alias, sortType, pageNo, pageSize });
            expect(got, `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`).toEqual(want);
          }
        }
      }
    }
  });
});
