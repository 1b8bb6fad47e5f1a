import type { z } from 'zod';
import { AppError } from '../../contract/index.ts';
import type { PolicyDetail, PolicyGroup, PolicySummary } from '../../contract/methods/policies.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { readablePolicy } from './schemas.ts';
import type { PolicyTypeName } from './schemas.ts';

type Db = ReadDb | WriteDb;

export interface GroupRow {
  id: string;
  name: string;
  descr: string;
  is_active: number;
  cr_by: string;
  created_at: string;
  updated_at: string;
}

export const GROUP_COLUMNS = 'g.id, g.name, g.descr, g.is_active, g.cr_by, g.created_at, g.updated_at';

export function groupOut(g: GroupRow): z.infer<typeof PolicyGroup> {
  return {
    policyGroupId: g.id,
    name: g.name,
    description: g.descr,
    status: g.is_active === 1 ? 'activated' : 'deactivated',
    createdBy: g.cr_by,
    createdDateTime: g.created_at,
    updatedDateTime: g.updated_at,
  };
}

export function loadGroup(db: Db, id: string): GroupRow {
  const g = db.prepare(`SELECT ${GROUP_COLUMNS} FROM policy_group g WHERE g.id = ?`).get(id) as GroupRow | undefined;
  if (!g)
    throw new AppError('PMS_POL_016', `Policy group "${id.slice(0, 64)}" does not exist.`, {
      policyGroupId: 'PMS_POL_016',
    });
  return g;
}

/** Policies of a group by derived status: what blocks the group's deactivation. */
export function groupPolicyCounts(db: Db, groupId: string): { draft: number; activated: number; deactivated: number } {
  const rows = db
    .prepare('SELECT status, COUNT(*) AS n FROM auth_policy WHERE policy_group_id = ? GROUP BY status')
    .all(groupId) as Array<{ status: string; n: number }>;
  const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return {
    draft: count('draft'),
    activated: count('activated'),
    deactivated: count('deactivated'),
  };
}

export interface PolicyRow {
  id: string;
  policy_group_id: string;
  name: string;
  descr: string;
  policy_type: PolicyTypeName;
  version: string;
  policy_json: string;
  status: 'draft' | 'activated' | 'deactivated';
  created_at: string;
  published_at: string | null;
  updated_at: string;
  group_name: string;
  group_descr: string;
  group_active: number;
}

export const POLICY_SELECT = `SELECT pol.id, pol.policy_group_id, pol.name, pol.descr, pol.policy_type, pol.version, pol.policy_json, pol.status,
  pol.created_at, pol.published_at, pol.updated_at, g.name AS group_name, g.descr AS group_descr, g.is_active AS group_active
  FROM auth_policy pol JOIN policy_group g ON g.id = pol.policy_group_id`;

export function findPolicy(db: Db, id: string): PolicyRow | undefined {
  return db.prepare(`${POLICY_SELECT} WHERE pol.id = ?`).get(id) as PolicyRow | undefined;
}

export function loadPolicy(db: Db, id: string): PolicyRow {
  const p = findPolicy(db, id);
  if (!p)
    throw new AppError('PMS_POL_008', `Policy "${id.slice(0, 64)}" does not exist.`, {
      policyId: 'PMS_POL_008',
    });
  return p;
}

export function policySummary(
  p: Pick<
    PolicyRow,
    'id' | 'policy_type' | 'name' | 'descr' | 'policy_group_id' | 'group_name' | 'status' | 'created_at'
  >,
): z.infer<typeof PolicySummary> {
  return {
    policyId: p.id,
    policyType: p.policy_type,
    policyName: p.name,
    policyDescription: p.descr,
    policyGroupId: p.policy_group_id,
    policyGroupName: p.group_name,
    status: p.status,
    createdDateTime: p.created_at,
  };
}

/** Link requests that block the policy's deactivation (PMS_POL_063 / PMS_POL_064). */
export function policyLinkCounts(db: Db, policyId: string): { pending: number; approved: number } {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(status_code = 'InProgress'), 0) AS pending, COALESCE(SUM(status_code = 'approved'), 0) AS approved
       FROM partner_policy_request WHERE policy_id = ?`,
    )
    .get(policyId) as { pending: number; approved: number };
  return { pending: r.pending, approved: r.approved };
}

export function policyDetail(db: Db, p: PolicyRow): z.infer<typeof PolicyDetail> {
  return {
    ...policySummary(p),
    version: p.version,
    policyGroupDescription: p.group_descr,
    policyGroupStatus: p.group_active === 1 ? 'activated' : 'deactivated',
    policy: JSON.parse(p.policy_json) as Record<string, unknown>,
    readable: readablePolicy(p.policy_type, p.policy_json),
    publishedDateTime: p.published_at,
    updatedDateTime: p.updated_at,
    links: policyLinkCounts(db, p.id),
  };
}

export function loadPolicyDetail(db: Db, id: string): z.infer<typeof PolicyDetail> {
  return policyDetail(db, loadPolicy(db, id));
}
