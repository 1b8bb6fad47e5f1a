import type { z } from 'zod';
import { AppError } from '../../contract/index.ts';
import type { OidcClientDetail, OidcClientRow } from '../../contract/methods/auth-services.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { useStateColumns, useVerdict } from './verdict.ts';
import type { UseState, Verdict } from './verdict.ts';

type Db = ReadDb | WriteDb;

export const CLIENT_COLUMNS = `c.id, c.name, c.rp_id, c.policy_id, c.status, c.created_at, c.updated_at,
  p.name AS org_name, pol.name AS policy_name, pol.policy_group_id, g.name AS group_name`;

export interface ClientRow {
  id: string;
  name: string;
  rp_id: string;
  policy_id: string;
  status: 'ACTIVE' | 'INACTIVE';
  created_at: string;
  updated_at: string;
  org_name: string;
  policy_name: string;
  policy_group_id: string;
  group_name: string;
}

interface ClientFull extends ClientRow, UseState {
  name_langs: string;
  logo_uri: string;
  redirect_uris: string;
  public_key: string;
  claims: string;
  acr_values: string;
  grant_types: string;
  auth_methods: string;
}

export function clientOut(c: ClientRow): z.infer<typeof OidcClientRow> {
  return {
    clientId: c.id,
    clientName: c.name,
    partnerId: c.rp_id,
    orgName: c.org_name,
    policyId: c.policy_id,
    policyName: c.policy_name,
    policyGroupId: c.policy_group_id,
    policyGroupName: c.group_name,
    status: c.status,
    createdDateTime: c.created_at,
    updatedDateTime: c.updated_at,
  };
}

const FULL_SELECT = `SELECT ${CLIENT_COLUMNS}, c.name_langs, c.logo_uri, c.redirect_uris, c.public_key, c.claims, c.acr_values, c.grant_types, c.auth_methods,
  ${useStateColumns('c.rp_id', 'c.policy_id')}
  FROM oidc_client c JOIN partner p ON p.id = c.rp_id JOIN auth_policy pol ON pol.id = c.policy_id JOIN policy_group g ON g.id = pol.policy_group_id
  WHERE c.id = ?`;

export function findClient(db: Db, clientId: string): ClientFull | undefined {
  return db.prepare(FULL_SELECT).get(clientId) as ClientFull | undefined;
}

/** A client by id; another partner's client looks like no client (PMS_ESI_004). */
export function loadClient(db: Db, clientId: string, partnerIds: readonly string[] | null): ClientFull {
  const c = findClient(db, clientId);
  if (!c || (partnerIds && !partnerIds.includes(c.rp_id)))
    throw new AppError('PMS_ESI_004', 'This OIDC client does not exist.', {
      clientId: 'PMS_ESI_004',
    });
  return c;
}

export function clientVerdict(c: ClientFull): Verdict {
  return useVerdict(c, c.status !== 'ACTIVE' ? 'clientDeactivated' : null);
}

export function clientDetail(c: ClientFull): z.infer<typeof OidcClientDetail> {
  const list = (s: string) => JSON.parse(s) as string[];
  return {
    ...clientOut(c),
    nameLangMap: JSON.parse(c.name_langs) as Record<string, string>,
    logoUri: c.logo_uri,
    redirectUris: list(c.redirect_uris),
    publicKey: JSON.parse(c.public_key) as Record<string, unknown>,
    claims: list(c.claims),
    acrValues: list(c.acr_values),
    grantTypes: list(c.grant_types),
    clientAuthMethods: list(c.auth_methods),
    usable: clientVerdict(c),
  };
}
