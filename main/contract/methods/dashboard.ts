import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty } from '../common.ts';

/**
 * Dashboard cards as pms.md §5.2. Each feature issue adds its card id here and its count in the core;
 * the renderer shows only the cards the core returns for the caller.
 */
export const CARD_IDS = ['partnerCertificate', 'profile', 'auditLog', 'partners', 'trustStore', 'policies', 'policyLinking', 'authServices', 'sbiDevice', 'ftmChip'] as const;
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
    reads: ['accounts', 'partners', 'trustStore', 'policies', 'policyLinking', 'authServices', 'devices', 'ftm'],
    access: 'session',
    input: Empty,
    output: z.object({
      cards: z.array(DashboardCard),
      accountStatus: z.enum(['admin', 'InProgress', 'active', 'deactivated', 'rejected']),
    }),
    errors: [],
  }),
};
