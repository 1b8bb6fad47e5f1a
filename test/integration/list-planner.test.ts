import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, DB_FILE } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { hashPassword } from '../../main/core/accounts/passwords.ts';
import { listPage } from '../../main/core/lists/sort.ts';
import { LINK_LIST } from '../../main/core/linking/list.ts';
import { API_KEY_LIST } from '../../main/core/auth-services/api-key-list.ts';
import { likeContains } from '../../main/core/lists/paging.ts';
import { DEVICE_SORTS } from '../../main/core/devices/lists.ts';
import type { MethodName } from '../../main/contract/index.ts';
import { BENCH_NOW, buildAdminData } from '../bench/admin-data.ts';

/**
 * The large lists choose a plan per request (resolve filters, seek few rows or walk the sort index,
 * then join only the page: main/core/lists/fact-list.ts). Whatever the plan, a page must hold exactly
 * what one plain SELECT … ORDER BY … LIMIT/OFFSET gives; this compares the two on 30k rows, with
 * filters on both sides of the seek/walk threshold, every sort, both directions and several pages.
 * Totals counted row by row stop at a cap (config lists.countCap, small here): past it the answer is
 * "more than N" (totalIsLowerBound), and only while rows follow the page.
 */
const CAP = 2_000;
let dir: string;
let core: Core;
let admin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-planner-'));
  buildAdminData(join(dir, DB_FILE), () => undefined, {
    partners: 3_000,
    groups: 60,
    policies: 300,
    perPartner: 10,
    clients: 3_000,
  });
  core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1/',
    now: () => new Date(BENCH_NOW),
    config: parseConfig({ lists: { countCap: CAP } }),
    log: () => undefined,
  });
  const hash = await hashPassword('Planner-Test-1!', Buffer.alloc(16, 1));
  core.db.writer
    .prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('adm', 'adm@x.example', 'A', 'D', 'O', ?, 'en', 't', 't')",
    )
    .run(hash);
  core.db.writer.prepare("INSERT INTO user_role (user_id, role) VALUES ('adm', 'PARTNER_ADMIN')").run();
  seedDevices();
  const r = await core.dispatch('auth.login', null, { login: 'adm', password: 'Planner-Test-1!' });
  if (!r.ok) throw new Error(r.error.message);
  admin = (r.result as { token: string }).token;
}, 240_000); // builds a large database: minutes on a loaded machine
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const MAKES = ['Acme', 'Sentinel', 'IrisPoint', 'Visage', 'Dermalog', 'Precise', 'Nova', 'Orbit'];

/** 1,000 SBIs of the Device_Provider partners with 10 devices each, in every state, a few orphans. */
function seedDevices(): void {
  const w = core.db.writer;
  const providers = w
    .prepare("SELECT id, name FROM partner WHERE partner_type_code = 'Device_Provider' ORDER BY id LIMIT 100")
    .all() as Array<{ id: string; name: string }>;
  const sbi = w.prepare(
    `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at)
     VALUES (?, ?, ?, 'h', ?, ?, ?, 'approved', 1, 'bench', ?, ?)`,
  );
  const dev = w.prepare(
    `INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, sbi_version, approval_status, is_active, cr_by, created_at, updated_at)
     VALUES (?, ?, 'Finger', 'Slap', ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`,
  );
  const STATES = [
    ['approved', 1],
    ['approved', 1],
    ['approved', 1],
    ['approved', 1],
    ['approved', 0],
    ['pending_approval', 0],
    ['pending_approval', 0],
    ['rejected', 0],
  ] as const;
  w.transaction(() => {
    for (let i = 0, d = 0; i < 1000; i++) {
      const p = providers[i % providers.length]!;
      const id = `sbi-${String(i).padStart(5, '0')}`;
      const t = new Date(Date.parse('2025-01-01T00:00:00.000Z') + i * 3_600_000).toISOString();
      sbi.run(id, p.id, p.name, `${i}.0`, t, '2030-01-01T00:00:00.000Z', t, t);
      for (let k = 0; k < 10; k++, d++) {
        const [state, active] = STATES[(d * 3) % STATES.length]!;
        const orphan = k === 9 && i % 100 === 0;
        // created times repeat across SBIs so that ties are broken by id
        const created = new Date(
          Date.parse('2025-01-01T00:00:00.000Z') + (i % 500) * 3_600_000 + k * 60_000,
        ).toISOString();
        dev.run(
          `dev-${String(d).padStart(6, '0')}`,
          p.id,
          MAKES[d % MAKES.length],
          `M-${String(d).padStart(7, '0')}`,
          p.name,
          orphan ? null : id,
          orphan ? null : `${i}.0`,
          state,
          active,
          created,
          created,
        );
      }
    }
  })();
}

