/**
 * The one door to code outside renderer/: the API contract (types, constants and zod schemas).
 * Everything in the renderer imports contract things from here, so the boundary stays visible.
 */
export * from '../../main/contract/index.ts';
export * from '../../main/contract/audit-vocabulary.ts';
export { VirtualDeviceStatus } from '../../main/contract/methods/hardware.ts';
import type { Output } from '../../main/contract/index.ts';

export type DashboardSummary = Output<'dashboard.summary'>;
export type CardId = DashboardSummary['cards'][number]['id'];
export type AccountStatus = DashboardSummary['accountStatus'];
export type SystemInfo = Output<'system.info'>;
export type UserProfile = Output<'session.me'>;
export type AuditPage = Output<'audit.list'>;
export type AuditRecord = AuditPage['data'][number];

import type { AUDIT_SORT_FIELDS } from '../../main/contract/index.ts';
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];
