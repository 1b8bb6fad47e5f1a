import { AppError } from '../../contract/index.ts';
import { ADMIN_NOTIFICATION_TYPES } from '../../contract/methods/notifications.ts';
import { requireActor } from '../context.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { syncRole } from '../sync/node.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { runExpiryJob } from './expiry-jobs.ts';
import { listNotifications, ROW_COLS, toRecord, unread } from './list.ts';
import type { NotificationRow } from './list.ts';
import type { MailResult } from './mail.ts';
import { recordMailResults, sendDueMails } from './mail.ts';
import { purgeOld, runWeeklySummary } from './weekly.ts';

type NotificationMethods =
  | 'notifications.list'
  | 'notifications.unread'
  | 'notifications.markSeen'
  | 'notifications.dismiss'
  | 'notifications.mailStatus'
  | 'notifications.deliverMail'
  | 'notifications.expiryJob'
  | 'notifications.weeklySummary'
  | 'notifications.purge';

const MODULE = 'notifications';

/**
 * The jobs and the mail are the server's on a desk joined to one: its run is the one source (a desk
 * running them too would notify twice), and its notifications reach the desks with its rows.
 */
function notOnDesk(db: ReadDb | WriteDb): void {
  if (syncRole(db) === 'desk')
    throw new AppError('PD_SYNC_005', 'On a desk joined to a server, the notification jobs run on the server.');
}

export const notificationHandlers: HandlerMap<NotificationMethods> = {
  'notifications.list': query((ctx, input) => listNotifications(ctx.db, requireActor(ctx.actor), input)),
  'notifications.unread': query((ctx) => unread(ctx.db, requireActor(ctx.actor))),

  // Per-user UI state: it stays on this node (outbox false), like a session.
  'notifications.markSeen': command<'notifications.markSeen'>({
    module: MODULE,
    apply(ctx) {
      const actor = requireActor(ctx.actor);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          'INSERT INTO notification_seen (user_id, seen_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at',
        )
        .run(actor.userId, time);
      ctx.changed('notifications', { partners: actor.partnerIds });
      return {
        output: { seenDateTime: time },
        ref: { type: 'user', id: actor.userId },
        outbox: false,
      };
    },
  }),

  'notifications.dismiss': command<'notifications.dismiss'>({
    module: MODULE,
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      if (input.notificationStatus !== 'DISMISSED')
        throw new AppError('PMS_NOTIFICATION_ERROR_012', 'The status can only be set to DISMISSED.', {
          notificationStatus: 'PMS_NOTIFICATION_ERROR_012',
        });
      const row = ctx.db.prepare(`SELECT ${ROW_COLS} FROM notification n WHERE n.id = ?`).get(input.notificationId) as
        NotificationRow | undefined;
      if (!row)
        throw new AppError('PMS_NOTIFICATION_ERROR_008', 'Notification not found.', {
          notificationId: 'PMS_NOTIFICATION_ERROR_008',
        });
      if (ADMIN_NOTIFICATION_TYPES.includes(row.type) && !actor.roles.includes('PARTNER_ADMIN'))
        throw new AppError('PMS_NOTIFICATION_ERROR_018', 'Only the partner admin can dismiss this notification.');
      // One's own copy only: an admin's root-certificate notice is each admin's to dismiss.
      if (row.user_id !== actor.userId)
        throw new AppError('PMS_NOTIFICATION_ERROR_011', 'This notification is not yours.');
      if (row.status === 'DISMISSED')
        throw new AppError('PMS_NOTIFICATION_ERROR_009', 'This notification is already dismissed.');
      const time = ctx.now.toISOString();
      ctx.db
        .prepare("UPDATE notification SET status = 'DISMISSED', upd_by = ?, updated_at = ? WHERE id = ?")
        .run(actor.userId, time, row.id);
      ctx.changed('notifications', { partners: [row.partner_id] });
      return {
        output: toRecord({ ...row, status: 'DISMISSED' }),
        ref: { type: 'notification', id: row.id },
        outbox: { notificationId: row.id, status: 'DISMISSED' },
      };
    },
  }),

  'notifications.mailStatus': query((ctx) => {
    const counts = ctx.db
      .prepare(
        "SELECT email_status AS s, COUNT(*) AS n FROM notification WHERE email_status <> 'NONE' GROUP BY email_status",
      )
      .all() as Array<{ s: string; n: number }>;
    const n = (s: string) => counts.find((c) => c.s === s)?.n ?? 0;
    const failing = ctx.db
      .prepare(
        "SELECT id, type, email_attempts, email_next_at, email_error FROM notification WHERE email_status IN ('PENDING', 'RETRYING') AND email_attempts > 0 ORDER BY email_next_at LIMIT 20",
      )
      .all() as Array<{
      id: string;
      type: NotificationRow['type'];
      email_attempts: number;
      email_next_at: string | null;
      email_error: string | null;
    }>;
    return {
      pending: n('PENDING'),
      retrying: n('RETRYING'),
      sent: n('SENT'),
      failing: failing.map((f) => ({
        notificationId: f.id,
        notificationType: f.type,
        attempts: f.email_attempts,
        nextAttemptDateTime: f.email_next_at,
        error: f.email_error ?? '',
      })),
    };
  }),

  // Sending happens in prepare (async, before the transaction); apply records what happened.
  // Delivery is this node's work, not a replicated change: no outbox entry.
  'notifications.deliverMail': command<'notifications.deliverMail', MailResult[]>({
    module: MODULE,
    actorName: () => 'system',
    prepare: (ctx, input) => {
      notOnDesk(ctx.db);
      return sendDueMails(ctx, input.retryNow === true);
    },
    apply(ctx, _input, results) {
      notOnDesk(ctx.db);
      const { sent, failed, partners } = recordMailResults(ctx, results);
      const remaining = ctx.db
        .prepare(
          "SELECT COUNT(*) FROM notification WHERE email_status IN ('PENDING', 'RETRYING') AND email_next_at <= ?",
        )
        .pluck()
        .get(ctx.now.toISOString()) as number;
      if (sent + failed > 0) ctx.changed('notifications', { partners });
      return {
        output: { sent, failed, remaining },
        ref: { type: 'job', id: 'notifications.deliverMail' },
        outbox: false,
      };
    },
  }),

  'notifications.expiryJob': command<'notifications.expiryJob'>({
    module: MODULE,
    actorName: () => 'system',
    apply(ctx, input) {
      notOnDesk(ctx.db);
      const out = runExpiryJob(ctx, input.kind);
      return {
        output: out,
        ref: { type: 'job', id: `notifications.${input.kind}` },
        outbox: out.created ? { job: input.kind, day: out.day, created: out.created } : false,
      };
    },
  }),

  'notifications.weeklySummary': command<'notifications.weeklySummary'>({
    module: MODULE,
    actorName: () => 'system',
    apply(ctx) {
      notOnDesk(ctx.db);
      const out = runWeeklySummary(ctx);
      return {
        output: out,
        ref: { type: 'job', id: 'notifications.weeklySummary' },
        outbox: out.created ? { job: 'WEEKLY_SUMMARY', day: out.day, created: out.created } : false,
      };
    },
  }),

  'notifications.purge': command<'notifications.purge'>({
    module: MODULE,
    actorName: () => 'system',
    apply(ctx) {
      notOnDesk(ctx.db);
      const deleted = purgeOld(ctx);
      return {
        output: { deleted },
        ref: { type: 'job', id: 'notifications.purge' },
        outbox: deleted ? { deleted } : false,
      };
    },
  }),
};
