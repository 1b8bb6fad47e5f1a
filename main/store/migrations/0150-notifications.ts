import type { Database } from 'better-sqlite3';

/**
 * Expiry notifications (MOSIP `pms.notifications`, pms.md §4), the day each notification job last
 * ran (its catch-up window) and each user's "notifications seen" time (MOSIP
 * `user_details.notifications_seen_dtimes`).
 *
 * A notification is addressed to one user: the owner of the partner whose item expires, or each
 * partner admin for the admin kinds. `(user_id, type, item_key, expires_on, period)` is unique, so
 * a job run twice on one day creates nothing twice. The recipient's address is stored only wrapped
 * (AES-256-GCM under the host's key-encryption key), as MOSIP stores `email_id` encrypted.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE notification (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      -- MOSIP notificationPartnerId: the partner whose item expires; the admin's own id for admin kinds
      partner_id TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('ROOT_CERT_EXPIRY', 'INTERMEDIATE_CERT_EXPIRY', 'PARTNER_CERT_EXPIRY', 'FTM_CHIP_CERT_EXPIRY', 'SBI_EXPIRY', 'API_KEY_EXPIRY', 'WEEKLY_SUMMARY')),
      status TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISMISSED')),
      details TEXT NOT NULL CHECK (json_valid(details)),
      -- what expires (certificate, SBI, chip or API key id; the summary's day for WEEKLY_SUMMARY)
      item_key TEXT NOT NULL,
      -- a name to filter on: API key label, SBI version, chip make/model, certificate subject
      item_name TEXT NOT NULL DEFAULT '',
      -- the UTC calendar day the item expires (the summary's day for WEEKLY_SUMMARY)
      expires_on TEXT NOT NULL CHECK (length(expires_on) = 10),
      -- the configured period (days before expiry) this notification is for; -1 for the summary
      period INTEGER NOT NULL,
      email_wrapped BLOB,
      email_lang TEXT NOT NULL CHECK (email_lang IN ('en', 'fr', 'ar')),
      email_status TEXT NOT NULL CHECK (email_status IN ('PENDING', 'RETRYING', 'SENT', 'NONE')),
      email_attempts INTEGER NOT NULL DEFAULT 0,
      email_next_at TEXT,
      email_sent_at TEXT,
      email_error TEXT,
      cr_by TEXT NOT NULL DEFAULT 'SYSTEM',
      created_at TEXT NOT NULL,
      upd_by TEXT,
      updated_at TEXT NOT NULL,
      CHECK ((email_status = 'NONE') = (email_wrapped IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX notification_once ON notification(user_id, type, item_key, expires_on, period);
    -- the bell and the page: a user's newest first, per type and per status
    CREATE INDEX notification_user_created ON notification(user_id, created_at, id);
    CREATE INDEX notification_user_type_created ON notification(user_id, type, created_at, id);
    CREATE INDEX notification_user_status_created ON notification(user_id, status, created_at, id);
    -- retention deletes by creation day
    CREATE INDEX notification_created ON notification(created_at);
    -- mail delivery: what is due, oldest first; only undelivered rows are in it
    CREATE INDEX notification_mail_due ON notification(email_next_at) WHERE email_status IN ('PENDING', 'RETRYING');

    CREATE TABLE notification_job_run (
      job TEXT PRIMARY KEY,
      last_day TEXT NOT NULL CHECK (length(last_day) = 10),
      ran_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE notification_seen (
      user_id TEXT PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      seen_at TEXT NOT NULL
    ) STRICT;
  `);
}
