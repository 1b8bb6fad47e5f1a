import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty, Id, PAGING_ERRORS, PageQuery, Text, Timestamp, pageOf } from '../common.ts';
import type { Role } from '../common.ts';

/** MOSIP's notification types (pms.md §4). */
export const NOTIFICATION_TYPES = [
  'ROOT_CERT_EXPIRY',
  'INTERMEDIATE_CERT_EXPIRY',
  'PARTNER_CERT_EXPIRY',
  'FTM_CHIP_CERT_EXPIRY',
  'SBI_EXPIRY',
  'API_KEY_EXPIRY',
  'WEEKLY_SUMMARY',
] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationType>;
/** Only partner admins receive these (PMS_NOTIFICATION_ERROR_006 for anyone else asking). */
export const ADMIN_NOTIFICATION_TYPES: readonly NotificationType[] = [
  'ROOT_CERT_EXPIRY',
  'INTERMEDIATE_CERT_EXPIRY',
  'WEEKLY_SUMMARY',
];
/** The partner kinds and the role whose partners receive each (PARTNER_CERT_EXPIRY: every partner type). */
export const PARTNER_NOTIFICATION_ROLES: Readonly<Partial<Record<NotificationType, Role | null>>> = {
  PARTNER_CERT_EXPIRY: null,
  FTM_CHIP_CERT_EXPIRY: 'FTM_PROVIDER',
  SBI_EXPIRY: 'DEVICE_PROVIDER',
  API_KEY_EXPIRY: 'AUTH_PARTNER',
};
export const NotificationStatus = z.enum(['ACTIVE', 'DISMISSED']);

const CertificateDetail = z.object({
  certificateId: z.string(),
  issuedBy: z.string(),
  issuedTo: z.string(),
  partnerId: z.string(),
  partnerDomain: z.string(),
  expiryDateTime: Timestamp,
  expiryPeriod: z.number().int(),
  certificateType: z.enum(['ROOT', 'INTERMEDIATE', 'PARTNER', 'FTM_CHIP']),
});
const FtmDetail = CertificateDetail.extend({
  ftmId: z.string(),
  make: z.string(),
  model: z.string(),
});
const SbiDetail = z.object({
  sbiId: z.string(),
  sbiVersion: z.string(),
  partnerId: z.string(),
  status: z.string(),
  isSbiActive: z.boolean(),
  isSbiExpired: z.boolean(),
  countOfApprovedDevices: z.number().int(),
  countOfPendingDevices: z.number().int(),
  sbiCreatedDateTime: Timestamp,
  sbiExpiryDateTime: Timestamp,
  createdDateTime: Timestamp,
  expiryPeriod: z.number().int(),
});
const ApiKeyDetail = z.object({
  apiKeyId: z.string(),
  apiKeyName: z.string(),
  partnerId: z.string(),
  expiryDateTime: Timestamp,
  expiryPeriod: z.number().int(),
  policyGroup: z.string(),
  policyName: z.string(),
});

/** MOSIP's notification_details_json; the weekly summary also carries totals (its lists are capped). */
export const NotificationDetails = z.object({
  certificateDetails: z.array(CertificateDetail).optional(),
  ftmDetails: z.array(FtmDetail).optional(),
  sbiDetails: z.array(SbiDetail).optional(),
  apiKeyDetails: z.array(ApiKeyDetail).optional(),
  totals: z
    .object({
      partnerCertificates: z.number().int(),
      ftmChipCertificates: z.number().int(),
      sbis: z.number().int(),
      apiKeys: z.number().int(),
    })
    .optional(),
});
export type NotificationDetails = z.infer<typeof NotificationDetails>;

export const NotificationRecord = z.object({
  notificationId: z.string(),
  notificationPartnerId: z.string(),
  notificationType: NotificationType,
  notificationStatus: NotificationStatus,
  createdDateTime: Timestamp,
  notificationDetails: NotificationDetails,
  /** The UTC day the item expires (the summary's day for WEEKLY_SUMMARY). */
  expiryDate: z.string(),
});

/** A calendar day as MOSIP's filters take it (yyyy-MM-dd); checked by the core (PMS_NOTIFICATION_ERROR_016). */
const Day = Text({ max: 32 }).optional();
export const NOTIFICATION_SORT_FIELDS = ['createdDateTime'] as const;

const JobOutput = z.object({ created: z.number().int(), day: z.string() });
const ADMIN: readonly Role[] = ['PARTNER_ADMIN'];

