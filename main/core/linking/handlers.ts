import { AppError } from '../../contract/index.ts';
import type { DataTopic } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { newId } from '../ids.ts';
import { ownPartner } from '../partners/access.ts';
import { listLinks } from './list.ts';
import { linkOut, loadLink, loadLinkDetail } from './queries.ts';
import type { LinkStatus } from './queries.ts';
import { checkDecision, checkLinkDeactivation, checkRequest, decisionOf } from './rules.ts';

type LinkingMethods =
  | 'linking.request'
  | 'linking.availablePolicies'
  | 'linking.list'
  | 'linking.get'
  | 'linking.decide'
  | 'linking.deactivate';

const TOPIC: DataTopic = 'policyLinking';

export const linkingHandlers: HandlerMap<LinkingMethods> = {
  'linking.request': command<'linking.request'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const partner = ownPartner(ctx.db, actor, input.partnerId);
      const policy = checkRequest(ctx.db, partner, input.policyId);
      const id = newId(ctx.deps);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          `INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'InProgress', ?, ?, ?)`,
        )
        .run(id, partner.id, policy.id, input.comments, actor.userId, time, time);
      ctx.changed(TOPIC, { partners: [partner.id] });
      return {
        output: linkOut(loadLink(ctx.db, id)),
        ref: { type: 'policyRequest', id },
        outbox: {
          mappingKey: id,
          partnerId: partner.id,
          policyId: policy.id,
          useCaseDescription: input.comments,
        },
      };
    },
  }),

  'linking.availablePolicies': query((ctx, input) => {
    const partner = ownPartner(ctx.db, requireActor(ctx.actor), input.partnerId);
    if (!partner.policy_group_id)
      return {
        policyGroupId: null,
        policyGroupName: null,
        policyGroupDescription: null,
        policies: [],
      };
    const group = ctx.db
      .prepare('SELECT id, name, descr FROM policy_group WHERE id = ?')
      .get(partner.policy_group_id) as { id: string; name: string; descr: string };
    const rows = ctx.db
      .prepare(
        `SELECT pol.id, pol.name, pol.descr, pol.policy_type,
           (SELECT r.status_code FROM partner_policy_request r WHERE r.part_id = ? AND r.policy_id = pol.id ORDER BY r.created_at DESC LIMIT 1) AS request_status
         FROM auth_policy pol WHERE pol.policy_group_id = ? AND pol.status = 'activated' ORDER BY pol.name COLLATE NOCASE`,
      )
      .all(partner.id, group.id) as Array<{
      id: string;
      name: string;
      descr: string;
      policy_type: 'Auth' | 'DataShare' | 'CredentialIssuance';
      request_status: LinkStatus | null;
    }>;
    return {
      policyGroupId: group.id,
      policyGroupName: group.name,
      policyGroupDescription: group.descr,
      policies: rows.map((r) => ({
        policyId: r.id,
        policyName: r.name,
        policyDescription: r.descr,
        policyType: r.policy_type,
        requestStatus: r.request_status,
      })),
    };
  }),

  'linking.list': query((ctx, input) =>
    listLinks(ctx.db, requireActor(ctx.actor), input, ctx.deps.config.lists.countCap),
  ),

  'linking.get': query((ctx, input) => {
    const actor = requireActor(ctx.actor);
    const detail = loadLinkDetail(ctx.db, input.id);
    // Another partner's request looks like no request at all.
    if (!actor.isAdmin && !actor.partnerIds.includes(detail.partnerId))
      throw new AppError('PMS_PRT_006', `Policy request "${input.id}" does not exist.`);
    return detail;
  }),

  'linking.decide': command<'linking.decide'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const status = decisionOf(input.status);
      const link = loadLink(ctx.db, input.id);
      checkDecision(ctx.db, link, status);
      ctx.db
        .prepare('UPDATE partner_policy_request SET status_code = ?, upd_by = ?, updated_at = ? WHERE id = ?')
        .run(status, actor.userId, ctx.now.toISOString(), link.id);
      ctx.changed(TOPIC, { partners: [link.part_id] });
      return {
        output: linkOut(loadLink(ctx.db, link.id)),
        ref: { type: 'policyRequest', id: link.id },
        outbox: { mappingKey: link.id, status },
      };
    },
  }),

  'linking.deactivate': command<'linking.deactivate'>({
    module: 'partners',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const link = loadLink(ctx.db, input.id);
      checkLinkDeactivation(link);
      ctx.db
        .prepare(
          "UPDATE partner_policy_request SET status_code = 'deactivated', upd_by = ?, updated_at = ? WHERE id = ?",
        )
        .run(actor.userId, ctx.now.toISOString(), link.id);
      ctx.changed(TOPIC, { partners: [link.part_id] });
      ctx.changed('authServices', { partners: [link.part_id] });
      return {
        output: linkOut(loadLink(ctx.db, link.id)),
        ref: { type: 'policyRequest', id: link.id },
        outbox: { mappingKey: link.id, status: 'deactivated' },
      };
    },
  }),
};
