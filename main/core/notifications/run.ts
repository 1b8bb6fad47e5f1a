import type { Core } from '../index.ts';
import { dayOf } from './days.ts';
import type { ExpiryKind } from './expiry-jobs.ts';
import { mailsDue } from './mail.ts';
import { lastRunDay } from './store.ts';
import { weeklyDue } from './weekly.ts';

export const EXPIRY_KINDS: readonly ExpiryKind[] = [
  'CA_CERTIFICATES',
  'PARTNER_CERTIFICATES',
  'FTM_CHIP_CERTIFICATES',
  'SBIS',
  'API_KEYS',
];

export interface NotificationJobsSummary {
  created: number;
  weekly: number;
  deleted: number;
  mailsSent: number;
  mailsFailed: number;
}

/**
 * The daily notification jobs on the core's clock, each a command of the system actor. A job that
 * already ran today is not run again (no audit record for an idle hour); the jobs themselves are
 * idempotent too. Mails go out after the jobs commit, until nothing is due or a round only failed.
 */
export async function runNotificationJobs(core: Core): Promise<NotificationJobsSummary> {
  const now = core.deps.now();
  const today = dayOf(now);
  const db = core.db.reader;
  const out: NotificationJobsSummary = {
    created: 0,
    weekly: 0,
    deleted: 0,
    mailsSent: 0,
    mailsFailed: 0,
  };
  for (const kind of EXPIRY_KINDS) {
    const last = lastRunDay(db, kind);
    if (last === null || last < today)
      out.created += (await core.runAsSystem('notifications.expiryJob', { kind })).created;
  }
  const { dayOfWeek, hourUtc } = core.deps.config.notifications.weeklySummary;
  if (weeklyDue(db, now, dayOfWeek, hourUtc) !== null)
    out.weekly = (await core.runAsSystem('notifications.weeklySummary', {})).created;
  const purged = lastRunDay(db, 'PURGE');
  if (core.deps.config.notifications.deletePastNotifications && (purged === null || purged < today))
    out.deleted = (await core.runAsSystem('notifications.purge', {})).deleted;
  const mails = await deliverDueMails(core);
  out.mailsSent = mails.sent;
  out.mailsFailed = mails.failed;
  return out;
}

/** Sends due mails in batches; stops when nothing is due or a batch sent nothing (the server is down). */
export async function deliverDueMails(core: Core): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  while (mailsDue(core.db.reader, core.deps.now()) > 0) {
    const r = await core.runAsSystem('notifications.deliverMail', {});
    sent += r.sent;
    failed += r.failed;
    if (r.sent === 0) break;
  }
  return { sent, failed };
}