export const notificationMethods = {
  /** A user's notifications, newest first (MOSIP GET /notifications; page size 4 in the bell). */
  'notifications.list': method({
    kind: 'query',
    access: 'session',
    reads: ['notifications'],
    input: PageQuery.extend({
      notificationType: NotificationType.optional(),
      notificationStatus: z.enum(['ACTIVE', 'DISMISSED', 'active', 'dismissed']).optional(),
      /** Type-specific filters need a notificationType (PMS_NOTIFICATION_ERROR_015). */
      itemId: Text({ max: 128 }).optional(),
      itemName: Text({ max: 128 }).optional(),
      expiryDate: Day,
      /** Only with WEEKLY_SUMMARY (PMS_NOTIFICATION_ERROR_017). */
      createdFromDate: Day,
      createdToDate: Day,
    }).strict(),
    output: pageOf(NotificationRecord),
    errors: [
      ...PAGING_ERRORS,
      'PMS_NOTIFICATION_ERROR_006',
      'PMS_NOTIFICATION_ERROR_015',
      'PMS_NOTIFICATION_ERROR_016',
      'PMS_NOTIFICATION_ERROR_017',
      'PD_NOTIF_001',
    ],
  }),
  /** The bell: active notifications newer than the user's last-seen time. */
  'notifications.unread': method({
    kind: 'query',
    access: 'session',
    reads: ['notifications'],
    input: Empty,
    output: z.object({
      unread: z.number().int(),
      newestCreatedDateTime: Timestamp.nullable(),
      seenDateTime: Timestamp.nullable(),
    }),
    errors: [],
  }),
  /** The bell panel was opened (MOSIP PUT /users/{id}/notifications-seen-timestamp). */
  'notifications.markSeen': method({
    kind: 'command',
    changes: ['notifications'],
    access: 'session',
    input: Empty,
    output: z.object({ seenDateTime: Timestamp }),
    errors: [],
  }),
  /** MOSIP PATCH /notifications/{id} { notificationStatus: "DISMISSED" }. */
  'notifications.dismiss': method({
    kind: 'command',
    changes: ['notifications'],
    access: 'session',
    input: z.object({ notificationId: Id, notificationStatus: Text({ min: 1, max: 36 }) }).strict(),
    output: NotificationRecord,
    errors: [
      'PMS_NOTIFICATION_ERROR_008',
      'PMS_NOTIFICATION_ERROR_009',
      'PMS_NOTIFICATION_ERROR_011',
      'PMS_NOTIFICATION_ERROR_012',
      'PMS_NOTIFICATION_ERROR_018',
    ],
  }),
  /** Mail delivery as the admin sees it: what waits, what keeps failing and why. */
  'notifications.mailStatus': method({
    kind: 'query',
    access: ADMIN,
    reads: ['notifications'],
    input: Empty,
    output: z.object({
      pending: z.number().int(),
      retrying: z.number().int(),
      sent: z.number().int(),
      failing: z.array(
        z.object({
          notificationId: z.string(),
          notificationType: NotificationType,
          attempts: z.number().int(),
          nextAttemptDateTime: Timestamp.nullable(),
          error: z.string(),
        }),
      ),
    }),
    errors: [],
  }),
  /** Sends the mails that are due (after each job, and on the admin's "retry now"); results audited. */
  'notifications.deliverMail': method({
    kind: 'command',
    changes: ['notifications'],
    access: ADMIN,
    input: z.object({ retryNow: z.boolean().optional() }).strict(),
    output: z.object({
      sent: z.number().int(),
      failed: z.number().int(),
      remaining: z.number().int(),
    }),
    errors: ['PD_SYNC_005'],
  }),
  /** One expiry job (MOSIP's tasklets); the hosts run them as the system, daily by the core's clock. */
  'notifications.expiryJob': method({
    kind: 'command',
    changes: ['notifications'],
    access: ADMIN,
    input: z
      .object({
        kind: z.enum(['CA_CERTIFICATES', 'PARTNER_CERTIFICATES', 'FTM_CHIP_CERTIFICATES', 'SBIS', 'API_KEYS']),
      })
      .strict(),
    output: JobOutput,
    errors: ['PD_SYNC_005'],
  }),
  /** The weekly summary to every partner admin (MOSIP WeeklyNotificationsTasklet). */
  'notifications.weeklySummary': method({
    kind: 'command',
    changes: ['notifications'],
    access: ADMIN,
    input: Empty,
    output: JobOutput,
    errors: ['PD_SYNC_005'],
  }),
  /** Deletes notifications past the retention period (MOSIP DeletePastNotificationsTasklet). */
  'notifications.purge': method({
    kind: 'command',
    changes: ['notifications'],
    access: ADMIN,
    input: Empty,
    output: z.object({ deleted: z.number().int() }),
    errors: ['PD_SYNC_005'],
  }),
};

/**
 * Where the expiring object opens in the UI (hash route), with its renew action: the partner
 * certificate page (re-upload), the SBI, chip or API key, the trust-store entry, or the
 * notifications page for a summary. The core puts the same link into the mail.
 */
export function notificationObjectPath(type: NotificationType, itemKey: string): string {
  const id = encodeURIComponent(itemKey);
  switch (type) {
    case 'ROOT_CERT_EXPIRY':
    case 'INTERMEDIATE_CERT_EXPIRY':
      return `/admin/trust-store/view?id=${id}`;
    case 'PARTNER_CERT_EXPIRY':
      return '/partner/certificates';
    case 'FTM_CHIP_CERT_EXPIRY':
      return `/provider/ftm/view?id=${id}`;
    case 'SBI_EXPIRY':
      return `/provider/sbis/view?id=${id}`;
    case 'API_KEY_EXPIRY':
      return `/partner/api-keys/view?id=${id}`;
    case 'WEEKLY_SUMMARY':
      return '/notifications';
  }
}
