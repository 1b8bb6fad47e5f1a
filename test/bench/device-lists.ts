/**
 * Benchmark: SBI, device and FTM admin lists, the dashboard counts and the SBI expiry job on a large
 * database — 1,000 device providers, 100k SBIs, 1M devices, 10k FTM chips, bulk-inserted in one
 * transaction into a temp data directory. Each list goes through core.dispatch (session, role
 * gate, schemas), RUNS times after a warm-up; prints p50 / p95. Goals: lists and counts p95 ≤ 20 ms,
 * the expiry job over 100k SBIs (10k of them expired, with their devices) ≤ 2 s.
 * Run: npm run bench -- device-lists   (RUNS=40 by default; KEEP=1 keeps the data directory)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { hashPassword } from '../../main/core/accounts/passwords.ts';
import type { MethodName } from '../../main/contract/index.ts';

const RUNS = Number(process.env.RUNS ?? 40);
const GOAL_MS = 20;
const JOB_GOAL_MS = 2000;
const PASSWORD = 'Bench-Admin-1!';
const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const S = { providers: 1_000, sbis: 100_000, devicesPerSbi: 10, ftmProviders: 100, chips: 10_000 };
const TYPES: Array<[string, string]> = [
  ['Finger', 'Slap'],
  ['Finger', 'Single'],
  ['Finger', 'Touchless'],
  ['Iris', 'Single'],
  ['Iris', 'Double'],
  ['Face', 'Full face'],
];
const MAKES = ['Acme', 'Sentinel', 'IrisPoint', 'Visage', 'Dermalog', 'Precise', 'Nova', 'Orbit'];

type Scenario = [label: string, method: MethodName, input: Record<string, unknown>, who?: 'admin' | 'provider' | 'ftm'];
const SCENARIOS: Scenario[] = [
  ['sbis: default (newest first)', 'sbis.list', {}],
  ...[
    'partnerId',
    'orgName',
    'sbiId',
    'sbiVersion',
    'sbiCreatedDateTime',
    'sbiExpiryDateTime',
    'sbiExpiryStatus',
    'status',
    'createdDateTime',
  ].map((f): Scenario => [`sbis: sort ${f} asc`, 'sbis.list', { sortFieldName: f, sortType: 'asc' }]),
  [
    'sbis: sort countOfAssociatedDevices desc',
    'sbis.list',
    { sortFieldName: 'countOfAssociatedDevices', sortType: 'desc' },
  ],
  ['sbis: default, page 1000', 'sbis.list', { pageNo: 1000 }],
  ['sbis: status=pending_approval', 'sbis.list', { status: 'pending_approval' }],
  [
    'sbis: status=approved, by version',
    'sbis.list',
    { status: 'approved', sortFieldName: 'sbiVersion', sortType: 'asc' },
  ],
  ['sbis: expired', 'sbis.list', { sbiExpiryStatus: 'expired' }],
  ['sbis: partnerId~"dp-0421"', 'sbis.list', { partnerId: 'dp-0421' }],
  ['sbis: orgName~"vendor 42"', 'sbis.list', { orgName: 'vendor 42' }],
  ['sbis: sbiVersion~"4217"', 'sbis.list', { sbiVersion: '4217' }],
  ['sbis: provider, own cards', 'sbis.list', {}, 'provider'],
  ['devices: default (newest first)', 'devices.list', {}],
  ...[
    'deviceId',
    'sbiId',
    'sbiVersion',
    'partnerId',
    'orgName',
    'deviceType',
    'deviceSubType',
    'make',
    'model',
    'status',
    'createdDateTime',
  ].map((f): Scenario => [`devices: sort ${f} asc`, 'devices.list', { sortFieldName: f, sortType: 'asc' }]),
  ['devices: default, page 1000', 'devices.list', { pageNo: 1000 }],
  ['devices: status=pending_approval', 'devices.list', { status: 'pending_approval' }],
  ['devices: status=approved, by make', 'devices.list', { status: 'approved', sortFieldName: 'make', sortType: 'asc' }],
  ['devices: type=Iris', 'devices.list', { deviceTypeCode: 'Iris' }],
  ['devices: type=Face + subtype', 'devices.list', { deviceTypeCode: 'Face', deviceSubTypeCode: 'Full face' }],
  ['devices: partnerId~"dp-0421"', 'devices.list', { partnerId: 'dp-0421' }],
  ['devices: orgName~"vendor 42"', 'devices.list', { orgName: 'vendor 42' }],
  ['devices: sbiVersion~"4217"', 'devices.list', { sbiVersion: '4217' }],
  ['devices: of one SBI (linked devices)', 'devices.list', { sbiId: 'sbi-0042170' }],
  ['devices: orphans', 'devices.list', { orphan: true }],
  ['devices: make~"orbit"', 'devices.list', { make: 'orbit' }],
  ['devices: model~"m-0421"', 'devices.list', { model: 'm-0421' }],
  ['devices: make~"or" (2 characters)', 'devices.list', { make: 'or' }],
  ['devices: make~"orbit" + status=approved', 'devices.list', { make: 'orbit', status: 'approved' }],
  ['devices: model~"m-04217" + make~"a"', 'devices.list', { model: 'm-04217', make: 'a' }],
  ['devices: model~"m-0" (every model: LIKE)', 'devices.list', { model: 'm-0' }],
  ['devices: status=deactivated', 'devices.list', { status: 'deactivated' }],
  ['devices: status=approved', 'devices.list', { status: 'approved' }],
  ['devices: sort status desc', 'devices.list', { sortFieldName: 'status', sortType: 'desc' }],
  ['devices: sort status asc, page 1000', 'devices.list', { sortFieldName: 'status', sortType: 'asc', pageNo: 1000 }],
  ['devices: provider, own list', 'devices.list', {}, 'provider'],
  ['ftm: default', 'ftm.list', {}],
  ['ftm: status=pending_approval', 'ftm.list', { status: 'pending_approval' }],
  ['ftm: sort make asc', 'ftm.list', { sortFieldName: 'make', sortType: 'asc' }],
  ['dashboard: admin (pending SBI, device, FTM)', 'dashboard.summary', {}],
  ['dashboard: device provider (SBIs expiring)', 'dashboard.summary', {}, 'provider'],
  ['dashboard: FTM provider (chip certs expiring)', 'dashboard.summary', {}, 'ftm'],
];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (ms: number) => new Date(ms).toISOString();

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-devices-'));
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1/',
    now: () => new Date(NOW),
    config: parseConfig({}),
    log: () => undefined,
  });
  try {
    const hash = await hashPassword(PASSWORD, Buffer.alloc(16, 7));
    const w = core.db.writer;
    const t0 = performance.now();
    console.log(
      `Building ${S.providers} device providers, ${S.sbis.toLocaleString()} SBIs, ${(S.sbis * S.devicesPerSbi).toLocaleString()} devices, ${S.chips.toLocaleString()} FTM chips in ${dir} …`,
    );
    w.transaction(() => {
      const t = NOW.toISOString();
      const user = w.prepare(
        "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'B', 'U', ?, ?, 'en', ?, ?)",
      );
      const role = w.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)');
      const partner = w.prepare(
        "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES (?, ?, ?, ?, 'a', '1', ?, 'approved', 1, 'en', ?, ?)",
      );
      user.run('bench-admin', 'admin@bench.example', 'Bench', hash, t, t);
      role.run('bench-admin', 'PARTNER_ADMIN');
      const org = (i: number) => `Vendor ${i}`;
      for (let p = 0; p < S.providers; p++) {
        const id = `dp-${pad(p, 4)}`;
        user.run(id, `${id}@bench.example`, org(p), hash, t, t);
        role.run(id, 'DEVICE_PROVIDER');
        partner.run(id, id, 'Device_Provider', org(p), `${id}@bench.example`, t, t);
      }
      for (let p = 0; p < S.ftmProviders; p++) {
        const id = `ftm-${pad(p, 3)}`;
        user.run(id, `${id}@bench.example`, `Chipworks ${p}`, hash, t, t);
        role.run(id, 'FTM_PROVIDER');
        partner.run(id, id, 'FTM_Provider', `Chipworks ${p}`, `${id}@bench.example`, t, t);
      }
      const sbi = w.prepare(
        `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at)
         VALUES (?, ?, ?, 'hash', ?, ?, ?, ?, ?, 'bench', ?, ?)`,
      );
      const dev = w.prepare(
        `INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, sbi_version, approval_status, is_active, cr_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`,
      );
      const SBI_STATES: Array<[string, number]> = [
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['pending_approval', 0],
        ['rejected', 0],
        ['approved', 0],
      ];
      const DEV_STATES: Array<[string, number]> = [
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['approved', 1],
        ['pending_approval', 0],
        ['pending_approval', 0],
        ['rejected', 0],
        ['approved', 0],
      ];
      let d = 0;
      for (let i = 0; i < S.sbis; i++) {
        const p = i % S.providers;
        const provider = `dp-${pad(p, 4)}`;
        const id = `sbi-${pad(i, 7)}`;
        const version = `${Math.floor(i / S.providers)}.${pad(i, 6)}`;
        const [state, active] = SBI_STATES[(i * 7) % 10]!;
        const created = NOW.getTime() - 800 * DAY + Math.floor((i / S.sbis) * 790 * DAY);
        // one in ten expired (10k), a few expiring within 30 days, the rest later
        const expiry = i % 10 === 3 ? NOW.getTime() - ((i % 300) + 1) * DAY : NOW.getTime() + ((i % 1500) + 1) * DAY;
        sbi.run(
          id,
          provider,
          org(p),
          version,
          iso(created - 30 * DAY),
          iso(expiry),
          state,
          active,
          iso(created),
          iso(created),
        );
        for (let k = 0; k < S.devicesPerSbi; k++, d++) {
          const [type, sub] = TYPES[d % TYPES.length]!;
          const [ds, da] = DEV_STATES[(d * 3) % 10]!;
          // the last device of every 1,000th SBI has lost its SBI link (an orphan)
          const orphan = i % 1000 === 999 && k === S.devicesPerSbi - 1;
          dev.run(
            `dev-${pad(d, 7)}`,
            provider,
            type,
            sub,
            MAKES[d % MAKES.length]!,
            `M-${pad(d, 7)}`,
            org(p),
            orphan ? null : id,
            orphan ? null : version,
            ds,
            da,
            iso(created + k * 60_000),
            iso(created + k * 60_000),
          );
        }
      }
      const chip = w.prepare(
        `INSERT INTO ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, approval_status, is_active, certificate_alias, certificate_der, cert_not_after, cert_uploaded_at, cr_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`,
      );
      for (let c = 0; c < S.chips; c++) {
        const p = c % S.ftmProviders;
        const created = NOW.getTime() - 500 * DAY + c * 3_600_000;
        const state = (['approved', 'pending_approval', 'pending_cert_upload', 'rejected'] as const)[c % 4]!;
        const cert = state !== 'pending_cert_upload';
        chip.run(
          `ftm-chip-${pad(c, 5)}`,
          `ftm-${pad(p, 3)}`,
          MAKES[c % MAKES.length]!,
          `C-${pad(c, 5)}`,
          `Chipworks ${p}`,
          state,
          state === 'approved' ? 1 : 0,
          cert ? `alias-${c}` : null,
          cert ? Buffer.alloc(8) : null,
          cert ? iso(NOW.getTime() + ((c % 400) + 1) * DAY) : null,
          cert ? iso(created) : null,
          iso(created),
          iso(created),
        );
      }
    })();
    // no ANALYZE: installed databases have no statistics, so the plans are the ones users get.
    // The bulk load leaves a ~1 GB WAL; an installed database has none, and the job must not pay for it.
    w.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const login = async (name: string) => {
      const r = await core.dispatch('auth.login', null, { login: name, password: PASSWORD });
      if (!r.ok) throw new Error(`login ${name}: ${r.error.message}`);
      return (r.result as { token: string }).token;
    };
    const sessions = {
      admin: await login('bench-admin'),
      provider: await login('dp-0042'),
      ftm: await login('ftm-007'),
    };
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

    const tj = performance.now();
    const job = await core.runAsSystem('sbis.expireDue', {});
    const jobMs = performance.now() - tj;
    console.log(
      `\nSBI expiry job over ${S.sbis.toLocaleString()} SBIs: ${jobMs.toFixed(0)} ms (goal ${JOB_GOAL_MS} ms) — ${JSON.stringify(job)}`,
    );
  } finally {
    core.close();
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
