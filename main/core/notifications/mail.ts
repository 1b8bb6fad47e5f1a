import type { Language } from '../../contract/index.ts';
import { notificationObjectPath, NotificationDetails } from '../../contract/methods/notifications.ts';
import type { NotificationType } from '../../contract/methods/notifications.ts';
import { writeAudit } from '../command.ts';
import type { CommandCtx, QueryCtx, ReadDb } from '../context.ts';
import { notificationMail } from '../mail/notification-templates.ts';
import { jobActor } from './store.ts';

/** Mails sent per command; the job runner repeats until nothing is due or everything due failed. */
export const MAIL_BATCH = 200;
const DUE = "email_status IN ('PENDING', 'RETRYING')";

interface DueRow {
  id: string;
  type: NotificationType;
  partner_id: string;
  user_id: string;
  item_key: string;
  details: string;
  email_wrapped: Buffer;
  email_lang: Language;
  email_attempts: number;
  expires_on: string;
  period: number;
}

export interface MailResult {
  id: string;
  ok: boolean;
  error?: string;
}

/**
 * Sends what is due (outside the transaction, in the command's prepare step): the address is
 * unwrapped only here, the text rendered in the recipient's registration language. A failure is a
 * result, not an exception: apply records it and schedules the next attempt.
 */
export async function sendDueMails(ctx: QueryCtx, retryNow: boolean): Promise<MailResult[]> {
  const cutoff = retryNow ? '9999' : ctx.now.toISOString();
  const rows = ctx.db
    .prepare(
      `SELECT id, type, partner_id, user_id, item_key, details, email_wrapped, email_lang, email_attempts, expires_on, period FROM notification WHERE ${DUE} AND email_next_at <= ? ORDER BY email_next_at LIMIT ?`,
    )
    .all(cutoff, MAIL_BATCH) as DueRow[];
  const timeZone = ctx.deps.config.notifications.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const results: MailResult[] = [];
  for (const r of rows) {
    try {
      const url = new URL(ctx.deps.publicUrl);
      url.hash = notificationObjectPath(r.type, r.item_key);
      const details = NotificationDetails.parse(JSON.parse(r.details));
      const mail = notificationMail(r.email_lang, {
        type: r.type,
        partnerId: r.partner_id,
        expiresOn: r.expires_on,
        period: r.period,
        details,
        link: url.toString(),
        timeZone,
      });
      await ctx.deps.mailer.send({
        to: ctx.deps.keyWrap.unwrap(r.email_wrapped).toString('utf8'),
        ...mail,
      });
      results.push({ id: r.id, ok: true });
    } catch (err) {
      results.push({
        id: r.id,
        ok: false,
        error: (err instanceof Error ? err.message : String(err)).slice(0, 300),
      });
    }
  }
  return results;
}

/** Records each send: sent, or the next attempt after a doubling wait; one audit record per mail. */
export function recordMailResults(
  ctx: CommandCtx,
  results: readonly MailResult[],
): { sent: number; failed: number; partners: Set<string> } {
  const { firstSeconds, maxSeconds } = ctx.deps.config.notifications.mailRetry;
  const time = ctx.now.toISOString();
  const actor = jobActor(ctx);
  const load = ctx.db.prepare(
    `SELECT email_attempts AS attempts, partner_id AS partnerId FROM notification WHERE id = ? AND ${DUE}`,
  );
  const sent = ctx.db.prepare(
    "UPDATE notification SET email_status = 'SENT', email_attempts = email_attempts + 1, email_sent_at = ?, email_next_at = NULL, email_error = NULL, updated_at = ? WHERE id = ?",
  );
  const retry = ctx.db.prepare(
    "UPDATE notification SET email_status = 'RETRYING', email_attempts = ?, email_next_at = ?, email_error = ?, updated_at = ? WHERE id = ?",
  );
  let ok = 0;
  let failed = 0;
  const partners = new Set<string>();
  for (const r of results) {
    // Another run may have recorded this one meanwhile, or retention removed it: nothing to do.
    const row = load.get(r.id) as { attempts: number; partnerId: string } | undefined;
    if (!row) continue;
    partners.add(row.partnerId);
    if (r.ok) {
      sent.run(time, time, r.id);
      ok++;
    } else {
      const attempts = row.attempts + 1;
      const wait = Math.min(firstSeconds * 2 ** Math.min(attempts - 1, 30), maxSeconds);
      retry.run(
        attempts,
        new Date(ctx.now.getTime() + wait * 1000).toISOString(),
        r.error ?? 'unknown error',
        time,
        r.id,
      );
      failed++;
    }
    writeAudit(ctx.db, {
      module: 'notifications',
      action: 'notifications.mail',
      actor,
      ref: { type: 'notification', id: r.id },
      result: r.ok ? 'success' : 'failure',
      errorCode: r.ok ? null : 'PD_NOTIF_002',
      time,
    });
  }
  return { sent: ok, failed, partners };
}

/** Mails whose next attempt is due now (the job runner's "anything to send?"). */
export function mailsDue(db: ReadDb, now: Date): number {
  return db
    .prepare(`SELECT COUNT(*) FROM notification WHERE ${DUE} AND email_next_at <= ?`)
    .pluck()
    .get(now.toISOString()) as number;
}
