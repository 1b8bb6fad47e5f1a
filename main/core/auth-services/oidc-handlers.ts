import { AppError } from '../../contract/index.ts';
import type { DataTopic } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import type { Actor } from '../context.ts';
import { hasApprovedLink } from '../linking/queries.ts';
import { ownPartner, partnerScope, requireActivePartner } from '../partners/access.ts';
import { findPolicy } from '../policies/queries.ts';
import { readClientKey } from './jwk.ts';
import { clientDetail, clientVerdict, findClient, loadClient } from './oidc-clients.ts';
import { listClients } from './oidc-list.ts';
import { checkAllowed, clientTerms } from './oidc-terms.ts';

type OidcMethods =
  | 'oidcClients.options'
  | 'oidcClients.create'
  | 'oidcClients.update'
  | 'oidcClients.deactivate'
  | 'oidcClients.list'
  | 'oidcClients.get'
  | 'oidcClients.check';

const TOPIC: DataTopic = 'authServices';

/** A partner user acts on its clients only while its partner is active (MOSIP PMS_PMP_016); the admin always may. */
function requireActiveUnlessAdmin(
  actor: Actor,
  c: { rp_id: string; approval_status: string; partner_active: number },
): void {
  if (!actor.isAdmin && (c.approval_status !== 'approved' || c.partner_active !== 1))
    throw new AppError('PMS_PMP_016', `Partner "${c.rp_id}" is not active.`);
}

