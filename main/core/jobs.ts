import type { Output } from '../contract/index.ts';
import type { Core } from './index.ts';
import { syncRole } from './sync/node.ts';
import { runNotificationJobs } from './notifications/run.ts';
import type { NotificationJobsSummary } from './notifications/run.ts';

/** Hosts run the jobs at start-up and then every hour (MOSIP runs them nightly; sooner is harmless). */
export const JOB_INTERVAL_MS = 60 * 60 * 1000;

export interface JobsSummary {
  apiKeysExpired: number;
  sbis: SbiExpirySummary;
  notifications: NotificationJobsSummary;
}

export type SbiExpirySummary = Output<'sbis.expireDue'>;
const NO_SBI_EXPIRY: SbiExpirySummary = {
  sbisDeactivated: 0,
  sbisRejected: 0,
  devicesDeactivated: 0,
  devicesRejected: 0,
};
const NO_NOTIFICATIONS: NotificationJobsSummary = {
  created: 0,
  weekly: 0,
  deleted: 0,
  mailsSent: 0,
  mailsFailed: 0,
};

/**
 * The SBI expiry job (MOSIP SbiExpiryAutoDeactivationTasklet): approved SBIs past expiry are
 * deactivated with their devices, pending ones rejected — as the system actor, set-based SQL.
 */
export async function expireSbis(core: Core): Promise<SbiExpirySummary> {
  const now = core.deps.now().toISOString();
  const due = core.db.reader
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM secure_biometric_interface WHERE approval_status = 'approved' AND is_active = 1 AND sw_expiry_dtimes < ?)
           OR EXISTS (SELECT 1 FROM secure_biometric_interface WHERE approval_status = 'pending_approval' AND is_active = 0 AND sw_expiry_dtimes < ?)`,
    )
    .pluck()
    .get(now, now);
  return due ? core.runAsSystem('sbis.expireDue', {}) : NO_SBI_EXPIRY;
}

/** Assisted-registration captures that waited longer than the configured time are dropped. */
export async function expireAssistedQueue(core: Core): Promise<number> {
  const before = new Date(core.deps.now().getTime() - core.deps.config.assisted.queueTtlMinutes * 60_000).toISOString();
  const due = core.db.reader
    .prepare("SELECT 1 FROM assisted_application WHERE state = 'waiting' AND queued_at <= ? LIMIT 1")
    .get(before);
  return due ? (await core.runAsSystem('assisted.expireQueue', {})).dropped : 0;
}

/**
 * The scheduled work of the core. Each job first looks on the read connection whether anything is
 * due, so an idle hour leaves no audit record; what is due runs as a command of the system actor.
 */
export async function runScheduledJobs(core: Core): Promise<JobsSummary> {
  // Queued captures are the desk's own: dropped on time even on a desk joined to a server.
  await expireAssistedQueue(core);
  // A desk joined to a server leaves the jobs to the server: their effects arrive with its rows.
  if (syncRole(core.db.reader) === 'desk')
    return { apiKeysExpired: 0, sbis: NO_SBI_EXPIRY, notifications: NO_NOTIFICATIONS };
  // Expiry notices first: an SBI whose expiry is 00:00 today still gets its "expires today" (period 0)
  // before the deactivation below takes it out of the active set.
  const notifications = await runNotificationJobs(core);
  const now = core.deps.now().toISOString();
  const due = core.db.reader
    .prepare('SELECT 1 FROM partner_policy WHERE valid_to <= ? AND is_active = 1 LIMIT 1')
    .get(now);
  const expired = due ? (await core.runAsSystem('apiKeys.expireDue', {})).expired : 0;
  return { apiKeysExpired: expired, sbis: await expireSbis(core), notifications };
}

/** Starts the schedule and returns the same core whose close() also stops it. */
export function withScheduledJobs(core: Core, intervalMs = JOB_INTERVAL_MS): Core {
  const run = () => {
    runScheduledJobs(core).catch((err: unknown) => core.deps.log('error', 'scheduled jobs failed', err));
  };
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    ...core,
    close() {
      clearTimeout(first);
      clearInterval(timer);
      core.close();
    },
  };
}
