import type { z } from 'zod';
import { AppError } from '../../contract/index.ts';
import type { LinkRequest, LinkRequestDetail } from '../../contract/methods/linking.ts';
import type { PartnerTypeCode } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { isActivePartner } from '../partners/access.ts';
import { readablePolicy } from '../policies/schemas.ts';
import type { PolicyTypeName } from '../policies/schemas.ts';

type Db = ReadDb | WriteDb;
export type LinkStatus = 'InProgress' | 'approved' | 'rejected' | 'deactivated';

/** Columns of a link request row with its partner, policy and group (tables r, p, pol, g). */
export const LINK_COLUMNS = `r.id, r.part_id, r.policy_id, r.request_detail, r.status_code, r.created_at, r.updated_at,
  p.partner_type_code, p.name AS org_name, p.approval_status, p.is_active AS partner_active,
  pol.name AS policy_name, pol.descr AS policy_descr, pol.policy_group_id, g.name AS group_name`;

export interface LinkRow {
  id: string;
  part_id: string;
  policy_id: string;
  request_detail: string;
  status_code: LinkStatus;
  created_at: string;
  updated_at: string;
  partner_type_code: PartnerTypeCode;
  org_name: string;
  approval_status: 'InProgress' | 'approved' | 'rejected';
  partner_active: number;
  policy_name: string;
  policy_descr: string;
  policy_group_id: string;
  group_name: string;
}

export function linkOut(r: LinkRow): z.infer<typeof LinkRequest> {
  return {
    id: r.id,
    partnerId: r.part_id,
    partnerType: r.partner_type_code,
    partnerActive: isActivePartner({
      approval_status: r.approval_status,
      is_active: r.partner_active,
    }),
    orgName: r.org_name,
    policyId: r.policy_id,
    policyName: r.policy_name,
    policyDescription: r.policy_descr,
    policyGroupId: r.policy_group_id,
    policyGroupName: r.group_name,
    partnerComment: r.request_detail,
    status: r.status_code,
    createdDateTime: r.created_at,
    updatedDateTime: r.updated_at,
  };
}

const LINK_FROM = `FROM partner_policy_request r JOIN partner p ON p.id = r.part_id
  JOIN auth_policy pol ON pol.id = r.policy_id JOIN policy_group g ON g.id = pol.policy_group_id`;

export function loadLink(db: Db, id: string): LinkRow {
  const r = db.prepare(`SELECT ${LINK_COLUMNS} ${LINK_FROM} WHERE r.id = ?`).get(id) as LinkRow | undefined;
  if (!r)
    throw new AppError('PMS_PRT_006', `Policy request "${id.slice(0, 64)}" does not exist.`, {
      id: 'PMS_PRT_006',
    });
  return r;
}

export function loadLinkDetail(db: Db, id: string): z.infer<typeof LinkRequestDetail> {
  const r = loadLink(db, id);
  const extra = db
    .prepare(
      'SELECT pol.policy_type, pol.status, pol.policy_json, g.descr FROM auth_policy pol JOIN policy_group g ON g.id = pol.policy_group_id WHERE pol.id = ?',
    )
    .get(r.policy_id) as {
    policy_type: PolicyTypeName;
    status: 'draft' | 'activated' | 'deactivated';
    policy_json: string;
    descr: string;
  };
  return {
    ...linkOut(r),
    policyType: extra.policy_type,
    policyGroupDescription: extra.descr,
    policyStatus: extra.status,
    readable: readablePolicy(extra.policy_type, extra.policy_json),
  };
}

/** The open (pending or approved) request of a partner for a policy, if any. */
export function openLink(
  db: Db,
  partnerId: string,
  policyId: string,
): { id: string; status_code: 'InProgress' | 'approved' } | undefined {
  return db
    .prepare(
      "SELECT id, status_code FROM partner_policy_request WHERE part_id = ? AND policy_id = ? AND status_code IN ('InProgress', 'approved')",
    )
    .get(partnerId, policyId) as { id: string; status_code: 'InProgress' | 'approved' } | undefined;
}

/** Does the partner hold an approved link to the policy right now? */
export function hasApprovedLink(db: Db, partnerId: string, policyId: string): boolean {
  return openLink(db, partnerId, policyId)?.status_code === 'approved';
}
