import type { Database } from 'better-sqlite3';

/**
 * An application's status history (issue 15: the program administrator reads it on the
 * application): one row per state an application entered — submitted ("Applied"), enrolled (in
 * progress), rejected with its reason, completed, closed. Kept by triggers on `application`, so
 * every path that submits or decides (the applicant, the assisted registration, the review) is
 * recorded the same way; `by_user` is who decided (null for a submission: the registrant, or the
 * officer the assisted application names). Existing applications get the history their columns
 * still tell (submission, then the decision).
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE application_status (
      application_id TEXT NOT NULL REFERENCES application(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      state TEXT NOT NULL CHECK (state IN ('active', 'inprogress', 'rejected', 'completed', 'closed')),
      reason TEXT,
      by_user TEXT,
      at TEXT NOT NULL,
      PRIMARY KEY (application_id, seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER application_status_submitted AFTER INSERT ON application WHEN NEW.state <> 'draft'
    BEGIN
      INSERT INTO application_status (application_id, seq, state, reason, by_user, at)
      VALUES (NEW.id, 1, NEW.state, NEW.reject_reason, NEW.decided_by, COALESCE(NEW.submitted_at, NEW.updated_at));
    END;

    CREATE TRIGGER application_status_changed AFTER UPDATE OF state ON application WHEN NEW.state <> OLD.state
    BEGIN
      INSERT INTO application_status (application_id, seq, state, reason, by_user, at)
      VALUES (
        NEW.id,
        1 + COALESCE((SELECT MAX(seq) FROM application_status WHERE application_id = NEW.id), 0),
        NEW.state,
        NEW.reject_reason,
        CASE WHEN OLD.state = 'draft' THEN NULL ELSE NEW.decided_by END,
        CASE WHEN OLD.state = 'draft' THEN COALESCE(NEW.submitted_at, NEW.updated_at) ELSE NEW.updated_at END
      );
    END;

    INSERT INTO application_status (application_id, seq, state, reason, by_user, at)
      SELECT id, 1, 'active', NULL, NULL, submitted_at FROM application WHERE state <> 'draft';
    INSERT INTO application_status (application_id, seq, state, reason, by_user, at)
      SELECT id, 2, state, reject_reason, decided_by, COALESCE(decided_at, updated_at)
      FROM application WHERE state NOT IN ('draft', 'active');
  `);
}
