import { AppError, PARTNER_TYPES } from '../../contract/index.ts';
import type { PartnerTypeCode } from '../../contract/index.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';

export interface PartnerRow {
  id: string;
  user_id: string;
  partner_type_code: PartnerTypeCode;
  name: string;
  address: string;
  contact_no: string;
  email_id: string;
  policy_group_id: string | null;
  certificate_alias: string | null;
  approval_status: 'InProgress' | 'approved' | 'rejected';
  is_active: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  'id, user_id, partner_type_code, name, address, contact_no, email_id, policy_group_id, certificate_alias, approval_status, is_active, created_at, updated_at';

export function findPartner(db: ReadDb | WriteDb, partnerId: string): PartnerRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM partner WHERE id = ?`).get(partnerId) as PartnerRow | undefined;
}

export function loadPartner(db: ReadDb | WriteDb, partnerId: string): PartnerRow {
  const p = findPartner(db, partnerId);
  if (!p)
    throw new AppError('PMS_PRT_005', `Partner "${partnerId.slice(0, 64)}" does not exist.`, {
      partnerId: 'PMS_PRT_005',
    });
  return p;
}

/** Partner ids the actor's lists are limited to; null for the partner admin, who sees every partner. */
export function partnerScope(actor: Actor): readonly string[] | null {
  return actor.isAdmin ? null : actor.partnerIds;
}

/**
 * A partner the actor may act for: one of its own, or any partner for the partner admin. A partner
 * user asking for someone else's id learns only that it is not theirs (MOSIP PMS_PRT_055).
 */
export function ownPartner(db: ReadDb | WriteDb, actor: Actor, partnerId: string): PartnerRow {
  if (!actor.isAdmin && !actor.partnerIds.includes(partnerId)) {
    throw new AppError('PMS_PRT_055', 'This partner does not belong to your account.', {
      partnerId: 'PMS_PRT_055',
    });
  }
  return loadPartner(db, partnerId);
}

/** The same rule for a row found by its own id: a partner user may only reach rows of its partners. */
export function checkOwner(actor: Actor, partnerId: string): void {
  if (!actor.isAdmin && !actor.partnerIds.includes(partnerId))
    throw new AppError('PMS_PRT_055', 'This belongs to another partner.');
}

/** MOSIP: "active" is approved and not deactivated (pms.md §1.2). */
export function isActivePartner(p: Pick<PartnerRow, 'approval_status' | 'is_active'>): boolean {
  return p.approval_status === 'approved' && p.is_active === 1;
}

export function requireActivePartner(p: PartnerRow): void {
  if (!isActivePartner(p))
    throw new AppError('PMS_PMP_016', `Partner "${p.id}" is not active.`, {
      partnerId: 'PMS_PMP_016',
    });
}

export function policyRequired(type: PartnerTypeCode): boolean {
  return PARTNER_TYPES.find((t) => t.code === type)?.policyRequired ?? false;
}
