import type { Database } from 'better-sqlite3';
import { countTriggers } from './0030-policies.ts';

/**
 * Authentication partner services: API keys (MOSIP `partner_policy`) and OIDC clients
 * (`oidc_client`), pms.md §1.5–1.6.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE partner_policy (
      id TEXT PRIMARY KEY,
      -- MOSIP keys the row by the API key itself; only its SHA-256 is kept here.
      key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
      part_id TEXT NOT NULL REFERENCES partner(id),
      policy_id TEXT NOT NULL REFERENCES auth_policy(id),
      label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 36),
      -- fixed at generation from the configured lifetime; a later config change never moves it
      valid_to TEXT NOT NULL,
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,                                  -- valid_from_datetime
      upd_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- PMS_PRT_110: a label is unique per partner and policy (after trimming and collapsing spaces).
    CREATE UNIQUE INDEX partner_policy_label ON partner_policy(part_id, policy_id, label COLLATE NOCASE);
    CREATE INDEX partner_policy_created ON partner_policy(created_at, id);
    CREATE INDEX partner_policy_partner_created ON partner_policy(part_id, created_at, id);
    CREATE INDEX partner_policy_policy_created ON partner_policy(policy_id, created_at, id);
    CREATE INDEX partner_policy_active_created ON partner_policy(is_active, created_at, id);
    CREATE INDEX partner_policy_valid_to ON partner_policy(valid_to, id);
    -- the expiry job (active keys past valid_to) and "active keys expiring within N days"
    CREATE INDEX partner_policy_active_valid_to ON partner_policy(is_active, valid_to, id);
    CREATE INDEX partner_policy_label_sort ON partner_policy(label COLLATE NOCASE, id);

    CREATE TABLE oidc_client (
      id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),  -- base64url(SHA-256 of the public key)
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
      name_langs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(name_langs)),
      rp_id TEXT NOT NULL REFERENCES partner(id),                -- the authentication partner
      policy_id TEXT NOT NULL REFERENCES auth_policy(id),
      logo_uri TEXT NOT NULL CHECK (length(logo_uri) <= 2048),
      redirect_uris TEXT NOT NULL CHECK (json_valid(redirect_uris)),
      claims TEXT NOT NULL CHECK (json_valid(claims)),
      acr_values TEXT NOT NULL CHECK (json_valid(acr_values)),
      public_key TEXT NOT NULL UNIQUE,                           -- the JWK's public members, canonical JSON
      grant_types TEXT NOT NULL CHECK (json_valid(grant_types)),
      auth_methods TEXT NOT NULL CHECK (json_valid(auth_methods)),
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX oidc_client_created ON oidc_client(created_at, id);
    CREATE INDEX oidc_client_partner_created ON oidc_client(rp_id, created_at, id);
    CREATE INDEX oidc_client_policy_created ON oidc_client(policy_id, created_at, id);
    CREATE INDEX oidc_client_status_created ON oidc_client(status, created_at, id);
    CREATE INDEX oidc_client_name ON oidc_client(name COLLATE NOCASE, id);
    ${countTriggers('partner_policy', 'is_active')}
    ${countTriggers('oidc_client', 'status')}
  `);
}
