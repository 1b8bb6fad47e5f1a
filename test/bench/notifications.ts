/**
 * Benchmark: the daily notification jobs (issue 17) over 1M API keys, 100k SBIs and 100k partner
 * certificates. The admin-list database (test/bench/admin-data.ts: 100k partners, 1M API keys, 1%
 * of them expiring within 30 days) gets 100k MOSIP-signed partner certificates (one per partner,
 * expiries spread over 400 days) and 100k SBIs of its device providers (expiries over 1,500 days).
 * Then each job runs as the system actor through the command path (one transaction, audit record
 * per notification), as `runScheduledJobs` runs them on a day; the mails they queue are not sent
 * here (delivery is its own command after commit). A second run of the same day shows the
 * idempotent re-run. Goal: all of the day's jobs ≤ 5 s.
 * Run: npm run bench -- notifications   (KEEP=1 keeps the data directory)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import type { Mailer } from '../../main/core/mail/mailer.ts';
import { DB_FILE } from '../../main/core/index.ts';
import { EXPIRY_KINDS } from '../../main/core/notifications/run.ts';
import { BENCH_NOW, SIZES, buildAdminData, partnerId } from './admin-data.ts';

const GOAL_MS = 5000;
const DAY = 86_400_000;
const SBIS = 100_000;
const iso = (ms: number) => new Date(ms).toISOString();
const noMail: Mailer = { mode: 'outbox', send: async () => undefined };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-notifications-'));
  try {
    const t0 = performance.now();
    console.log(
      `Building ${SIZES.partners.toLocaleString()} partners, ${(SIZES.partners * SIZES.perPartner).toLocaleString()} API keys in ${dir} …`,
    );
    buildAdminData(join(dir, DB_FILE), (m) => console.log(`  ${m}`));
    // Midnight of the bench day: the jobs run at 00:30 UTC, as the hosts' hourly schedule would.
    const now = new Date(Date.UTC(BENCH_NOW.getUTCFullYear(), BENCH_NOW.getUTCMonth(), BENCH_NOW.getUTCDate(), 0, 30));
    const core = openCore({
      hardware: createHardwareHub,
      dataDir: dir,
      publicUrl: 'http://127.0.0.1/',
      now: () => now,
      config: parseConfig({}),
      mailer: noMail,
      log: () => undefined,
    });
    try {
      const w = core.db.writer;
      w.transaction(() => {
        const t = now.toISOString();
        w.prepare(
          "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES ('bench-admin', 'admin@bench.example', 'B', 'A', 'Registry', 'x', 'en', ?, ?)",
        ).run(t, t);
        w.prepare("INSERT INTO user_role (user_id, role) VALUES ('bench-admin', 'PARTNER_ADMIN')").run();
        const cert = w.prepare(
          `INSERT INTO partner_certificate (partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by, ca_not_before, ca_not_after, mosip_not_before, mosip_not_after, uploaded_at, uploaded_by)
           VALUES (?, ?, 'AUTH', ?, x'00', x'00', ?, 'Bench Issuing CA', ?, ?, ?, ?, ?, ?)`,
        );
        for (let i = 0; i < SIZES.partners; i++) {
          const id = partnerId(i);
          const expiry = now.getTime() + ((i % 400) + 1) * DAY - 3_600_000;
          cert.run(
            id,
            `cert-${i}`,
            i.toString(16).padStart(40, '0'),
            id,
            iso(expiry - 800 * DAY),
            iso(expiry + 400 * DAY),
            iso(expiry - 365 * DAY),
            iso(expiry),
            iso(expiry - 365 * DAY),
            id,
          );
        }
        const providers = w
          .prepare("SELECT id FROM partner WHERE partner_type_code = 'Device_Provider' ORDER BY id")
          .pluck()
          .all() as string[];
        const sbi = w.prepare(
          `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at)
           VALUES (?, ?, 'Vendor', 'hash', ?, ?, ?, ?, ?, 'bench', ?, ?)`,
        );
        for (let i = 0; i < SBIS; i++) {
          const created = now.getTime() - 400 * DAY;
          const approved = i % 10 !== 7;
          sbi.run(
            `sbi-${String(i).padStart(7, '0')}`,
            providers[i % providers.length]!,
            `v${i}`,
            iso(created),
            iso(now.getTime() + ((i % 1500) + 1) * DAY),
            approved ? 'approved' : 'pending_approval',
            approved ? 1 : 0,
            iso(created),
            iso(created),
          );
        }
      })();
      w.pragma('wal_checkpoint(TRUNCATE)');
      console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

      const timeRun = async (label: string) => {
        const rows: Array<[string, number, number]> = [];
        for (const kind of EXPIRY_KINDS) {
          const t = performance.now();
          const out = await core.runAsSystem('notifications.expiryJob', { kind });
          rows.push([kind, performance.now() - t, out.created]);
        }
        let t = performance.now();
        const weekly = await core.runAsSystem('notifications.weeklySummary', {});
        rows.push(['WEEKLY_SUMMARY', performance.now() - t, weekly.created]);
        t = performance.now();
        const purge = await core.runAsSystem('notifications.purge', {});
        rows.push(['PURGE', performance.now() - t, purge.deleted]);
        const total = rows.reduce((s, r) => s + r[1], 0);
        console.log(label);
        for (const [name, ms, n] of rows)
          console.log(
            `  ${name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${n.toLocaleString().padStart(7)} created/deleted`,
          );
        console.log(
          `  ${'total'.padEnd(22)} ${total.toFixed(0).padStart(6)} ms  (goal ${GOAL_MS} ms)${total > GOAL_MS ? '  ← over goal' : ''}\n`,
        );
        return total;
      };
      await timeRun(`Day ${now.toISOString().slice(0, 10)}, first run:`);
      // The same day again (the weekly summary is then already made): nothing is created twice.
      await core.runAsSystem('notifications.expiryJob', { kind: 'API_KEYS' }); // warm
      const created = core.db.reader.prepare('SELECT COUNT(*) FROM notification').pluck().get() as number;
      await timeRun('Same day, second run (idempotent):');
      const after = core.db.reader.prepare('SELECT COUNT(*) FROM notification').pluck().get() as number;
      console.log(
        `notifications: ${created.toLocaleString()} after the first run, ${after.toLocaleString()} after the second; mails queued: ${core.db.reader.prepare("SELECT COUNT(*) FROM notification WHERE email_status = 'PENDING'").pluck().get()}`,
      );
    } finally {
      core.close();
    }
  } finally {
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
