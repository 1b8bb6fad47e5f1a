import { AppError } from '../../contract/index.ts';
import type { DataTopic } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { newId } from '../ids.ts';
import { listGroups, listPolicies, searchActiveGroups } from './lists.ts';
import { groupOut, groupPolicyCounts, loadGroup, loadPolicy, loadPolicyDetail } from './queries.ts';
import {
  checkGroupDeactivation,
  checkGroupNameFree,
  checkPolicyDeactivation,
  checkPolicyNameFree,
  requireActiveGroup,
  requireDraft,
} from './rules.ts';
import { schemaUrl, validatePolicy } from './schemas.ts';

type PolicyMethods =
  | 'policyGroups.create'
  | 'policyGroups.list'
  | 'policyGroups.get'
  | 'policyGroups.deactivate'
  | 'policyGroups.searchActive'
  | 'policies.create'
  | 'policies.update'
  | 'policies.publish'
  | 'policies.clone'
  | 'policies.deactivate'
  | 'policies.list'
  | 'policies.get';

const TOPIC: DataTopic = 'policies';
// Drafts concern the policy admins only; active groups and published policies are what partners
// pick from, so those changes are `shared` with every partner that uses policies.

export const policyHandlers: HandlerMap<PolicyMethods> = {
  'policyGroups.create': command<'policyGroups.create'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      checkGroupNameFree(ctx.db, input.name);
      const id = newId(ctx.deps);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          'INSERT INTO policy_group (id, name, descr, is_active, cr_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
        )
        .run(id, input.name, input.description, actor.userId, time, time);
      ctx.changed(TOPIC, { shared: true });
      return {
        output: groupOut(loadGroup(ctx.db, id)),
        ref: { type: 'policyGroup', id },
        outbox: { policyGroupId: id, name: input.name, description: input.description },
      };
    },
  }),

  'policyGroups.list': query((ctx, input) => listGroups(ctx.db, input)),
  'policyGroups.searchActive': query((ctx, input) => searchActiveGroups(ctx.db, input)),

  'policyGroups.get': query((ctx, input) => {
    const g = loadGroup(ctx.db, input.policyGroupId);
    const partners = ctx.db.prepare('SELECT COUNT(*) AS n FROM partner WHERE policy_group_id = ?').get(g.id) as {
      n: number;
    };
    return { ...groupOut(g), policies: groupPolicyCounts(ctx.db, g.id), partners: partners.n };
  }),

  'policyGroups.deactivate': command<'policyGroups.deactivate'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const g = loadGroup(ctx.db, input.policyGroupId);
      checkGroupDeactivation(ctx.db, g);
      ctx.db
        .prepare('UPDATE policy_group SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
        .run(actor.userId, ctx.now.toISOString(), g.id);
      ctx.changed(TOPIC, { shared: true });
      return {
        output: groupOut(loadGroup(ctx.db, g.id)),
        ref: { type: 'policyGroup', id: g.id },
        outbox: { policyGroupId: g.id, isActive: false },
      };
    },
  }),

  // A new policy is always a draft in an active group (pms.md §3.2).
  'policies.create': command<'policies.create'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const g = loadGroup(ctx.db, input.policyGroupId);
      requireActiveGroup(g);
      checkPolicyNameFree(ctx.db, g.id, input.name, g.name);
      const json = validatePolicy(input.policyType, input.policy);
      const id = newId(ctx.deps);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, is_active, cr_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(id, g.id, input.name, input.description, input.policyType, json, actor.userId, time, time);
      ctx.changed(TOPIC, { shared: true });
      return {
        output: loadPolicyDetail(ctx.db, id),
        ref: { type: 'policy', id },
        outbox: {
          policyId: id,
          policyGroupId: g.id,
          name: input.name,
          description: input.description,
          policyType: input.policyType,
          policies: JSON.parse(json) as unknown,
        },
      };
    },
  }),

  'policies.update': command<'policies.update'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPolicy(ctx.db, input.policyId);
      requireDraft(p);
      checkPolicyNameFree(ctx.db, p.policy_group_id, input.name, p.group_name, p.id);
      const json = validatePolicy(p.policy_type, input.policy);
      ctx.db
        .prepare('UPDATE auth_policy SET name = ?, descr = ?, policy_json = ?, upd_by = ?, updated_at = ? WHERE id = ?')
        .run(input.name, input.description, json, actor.userId, ctx.now.toISOString(), p.id);
      ctx.changed(TOPIC, { shared: true });
      return {
        output: loadPolicyDetail(ctx.db, p.id),
        ref: { type: 'policy', id: p.id },
        outbox: {
          policyId: p.id,
          name: input.name,
          description: input.description,
          policies: JSON.parse(json) as unknown,
        },
      };
    },
  }),

  // Irreversible: a published policy is never edited again, only deactivated.
  'policies.publish': command<'policies.publish'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPolicy(ctx.db, input.policyId);
      if (p.status !== 'draft') throw new AppError('PMS_POL_020', `Policy "${p.name}" is already published.`);
      requireActiveGroup(loadGroup(ctx.db, p.policy_group_id));
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          'UPDATE auth_policy SET policy_schema = ?, is_active = 1, published_at = ?, upd_by = ?, updated_at = ? WHERE id = ?',
        )
        .run(schemaUrl(p.policy_type), time, actor.userId, time, p.id);
      ctx.changed(TOPIC);
      return {
        output: loadPolicyDetail(ctx.db, p.id),
        ref: { type: 'policy', id: p.id },
        outbox: { policyId: p.id, policyGroupId: p.policy_group_id },
      };
    },
  }),

  // MOSIP's clone is UI-only: a new draft with the same content in another group.
  'policies.clone': command<'policies.clone'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const source = loadPolicy(ctx.db, input.policyId);
      const target = loadGroup(ctx.db, input.policyGroupId);
      requireActiveGroup(target);
      checkPolicyNameFree(ctx.db, target.id, source.name, target.name);
      const id = newId(ctx.deps);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, version, policy_json, is_active, cr_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(
          id,
          target.id,
          source.name,
          source.descr,
          source.policy_type,
          source.version,
          source.policy_json,
          actor.userId,
          time,
          time,
        );
      ctx.changed(TOPIC);
      return {
        output: loadPolicyDetail(ctx.db, id),
        ref: { type: 'policy', id },
        outbox: { policyId: id, clonedFrom: source.id, policyGroupId: target.id },
      };
    },
  }),

  'policies.deactivate': command<'policies.deactivate'>({
    module: 'policies',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const p = loadPolicy(ctx.db, input.policyId);
      checkPolicyDeactivation(ctx.db, p);
      ctx.db
        .prepare('UPDATE auth_policy SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
        .run(actor.userId, ctx.now.toISOString(), p.id);
      ctx.changed(TOPIC);
      return {
        output: loadPolicyDetail(ctx.db, p.id),
        ref: { type: 'policy', id: p.id },
        outbox: { policyId: p.id, isActive: false },
      };
    },
  }),

  'policies.list': query((ctx, input) => listPolicies(ctx.db, input)),
  'policies.get': query((ctx, input) => loadPolicyDetail(ctx.db, input.policyId)),
};
