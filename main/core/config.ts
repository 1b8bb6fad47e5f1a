import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OIDC_DEFAULTS, OidcConfigSchema } from './auth-services/oidc-config.ts';
import { COUNT_CAP } from './lists/count-cap.ts';
import { PortalConfigSchema } from './portal/config.ts';
import { ASSISTED_DEFAULTS, AssistedConfigSchema } from './assisted/config.ts';
import { SERVER_CONFIG_DEFAULTS, ServerConfigSchema } from './server-config.ts';

/** MOSIP's default expiry periods (days before expiry) for every kind: 30, 15, then daily from 10 (pms.md §4). */
export const EXPIRY_PERIODS = [30, 15, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
const Periods = z.array(z.number().int().min(0).max(366)).min(1).max(64).default(EXPIRY_PERIODS);
const NOTIFICATION_DEFAULTS = {
  periods: {
    caCertificates: EXPIRY_PERIODS,
    partnerCertificates: EXPIRY_PERIODS,
    ftmChipCertificates: EXPIRY_PERIODS,
    sbis: EXPIRY_PERIODS,
    apiKeys: EXPIRY_PERIODS,
  },
  weeklySummary: { dayOfWeek: 6, hourUtc: 0 },
  deletePastNotifications: true,
  retentionDays: 60,
  skipPartnerIds: ['MOSIP.PROXY.SBI', 'mpartner-default-*'],
  mailRetry: { firstSeconds: 60, maxSeconds: 6 * 3600 },
};

/** keymanager's rule for partner certificates: one year of MOSIP-signed validity less 30 days of grace. */
export const PARTNER_MIN_REMAINING_DAYS = 1 * 365 - 30;

/**
 * Settings an admin edits in `<dataDir>/config.json`. Every field has a default so an empty data
 * directory just works; a malformed file is refused with a message naming the field.
 */
export const ConfigSchema = z
  .object({
    session: z
      .object({
        // MOSIP: 25 min inactivity, prompt 5 min before (pms.md §5.6)
        inactivitySeconds: z
          .number()
          .int()
          .min(5)
          .max(24 * 3600)
          .default(25 * 60),
        promptSeconds: z
          .number()
          .int()
          .min(1)
          .max(3600)
          .default(5 * 60),
        /** A session ends this long after sign-in however active it is (a stolen token does not live forever). */
        absoluteSeconds: z
          .number()
          .int()
          .min(60)
          .max(30 * 24 * 3600)
          .default(12 * 3600),
      })
      .default({ inactivitySeconds: 25 * 60, promptSeconds: 5 * 60, absoluteSeconds: 12 * 3600 }),
    lockout: z
      .object({
        maxFailedLogins: z.number().int().min(1).max(100).default(5),
        lockSeconds: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 3600)
          .default(15 * 60),
        /**
         * The only active admin is never locked (that would lock everyone out of administration):
         * past maxFailedLogins each further failure doubles a wait that starts here and stops at
         * adminMaxBackoffSeconds.
         */
        adminBackoffSeconds: z.number().int().min(1).max(3600).default(2),
        adminMaxBackoffSeconds: z
          .number()
          .int()
          .min(1)
          .max(24 * 3600)
          .default(5 * 60),
        /** Wrong current passwords in profile.changePassword before the session is ended. */
        maxWrongCurrentPasswords: z.number().int().min(1).max(100).default(5),
      })
      .default({
        maxFailedLogins: 5,
        lockSeconds: 15 * 60,
        adminBackoffSeconds: 2,
        adminMaxBackoffSeconds: 5 * 60,
        maxWrongCurrentPasswords: 5,
      }),
    web: z
      .object({
        /** Open connections the web host accepts at once; more are dropped. */
        maxConnections: z.number().int().min(4).max(10_000).default(128),
        /** A request must have sent all its headers within this time. */
        headersTimeoutSeconds: z.number().int().min(1).max(300).default(10),
        /** …and its whole body within this one. */
        requestTimeoutSeconds: z.number().int().min(1).max(3600).default(120),
      })
      .default({ maxConnections: 128, headersTimeoutSeconds: 10, requestTimeoutSeconds: 120 }),
    passwordReset: z
      .object({
        ttlSeconds: z
          .number()
          .int()
          .min(60)
          .max(7 * 24 * 3600)
          .default(30 * 60),
      })
      .default({ ttlSeconds: 30 * 60 }),
    certificates: z
      .object({
        /** keymanager: mosip.kernel.partner.cacertificate.upload.minimumvalidity.month */
        caMinValidityMonths: z.number().int().min(0).max(600).default(12),
        /** Validity of the MOSIP-signed partner certificate (keymanager: 1 year). */
        mosipSignedValidityDays: z.number().int().min(1).max(3650).default(365),
        /**
         * A partner (or FTM chip) certificate must stay valid at least this many days after upload.
         * keymanager: mosip.kernel.partner.issuer.certificate.duration.years (1) × 365 −
         * mosip.kernel.partner.issuer.certificate.allowed.grace.duration (30) = 335.
         */
        partnerMinRemainingDays: z.number().int().min(0).max(3650).default(PARTNER_MIN_REMAINING_DAYS),
      })
      .default({
        caMinValidityMonths: 12,
        mosipSignedValidityDays: 365,
        partnerMinRemainingDays: PARTNER_MIN_REMAINING_DAYS,
      }),
    apiKeys: z
      .object({
        /**
         * Lifetime of a new API key in days (MOSIP: mosip.pmp.partner.policy.expiry.period.indays);
         * 100 years by default. Read at generation time only, so a change never alters existing keys.
         */
        expiryDays: z.number().int().min(1).max(36500).default(36500),
      })
      .default({ expiryDays: 36500 }),
    devices: z
      .object({
        /** MOSIP mosip.pms.created.date.max.year: an SBI's created date is at most this many years ago. */
        sbiCreatedDateMaxYears: z.number().int().min(1).max(100).default(10),
        /** MOSIP mosip.pms.expiry.date.max.year: an SBI's expiry date is at most this many years ahead. */
        sbiExpiryDateMaxYears: z.number().int().min(1).max(100).default(10),
      })
      .default({ sbiCreatedDateMaxYears: 10, sbiExpiryDateMaxYears: 10 }),
    oidc: OidcConfigSchema.default(OIDC_DEFAULTS),
    lists: z
      .object({
        /** A filtered total counted match by match stops here and shows as "5,000+" (lists/fact-list.ts COUNT_CAP). */
        countCap: z.number().int().min(1).max(10_000_000).default(COUNT_CAP),
      })
      .default({ countCap: COUNT_CAP }),
    hardware: z
      .object({
        /** SBI services listen on 127.0.0.1 in this range (sbi.md §1.1: 4501–4600). */
        sbiPortFrom: z.number().int().min(1).max(65535).default(4501),
        sbiPortTo: z.number().int().min(1).max(65535).default(4600),
        /** Background discovery while a hardware screen is open; 0 turns it off. */
        discoveryIntervalSeconds: z.number().int().min(0).max(3600).default(15),
        /**
         * Who the virtual SBI says it is: its digital ID's provider and the O= of its certificates.
         * By default the demo dataset's device and FTM providers, so a demo onboards it cleanly.
         */
        virtualDeviceOrg: z.string().trim().min(1).max(64).default('Sentinel Biometrics'),
        virtualProviderId: z.string().trim().min(1).max(36).default('sentinel-biometrics'),
        virtualFtmOrg: z.string().trim().min(1).max(64).default('SecureSilicon FTM'),
      })
      .default({
        sbiPortFrom: 4501,
        sbiPortTo: 4600,
        discoveryIntervalSeconds: 15,
        virtualDeviceOrg: 'Sentinel Biometrics',
        virtualProviderId: 'sentinel-biometrics',
        virtualFtmOrg: 'SecureSilicon FTM',
      }),
    /** Expiry notifications (MOSIP's mosip.pms.batch.job.* properties, pms.md §4). */
    notifications: z
      .object({
        /** Days before expiry a notification is due, per kind (…expiry.periods). */
        periods: z
          .object({
            caCertificates: Periods,
            partnerCertificates: Periods,
            ftmChipCertificates: Periods,
            sbis: Periods,
            apiKeys: Periods,
          })
          .default(NOTIFICATION_DEFAULTS.periods),
        /** When the weekly summary is due (UTC; MOSIP cron 0 0 0 * * 6: Saturday 00:00). 0 = Sunday. */
        weeklySummary: z
          .object({
            dayOfWeek: z.number().int().min(0).max(6).default(6),
            hourUtc: z.number().int().min(0).max(23).default(0),
          })
          .default(NOTIFICATION_DEFAULTS.weeklySummary),
        /** …enable.past.notifications.deletion and …past.notifications.deletion.period. */
        deletePastNotifications: z.boolean().default(true),
        retentionDays: z.number().int().min(1).max(3650).default(60),
        /** …skips.partner.ids: MOSIP's internal partners; a trailing * matches a prefix. */
        skipPartnerIds: z
          .array(z.string().trim().min(1).max(128))
          .max(1000)
          .default(NOTIFICATION_DEFAULTS.skipPartnerIds),
        /** The time zone mails show next to UTC ("local time"); the host's zone when absent. */
        timeZone: z
          .string()
          .max(64)
          .refine((tz) => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: tz });
              return true;
            } catch {
              return false;
            }
          }, 'not a known IANA time zone')
          .optional(),
        /** A failed mail is retried after firstSeconds, doubling up to maxSeconds; it is never dropped. */
        mailRetry: z
          .object({
            firstSeconds: z.number().int().min(1).max(86_400).default(60),
            maxSeconds: z
              .number()
              .int()
              .min(1)
              .max(7 * 86_400)
              .default(6 * 3600),
          })
          .default(NOTIFICATION_DEFAULTS.mailRetry),
      })
      .default(NOTIFICATION_DEFAULTS),
    /** The server host (`npm run server`); the desktop and web hosts ignore it. */
    server: ServerConfigSchema.default(SERVER_CONFIG_DEFAULTS),
    /**
     * The desk's updates (README "Shipping installers and updates"): the channel it follows on the
     * server it syncs with, and the deployment's release public key pinned at install (base64 of
     * the raw Ed25519 key, as `npm run cli -- release key` prints it). No key: updates stay off.
     */
    updates: z
      .object({
        channel: z.enum(['stable', 'beta']).default('stable'),
        releaseKey: z
          .string()
          .regex(/^[A-Za-z0-9+/]{43}=$/, 'the base64 of a 32-byte Ed25519 public key')
          .nullable()
          .default(null),
        checkIntervalMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(6 * 60),
      })
      .default({ channel: 'stable', releaseKey: null, checkIntervalMinutes: 6 * 60 }),
    /** The self-service portal's applicant sign-in (issue 15); absent: no sign-in with an ID. */
    portal: PortalConfigSchema.default({}),
    /** Assisted registration at the desk (issue 16): modalities, thresholds, attempts, queue time. */
    assisted: AssistedConfigSchema.default(ASSISTED_DEFAULTS),
    /** Base of links in e-mails; the host fills in its own address when this is absent. */
    publicUrl: z.string().url().optional(),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean().default(false),
        user: z.string().optional(),
        pass: z.string().optional(),
        from: z.string().min(3).default('Partner Desk <no-reply@partner-desk.local>'),
        /** Only for test servers on loopback with self-signed certificates (refused for other hosts). */
        allowSelfSigned: z.boolean().default(false),
      })
      .optional(),
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;

