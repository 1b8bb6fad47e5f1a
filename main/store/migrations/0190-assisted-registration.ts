import type { Database } from 'better-sqlite3';

/**
 * Assisted registration (issue 16): the officer's applications on an applicant's behalf, each
 * capture attempt (quality only), the captures kept for the ID service — only wrapped under the
 * host's key, dropped after a match, a refusal or the queue's time — and the authentication
 * record: officer, applicant id, device serial and digital id, outcome; never a biometric.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE assisted_application (
      id TEXT PRIMARY KEY,
      officer_id TEXT NOT NULL REFERENCES app_user(id),
      individual_id_type TEXT NOT NULL CHECK (individual_id_type IN ('UIN', 'VID')),
      individual_id TEXT NOT NULL CHECK (length(individual_id) BETWEEN 10 AND 16),
      program_id TEXT NOT NULL REFERENCES program(id),
      state TEXT NOT NULL CHECK (state IN ('draft', 'waiting', 'authenticated', 'refused', 'submitted')),
      consent_at TEXT NOT NULL,
      exceptions_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exceptions_json)),
      -- a restart after a refusal or an expired queue begins a new round of attempts
      round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
      transaction_id TEXT CHECK (transaction_id IS NULL OR length(transaction_id) = 10),
      queued_at TEXT,
      outcome_code TEXT,
      service_code TEXT,
      -- the consented claims of a match (demographics, as the portal's record keeps them)
      claims_json TEXT CHECK (claims_json IS NULL OR json_valid(claims_json)),
      draft_json TEXT CHECK (draft_json IS NULL OR json_valid(draft_json)),
      application_id TEXT UNIQUE REFERENCES application(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((state = 'waiting') = (queued_at IS NOT NULL)),
      CHECK ((state = 'submitted') = (application_id IS NOT NULL)),
      CHECK (state NOT IN ('authenticated', 'submitted') OR claims_json IS NOT NULL)
    ) STRICT;
    CREATE INDEX assisted_officer_created ON assisted_application(officer_id, created_at, id);
    CREATE INDEX assisted_officer_state ON assisted_application(officer_id, state, created_at, id);
    CREATE INDEX assisted_waiting ON assisted_application(queued_at) WHERE state = 'waiting';

    -- One row per capture attempt: the quality against the threshold, never the sample.
    CREATE TABLE assisted_attempt (
      assisted_id TEXT NOT NULL REFERENCES assisted_application(id) ON DELETE CASCADE,
      modality TEXT NOT NULL CHECK (modality IN ('Finger', 'Iris', 'Face')),
      attempt INTEGER NOT NULL CHECK (attempt >= 1),
      round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
      bio_sub_type TEXT,
      quality REAL,
      threshold REAL NOT NULL,
      passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
      device_serial TEXT NOT NULL,
      captured_at TEXT NOT NULL,
      PRIMARY KEY (assisted_id, round, modality, attempt)
    ) STRICT, WITHOUT ROWID;

    -- The best capture per modality for the ID service: the SBI's biometrics item(s), wrapped.
    CREATE TABLE assisted_capture (
      assisted_id TEXT NOT NULL REFERENCES assisted_application(id) ON DELETE CASCADE,
      modality TEXT NOT NULL CHECK (modality IN ('Finger', 'Iris', 'Face')),
      quality REAL,
      device_serial TEXT NOT NULL,
      digital_id_json TEXT NOT NULL CHECK (json_valid(digital_id_json)),
      wrapped BLOB NOT NULL,
      captured_at TEXT NOT NULL,
      PRIMARY KEY (assisted_id, modality)
    ) STRICT, WITHOUT ROWID;

    -- Who authenticated whom with which device, and what came of it (issue 16 §5).
    CREATE TABLE assisted_auth_event (
      id TEXT PRIMARY KEY,
      assisted_id TEXT NOT NULL REFERENCES assisted_application(id),
      officer_id TEXT NOT NULL,
      individual_id_type TEXT NOT NULL,
      individual_id TEXT NOT NULL,
      device_serials TEXT NOT NULL,
      digital_ids_json TEXT NOT NULL CHECK (json_valid(digital_ids_json)),
      outcome TEXT NOT NULL CHECK (outcome IN ('matched', 'refused', 'queued', 'expired')),
      outcome_code TEXT,
      service_code TEXT,
      transaction_id TEXT,
      time TEXT NOT NULL
    ) STRICT;
    CREATE INDEX assisted_auth_event_assisted ON assisted_auth_event(assisted_id, time);
    CREATE INDEX assisted_auth_event_time ON assisted_auth_event(time, id);
  `);
}
