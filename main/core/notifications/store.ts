import type { Language } from '../../contract/index.ts';
import type { NotificationDetails, NotificationType } from '../../contract/methods/notifications.ts';
import { writeAudit } from '../command.ts';
import type { CommandCtx, ReadDb, WriteDb } from '../context.ts';
import { newUuid } from '../ids.ts';

/** A notification a job wants to create; the unique key makes a second run of the day a no-op. */
export interface Draft {
  userId: string;
  partnerId: string;
  type: NotificationType;
  itemKey: string;
  itemName: string;
  expiresOn: string;
  period: number;
  details: NotificationDetails;
  email: string | null;
  lang: string;
}

const LANGS: readonly string[] = ['en', 'fr', 'ar'];

/** The partner's registration language when the mails speak it; English otherwise. */
export function mailLanguage(code: string): Language {
  return (LANGS.includes(code) ? code : 'en') as Language;
}

export function jobActor(ctx: CommandCtx): string {
  return ctx.actor?.userId ?? 'system';
}

/**
 * Inserts the drafts that are new (INSERT … ON CONFLICT DO NOTHING on the unique key), with the
 * address wrapped under the host's key and one audit record per notification created (MOSIP
 * audits every notification). Returns the partners (and whether admins) who got something new.
 */
export function insertNotifications(
  ctx: CommandCtx,
  drafts: readonly Draft[],
): { created: number; partners: Set<string> } {
  const time = ctx.now.toISOString();
  const exists = ctx.db
    .prepare(
      'SELECT 1 FROM notification WHERE user_id = ? AND type = ? AND item_key = ? AND expires_on = ? AND period = ?',
    )
    .pluck();
  const insert = ctx.db.prepare(
    `INSERT INTO notification (id, user_id, partner_id, type, details, item_key, item_name, expires_on, period, email_wrapped, email_lang, email_status, email_next_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const actor = jobActor(ctx);
  const partners = new Set<string>();
  let created = 0;
  for (const d of drafts) {
    if (exists.get(d.userId, d.type, d.itemKey, d.expiresOn, d.period)) continue;
    const id = newUuid(ctx.deps);
    const wrapped = d.email ? ctx.deps.keyWrap.wrap(Buffer.from(d.email, 'utf8')) : null;
    const r = insert.run(
      id,
      d.userId,
      d.partnerId,
      d.type,
      JSON.stringify(d.details),
      d.itemKey,
      d.itemName,
      d.expiresOn,
      d.period,
      wrapped,
      mailLanguage(d.lang),
      wrapped ? 'PENDING' : 'NONE',
      wrapped ? time : null,
      time,
      time,
    );
    if (r.changes === 0) continue;
    created++;
    partners.add(d.partnerId);
    writeAudit(ctx.db, {
      module: 'notifications',
      action: `notifications.created.${d.type}`,
      actor,
      ref: { type: 'notification', id },
      result: 'success',
      errorCode: null,
      time,
    });
  }
  return { created, partners };
}

/** The window a job's run covers: the days since it last ran (1 on its first run or a second run on a day). */
export function jobWindow(db: ReadDb | WriteDb, job: string, today: string): number {
  const last = db.prepare('SELECT last_day FROM notification_job_run WHERE job = ?').pluck().get(job) as
    string | undefined;
  if (!last || last >= today) return 1;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86_400_000);
  return Math.min(Math.max(days, 1), 400);
}

export function lastRunDay(db: ReadDb | WriteDb, job: string): string | null {
  return (
    (db.prepare('SELECT last_day FROM notification_job_run WHERE job = ?').pluck().get(job) as string | undefined) ??
    null
  );
}

export function recordRun(db: WriteDb, job: string, day: string, time: string): void {
  db.prepare(
    `INSERT INTO notification_job_run (job, last_day, ran_at) VALUES (?, ?, ?)
     ON CONFLICT (job) DO UPDATE SET last_day = max(last_day, excluded.last_day), ran_at = excluded.ran_at`,
  ).run(job, day, time);
}

/** Active partner admins: who receives the CA and weekly notifications. */
export function partnerAdmins(db: ReadDb | WriteDb): Array<{ id: string; email: string; lang_code: string }> {
  return db
    .prepare(
      "SELECT u.id, u.email, u.lang_code FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'PARTNER_ADMIN' WHERE u.is_active = 1 ORDER BY u.id",
    )
    .all() as Array<{ id: string; email: string; lang_code: string }>;
}