interface Got {
  total: number;
  lowerBound: boolean;
  ids: string[];
}

async function page(method: MethodName, input: Record<string, unknown>): Promise<Got> {
  const r = await core.dispatch(method, admin, input);
  if (!r.ok) throw new Error(`${method} ${JSON.stringify(input)}: ${r.error.code} ${r.error.message}`);
  const out = r.result as {
    totalResults: number;
    totalIsLowerBound?: boolean;
    data: Array<Record<string, string>>;
  };
  return {
    total: out.totalResults,
    lowerBound: out.totalIsLowerBound ?? false,
    ids: out.data.map((d) => d.id ?? d.deviceId ?? d.partnerId ?? d.clientId ?? ''),
  };
}

/**
 * The page's ids must be the plain query's. The total is the plain count, or — when it was counted
 * and passed CAP, with rows after this page — "more than max(CAP, end of this page)".
 */
function expectPage(got: Got, want: { total: number; ids: string[] }, offset: number, message: string): void {
  expect(got.ids, message).toEqual(want.ids);
  if (!got.lowerBound) {
    expect(got.total, message).toBe(want.total);
    return;
  }
  const end = offset + want.ids.length;
  expect(want.total > CAP && end < want.total, `${message}: lower bound without more rows`).toBe(true);
  expect(got.total, message).toBe(Math.max(CAP, end));
}

interface Naive {
  table: string;
  alias: string;
  where: string[];
  params: unknown[];
}

const windows = new Map<string, { total: number; ids: string[] }>();
const WINDOW = 1025; // the deepest page read below ends there

/** The plain COUNT and ORDER BY query, run once per filter and order (not per page), then sliced. */
function plainPage(
  countSql: string,
  idsSql: string,
  params: unknown[],
  limit: number,
  offset: number,
): { total: number; ids: string[] } {
  if (offset + limit > WINDOW) throw new Error('page beyond the compared window');
  const key = JSON.stringify([countSql, idsSql, params]);
  let w = windows.get(key);
  if (!w) {
    const db = core.db.reader;
    w = {
      total: db
        .prepare(countSql)
        .pluck()
        .get(...params) as number,
      ids: db
        .prepare(`${idsSql} LIMIT ${WINDOW}`)
        .pluck()
        .all(...params) as string[],
    };
    windows.set(key, w);
  }
  return { total: w.total, ids: w.ids.slice(offset, offset + limit) };
}

function naive(n: Naive, orderBy: string, limit: number, offset: number): { total: number; ids: string[] } {
  const from = `FROM ${n.table} ${n.alias} JOIN partner p ON p.id = ${n.alias}.part_id JOIN auth_policy pol ON pol.id = ${n.alias}.policy_id JOIN policy_group g ON g.id = pol.policy_group_id`;
  const where = n.where.length ? `WHERE ${n.where.join(' AND ')}` : '';
  return plainPage(
    `SELECT COUNT(*) ${from} ${where}`,
    `SELECT ${n.alias}.id ${from} ${where} ORDER BY ${orderBy}`,
    n.params,
    limit,
    offset,
  );
}

