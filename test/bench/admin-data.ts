/**
 * A large Partner Desk database for the admin-list benchmark: 100k partners (and their users),
 * 3,000 policy groups, 10,000 policies, 1M link requests, 1M API keys and 100k OIDC clients.
 * Built through the real migrations; the big tables' indexes are dropped during the bulk insert
 * and re-created from the schema's own SQL, so the result is exactly the shipped schema.
 * No ANALYZE: installed databases have no statistics, so the benchmark runs the same plans.
 */
import { openDatabase } from '../../main/store/db.ts';

export const SIZES = {
  partners: 100_000,
  groups: 3_000,
  policies: 10_000,
  perPartner: 10,
  clients: 100_000,
};
export type Sizes = typeof SIZES;

const ADJ = [
  'Aurora',
  'Sahel',
  'Nile',
  'Atlas',
  'Baobab',
  'Cedar',
  'Delta',
  'Equator',
  'Falcon',
  'Granite',
  'Harbor',
  'Indigo',
  'Jade',
  'Kilimanjaro',
  'Lagoon',
  'Meridian',
  'Nomad',
  'Oasis',
  'Pioneer',
  'Quartz',
  'River',
  'Savanna',
  'Tamarind',
  'Unity',
  'Volta',
  'Willow',
  'Xenon',
  'Yield',
  'Zenith',
  'Amber',
  'Beacon',
  'Coral',
  'Dune',
  'Ember',
  'Fjord',
  'Gazelle',
  'Horizon',
  'Ivory',
  'Juniper',
  'Kestrel',
  'Lotus',
  'Mango',
  'Nova',
  'Onyx',
  'Pepper',
  'Quill',
  'Rowan',
  'Summit',
  'Tide',
  'Umber',
];
const NOUN = [
  'Bank',
  'Telecom',
  'Identity',
  'Credit',
  'Insurance',
  'Health',
  'Pension',
  'Registry',
  'Transit',
  'Energy',
  'Water',
  'Post',
  'Microfinance',
  'Cooperative',
  'Payments',
  'Wallet',
  'Clinic',
  'Pharmacy',
  'School',
  'University',
  'Customs',
  'Tax',
  'Land',
  'Agri',
  'Fisheries',
  'Mining',
  'Logistics',
  'Airline',
  'Rail',
  'Hotel',
  'Retail',
  'Market',
  'Broker',
  'Exchange',
  'Lottery',
  'Security',
  'Verification',
  'Kiosk',
  'Print',
  'Card',
  'Device',
  'Sensor',
  'Biometric',
  'Cloud',
  'Data',
  'Software',
  'Network',
  'Mobile',
  'Satellite',
  'Media',
  'Press',
  'Radio',
  'TV',
  'Sports',
  'Charity',
  'Relief',
  'Housing',
  'Court',
  'Police',
  'Civil',
];
const SUFFIX = [
  'Services',
  'Group',
  'Holdings',
  'Ltd',
  'SA',
  'SARL',
  'Partners',
  'Labs',
  'Systems',
  'Networks',
  'Solutions',
  'Agency',
];
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
const POLICY_REQUIRED = new Set(['Auth_Partner', 'Credential_Partner', 'Print_Partner']);

const T0 = Date.parse('2024-11-21T00:00:00.000Z');
const SPAN = 2 * 365 * 86_400_000;
export const BENCH_NOW = new Date(T0 + SPAN + 86_400_000);
const iso = (ms: number) => new Date(ms).toISOString();

export const partnerId = (i: number) => `partner-${String(i).padStart(6, '0')}`;
export const orgName = (i: number) =>
  `${ADJ[i % ADJ.length]} ${NOUN[(i * 7) % NOUN.length]} ${SUFFIX[(i * 13) % SUFFIX.length]} ${i}`;
export const groupId = (g: number) => `grp${String(g).padStart(5, '0')}`;
export const policyId = (p: number) => `pol${String(p).padStart(6, '0')}`;
const policyStatus = (p: number) => (p % 20 < 14 ? 'activated' : p % 20 < 17 ? 'draft' : 'deactivated');
const linkPolicy = (S: Sizes, i: number, j: number) => (i * 7 + j * 1009) % S.policies;

const AUTH_JSON = JSON.stringify({
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'gender' }, { attributeName: 'dateOfBirth' }],
  allowedAuthTypes: [
    { authType: 'bio', authSubType: 'FINGER', mandatory: false },
    { authType: 'otp', authSubType: '', mandatory: false },
  ],
});
const SHARE_JSON = JSON.stringify({
  dataSharePolicies: {
    typeOfShare: 'Data Share',
    validForInMinutes: '30',
    transactionsAllowed: '2',
    encryptionType: 'Partner Based',
    shareDomain: 'datashare.datashare',
    source: 'ID Repository',
  },
  shareableAttributes: [{ attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false }],
});

/** Drops a table's own indexes and returns their CREATE statements, to re-create after the load. */
function dropIndexes(db: ReturnType<typeof openDatabase>, table: string): string[] {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as Array<{ name: string; sql: string }>;
  for (const r of rows) db.exec(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.sql);
}

