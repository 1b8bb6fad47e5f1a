/**
 * The server dataset of the sync benchmarks: at scale 1, 100k partners (with their users and
 * roles), 300 policy groups, 1,000 policies, 1M API keys (10 per partner), and for the 10k device
 * providers among them 100k SBIs and 1M devices. Built in SQL on a database set up through the
 * real first run (admin, signing CA), the big tables' indexes dropped during the load and
 * re-created from the schema's own SQL (as admin-data.ts does). The database is left standalone:
 * the server process opens it with `syncRole: 'server'`, and `becomeServer` logs every existing
 * row in the change log, as a real server does when it first starts on an existing database.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, DB_FILE } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { openDatabase } from '../../main/store/db.ts';
import { ADMIN } from '../helpers/core.ts';

export interface SyncSizes {
  partners: number;
  groups: number;
  policies: number;
  keysPerPartner: number;
  sbisPerProvider: number;
  devicesPerSbi: number;
}

export function syncSizes(scale: number): SyncSizes {
  return {
    partners: Math.max(10, Math.round(100_000 * scale)),
    groups: 300,
    policies: 1_000,
    keysPerPartner: 10,
    sbisPerProvider: 10,
    devicesPerSbi: 10,
  };
}

const TYPES = [
  'Auth_Partner',
  'Auth_Partner',
  'Auth_Partner',
  'Auth_Partner',
  'Auth_Partner',
  'Auth_Partner',
  'Credential_Partner',
  'Credential_Partner',
  'Device_Provider',
  'Print_Partner',
];
const DEVICE_TYPES: Array<[string, string]> = [
  ['Finger', 'Slap'],
  ['Finger', 'Single'],
  ['Finger', 'Touchless'],
  ['Iris', 'Single'],
  ['Iris', 'Double'],
  ['Face', 'Full face'],
];
const MAKES = ['Acme', 'Sentinel', 'IrisPoint', 'Visage', 'Dermalog', 'Precise', 'Nova', 'Orbit'];
const T0 = Date.parse('2024-11-21T00:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const partnerId = (i: number) => `partner-${pad(i, 6)}`;
const groupId = (g: number) => `grp${pad(g, 5)}`;
const policyId = (p: number) => `pol${pad(p, 6)}`;

/** Replicated rows the dataset holds (what a first admin sync moves, the admin's own rows aside). */
export function rowCount(S: SyncSizes): number {
  const providers = Math.ceil(S.partners / 10);
  const sbis = providers * S.sbisPerProvider;
  return S.partners * 3 + S.groups + S.policies + S.partners * S.keysPerPartner + sbis + sbis * S.devicesPerSbi;
}

function dropIndexes(db: ReturnType<typeof openDatabase>, table: string): string[] {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as Array<{ name: string; sql: string }>;
  for (const r of rows) db.exec(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.sql);
}

export async function buildSyncData(dataDir: string, S: SyncSizes, log: (m: string) => void): Promise<void> {
  // The real first run: the admin account and the deployment's signing CA.
  const core = openCore({
    hardware: createHardwareHub,
    dataDir,
    publicUrl: 'http://127.0.0.1/',
    config: parseConfig({}),
    log: () => undefined,
  });
  const setup = await core.dispatch('setup.createAdmin', null, ADMIN);
  core.close();
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);

  const db = openDatabase(join(dataDir, DB_FILE));
  db.pragma('synchronous = OFF');
  const t = performance.now();
  const deferred = ['app_user', 'partner', 'partner_policy', 'secure_biometric_interface', 'device_detail'].flatMap(
    (tb) => dropIndexes(db, tb),
  );
  db.transaction(() => {
    const user = db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'Pat', 'Partner', ?, 'scrypt$bench', 'en', ?, ?)",
    );
    const role = db.prepare('INSERT INTO user_role (user_id, role) SELECT ?, role FROM partner_type WHERE code = ?');
    const partner = db.prepare(
      `INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, policy_group_id, approval_status, is_active, lang_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'Bench Street 1', '+2250700000000', ?, ?, 'approved', 1, 'en', ?, ?)`,
    );
    const group = db.prepare(
      "INSERT INTO policy_group (id, name, descr, is_active, cr_by, created_at, updated_at) VALUES (?, ?, 'bench group', 1, 'admin', ?, ?)",
    );
    for (let g = 0; g < S.groups; g++) group.run(groupId(g), `Group ${g}`, iso(T0), iso(T0));
    const policy = db.prepare(
      `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, published_at, updated_at)
       VALUES (?, ?, ?, 'bench policy', 'Auth', '{"authTokenType":"policy","allowedKycAttributes":[{"attributeName":"fullName"}]}', 'https://schemas.mosip.io/v1/bench', 1, 'admin', ?, ?, ?)`,
    );
    for (let p = 0; p < S.policies; p++)
      policy.run(policyId(p), groupId(p % S.groups), `Policy ${p}`, iso(T0), iso(T0), iso(T0));
    const key = db.prepare(
      'INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
    );
    const sbi = db.prepare(
      `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, 'hash', ?, ?, ?, 'approved', 1, 'bench', ?, ?)`,
    );
    const dev = db.prepare(
      `INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, sbi_version, approval_status, is_active, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved', 1, 'bench', ?, ?)`,
    );
    let n = 0;
    let s = 0;
    let d = 0;
    for (let i = 0; i < S.partners; i++) {
      const id = partnerId(i);
      const type = TYPES[i % TYPES.length]!;
      const org = `Org ${i}`;
      const time = iso(T0 + i * 60_000);
      user.run(id, `contact${i}@partner${i}.example`, org, time, time);
      role.run(id, type);
      partner.run(
        id,
        id,
        type,
        org,
        `contact${i}@partner${i}.example`,
        type === 'Device_Provider' ? null : groupId(i % S.groups),
        time,
        time,
      );
      for (let j = 0; j < S.keysPerPartner; j++, n++) {
        key.run(
          `key${pad(n, 8)}`,
          n.toString(16).padStart(64, '0'),
          id,
          policyId((i + j) % S.policies),
          `key ${j} of ${org}`,
          iso(T0 + 3650 * DAY),
          id,
          time,
          time,
        );
      }
      if (type !== 'Device_Provider') continue;
      for (let k = 0; k < S.sbisPerProvider; k++, s++) {
        const sbiId = `sbi-${pad(s, 7)}`;
        const version = `${k}.${pad(s, 6)}`;
        sbi.run(sbiId, id, org, version, time, iso(T0 + 1500 * DAY), time, time);
        for (let m = 0; m < S.devicesPerSbi; m++, d++) {
          const [dt, ds] = DEVICE_TYPES[d % DEVICE_TYPES.length]!;
          dev.run(
            `dev-${pad(d, 7)}`,
            id,
            dt,
            ds,
            MAKES[d % MAKES.length]!,
            `M-${pad(d, 7)}`,
            org,
            sbiId,
            version,
            time,
            time,
          );
        }
      }
    }
  })();
  log(`rows inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const ti = performance.now();
  for (const sql of deferred) db.exec(sql);
  log(`indexes re-created in ${((performance.now() - ti) / 1000).toFixed(1)} s`);
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
