import type { Database } from 'better-sqlite3';

/** Users, partners (MOSIP's `partner` table, trimmed to what registration needs), roles, sessions. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE partner_type (
      code TEXT PRIMARY KEY,
      role TEXT NOT NULL UNIQUE,
      is_policy_required INTEGER NOT NULL CHECK (is_policy_required IN (0, 1))
    ) STRICT;

    CREATE TABLE app_user (
      id TEXT PRIMARY KEY,                -- the username; equals the partner id for partner users
      email TEXT NOT NULL UNIQUE,         -- stored lower-cased
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL,
      org_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,        -- scrypt$N$r$p$salt$hash
      lang_code TEXT NOT NULL CHECK (lang_code IN ('en', 'fr', 'ar')),
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE user_role (
      user_id TEXT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      PRIMARY KEY (user_id, role)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE partner (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES app_user(id),
      partner_type_code TEXT NOT NULL REFERENCES partner_type(code),
      name TEXT NOT NULL,                 -- organisation name
      address TEXT NOT NULL,
      contact_no TEXT NOT NULL,
      email_id TEXT NOT NULL,
      policy_group_id TEXT,
      certificate_alias TEXT,
      approval_status TEXT NOT NULL CHECK (approval_status IN ('InProgress', 'approved', 'rejected')),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      lang_code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX partner_user ON partner(user_id);
    CREATE INDEX partner_type_created ON partner(partner_type_code, created_at);

    CREATE TABLE app_session (
      token_hash TEXT PRIMARY KEY,        -- SHA-256 of the bearer token; the token itself is never stored
      user_id TEXT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      last_active_at TEXT NOT NULL,
      ended_at TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX app_session_user ON app_session(user_id);

    CREATE TABLE password_reset (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX password_reset_user ON password_reset(user_id);
  `);
  const insert = db.prepare('INSERT INTO partner_type (code, role, is_policy_required) VALUES (?, ?, ?)');
  for (const [code, role, required] of PARTNER_TYPE_SEED) insert.run(code, role, required);
}

// Copied as data, not imported, so this step stays what it was when it shipped.
const PARTNER_TYPE_SEED: ReadonlyArray<readonly [string, string, number]> = [
  ['Auth_Partner', 'AUTH_PARTNER', 1],
  ['Credential_Partner', 'CREDENTIAL_PARTNER', 1],
  ['Device_Provider', 'DEVICE_PROVIDER', 0],
  ['FTM_Provider', 'FTM_PROVIDER', 0],
  ['Online_Verification_Partner', 'ONLINE_VERIFICATION_PARTNER', 1],
  ['ABIS_Partner', 'ABIS_PARTNER', 1],
  ['Manual_Adjudication', 'MANUAL_ADJUDICATION', 1],
  ['MISP_Partner', 'MISP_PARTNER', 0],
  ['SDK_Partner', 'SDK_PARTNER', 0],
  ['Print_Partner', 'PRINT_PARTNER', 1],
  ['Internal_Partner', 'INTERNAL_PARTNER', 1],
];
