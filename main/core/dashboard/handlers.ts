import type { z } from 'zod';
import type { DashboardCard } from '../../contract/methods/dashboard.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { query } from '../handlers.ts';
import { loadProfile } from '../accounts/profile.ts';
import { adminCards, officerQueue, partnerCards } from './cards.ts';
import { auditActivity, expiryTimeline } from './timeline.ts';
import { expiringCaCount, expiringPartnerCertificates } from '../certificates/expiry.ts';

type Card = z.infer<typeof DashboardCard>;

export const dashboardHandlers: HandlerMap<
  'dashboard.summary' | 'dashboard.expiryTimeline' | 'dashboard.auditActivity'
> = {
  /**
   * Cards for features that exist (pms.md §5.2). Admins see admin cards; partner users see the
   * cards of their partner type. Feature issues append their cards and counts here.
   */
  'dashboard.summary': query((ctx) => {
    const actor = requireActor(ctx.actor);
    const profile = loadProfile(ctx.db, actor.userId);
    if (profile.isAdmin) {
      const cards: Card[] = [];
      if (actor.roles.includes('PARTNER_ADMIN')) {
        cards.push({ id: 'trustStore', count: expiringCaCount(ctx.db, ctx.now) });
        cards.push({ id: 'auditLog', count: null });
      }
      cards.push(...adminCards(ctx, actor));
      cards.push({ id: 'profile', count: null });
      return { cards, accountStatus: 'admin' };
    }
    const p = profile.partner;
    // A registration officer belongs to no partner: the desk's own account, active once created.
    if (!p && actor.roles.includes('REGISTRATION_OFFICER'))
      return {
        cards: [
          { id: 'assisted', count: officerQueue(ctx, actor.userId) },
          { id: 'profile', count: null },
        ],
        accountStatus: 'active',
      };
    const accountStatus = !p
      ? 'InProgress'
      : p.approvalStatus === 'approved'
        ? p.isActive
          ? 'active'
          : 'deactivated'
        : p.approvalStatus;
    return {
      cards: [
        {
          id: 'partnerCertificate',
          count: expiringPartnerCertificates(ctx.db, actor.partnerIds, ctx.now),
        },
        ...partnerCards(ctx, actor, p),
        { id: 'profile', count: null },
      ],
      accountStatus,
    };
  }),
  'dashboard.expiryTimeline': query((ctx, input) => expiryTimeline(ctx.db, ctx.now, input.days)),
  'dashboard.auditActivity': query((ctx, input) => auditActivity(ctx.db, ctx.now, input.days)),
};