export const oidcHandlers: HandlerMap<OidcMethods> = {
  'oidcClients.options': query((ctx) => ({
    grantTypes: ctx.deps.config.oidc.grantTypes,
    clientAuthMethods: ctx.deps.config.oidc.clientAuthMethods,
  })),

  'oidcClients.create': command<'oidcClients.create'>({
    module: 'authServices',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const config = ctx.deps.config.oidc;
      const partner = ownPartner(ctx.db, actor, input.partnerId);
      if (partner.partner_type_code !== 'Auth_Partner')
        throw new AppError(
          'PMS_PRT_059',
          `Only authentication partners can create OIDC clients; "${partner.id}" is ${partner.partner_type_code}.`,
        );
      requireActivePartner(partner);
      const policy = findPolicy(ctx.db, input.policyId);
      if (!policy || policy.policy_group_id !== partner.policy_group_id)
        throw new AppError('PMS_PMP_014', 'This policy does not exist for the partner.', {
          policyId: 'PMS_PMP_014',
        });
      if (policy.policy_type !== 'Auth')
        throw new AppError('PMS_PRT_057', 'Only an Auth policy can be used to create an OIDC client.', {
          policyId: 'PMS_PRT_057',
        });
      if (!hasApprovedLink(ctx.db, partner.id, policy.id))
        throw new AppError('PMS_ESI_002', `Policy "${policy.name}" is not approved for partner "${partner.id}".`, {
          policyId: 'PMS_ESI_002',
        });
      const key = readClientKey(input.publicKey);
      if (
        findClient(ctx.db, key.clientId) ||
        ctx.db.prepare('SELECT 1 FROM oidc_client WHERE public_key = ?').get(key.canonical)
      ) {
        throw new AppError('PMS_ESI_001', 'This public key is already used by an OIDC client.', {
          publicKey: 'PMS_ESI_001',
        });
      }
      const terms = clientTerms(policy.policy_json, config);
      const grantTypes = checkAllowed('grantTypes', input.grantTypes, config.grantTypes);
      const authMethods = checkAllowed('clientAuthMethods', input.clientAuthMethods, config.clientAuthMethods);
      const time = ctx.now.toISOString();
      ctx.db
        .prepare(
          `INSERT INTO oidc_client (id, name, name_langs, rp_id, policy_id, logo_uri, redirect_uris, claims, acr_values, public_key, grant_types, auth_methods, status, cr_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)`,
        )
        .run(
          key.clientId,
          input.name,
          JSON.stringify(input.nameLangMap ?? {}),
          partner.id,
          policy.id,
          input.logoUri,
          JSON.stringify(input.redirectUris),
          JSON.stringify(terms.claims),
          JSON.stringify(terms.acrValues),
          key.canonical,
          JSON.stringify(grantTypes),
          JSON.stringify(authMethods),
          actor.userId,
          time,
          time,
        );
      ctx.changed(TOPIC, { partners: [partner.id] });
      const detail = clientDetail(loadClient(ctx.db, key.clientId, null));
      const { usable: _usable, ...clientData } = detail;
      return { output: detail, ref: { type: 'oidcClient', id: key.clientId }, outbox: clientData };
    },
  }),

  // Editable: name, logo, redirect URIs, grant types — never the key, policy, claims or ACR values.
  'oidcClients.update': command<'oidcClients.update'>({
    module: 'authServices',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const c = loadClient(ctx.db, input.clientId, partnerScope(actor));
      if (c.status !== 'ACTIVE')
        throw new AppError('PMS_ESI_008', `OIDC client "${c.name}" is deactivated and cannot be edited.`);
      requireActiveUnlessAdmin(actor, c);
      const grantTypes = checkAllowed('grantTypes', input.grantTypes, ctx.deps.config.oidc.grantTypes);
      ctx.db
        .prepare(
          'UPDATE oidc_client SET name = ?, name_langs = ?, logo_uri = ?, redirect_uris = ?, grant_types = ?, upd_by = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          input.name,
          JSON.stringify(input.nameLangMap ?? {}),
          input.logoUri,
          JSON.stringify(input.redirectUris),
          JSON.stringify(grantTypes),
          actor.userId,
          ctx.now.toISOString(),
          c.id,
        );
      ctx.changed(TOPIC, { partners: [c.rp_id] });
      const { clientId: _id, ...changes } = input;
      return {
        output: clientDetail(loadClient(ctx.db, c.id, null)),
        ref: { type: 'oidcClient', id: c.id },
        outbox: { clientId: c.id, ...changes },
      };
    },
  }),

  'oidcClients.deactivate': command<'oidcClients.deactivate'>({
    module: 'authServices',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const c = loadClient(ctx.db, input.clientId, partnerScope(actor));
      if (c.status !== 'ACTIVE') throw new AppError('PMS_ESI_008', `OIDC client "${c.name}" is already deactivated.`);
      requireActiveUnlessAdmin(actor, c);
      ctx.db
        .prepare("UPDATE oidc_client SET status = 'INACTIVE', upd_by = ?, updated_at = ? WHERE id = ?")
        .run(actor.userId, ctx.now.toISOString(), c.id);
      ctx.changed(TOPIC, { partners: [c.rp_id] });
      return {
        output: clientDetail(loadClient(ctx.db, c.id, null)),
        ref: { type: 'oidcClient', id: c.id },
        outbox: { clientId: c.id, status: 'INACTIVE' },
      };
    },
  }),

  'oidcClients.list': query((ctx, input) =>
    listClients(ctx.db, requireActor(ctx.actor), input, ctx.deps.config.lists.countCap),
  ),
  'oidcClients.get': query((ctx, input) =>
    clientDetail(loadClient(ctx.db, input.clientId, partnerScope(requireActor(ctx.actor)))),
  ),

  'oidcClients.check': query((ctx, input) => {
    const c = findClient(ctx.db, input.clientId);
    if (!c) return { valid: false, reason: 'unknown' as const, acrValues: [], claims: [] };
    const reason = clientVerdict(c);
    if (reason !== 'ok') return { valid: false, reason, acrValues: [], claims: [] };
    return {
      valid: true,
      reason,
      acrValues: JSON.parse(c.acr_values) as string[],
      claims: JSON.parse(c.claims) as string[],
    };
  }),
};
