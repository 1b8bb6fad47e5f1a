import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-11-21T09:00:00.000Z';
const COLS = 'n.id, n.user_id, n.partner_id, n.type, n.status, n.details, n.expires_on, n.created_at';

function seedUser(db: ReturnType<typeof dbAt>): void {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('u', 'u@x', 'a', 'b', 'o', 'h', 'fr', ?, ?)",
  ).run(T, T);
}

const insert = (
  db: ReturnType<typeof dbAt>,
  id: string,
  over: {
    period?: number;
    status?: string;
    mail?: string;
    wrapped?: Buffer | null;
    expires?: string;
  } = {},
) =>
  db
    .prepare(
      `INSERT INTO notification (id, user_id, partner_id, type, status, details, item_key, expires_on, period, email_wrapped, email_lang, email_status, email_next_at, created_at, updated_at)
       VALUES (?, 'u', 'p', 'API_KEY_EXPIRY', ?, '{}', 'k1', ?, ?, ?, 'fr', ?, ?, ?, ?)`,
    )
    .run(
      id,
      over.status ?? 'ACTIVE',
      over.expires ?? '2026-12-21',
      over.period ?? 30,
      over.wrapped === undefined ? Buffer.from([1, 2, 3]) : over.wrapped,
      over.mail ?? 'PENDING',
      T,
      T,
      T,
    );

describe('migration 0150 notifications', () => {
  it('keeps one notification per user, item, expiry day and period, with MOSIP statuses and a wrapped address', () => {
    const db = dbAt(144);
    seedUser(db);
    migrate(db, 150);
    insert(db, 'n1');
    expect(() => insert(db, 'n2')).toThrow(/UNIQUE/);
    insert(db, 'n3', { period: 15 });
    insert(db, 'n4', { expires: '2027-12-21' }); // a renewed item with a new expiry is a new notice
    expect(() => insert(db, 'n5', { period: 10, status: 'READ' })).toThrow(/CHECK/);
    expect(() => insert(db, 'n6', { period: 9, wrapped: null })).toThrow(/CHECK/); // a mail needs an address
    insert(db, 'n7', { period: 8, wrapped: null, mail: 'NONE' });
    expect(() => insert(db, 'n8', { period: 7, expires: '2026-12' })).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO notification_job_run (job, last_day, ran_at) VALUES ('SBIS', '2026-1-1', ?)").run(T),
    ).toThrow(/CHECK/);
    // deleting a user takes their notifications and seen time with them
    db.prepare("INSERT INTO notification_seen (user_id, seen_at) VALUES ('u', ?)").run(T);
    db.prepare("DELETE FROM app_user WHERE id = 'u'").run();
    expect(db.prepare('SELECT COUNT(*) FROM notification').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM notification_seen').pluck().get()).toBe(0);
  });

  it('serves the bell, the page, retention and mail delivery from indexes', () => {
    const db = dbAt(150);
    const uses = (sql: string, index: RegExp, ...params: unknown[]) => {
      const p = plan(db, sql, ...params);
      expect(p, sql).toMatch(index);
      expect(p, sql).not.toMatch(/TEMP B-TREE/);
    };
    uses(
      `SELECT ${COLS} FROM notification n WHERE n.user_id = ? AND n.type IN (?, ?, ?) ORDER BY n.created_at DESC, n.id DESC LIMIT 8`,
      /notification_user_created \(user_id=\?\)/,
      'u',
      'A',
      'B',
      'C',
    );
    uses(
      `SELECT ${COLS} FROM notification n WHERE n.user_id = ? AND n.type IN (?) AND n.status = ? ORDER BY n.created_at DESC, n.id DESC LIMIT 8`,
      /notification_user_(type|status)_created/,
      'u',
      'SBI_EXPIRY',
      'ACTIVE',
    );
    uses(
      `SELECT COUNT(*) FROM notification n WHERE n.user_id = ? AND n.type IN (?, ?) AND n.status = 'ACTIVE' AND n.created_at > ?`,
      /notification_user_(status|type)_created/,
      'u',
      'A',
      'B',
      T,
    );
    uses(
      'SELECT 1 FROM notification WHERE user_id = ? AND type = ? AND item_key = ? AND expires_on = ? AND period = ?',
      /notification_once/,
      'u',
      'A',
      'k',
      '2026-01-01',
      0,
    );
    expect(plan(db, "DELETE FROM notification WHERE created_at < ? AND email_status IN ('SENT', 'NONE')", T)).toMatch(
      /notification_created \(created_at<\?\)/,
    );
    uses(
      "SELECT id FROM notification WHERE email_status IN ('PENDING', 'RETRYING') AND email_next_at <= ? ORDER BY email_next_at LIMIT 200",
      /notification_mail_due \(email_next_at<\?\)/,
      T,
    );
    expect(
      plan(
        db,
        "SELECT COUNT(*) FROM notification WHERE email_status IN ('PENDING', 'RETRYING') AND email_next_at <= ?",
        T,
      ),
    ).toMatch(/notification_mail_due/);
    expect(plan(db, 'SELECT seen_at FROM notification_seen WHERE user_id = ?', 'u')).toMatch(
      /notification_seen USING INDEX sqlite_autoindex|PRIMARY KEY/,
    );
  });
});