export function buildAdminData(file: string, log: (m: string) => void = () => undefined, S: Sizes = SIZES): void {
  const db = openDatabase(file);
  db.pragma('synchronous = OFF');
  const t = performance.now();
  const deferred = ['app_user', 'partner', 'partner_policy_request', 'partner_policy', 'oidc_client'].flatMap((tb) =>
    dropIndexes(db, tb),
  );
  db.transaction(() => {
    const user = db.prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'Pat', 'Partner', ?, 'scrypt$bench', 'en', ?, ?)",
    );
    const role = db.prepare('INSERT INTO user_role (user_id, role) SELECT ?, role FROM partner_type WHERE code = ?');
    const partner = db.prepare(
      `INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, policy_group_id, certificate_alias, approval_status, is_active, lang_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'Bench Street 1', '+2250700000000', ?, ?, ?, ?, ?, 'en', ?, ?)`,
    );
    for (let i = 0; i < S.partners; i++) {
      const id = partnerId(i);
      const type = TYPES[i % TYPES.length]!;
      const time = iso(T0 + Math.floor((i / S.partners) * SPAN * 0.5));
      const state = i % 20;
      const approval = state < 17 ? 'approved' : state < 19 ? 'InProgress' : 'rejected';
      const group = POLICY_REQUIRED.has(type) && i % 50 !== 49 ? groupId(i % S.groups) : null;
      user.run(id, `contact${i}@partner${i}.example`, orgName(i), time, time);
      role.run(id, type);
      partner.run(
        id,
        id,
        type,
        orgName(i),
        `contact${i}@partner${i}.example`,
        group,
        approval === 'approved' ? `cert-${i}` : null,
        approval,
        state < 16 ? 1 : 0,
        time,
        time,
      );
    }
    const group = db.prepare(
      "INSERT INTO policy_group (id, name, descr, is_active, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'admin', ?, ?)",
    );
    for (let g = 0; g < S.groups; g++) {
      const time = iso(T0 + g * 60_000);
      group.run(
        groupId(g),
        `${NOUN[g % NOUN.length]} group ${g}`,
        `Policies for ${NOUN[g % NOUN.length]} partners (${g})`,
        g % 25 === 24 ? 0 : 1,
        time,
        time,
      );
    }
    const policy = db.prepare(
      `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, published_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?)`,
    );
    for (let p = 0; p < S.policies; p++) {
      const type = p % 10 < 6 ? 'Auth' : p % 10 < 9 ? 'DataShare' : 'CredentialIssuance';
      const status = policyStatus(p);
      const time = iso(T0 + p * 120_000);
      policy.run(
        policyId(p),
        groupId(p % S.groups),
        `${ADJ[p % ADJ.length]} ${type} policy ${p}`,
        `${type} policy number ${p}`,
        type,
        type === 'Auth' ? AUTH_JSON : SHARE_JSON,
        status === 'draft' ? null : 'https://schemas.mosip.io/v1/bench',
        status === 'activated' ? 1 : 0,
        time,
        status === 'draft' ? null : time,
        time,
      );
    }
    const link = db.prepare(
      'INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const key = db.prepare(
      'INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const STATUS = [
      'InProgress',
      'approved',
      'approved',
      'approved',
      'approved',
      'approved',
      'approved',
      'approved',
      'rejected',
      'deactivated',
    ];
    let n = 0;
    for (let i = 0; i < S.partners; i++) {
      const id = partnerId(i);
      for (let j = 0; j < S.perPartner; j++, n++) {
        const created = T0 + Math.floor((n / (S.partners * S.perPartner)) * SPAN);
        const time = iso(created);
        const pol = policyId(linkPolicy(S, i, j));
        link.run(
          `req${String(n).padStart(8, '0')}`,
          id,
          pol,
          `Use case ${n % 997} for ${NOUN[(n * 3) % NOUN.length]} services`,
          STATUS[(i + j) % 10]!,
          id,
          time,
          time,
        );
        // 1% expire within the next 30 days, 1% are past expiry but still active (the job's work)
        const validTo =
          n % 100 === 0
            ? BENCH_NOW.getTime() + (n % 29) * 86_400_000 + 3_600_000
            : n % 100 === 1
              ? BENCH_NOW.getTime() - 86_400_000
              : created + 36_500 * 86_400_000;
        key.run(
          `key${String(n).padStart(8, '0')}`,
          n.toString(16).padStart(64, '0'),
          id,
          pol,
          `key ${j} ${NOUN[n % NOUN.length]}`,
          iso(validTo),
          n % 10 === 9 ? 0 : 1,
          id,
          time,
          time,
        );
      }
    }
    const client = db.prepare(
      `INSERT INTO oidc_client (id, name, name_langs, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, cr_by, created_at, updated_at)
       VALUES (?, ?, '{}', ?, ?, 'https://logo.example/l.png', '["https://rp.example/cb"]', '["name"]', '["mosip:idp:acr:generated-code"]', ?, '["authorization_code"]', '["private_key_jwt"]', ?, ?, ?, ?)`,
    );
    for (let c = 0; c < S.clients; c++) {
      const time = iso(T0 + Math.floor((c / S.clients) * SPAN));
      client.run(
        `client${String(c).padStart(7, '0')}`,
        `${ADJ[c % ADJ.length]} portal ${c}`,
        partnerId(c),
        policyId(linkPolicy(S, c, 0)),
        `{"bench":${c}}`,
        c % 10 === 9 ? 'INACTIVE' : 'ACTIVE',
        partnerId(c),
        time,
        time,
      );
    }
  })();
  log(`rows inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const ti = performance.now();
  for (const sql of deferred) db.exec(sql);
  log(`indexes re-created in ${((performance.now() - ti) / 1000).toFixed(1)} s`);
  db.pragma('synchronous = NORMAL');
  db.close();
}
