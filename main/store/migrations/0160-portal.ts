import type { Database } from 'better-sqlite3';

/**
 * The self-service portal (issue 15, ssp.md §A): programs, Form.io portal forms (versioned: a form
 * in use is never edited in place), registrants found by ID type + value, memberships, applications
 * (drafts included) and the versioned demographic record; OIDC sign-in transactions (state, nonce,
 * PKCE verifier) live until the provider sends the browser back.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE portal_form (
      id TEXT PRIMARY KEY,
      form_key TEXT NOT NULL,                                    -- every version of one form shares it
      version INTEGER NOT NULL CHECK (version >= 1),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 128),
      schema_json TEXT NOT NULL CHECK (json_valid(schema_json)),  -- Form.io JSON, as OpenG2P stores it
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (form_key, version)
    ) STRICT;
    CREATE INDEX portal_form_created ON portal_form(created_at, id);

    CREATE TABLE program (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 128),
      description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      target_type TEXT NOT NULL CHECK (target_type IN ('individual', 'group')),
      state TEXT NOT NULL CHECK (state IN ('active', 'ended')),
      start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
      end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
      ended_at TEXT,
      form_id TEXT REFERENCES portal_form(id),
      multiple_submissions INTEGER NOT NULL DEFAULT 0 CHECK (multiple_submissions IN (0, 1)),
      cr_by TEXT NOT NULL,
      upd_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date),
      CHECK ((state = 'ended') = (ended_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX program_state_created ON program(state, created_at, id);
    CREATE INDEX program_state_name ON program(state, name, id);
    CREATE INDEX program_created ON program(created_at, id);
    CREATE INDEX program_form ON program(form_id) WHERE form_id IS NOT NULL;

    -- Found or created at sign-in by ID type + the mapped claim (OpenG2P's g2p.reg.id).
    CREATE TABLE registrant (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL UNIQUE REFERENCES app_user(id),
      id_type TEXT NOT NULL CHECK (length(id_type) BETWEEN 1 AND 64),
      id_value TEXT NOT NULL CHECK (length(id_value) BETWEEN 1 AND 128),
      name TEXT NOT NULL CHECK (length(name) <= 256),
      created_at TEXT NOT NULL,
      UNIQUE (id_type, id_value)
    ) STRICT;

    -- Every change of the demographic record is a new row; the newest is current.
    CREATE TABLE registrant_demographic (
      registrant_id TEXT NOT NULL REFERENCES registrant(id),
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT NOT NULL,
      data_json TEXT NOT NULL CHECK (json_valid(data_json)),
      source TEXT NOT NULL CHECK (source IN ('sign-in', 'applicant', 'submission')),
      cr_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (registrant_id, version)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE program_membership (
      program_id TEXT NOT NULL REFERENCES program(id),
      registrant_id TEXT NOT NULL REFERENCES registrant(id),
      state TEXT NOT NULL CHECK (state IN ('draft', 'enrolled', 'paused', 'exited', 'not_eligible', 'duplicated')),
      enrolled_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (program_id, registrant_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX membership_registrant ON program_membership(registrant_id, state);

    -- Application ids are the day (ddmmyy, as OpenG2P) + a per-day sequence: unique by construction.
    CREATE TABLE application_sequence (
      day TEXT PRIMARY KEY,
      last INTEGER NOT NULL CHECK (last >= 1)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE application (
      id TEXT PRIMARY KEY,
      program_id TEXT NOT NULL REFERENCES program(id),
      registrant_id TEXT NOT NULL REFERENCES registrant(id),
      form_id TEXT NOT NULL REFERENCES portal_form(id),
      data_json TEXT NOT NULL CHECK (json_valid(data_json)),
      state TEXT NOT NULL CHECK (state IN ('draft', 'active', 'inprogress', 'rejected', 'completed', 'closed')),
      reject_reason TEXT CHECK (reject_reason IS NULL OR length(reject_reason) BETWEEN 1 AND 1024),
      submitted_at TEXT,
      decided_at TEXT,
      decided_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((state = 'draft') = (submitted_at IS NULL)),
      CHECK ((state = 'rejected') = (reject_reason IS NOT NULL))
    ) STRICT;
    -- at most one draft per applicant and program
    CREATE UNIQUE INDEX application_one_draft ON application(program_id, registrant_id) WHERE state = 'draft';
    CREATE INDEX application_registrant ON application(registrant_id, created_at, id);
    CREATE INDEX application_program ON application(program_id, created_at, id);
    CREATE INDEX application_program_registrant ON application(program_id, registrant_id, state);
    CREATE INDEX application_state ON application(state, created_at, id);
    CREATE INDEX application_created ON application(created_at, id);

    -- An OIDC sign-in between the redirect to the provider and its answer (single use).
    CREATE TABLE oidc_login (
      state TEXT PRIMARY KEY,
      nonce TEXT NOT NULL,
      code_verifier TEXT NOT NULL,
      redirect_uri TEXT NOT NULL,
      created_at TEXT NOT NULL,
      used_at TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX oidc_login_created ON oidc_login(created_at);
  `);
}