type Filter = [label: string, input: Record<string, unknown>, where: string[], params: unknown[]];
const LINK_FILTERS: Filter[] = [
  ['none', {}, [], []],
  ['pending', { status: 'InProgress' }, ["r.status_code = 'InProgress'"], []],
  ['org ~ aurora (wide)', { orgName: 'aurora' }, ["p.name LIKE ? ESCAPE '\\'"], [likeContains('aurora')]],
  [
    'partner ~ partner-0001 (narrow)',
    { partnerId: 'partner-0001' },
    ["p.id LIKE ? ESCAPE '\\'"],
    [likeContains('partner-0001')],
  ],
  ['group ~ group 1', { policyGroupName: 'group 1' }, ["g.name LIKE ? ESCAPE '\\'"], [likeContains('group 1')]],
  [
    'credential + approved',
    { partnerType: 'Credential_Partner', status: 'approved' },
    ["p.partner_type_code = 'Credential_Partner'", "r.status_code = 'approved'"],
    [],
  ],
  [
    'comment ~ case 42',
    { partnerComment: 'case 42' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('case 42')],
  ],
  ['nothing matches', { orgName: 'zzz-none' }, ['0'], []],
  // totals kept per partner type (migration 0070)
  ['credential (any state)', { partnerType: 'Credential_Partner' }, ["p.partner_type_code = 'Credential_Partner'"], []],
  [
    'print + pending',
    { partnerType: 'Print_Partner', status: 'InProgress' },
    ["p.partner_type_code = 'Print_Partner'", "r.status_code = 'InProgress'"],
    [],
  ],
  // the comment's trigram index: few matches by id, many counted on the index, short ones by LIKE
  [
    'comment ~ CASE 4 (wide)',
    { partnerComment: 'CASE 4' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('CASE 4')],
  ],
  [
    'comment ~ services (every row)',
    { partnerComment: 'services' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('services')],
  ],
  [
    'comment ~ se (two characters)',
    { partnerComment: 'se' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('se')],
  ],
  // 1–2 characters through the spread index (0090): none, and dense (walked and capped instead)
  [
    'comment ~ zq (two characters, no row)',
    { partnerComment: 'zq' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('zq')],
  ],
  [
    'comment ~ 9 (one character, many rows)',
    { partnerComment: '9' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('9')],
  ],
  [
    'comment ~ case 4 + approved',
    { partnerComment: 'case 4', status: 'approved' },
    ["r.request_detail LIKE ? ESCAPE '\\'", "r.status_code = 'approved'"],
    [likeContains('case 4')],
  ],
  [
    'comment ~ case 42 + org ~ aurora',
    { partnerComment: 'case 42', orgName: 'aurora' },
    ["r.request_detail LIKE ? ESCAPE '\\'", "p.name LIKE ? ESCAPE '\\'"],
    [likeContains('case 42'), likeContains('aurora')],
  ],
  [
    'comment ~ 5 "%_ (quotes, LIKE characters)',
    { partnerComment: '5 "%_' },
    ["r.request_detail LIKE ? ESCAPE '\\'"],
    [likeContains('5 "%_')],
  ],
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
          const order = listPage(
            args,
            Object.fromEntries(Object.entries(LINK_LIST.sorts).map(([k, s]) => [k, s.terms])),
            'status',
            'asc',
          ).orderBy;
          const want = naive(
            { table: 'partner_policy_request', alias: 'r', where, params },
            order,
            pageSize,
            pageNo * pageSize,
          );
          expectPage(
            await page('linking.list', args),
            want,
            pageNo * pageSize,
            `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`,
          );
        }
      }
    }
  });

  it.each(Object.keys(API_KEY_LIST.sorts))('API keys sorted by %s', async (alias) => {
    const filters: Filter[] = [
      ['none', {}, [], []],
      ['deactivated', { status: 'deactivated' }, ['k.is_active = 0'], []],
      [
        'label ~ key 3 bank',
        { apiKeyLabel: 'key 3 bank' },
        ["k.label LIKE ? ESCAPE '\\'"],
        [likeContains('key 3 bank')],
      ],
      ['label ~ key (wide)', { apiKeyLabel: 'key' }, ["k.label LIKE ? ESCAPE '\\'"], [likeContains('key')]],
      [
        'label ~ KEY 3 (many rows, few values)',
        { apiKeyLabel: 'KEY 3' },
        ["k.label LIKE ? ESCAPE '\\'"],
        [likeContains('KEY 3')],
      ],
      [
        'label ~ y 1 ban (few rows)',
        { apiKeyLabel: 'y 1 ban' },
        ["k.label LIKE ? ESCAPE '\\'"],
        [likeContains('y 1 ban')],
      ],
      ['label ~ ke (two characters)', { apiKeyLabel: 'ke' }, ["k.label LIKE ? ESCAPE '\\'"], [likeContains('ke')]],
      [
        'label ~ 3 b + deactivated',
        { apiKeyLabel: '3 b', status: 'deactivated' },
        ["k.label LIKE ? ESCAPE '\\'", 'k.is_active = 0'],
        [likeContains('3 b')],
      ],
      [
        'label ~ key 2 + org ~ aurora',
        { apiKeyLabel: 'key 2', orgName: 'aurora' },
        ["k.label LIKE ? ESCAPE '\\'", "p.name LIKE ? ESCAPE '\\'"],
        [likeContains('key 2'), likeContains('aurora')],
      ],
      ['policy ~ policy 12', { policyName: 'policy 12' }, ["pol.name LIKE ? ESCAPE '\\'"], [likeContains('policy 12')]],
      [
        'expiring in 30 days',
        { expiryPeriod: 30, status: 'activated' },
        ['k.is_active = 1', 'k.valid_to > ?', 'k.valid_to <= ?'],
        [BENCH_NOW.toISOString(), new Date(BENCH_NOW.getTime() + 30 * 86_400_000).toISOString()],
      ],
    ];
    for (const [label, input, where, params] of filters) {
      for (const sortType of ['asc', 'desc'] as const) {
        for (const [pageNo, pageSize] of pages) {
          const args = { ...input, sortFieldName: alias, sortType, pageNo, pageSize };
          const order = listPage(
            args,
            Object.fromEntries(Object.entries(API_KEY_LIST.sorts).map(([k, s]) => [k, s.terms])),
            'createdDateTime',
            'desc',
          ).orderBy;
          const want = naive(
            { table: 'partner_policy', alias: 'k', where, params },
            order,
            pageSize,
            pageNo * pageSize,
          );
          expectPage(
            await page('apiKeys.list', args),
            want,
            pageNo * pageSize,
            `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`,
          );
        }
      }
    }
  });

  it.each(Object.keys(DEVICE_SORTS))(
    'devices sorted by %s (make / model value indexes, the status index without approved devices)',
    async (alias) => {
      const like = (column: string, v: string): Filter => [
        `${column} ~ ${v}`,
        { [column]: v },
        [`d.${column} LIKE ? ESCAPE '\\'`],
        [likeContains(v)],
      ];
      const filters: Filter[] = [
        ['none', {}, [], []],
        ...['approved', 'deactivated', 'pending_approval', 'rejected'].map((st): Filter => [
          `status ${st}`,
          { status: st },
          ['d.status = ?'],
          [st],
        ]),
        like('make', 'orbit'), // 1,250 rows of one value: counted from the value index, walked with a check
        like('make', 'ORB'),
        like('make', 'ac'), // two characters: LIKE over the distinct makes
        like('model', 'm-00042'), // 10 rows: fetched by id
        like('model', 'm-0'), // every model: more values than VALUES_MAX, so LIKE row by row
        like('model', '42'),
        [
          'make ~ orbit + model ~ 1',
          { make: 'orbit', model: '1' },
          ["d.make LIKE ? ESCAPE '\\'", "d.model LIKE ? ESCAPE '\\'"],
          [likeContains('orbit'), likeContains('1')],
        ],
        [
          'make ~ ORB + pending',
          { make: 'ORB', status: 'pending_approval' },
          ["d.make LIKE ? ESCAPE '\\'", 'd.status = ?'],
          [likeContains('ORB'), 'pending_approval'],
        ],
        [
          'model ~ m-00042 + approved',
          { model: 'm-00042', status: 'approved' },
          ["d.model LIKE ? ESCAPE '\\'", 'd.status = ?'],
          [likeContains('m-00042'), 'approved'],
        ],
        [
          'org ~ aurora + make ~ a',
          { orgName: 'aurora', make: 'a' },
          ["d.dprovider_id IN (SELECT id FROM partner WHERE name LIKE ? ESCAPE '\\')", "d.make LIKE ? ESCAPE '\\'"],
          [likeContains('aurora'), likeContains('a')],
        ],
      ];
      for (const [label, input, where, params] of filters) {
        for (const sortType of ['asc', 'desc'] as const) {
          for (const [pageNo, pageSize] of pages) {
            const args = { ...input, sortFieldName: alias, sortType, pageNo, pageSize };
            const order = listPage(args, DEVICE_SORTS, 'createdDateTime', 'desc').orderBy;
            const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
            const want = plainPage(
              `SELECT COUNT(*) FROM device_detail d NOT INDEXED ${w}`,
              `SELECT d.id FROM device_detail d NOT INDEXED ${w} ORDER BY ${order}`,
              params,
              pageSize,
              pageNo * pageSize,
            );
            expectPage(
              await page('devices.list', args),
              want,
              pageNo * pageSize,
              `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`,
            );
          }
        }
      }
    },
  );

  it.each([
    [
      'linking.list',
      'comment ~ services (phrase count)',
      { partnerComment: 'services' },
      "SELECT r.id FROM partner_policy_request r NOT INDEXED WHERE r.request_detail LIKE ? ESCAPE '\\' ORDER BY r.created_at DESC, r.id DESC",
      likeContains('services'),
    ],
    [
      'linking.list',
      'comment ~ se (LIKE count)',
      { partnerComment: 'se' },
      "SELECT r.id FROM partner_policy_request r NOT INDEXED WHERE r.request_detail LIKE ? ESCAPE '\\' ORDER BY r.created_at DESC, r.id DESC",
      likeContains('se'),
    ],
    [
      'devices.list',
      'model ~ m-0 (LIKE count)',
      { model: 'm-0' },
      "SELECT d.id FROM device_detail d NOT INDEXED WHERE d.model LIKE ? ESCAPE '\\' ORDER BY d.created_at DESC, d.id DESC",
      likeContains('m-0'),
    ],
  ] as const)(
    '%s %s: counted up to the cap, "more than" while rows follow, exact on the last page and past it',
    async (method, _label, filter, plainSql, param) => {
      const all = core.db.reader.prepare(plainSql).pluck().all(param) as string[];
      expect(all.length).toBeGreaterThan(CAP + 500);
      const at = (pageNo: number, pageSize: number) =>
        page(method, {
          ...filter,
          sortFieldName: 'createdDateTime',
          sortType: 'desc',
          pageNo,
          pageSize,
        });
      expect(await at(0, 8)).toEqual({ total: CAP, lowerBound: true, ids: all.slice(0, 8) });
      // past the cap, "more than" grows with the pages read
      expect(await at(100, 25)).toEqual({
        total: 2525,
        lowerBound: true,
        ids: all.slice(2500, 2525),
      });
      const size = 500;
      const last = Math.ceil(all.length / size) - 1;
      expect(await at(last - 1, size)).toEqual({
        total: last * size,
        lowerBound: true,
        ids: all.slice((last - 1) * size, last * size),
      });
      expect(await at(last, size)).toEqual({
        total: all.length,
        lowerBound: false,
        ids: all.slice(last * size),
      });
      expect(await at(last + 3, size)).toEqual({ total: all.length, lowerBound: false, ids: [] });
    },
  );

  it('partners, every sort (group name in two parts), filters on both sides of the threshold', async () => {
    const sorts = [
      'partnerId',
      'partnerType',
      'orgName',
      'policyGroupName',
      'emailAddress',
      'certificateUploadStatus',
      'status',
      'createdDateTime',
    ];
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
      [
        'org ~ a (wide) + active',
        { orgName: 'a', status: 'activated' },
        ["p.name LIKE ? ESCAPE '\\'", "p.approval_status = 'approved'", 'p.is_active = 1'],
        [likeContains('a')],
      ],
      ['group ~ group 1', { policyGroupName: 'group 1' }, ["g.name LIKE ? ESCAPE '\\'"], [likeContains('group 1')]],
    ];
    for (const alias of sorts) {
      for (const sortType of ['asc', 'desc'] as const) {
        const dir = sortType.toUpperCase();
        const inv = sortType === 'asc' ? 'DESC' : 'ASC';
        const orderBy = ORDER[alias]!.includes('DIR_INV')
          ? ORDER[alias]!.replaceAll('DIR_INV', inv)
          : ORDER[alias]!.split(', ')
              .map((t) => `${t} ${dir}`)
              .join(', ');
        for (const [label, input, where, params] of filters) {
          for (const [pageNo, pageSize] of pages) {
            const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
            const from = 'FROM partner p LEFT JOIN policy_group g ON g.id = p.policy_group_id';
            const want = plainPage(
              `SELECT COUNT(*) ${from} ${w}`,
              `SELECT p.id ${from} ${w} ORDER BY ${orderBy}`,
              params,
              pageSize,
              pageNo * pageSize,
            );
            const got = await page('partners.list', {
              ...input,
              sortFieldName: alias,
              sortType,
              pageNo,
              pageSize,
            });
            expect(got, `${label} ${alias} ${sortType} page ${pageNo}×${pageSize}`).toEqual({
              ...want,
              lowerBound: false,
            });
          }
        }
      }
    }
  });
});
