import { AppError } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { loadPartner, ownPartner, policyRequired } from './access.ts';
import { listPartners } from './list.ts';
import { adminPartnerDetail, myPartners } from './queries.ts';

type PartnerMethods =
  | 'partners.mine'
  | 'partners.setPolicyGroup'
  | 'partners.list'
  | 'partners.get'
  | 'partners.deactivate'
  | 'partners.activate'
  | 'partners.reject';

export const partnerHandlers: HandlerMap<PartnerMethods> = {
  'partners.mine': query((ctx, input) => ({
    partners: myPartners(ctx.db, requireActor(ctx.actor).partnerIds, input),
  })),

  /**
   * MOSIP asks for the group right after registration and lets it change only while the partner is
   * inactive (PMS_PRT_050); links made under a group also pin it, so keys never outlive their group.
   */
  'partners.setPolicyGroup': command<'partners.setPolicyGroup'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const partner = ownPartner(ctx.db, actor, input.partnerId);
      if (!policyRequired(partner.partner_type_code))
        throw new AppError('PMS_PRT_048', `Partners of type ${partner.partner_type_code} do not use a policy group.`);
      const group = ctx.db
        .prepare('SELECT id, name, is_active FROM policy_group WHERE id = ?')
        .get(input.policyGroupId) as { id: string; name: string; is_active: number } | undefined;
      if (!group)
        throw new AppError('PMS_PRT_002', 'This policy group does not exist.', {
          policyGroupId: 'PMS_PRT_002',
        });
      if (group.is_active !== 1)
        throw new AppError('PMS_POL_053', `Policy group "${group.name}" is not active.`, {
          policyGroupId: 'PMS_POL_053',
        });
      if (partner.is_active === 1)
        throw new AppError('PMS_PRT_050', 'The policy group cannot be changed for an active partner.');
      const open = ctx.db
        .prepare(
          "SELECT COUNT(*) AS n FROM partner_policy_request WHERE part_id = ? AND status_code IN ('InProgress', 'approved')",
        )
        .get(partner.id) as { n: number };
      if (open.n > 0)
        throw new AppError(
          'PMS_PRT_050',
          'The policy group cannot be changed while the partner has pending or approved policies.',
        );
      ctx.db
        .prepare('UPDATE partner SET policy_group_id = ?, updated_at = ? WHERE id = ?')
        .run(group.id, ctx.now.toISOString(), partner.id);
      ctx.changed('partners', { partners: [partner.id] });
      const [out] = myPartners(ctx.db, [partner.id]);
      return {
        output: out!,
        ref: { type: 'partner', id: partner.id },
        outbox: { partnerId: partner.id, policyGroupId: group.id, policyGroupName: group.name },
      };
    },
  }),

  'partners.list': query((ctx, input) => listPartners(ctx.db, input)),
  'partners.get': query((ctx, input) => adminPartnerDetail(ctx.db, input.partnerId, ctx.now)),

  // Nothing is cascaded: every use of a key, client or link reads the partner's state, so
  // deactivation stops them at once and activation restores them as they were.
  'partners.deactivate': command<'partners.deactivate'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPartner(ctx.db, input.partnerId);
      if (p.is_active !== 1) throw new AppError('PMS_PM_063', `Partner "${p.id}" (${p.name}) is already deactivated.`);
      ctx.db.prepare('UPDATE partner SET is_active = 0, updated_at = ? WHERE id = ?').run(ctx.now.toISOString(), p.id);
      ctx.changed('partners', { partners: [p.id] });
      ctx.changed('authServices', { partners: [p.id] });
      return {
        output: adminPartnerDetail(ctx.db, p.id, ctx.now),
        ref: { type: 'partner', id: p.id },
        outbox: { partnerId: p.id, status: 'De-Active', by: actor.userId },
      };
    },
  }),

  /**
   * MOSIP's activation (PartnerManagementServiceImpl.activateDeactivateAuthEKYCPartner) needs the
   * certificate (PMS_PRT_108) and sets is_active only: it never approves. It would leave a rejected
   * partner rejected, "active" in name only, so here only an approved partner can be activated.
   */
  'partners.activate': command<'partners.activate'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPartner(ctx.db, input.partnerId);
      if (p.is_active === 1) throw new AppError('PD_PRT_001', `Partner "${p.id}" is already active.`);
      if (p.certificate_alias === null)
        throw new AppError(
          'PMS_PRT_108',
          `No certificate has been uploaded for partner "${p.id}"; it cannot be activated.`,
        );
      if (p.approval_status !== 'approved')
        throw new AppError(
          'PD_PRT_002',
          `Partner "${p.id}" is ${p.approval_status === 'rejected' ? 'rejected' : 'not approved'}; only an approved partner can be activated.`,
        );
      ctx.db.prepare('UPDATE partner SET is_active = 1, updated_at = ? WHERE id = ?').run(ctx.now.toISOString(), p.id);
      ctx.changed('partners', { partners: [p.id] });
      ctx.changed('authServices', { partners: [p.id] });
      return {
        output: adminPartnerDetail(ctx.db, p.id, ctx.now),
        ref: { type: 'partner', id: p.id },
        outbox: { partnerId: p.id, status: 'Active', by: actor.userId },
      };
    },
  }),

  // A registration waits for its certificate (the upload approves it); the admin may refuse it instead.
  'partners.reject': command<'partners.reject'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPartner(ctx.db, input.partnerId);
      if (p.approval_status !== 'InProgress')
        throw new AppError(
          'PD_PRT_003',
          `Partner "${p.id}" is ${p.approval_status}; only a pending registration can be rejected.`,
        );
      ctx.db
        .prepare("UPDATE partner SET approval_status = 'rejected', is_active = 0, updated_at = ? WHERE id = ?")
        .run(ctx.now.toISOString(), p.id);
      ctx.changed('partners', { partners: [p.id] });
      ctx.changed('authServices', { partners: [p.id] });
      return {
        output: adminPartnerDetail(ctx.db, p.id, ctx.now),
        ref: { type: 'partner', id: p.id },
        outbox: { partnerId: p.id, status: 'rejected', by: actor.userId },
      };
    },
  }),
};
