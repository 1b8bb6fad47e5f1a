import { AppError } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { requireActivePartner } from '../partners/access.ts';
import type { PartnerRow } from '../partners/access.ts';
import { findPolicy } from '../policies/queries.ts';
import type { PolicyRow } from '../policies/queries.ts';
import { openLink } from './queries.ts';
import type { LinkRow } from './queries.ts';

type Db = ReadDb | WriteDb;

/**
 * Request policy (pms.md §1.4): an approved, active partner with a certificate and a policy group
 * may ask for an activated policy of its group, unless a request is already pending or approved.
 */
export function checkRequest(db: Db, partner: PartnerRow, policyId: string): PolicyRow {
  requireActivePartner(partner);
  if (partner.certificate_alias === null)
    throw new AppError('PMS_PRT_108', `No certificate has been uploaded for partner "${partner.id}".`);
  if (partner.policy_group_id === null)
    throw new AppError('PMS_PRT_047', `Partner "${partner.id}" has no policy group yet.`);
  const policy = findPolicy(db, policyId);
  // An unknown policy and one of another group answer the same: the partner sees only its group.
  if (!policy || policy.policy_group_id !== partner.policy_group_id) {
    throw new AppError('PMS_PRT_098', "This policy is not in the partner's policy group.", {
      policyId: 'PMS_PRT_098',
    });
  }
  if (policy.status !== 'activated')
    throw new AppError('PMS_PMP_019', `Policy "${policy.name}" is not active.`, {
      policyId: 'PMS_PMP_019',
    });
  const open = openLink(db, partner.id, policy.id);
  if (open?.status_code === 'InProgress')
    throw new AppError(
      'PMS_PRT_053',
      `Policy "${policy.name}" is already pending approval for partner "${partner.id}".`,
    );
  if (open?.status_code === 'approved')
    throw new AppError('PMS_PRT_060', `Policy "${policy.name}" is already approved for partner "${partner.id}".`);
  return policy;
}

/** The admin's decision, compared case-insensitively as MOSIP does; anything else is PMS_PM_045. */
export function decisionOf(status: string): 'approved' | 'rejected' {
  const decision = status.trim().toLowerCase();
  if (decision === 'approved' || decision === 'rejected') return decision;
  throw new AppError('PMS_PM_045', `"${status}" is not a decision: the status must be approved or rejected.`, {
    status: 'PMS_PM_045',
  });
}

/** Only a pending request is decided; approval also needs an active partner and policy (MOSIP-38383). */
export function checkDecision(db: Db, link: LinkRow, status: 'approved' | 'rejected'): void {
  if (link.status_code === 'approved') throw new AppError('PMS_PM_034', 'This policy request is already approved.');
  if (link.status_code === 'rejected') throw new AppError('PMS_PM_035', 'This policy request is already rejected.');
  if (link.status_code === 'deactivated')
    throw new AppError('PD_LNK_001', 'This policy link was deactivated; the partner must request the policy again.');
  if (status === 'approved') {
    if (link.approval_status !== 'approved' || link.partner_active !== 1)
      throw new AppError('PMS_PMP_016', `Partner "${link.part_id}" is not active.`);
    if (findPolicy(db, link.policy_id)?.status !== 'activated')
      throw new AppError('PMS_PMP_019', `Policy "${link.policy_name}" is not active.`);
  }
}

export function checkLinkDeactivation(link: LinkRow): void {
  if (link.status_code === 'deactivated') throw new AppError('PD_LNK_001', 'This policy link is already deactivated.');
  if (link.status_code !== 'approved')
    throw new AppError(
      'PD_LNK_002',
      'Only an approved policy link can be deactivated; reject a pending request instead.',
    );
}
