import type { Database } from 'better-sqlite3';

/**
 * Policy groups, policies and partner ↔ policy link requests (MOSIP `policy_group`, `auth_policy`,
 * `partner_policy_request`, pms.md §1.1, §1.3, §1.4), plus the indexes behind the admin lists of
 * partners, policies and link requests. Every list sorts through an index ending in the row id, so
 * paging is stable and a page never sorts the whole table.
 */
/**
 * Triggers keeping list_count(tbl, k) = rows of `table` whose `column` is k. Part of this step (and
 * used by 0040): never change it once shipped; a later step that needs other triggers writes its own.
 */
export function countTriggers(table: string, column: string): string {
  const up = (v: string) =>
    `INSERT INTO list_count (tbl, k, n) VALUES ('${table}', CAST(${v} AS TEXT), 1) ON CONFLICT (tbl, k) DO UPDATE SET n = n + 1;`;
  const down = (v: string) => `UPDATE list_count SET n = n - 1 WHERE tbl = '${table}' AND k = CAST(${v} AS TEXT);`;
  return `
    CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table} BEGIN ${up(`NEW.${column}`)} END;
    CREATE TRIGGER ${table}_count_update AFTER UPDATE OF ${column} ON ${table} WHEN OLD.${column} IS NOT NEW.${column}
      BEGIN ${down(`OLD.${column}`)} ${up(`NEW.${column}`)} END;
    CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table} BEGIN ${down(`OLD.${column}`)} END;`;
}

export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE policy_group (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
      descr TEXT NOT NULL CHECK (length(descr) BETWEEN 1 AND 256),
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- MOSIP: name UNIQUE; case-insensitive here so "Banking" and "banking" cannot both exist.
    CREATE UNIQUE INDEX policy_group_name ON policy_group(name COLLATE NOCASE);
    CREATE INDEX policy_group_created ON policy_group(created_at, id);
    CREATE INDEX policy_group_active_name ON policy_group(is_active, name COLLATE NOCASE);

    CREATE TABLE auth_policy (
      id TEXT PRIMARY KEY,
      policy_group_id TEXT NOT NULL REFERENCES policy_group(id),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
      descr TEXT NOT NULL CHECK (length(descr) BETWEEN 1 AND 256),
      policy_type TEXT NOT NULL CHECK (policy_type IN ('Auth', 'DataShare', 'CredentialIssuance')),
      version TEXT NOT NULL DEFAULT '1.0' CHECK (length(version) BETWEEN 1 AND 8),
      -- MOSIP keeps the policy JSON in policy_file_id (varchar 5120)
      policy_json TEXT NOT NULL CHECK (length(policy_json) <= 5120 AND json_valid(policy_json)),
      -- null until published; MOSIP derives the status from it and is_active
      policy_schema TEXT,
      is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
      status TEXT GENERATED ALWAYS AS (CASE WHEN policy_schema IS NULL THEN 'draft' WHEN is_active = 1 THEN 'activated' ELSE 'deactivated' END) VIRTUAL,
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      published_at TEXT,
      upd_by TEXT,
      updated_at TEXT NOT NULL,
      CHECK (policy_schema IS NOT NULL OR is_active = 0)
    ) STRICT;
    CREATE UNIQUE INDEX auth_policy_group_name ON auth_policy(policy_group_id, name COLLATE NOCASE);
    CREATE INDEX auth_policy_group_status ON auth_policy(policy_group_id, status);
    CREATE INDEX auth_policy_type_created ON auth_policy(policy_type, created_at, id);
    CREATE INDEX auth_policy_type_status ON auth_policy(policy_type, status, created_at, id);
    -- UNIQUE lets SQLite see (name, id) as distinct, so a walk in policy-name order can take each
    -- policy's requests in index order without sorting them (lists/fact-list.ts)
    CREATE UNIQUE INDEX auth_policy_name ON auth_policy(name COLLATE NOCASE, id);

    CREATE TABLE partner_policy_request (
      id TEXT PRIMARY KEY,
      part_id TEXT NOT NULL REFERENCES partner(id),
      policy_id TEXT NOT NULL REFERENCES auth_policy(id),
      request_detail TEXT NOT NULL CHECK (length(request_detail) <= 500),   -- the partner's comment
      -- MOSIP's three states, plus 'deactivated': an admin withdrew an approved link
      status_code TEXT NOT NULL CHECK (status_code IN ('InProgress', 'approved', 'rejected', 'deactivated')),
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,                                              -- request_datetimes
      upd_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- At most one pending or approved request per partner and policy (PMS_PRT_053 / PMS_PRT_060);
    -- rejected and deactivated ones stay as history and a new request may follow them.
    CREATE UNIQUE INDEX ppr_open ON partner_policy_request(part_id, policy_id) WHERE status_code IN ('InProgress', 'approved');
    -- 'InProgress' sorts before the lower-case states, so status ASC lists pending requests first.
    CREATE INDEX ppr_status_created ON partner_policy_request(status_code, created_at, id);
    CREATE INDEX ppr_created ON partner_policy_request(created_at, id);
    -- per partner by state then date: a partner's list, "pending for these partners" counts, and the orgName walk
    CREATE INDEX ppr_partner_status ON partner_policy_request(part_id, status_code, created_at, id);
    CREATE INDEX ppr_policy_created ON partner_policy_request(policy_id, created_at, id);

    -- Row counts per state of the large tables, kept by triggers: the unfiltered and per-state
    -- totals of the lists and the dashboard's pending count are read, not counted (a count over
    -- 700k index entries alone costs ~25 ms).
    CREATE TABLE list_count (
      tbl TEXT NOT NULL,
      k TEXT NOT NULL,
      n INTEGER NOT NULL CHECK (n >= 0),
      PRIMARY KEY (tbl, k)
    ) STRICT, WITHOUT ROWID;
    ${countTriggers('partner_policy_request', 'status_code')}

    -- Admin partners list (pms.md §2.3 admin-partners): one index per sort column, ending in id;
    -- the sort indexes also carry the filter columns, so walking one in order checks the filters
    -- without reading the table.
    CREATE INDEX partner_group ON partner(policy_group_id, id);
    CREATE INDEX partner_name ON partner(name COLLATE NOCASE, id, partner_type_code, approval_status, is_active, policy_group_id);
    CREATE INDEX partner_email ON partner(email_id COLLATE NOCASE, id, partner_type_code, approval_status, is_active, policy_group_id);
    CREATE INDEX partner_created ON partner(created_at, id, partner_type_code, approval_status, is_active, policy_group_id);
    CREATE UNIQUE INDEX partner_type_id ON partner(partner_type_code, id);
    CREATE UNIQUE INDEX partner_name_id ON partner(name COLLATE NOCASE, id);          -- as auth_policy_name
    CREATE INDEX partner_status ON partner(approval_status, is_active, created_at, id);
    CREATE INDEX partner_cert ON partner((certificate_alias IS NULL), created_at, id);
  `);
}
