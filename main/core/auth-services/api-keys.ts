import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../contract/index.ts';
import type { ApiKeyDetail, ApiKeyRow } from '../../contract/methods/auth-services.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { hasApprovedLink } from '../linking/queries.ts';
import type { PartnerRow } from '../partners/access.ts';
import { findPolicy } from '../policies/queries.ts';
import type { PolicyRow } from '../policies/queries.ts';
import { useStateColumns, useVerdict } from './verdict.ts';
import type { UseState, Verdict } from './verdict.ts';

type Db = ReadDb | WriteDb;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 32 random bytes (256 bits, ≥ 128 required) as base64url: 43 characters. */
export function newApiKey(randomBytes: (n: number) => Buffer): string {
  return randomBytes(32).toString('base64url');
}

export function expiryFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** pms.md §1.5: the policy must be in the partner's group, approved for it, and the label new. */
export function checkGenerate(db: Db, partner: PartnerRow, policyId: string, label: string): PolicyRow {
  const policy = findPolicy(db, policyId);
  if (!policy || policy.policy_group_id !== partner.policy_group_id)
    throw new AppError('PMS_PMP_014', 'This policy does not exist for the partner.', {
      policyId: 'PMS_PMP_014',
    });
  if (!hasApprovedLink(db, partner.id, policy.id))
    throw new AppError('PMS_PRT_109', `Policy "${policy.name}" is not approved for partner "${partner.id}".`, {
      policyId: 'PMS_PRT_109',
    });
  const taken = db
    .prepare('SELECT 1 FROM partner_policy WHERE part_id = ? AND policy_id = ? AND label = ? COLLATE NOCASE')
    .get(partner.id, policy.id, label);
  if (taken)
    throw new AppError(
      'PMS_PRT_110',
      `The name "${label}" is already used for an API key of this partner and policy.`,
      { label: 'PMS_PRT_110' },
    );
  return policy;
}

export const KEY_COLUMNS = `k.id, k.part_id, k.policy_id, k.label, k.valid_to, k.is_active, k.created_at,
  p.name AS org_name, pol.name AS policy_name, pol.descr AS policy_descr, pol.policy_group_id, g.name AS group_name`;

export interface KeyRow {
  id: string;
  part_id: string;
  policy_id: string;
  label: string;
  valid_to: string;
  is_active: number;
  created_at: string;
  org_name: string;
  policy_name: string;
  policy_descr: string;
  policy_group_id: string;
  group_name: string;
}

export function keyOut(k: KeyRow, now: Date): z.infer<typeof ApiKeyRow> {
  return {
    id: k.id,
    partnerId: k.part_id,
    orgName: k.org_name,
    apiKeyLabel: k.label,
    policyId: k.policy_id,
    policyName: k.policy_name,
    policyDescription: k.policy_descr,
    policyGroupId: k.policy_group_id,
    policyGroupName: k.group_name,
    status: k.is_active === 1 ? 'activated' : 'deactivated',
    createdDateTime: k.created_at,
    apiKeyExpiryDateTime: k.valid_to,
    isApiKeyExpired: k.valid_to <= now.toISOString(),
  };
}

const KEY_FROM = `FROM partner_policy k JOIN partner p ON p.id = k.part_id
  JOIN auth_policy pol ON pol.id = k.policy_id JOIN policy_group g ON g.id = pol.policy_group_id`;

type KeyState = KeyRow & UseState;

function keyState(db: Db, where: string, value: string): KeyState | undefined {
  return db
    .prepare(`SELECT ${KEY_COLUMNS}, ${useStateColumns('k.part_id', 'k.policy_id')} ${KEY_FROM} WHERE ${where}`)
    .get(value) as KeyState | undefined;
}

export function keyVerdict(k: KeyState, now: Date): Verdict {
  const own: Verdict | null =
    k.is_active !== 1 ? 'keyDeactivated' : k.valid_to <= now.toISOString() ? 'keyExpired' : null;
  return useVerdict(k, own);
}

/** A key by id; another partner's key looks like no key (PMS_PRT_111). */
export function loadKey(db: Db, id: string, partnerIds: readonly string[] | null): KeyState {
  const k = keyState(db, 'k.id = ?', id);
  if (!k || (partnerIds && !partnerIds.includes(k.part_id)))
    throw new AppError('PMS_PRT_111', 'This API key does not exist.', { id: 'PMS_PRT_111' });
  return k;
}

/** Whether the key with this id works right now, read at the moment of asking. */
export function keyUsable(db: Db, id: string, now: Date): Verdict {
  const k = keyState(db, 'k.id = ?', id);
  return k ? keyVerdict(k, now) : 'unknown';
}

export function keyDetail(k: KeyState, now: Date): z.infer<typeof ApiKeyDetail> {
  return { ...keyOut(k, now), usable: keyVerdict(k, now) };
}

/** The consumer check: the key must match the partner and policy asked about, then every state. */
export function checkApiKey(db: Db, partnerId: string, policyId: string, apiKey: string, now: Date): Verdict {
  const k = keyState(db, 'k.key_hash = ?', hashApiKey(apiKey));
  if (!k || k.part_id !== partnerId || k.policy_id !== policyId) return 'unknown';
  return keyVerdict(k, now);
}
