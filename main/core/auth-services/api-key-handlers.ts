import { AppError } from '../../contract/index.ts';
import type { DataTopic } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { newId } from '../ids.ts';
import { ownPartner, partnerScope, requireActivePartner } from '../partners/access.ts';
import { listApiKeys } from './api-key-list.ts';
import { checkApiKey, checkGenerate, expiryFrom, hashApiKey, keyDetail, loadKey, newApiKey } from './api-keys.ts';

type ApiKeyMethods =
  'apiKeys.generate' | 'apiKeys.list' | 'apiKeys.get' | 'apiKeys.deactivate' | 'apiKeys.check' | 'apiKeys.expireDue';

const TOPIC: DataTopic = 'authServices';

export const apiKeyHandlers: HandlerMap<ApiKeyMethods> = {
  'apiKeys.generate': command<'apiKeys.generate'>({
    module: 'authServices',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const partner = ownPartner(ctx.db, actor, input.partnerId);
      requireActivePartner(partner);
      const policy = checkGenerate(ctx.db, partner, input.policyId, input.label);
      const id = newId(ctx.deps);
      const apiKey = newApiKey(ctx.deps.randomBytes);
      const keyHash = hashApiKey(apiKey);
      const time = ctx.now.toISOString();
      // The lifetime is read now and stored: changing the setting later never moves existing keys.
      const validTo = expiryFrom(ctx.now, ctx.deps.config.apiKeys.expiryDays);
      ctx.db
        .prepare(
          `INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
        )
        .run(id, keyHash, partner.id, policy.id, input.label, validTo, actor.userId, time, time);
      ctx.changed(TOPIC, { partners: [partner.id] });
      return {
        output: {
          id,
          apiKey,
          label: input.label,
          partnerId: partner.id,
          policyId: policy.id,
          policyName: policy.name,
          createdDateTime: time,
          apiKeyExpiryDateTime: validTo,
        },
        ref: { type: 'apiKey', id },
        // never the key itself: the outbox and the audit log keep only what identifies it
        outbox: {
          id,
          partnerId: partner.id,
          policyId: policy.id,
          label: input.label,
          keyHash,
          validFrom: time,
          validTo,
        },
      };
    },
  }),

  'apiKeys.list': query((ctx, input) =>
    listApiKeys(ctx.db, requireActor(ctx.actor), input, ctx.now, ctx.deps.config.lists.countCap),
  ),
  'apiKeys.get': query((ctx, input) =>
    keyDetail(loadKey(ctx.db, input.id, partnerScope(requireActor(ctx.actor))), ctx.now),
  ),

  'apiKeys.deactivate': command<'apiKeys.deactivate'>({
    module: 'authServices',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const key = loadKey(ctx.db, input.id, partnerScope(actor));
      // MOSIP: a partner user acts only while its partner is active; the admin always may.
      if (!actor.isAdmin && (key.approval_status !== 'approved' || key.partner_active !== 1))
        throw new AppError('PMS_PMP_016', `Partner "${key.part_id}" is not active.`);
      if (key.is_active !== 1) throw new AppError('PMS_PMS_022', `API key "${key.label}" is not active.`);
      ctx.db
        .prepare('UPDATE partner_policy SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
        .run(actor.userId, ctx.now.toISOString(), key.id);
      ctx.changed(TOPIC, { partners: [key.part_id] });
      return {
        output: keyDetail(loadKey(ctx.db, key.id, null), ctx.now),
        ref: { type: 'apiKey', id: key.id },
        outbox: {
          id: key.id,
          partnerId: key.part_id,
          policyId: key.policy_id,
          label: key.label,
          status: 'De-Active',
        },
      };
    },
  }),

  'apiKeys.check': query((ctx, input) => {
    const reason = checkApiKey(ctx.db, input.partnerId, input.policyId, input.apiKey, ctx.now);
    return { valid: reason === 'ok', reason };
  }),

  // One set-based UPDATE; apiKeys.check already refuses expired keys, this makes their status say so.
  'apiKeys.expireDue': command<'apiKeys.expireDue'>({
    module: 'authServices',
    actorName: () => 'system',
    apply(ctx) {
      const time = ctx.now.toISOString();
      const by = ctx.actor?.userId ?? 'system';
      const rows = ctx.db
        .prepare(
          'UPDATE partner_policy SET is_active = 0, upd_by = ?, updated_at = ? WHERE is_active = 1 AND valid_to <= ? RETURNING id, part_id AS partnerId',
        )
        .all(by, time, time) as Array<{ id: string; partnerId: string }>;
      const ids = rows.map((r) => r.id);
      if (ids.length) ctx.changed(TOPIC, { partners: rows.map((r) => r.partnerId) });
      return {
        output: { expired: ids.length },
        ref: { type: 'job', id: 'apiKeys.expireDue' },
        outbox: ids.length ? { expiredApiKeyIds: ids } : false,
      };
    },
  }),
};
