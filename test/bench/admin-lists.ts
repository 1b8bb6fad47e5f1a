/**
 * Benchmark: every admin list (filter + sort + page) and dashboard count on a large database —
 * 100k partners, 1M link requests, 1M API keys, 100k OIDC clients, 10k policies in 3,000 groups.
 * Each query goes through core.dispatch (session, role gate, input and output schemas included),
 * RUNS times after a warm-up; prints p50 / p95 per query. Goal: p95 ≤ 20 ms.
 * Run: npm run bench -- admin-lists   (RUNS=40 by default; KEEP=1 keeps the data directory)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { DB_FILE } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { hashPassword } from '../../main/core/accounts/passwords.ts';
import type { MethodName } from '../../main/contract/index.ts';
import { BENCH_NOW, SIZES, buildAdminData } from './admin-data.ts';

const RUNS = Number(process.env.RUNS ?? 40);
const GOAL_MS = 20;
const PASSWORD = 'Bench-Admin-1!';

type Scenario = [label: string, method: MethodName, input: Record<string, unknown>, who?: 'admin' | 'partner'];

const SCENARIOS: Scenario[] = [
  // Partners (100k)
  ['partners: default (newest first)', 'partners.list', {}],
  ...[
    'partnerId',
    'partnerType',
    'orgName',
    'policyGroupName',
    'emailAddress',
    'certificateUploadStatus',
    'status',
    'createdDateTime',
  ].map((f): Scenario => [`partners: sort ${f} asc`, 'partners.list', { sortFieldName: f, sortType: 'asc' }]),
  [
    'partners: sort policyGroupName desc, page 500',
    'partners.list',
    { sortFieldName: 'policyGroupName', sortType: 'desc', pageNo: 500 },
  ],
  [
    'partners: sort orgName asc, page 1000',
    'partners.list',
    { sortFieldName: 'orgName', sortType: 'asc', pageNo: 1000 },
  ],
  ['partners: status=activated, by created', 'partners.list', { status: 'activated' }],
  [
    'partners: type=Credential_Partner, by orgName',
    'partners.list',
    { partnerType: 'Credential_Partner', sortFieldName: 'orgName', sortType: 'asc' },
  ],
  ['partners: orgName~"aurora bank", by created', 'partners.list', { orgName: 'aurora bank' }],
  ['partners: partnerId~"partner-0421"', 'partners.list', { partnerId: 'partner-0421' }],
  ['partners: email~"contact4217@"', 'partners.list', { emailAddress: 'contact4217@' }],
  [
    'partners: group~"group 42", by group name',
    'partners.list',
    { policyGroupName: 'group 42', sortFieldName: 'policyGroupName', sortType: 'asc' },
  ],
  ['partners: not_uploaded, by created', 'partners.list', { certificateUploadStatus: 'not_uploaded' }],

  // Policy groups (3k) and policies (10k)
  ['policy groups: default', 'policyGroups.list', {}],
  ...['policyGroupId', 'name', 'description', 'createdDateTime', 'status'].map((f): Scenario => [
    `policy groups: sort ${f} asc`,
    'policyGroups.list',
    { sortFieldName: f, sortType: 'asc' },
  ]),
  ['policy groups: name~"bank"', 'policyGroups.list', { name: 'bank' }],
  ['policy groups: status=deactivated', 'policyGroups.list', { status: 'deactivated' }],
  ['policy groups: search active "bank" (partner)', 'policyGroups.searchActive', { name: 'bank' }, 'partner'],
  ['auth policies: default', 'policies.list', { policyType: 'Auth' }],
  ...['policyId', 'policyName', 'policyDescription', 'policyGroupName', 'createdDateTime', 'status'].map(
    (f): Scenario => [
      `auth policies: sort ${f} asc`,
      'policies.list',
      { policyType: 'Auth', sortFieldName: f, sortType: 'asc' },
    ],
  ),
  ['data share policies: status=draft', 'policies.list', { policyType: 'DataShare', status: 'draft' }],
  ['auth policies: group~"bank"', 'policies.list', { policyType: 'Auth', policyGroupName: 'bank' }],

  // Partner-policy linking (1M)
  ['linking: default (pending first)', 'linking.list', {}],
  ...[
    'partnerId',
    'partnerType',
    'orgName',
    'policyId',
    'policyName',
    'policyGroupName',
    'createdDateTime',
    'status',
  ].map((f): Scenario => [`linking: sort ${f} desc`, 'linking.list', { sortFieldName: f, sortType: 'desc' }]),
  ['linking: default, page 1000', 'linking.list', { pageNo: 1000 }],
  [
    'linking: status=InProgress, by created',
    'linking.list',
    { status: 'InProgress', sortFieldName: 'createdDateTime', sortType: 'desc' },
  ],
  [
    'linking: status=approved, by orgName',
    'linking.list',
    { status: 'approved', sortFieldName: 'orgName', sortType: 'asc' },
  ],
  ['linking: partnerId~"partner-04217"', 'linking.list', { partnerId: 'partner-04217' }],
  ['linking: orgName~"aurora bank"', 'linking.list', { orgName: 'aurora bank' }],
  ['linking: policyName~"policy 4217"', 'linking.list', { policyName: 'policy 4217' }],
  [
    'linking: group~"group 421", by group',
    'linking.list',
    { policyGroupName: 'group 421', sortFieldName: 'policyGroupName', sortType: 'asc' },
  ],
  [
    'linking: Credential_Partner + pending',
    'linking.list',
    { partnerType: 'Credential_Partner', status: 'InProgress' },
  ],
  ['linking: comment~"case 421 "', 'linking.list', { partnerComment: 'case 421 ' }],
  ['linking: Credential_Partner, any state', 'linking.list', { partnerType: 'Credential_Partner' }],
  ['linking: comment~"case 42" (11k rows)', 'linking.list', { partnerComment: 'case 42' }],
  ['linking: comment~"services" (every row)', 'linking.list', { partnerComment: 'services' }],
  ['linking: comment~"se" (2 characters, every row)', 'linking.list', { partnerComment: 'se' }],
  ['linking: comment~"zq" (2 characters, no row)', 'linking.list', { partnerComment: 'zq' }],
  ['linking: comment~"ç" (1 character, no row)', 'linking.list', { partnerComment: 'ç' }],
  ['linking: partner user, own list', 'linking.list', {}, 'partner'],

  // API keys (1M)
  ['api keys: default', 'apiKeys.list', {}],
  ...[
    'partnerId',
    'apiKeyLabel',
    'orgName',
    'policyName',
    'policyGroupName',
    'status',
    'createdDateTime',
    'apiKeyExpiryDateTime',
  ].map((f): Scenario => [`api keys: sort ${f} asc`, 'apiKeys.list', { sortFieldName: f, sortType: 'asc' }]),
  ['api keys: status=deactivated', 'apiKeys.list', { status: 'deactivated' }],
  [
    'api keys: expiring in 30 days',
    'apiKeys.list',
    {
      expiryPeriod: 30,
      status: 'activated',
      sortFieldName: 'apiKeyExpiryDateTime',
      sortType: 'asc',
    },
  ],
  ['api keys: partnerId~"partner-04217"', 'apiKeys.list', { partnerId: 'partner-04217' }],
  ['api keys: orgName~"aurora bank"', 'apiKeys.list', { orgName: 'aurora bank' }],
  [
    'api keys: policyName~"policy 4217"',
    'apiKeys.list',
    { policyName: 'policy 4217', sortFieldName: 'policyName', sortType: 'asc' },
  ],
  ['api keys: label~"key 3 bank"', 'apiKeys.list', { apiKeyLabel: 'key 3 bank' }],
  ['api keys: label~"key 3 cr" (17k rows)', 'apiKeys.list', { apiKeyLabel: 'key 3 cr' }],
  [
    'api keys: label~"y 3" (100k rows), by label',
    'apiKeys.list',
    { apiKeyLabel: 'y 3', sortFieldName: 'apiKeyLabel', sortType: 'asc' },
  ],
  ['api keys: label~"ba" (2 characters)', 'apiKeys.list', { apiKeyLabel: 'ba' }],
  ['api keys: partner user, own list', 'apiKeys.list', {}, 'partner'],

  // OIDC clients (100k)
  ['oidc clients: default', 'oidcClients.list', {}],
  ...['partnerId', 'orgName', 'policyGroupName', 'policyName', 'clientName', 'status', 'createdDateTime'].map(
    (f): Scenario => [`oidc clients: sort ${f} asc`, 'oidcClients.list', { sortFieldName: f, sortType: 'asc' }],
  ),
  ['oidc clients: status=INACTIVE', 'oidcClients.list', { status: 'INACTIVE' }],
  ['oidc clients: clientName~"portal 4217"', 'oidcClients.list', { clientName: 'portal 4217' }],
  ['oidc clients: orgName~"aurora bank"', 'oidcClients.list', { orgName: 'aurora bank' }],

  // Dashboard counts
  ['dashboard: admin (pending linking count)', 'dashboard.summary', {}],
  ['dashboard: auth partner (keys expiring in 30 days)', 'dashboard.summary', {}, 'partner'],
];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function main(): Promise<void> {
  // REUSE=<dir> runs on a directory kept by an earlier KEEP=1 run instead of building again.
  const reuse = process.env.REUSE;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'pd-bench-lists-'));
  if (!reuse) {
    console.log(
      `Building ${SIZES.partners.toLocaleString()} partners, ${(SIZES.partners * SIZES.perPartner).toLocaleString()} link requests and API keys, ${SIZES.clients.toLocaleString()} OIDC clients in ${dir} …`,
    );
    buildAdminData(join(dir, DB_FILE), (m) => console.log(`  ${m}`));
  }
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1/',
    now: () => new Date(BENCH_NOW),
    config: parseConfig({}),
    log: () => undefined,
  });
  try {
    const hash = await hashPassword(PASSWORD, Buffer.alloc(16, 7));
    const w = core.db.writer;
    w.prepare('DELETE FROM app_session').run();
    w.prepare("DELETE FROM user_role WHERE user_id = 'bench-admin'").run();
    w.prepare("DELETE FROM app_user WHERE id = 'bench-admin'").run();
    w.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('bench-admin', 'admin@bench.example', 'B', 'Admin', 'Bench', ?, 'en', ?, ?)",
    ).run(hash, BENCH_NOW.toISOString(), BENCH_NOW.toISOString());
    w.prepare(
      "INSERT INTO user_role (user_id, role) VALUES ('bench-admin', 'PARTNER_ADMIN'), ('bench-admin', 'POLICYMANAGER')",
    ).run();
    w.prepare("UPDATE app_user SET password_hash = ? WHERE id = 'partner-000000'").run(hash);
    const login = async (name: string) => {
      const r = await core.dispatch('auth.login', null, { login: name, password: PASSWORD });
      if (!r.ok) throw new Error(`login ${name}: ${r.error.message}`);
      return (r.result as { token: string }).token;
    };
    const sessions = { admin: await login('bench-admin'), partner: await login('partner-000000') };

    const results: Array<{ label: string; p50: number; p95: number; total: number | null }> = [];
    for (const [label, method, input, who = 'admin'] of SCENARIOS) {
      const times: number[] = [];
      let total: number | null = null;
      for (let i = 0; i < RUNS + 3; i++) {
        const t = performance.now();
        const r = await core.dispatch(method, sessions[who], input);
        const ms = performance.now() - t;
        if (!r.ok) throw new Error(`${label}: ${r.error.code} ${r.error.message}`);
        if (i >= 3) times.push(ms);
        total = (r.result as { totalResults?: number }).totalResults ?? null;
      }
      results.push({ label, p50: pct(times, 50), p95: pct(times, 95), total });
    }
    const width = Math.max(...results.map((r) => r.label.length));
    console.log(`\n${'query'.padEnd(width)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${'rows'.padStart(9)}`);
    for (const r of results) {
      const flag = r.p95 > GOAL_MS ? '  ← over goal' : '';
      console.log(
        `${r.label.padEnd(width)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}  ${(r.total ?? '').toLocaleString().padStart(9)}${flag}`,
      );
    }
    const over = results.filter((r) => r.p95 > GOAL_MS);
    console.log(
      `\n${results.length} queries, ${RUNS} runs each; worst p95 ${Math.max(...results.map((r) => r.p95)).toFixed(2)} ms; ${over.length} over the ${GOAL_MS} ms goal.`,
    );
  } finally {
    core.close();
    if (!process.env.KEEP && !reuse) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
