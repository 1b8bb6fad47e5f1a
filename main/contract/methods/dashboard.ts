import { z } from 'zod';
import { method } from '../spec.ts';
import { DATA_TOPICS, Empty } from '../common.ts';

/**
 * Dashboard cards as pms.md §5.2. Each feature issue adds its card id here and its count in the core;
 * the renderer shows only the cards the core returns for the caller.
 */
export const CARD_IDS = [
  'partnerCertificate',
  'profile',
  'auditLog',
  'partners',
  'trustStore',
  'policies',
  'policyLinking',
  'authServices',
  'sbiDevice',
  'ftmChip',
  'assisted',
] as const;
export const CardId = z.enum(CARD_IDS);

export const DashboardCard = z.object({
  id: CardId,
  /** Pending / expiring count shown as a badge; null when the card has none. */
  count: z.number().int().nullable(),
  /** Parts of the count where the card names several (sbiDevice: { sbi, device } pending requests). */
  breakdown: z.record(z.string(), z.number().int()).optional(),
});

export const dashboardMethods = {
  'dashboard.summary': method({
    kind: 'query',
    reads: [
      'accounts',
      'partners',
      'trustStore',
      'policies',
      'policyLinking',
      'authServices',
      'devices',
      'ftm',
      'assisted',
    ],
    access: 'session',
    input: Empty,
    output: z.object({
      cards: z.array(DashboardCard),
      accountStatus: z.enum(['admin', 'InProgress', 'active', 'deactivated', 'rejected']),
    }),
    errors: [],
  }),
  /**
   * What expires on each of the next `days` calendar days (UTC), per kind of object the admin
   * watches: CA and partner certificates (the MOSIP-signed copy), approved active SBIs, FTM chip
   * certificates and active API keys. Day 0 is today.
   */
  'dashboard.expiryTimeline': method({
    kind: 'query',
    reads: ['trustStore', 'partners', 'devices', 'ftm', 'authServices'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ days: z.number().int().min(7).max(366).default(90) }).strict(),
    output: z.object({
      /** First day of the series, YYYY-MM-DD (UTC). */
      from: z.string(),
      series: z.object({
        caCertificates: z.array(z.number().int()),
        partnerCertificates: z.array(z.number().int()),
        sbis: z.array(z.number().int()),
        ftmChips: z.array(z.number().int()),
        apiKeys: z.array(z.number().int()),
      }),
    }),
    errors: [],
  }),
  /** Audit records per calendar day (UTC) over the last `days` days, today included, split by result. */
  'dashboard.auditActivity': method({
    kind: 'query',
    // every command writes an audit record, so any change makes the figures stale
    reads: [...DATA_TOPICS],
    access: ['PARTNER_ADMIN'],
    input: z.object({ days: z.number().int().min(7).max(366).default(30) }).strict(),
    output: z.object({
      from: z.string(),
      success: z.array(z.number().int()),
      failure: z.array(z.number().int()),
    }),
    errors: [],
  }),
};