/** A host name that can only mean this machine: the one place a self-signed certificate is acceptable. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(raw: unknown, source = 'config'): Config {
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${source}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  if (parsed.data.hardware.sbiPortFrom > parsed.data.hardware.sbiPortTo) {
    throw new ConfigError(`${source}: hardware.sbiPortFrom must not be above hardware.sbiPortTo`);
  }
  if (parsed.data.smtp?.allowSelfSigned && !isLoopbackHost(parsed.data.smtp.host)) {
    throw new ConfigError(
      `${source}: smtp.allowSelfSigned is only allowed for a loopback host (127.0.0.1, ::1, localhost)`,
    );
  }
  if (parsed.data.web.headersTimeoutSeconds > parsed.data.web.requestTimeoutSeconds) {
    throw new ConfigError(`${source}: web.headersTimeoutSeconds must not be above web.requestTimeoutSeconds`);
  }
  if (parsed.data.lockout.adminBackoffSeconds > parsed.data.lockout.adminMaxBackoffSeconds) {
    throw new ConfigError(`${source}: lockout.adminBackoffSeconds must not be above lockout.adminMaxBackoffSeconds`);
  }
  if (parsed.data.session.promptSeconds >= parsed.data.session.inactivitySeconds) {
    throw new ConfigError(`${source}: session.promptSeconds must be less than session.inactivitySeconds`);
  }
  return parsed.data;
}

export function loadConfig(dataDir: string): Config {
  const file = join(dataDir, 'config.json');
  if (!existsSync(file)) return parseConfig({}, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(raw, file);
}
