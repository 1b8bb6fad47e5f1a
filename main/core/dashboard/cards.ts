import type { z } from 'zod';
import type { DashboardCard } from '../../contract/methods/dashboard.ts';
import type { UserProfile } from '../../contract/index.ts';
import type { Actor, QueryCtx } from '../context.ts';
import { policyRequired } from '../partners/access.ts';
import { expiringFtmCertificates, expiringSbis, pendingFtm, pendingSbiDevice } from '../devices/dashboard.ts';

type Card = z.infer<typeof DashboardCard>;

const EXPIRY_WINDOW_DAYS = 30;

/** Admin cards of policies, linking, partners and auth services (pms.md §5.2); linking shows the pending count. */
export function adminCards(ctx: QueryCtx, actor: Actor): Card[] {
  const cards: Card[] = [];
  const partnerAdmin = actor.roles.includes('PARTNER_ADMIN');
  if (partnerAdmin) cards.push({ id: 'partners', count: null });
  // MOSIP-38393: the policy API accepts either admin role, so either sees the card.
  if (partnerAdmin || actor.roles.includes('POLICYMANAGER')) cards.push({ id: 'policies', count: null });
  if (partnerAdmin) {
    // kept by triggers (list_count, migration 0030): the pending count costs one lookup at any size
    const pending = ctx.db
      .prepare(
        "SELECT COALESCE(SUM(n), 0) AS n FROM list_count WHERE tbl = 'partner_policy_request' AND k = 'InProgress'",
      )
      .get() as { n: number };
    cards.push({ id: 'policyLinking', count: pending.n }, { id: 'authServices', count: null });
    const sbiDevice = pendingSbiDevice(ctx.db);
    cards.push(
      { id: 'sbiDevice', count: sbiDevice.sbi + sbiDevice.device, breakdown: sbiDevice },
      { id: 'ftmChip', count: pendingFtm(ctx.db) },
    );
  }
  return cards;
}

/** Partner cards: Policies for types under a policy group; Authentication Services with keys expiring in 30 days. */
export function partnerCards(ctx: QueryCtx, actor: Actor, partner: UserProfile['partner']): Card[] {
  if (!partner) return [];
  const cards: Card[] = [];
  if (policyRequired(partner.partnerType)) cards.push({ id: 'policies', count: null });
  if (partner.partnerType === 'Auth_Partner')
    cards.push({ id: 'authServices', count: expiringKeys(ctx, actor.partnerIds) });
  if (partner.partnerType === 'Device_Provider')
    cards.push({ id: 'sbiDevice', count: expiringSbis(ctx.db, actor.partnerIds, ctx.now) });
  if (partner.partnerType === 'FTM_Provider')
    cards.push({
      id: 'ftmChip',
      count: expiringFtmCertificates(ctx.db, actor.partnerIds, ctx.now),
    });
  return cards;
}

/** The officer's assisted applications that need them: waiting for the ID service, or to capture again. */
export function officerQueue(ctx: QueryCtx, officerId: string): number {
  return ctx.db
    .prepare(
      "SELECT COUNT(*) FROM assisted_application WHERE officer_id = ? AND (state = 'waiting' OR (state = 'draft' AND outcome_code IS NOT NULL))",
    )
    .pluck()
    .get(officerId) as number;
}

export function expiringKeys(ctx: QueryCtx, partnerIds: readonly string[]): number {
  if (partnerIds.length === 0) return 0;
  const until = new Date(ctx.now.getTime() + EXPIRY_WINDOW_DAYS * 86_400_000).toISOString();
  const r = ctx.db
    // "+" keeps SQLite on the partner's own keys (partner_policy_partner_created) instead of all expiring keys
    .prepare(
      `SELECT COUNT(*) AS n FROM partner_policy WHERE part_id IN (${partnerIds.map(() => '?').join(', ')}) AND +is_active = 1 AND +valid_to > ? AND +valid_to <= ?`,
    )
    .get(...partnerIds, ctx.now.toISOString(), until) as { n: number };
  return r.n;
}
