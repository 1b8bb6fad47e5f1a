import { AppError } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { groupPolicyCounts, policyLinkCounts } from './queries.ts';
import type { GroupRow, PolicyRow } from './queries.ts';

type Db = ReadDb | WriteDb;

export function checkGroupNameFree(db: Db, name: string): void {
  if (db.prepare('SELECT 1 FROM policy_group WHERE name = ? COLLATE NOCASE').get(name)) {
    throw new AppError('PMS_POL_014', `A policy group named "${name}" already exists.`, {
      name: 'PMS_POL_014',
    });
  }
}

/** Unique within its group (MOSIP UNIQUE(policy_group_id, name)); `except` is the policy being edited. */
export function checkPolicyNameFree(db: Db, groupId: string, name: string, groupName: string, except?: string): void {
  const clash = db
    .prepare('SELECT id FROM auth_policy WHERE policy_group_id = ? AND name = ? COLLATE NOCASE')
    .get(groupId, name) as { id: string } | undefined;
  if (clash && clash.id !== except) {
    throw new AppError(
      'PMS_POL_009',
      `A policy named "${name}" already exists within the policy group "${groupName}".`,
      { name: 'PMS_POL_009' },
    );
  }
}

export function requireActiveGroup(g: GroupRow): void {
  if (g.is_active !== 1)
    throw new AppError('PMS_POL_053', `Policy group "${g.name}" is not active.`, {
      policyGroupId: 'PMS_POL_053',
    });
}

/**
 * MOSIP refuses to deactivate a group that still holds activated and/or draft policies, and the UI
 * says which ("Active Policies Detected!", "Draft policies…"); the counts travel in `fields`.
 */
export function checkGroupDeactivation(db: Db, g: GroupRow): void {
  if (g.is_active !== 1) throw new AppError('PMS_POL_067', `Policy group "${g.name}" is already deactivated.`);
  const { activated, draft } = groupPolicyCounts(db, g.id);
  const fields = { activatedPolicies: String(activated), draftPolicies: String(draft) };
  if (activated > 0 && draft > 0) {
    throw new AppError(
      'PMS_POL_069',
      `Policy group "${g.name}" holds ${activated} activated and ${draft} draft policies.`,
      fields,
    );
  }
  if (activated > 0)
    throw new AppError('PMS_POL_056', `Policy group "${g.name}" holds ${activated} activated policies.`, fields);
  if (draft > 0) throw new AppError('PMS_POL_070', `Policy group "${g.name}" holds ${draft} draft policies.`, fields);
}

export function requireDraft(p: PolicyRow): void {
  if (p.status !== 'draft')
    throw new AppError('PMS_POL_055', `Policy "${p.name}" is published and can no longer be edited.`);
}

/** pms.md §3.2: drafts cannot be deactivated; nor a policy any partner is linked to or waiting for. */
export function checkPolicyDeactivation(db: Db, p: PolicyRow): void {
  if (p.status === 'draft')
    throw new AppError('PMS_POL_072', `Policy "${p.name}" is a draft; publish it before deactivating it.`);
  if (p.status === 'deactivated') throw new AppError('PMS_POL_062', `Policy "${p.name}" is already deactivated.`);
  const links = policyLinkCounts(db, p.id);
  const fields = {
    approvedRequests: String(links.approved),
    pendingRequests: String(links.pending),
  };
  if (links.approved > 0)
    throw new AppError('PMS_POL_063', `${links.approved} approved partner link(s) use policy "${p.name}".`, fields);
  if (links.pending > 0)
    throw new AppError(
      'PMS_POL_064',
      `${links.pending} partner request(s) for policy "${p.name}" are pending.`,
      fields,
    );
}
