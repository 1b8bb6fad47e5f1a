import { AppError } from '../../contract/index.ts';
import type { Language, PartnerTypeCode, Role, UserProfile } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

interface UserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  org_name: string;
  lang_code: Language;
  created_at: string;
}
interface PartnerRow {
  id: string;
  partner_type_code: PartnerTypeCode;
  name: string;
  approval_status: 'InProgress' | 'approved' | 'rejected';
  is_active: number;
  address: string;
  contact_no: string;
  email_id: string;
  policy_group_id: string | null;
  certificate_alias: string | null;
  created_at: string;
}

/** The signed-in user's profile; a partner user sees its own partner row (MOSIP: one per user). */
export function loadProfile(db: ReadDb | WriteDb, userId: string): UserProfile {
  const user = db
    .prepare('SELECT id, email, first_name, last_name, org_name, lang_code, created_at FROM app_user WHERE id = ?')
    .get(userId) as UserRow | undefined;
  if (!user) throw new AppError('PD_AUTH_003', 'Your account no longer exists.');
  const roles = (
    db.prepare('SELECT role FROM user_role WHERE user_id = ? ORDER BY role').all(userId) as Array<{
      role: Role;
    }>
  ).map((r) => r.role);
  const p = db
    .prepare(
      `SELECT id, partner_type_code, name, approval_status, is_active, address, contact_no, email_id, policy_group_id, certificate_alias, created_at
       FROM partner WHERE user_id = ? ORDER BY created_at LIMIT 1`,
    )
    .get(userId) as PartnerRow | undefined;
  return {
    userId: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    orgName: user.org_name,
    lang: user.lang_code,
    roles,
    isAdmin: roles.includes('PARTNER_ADMIN') || roles.includes('POLICYMANAGER'),
    createdAt: user.created_at,
    partner: p
      ? {
          partnerId: p.id,
          partnerType: p.partner_type_code,
          orgName: p.name,
          approvalStatus: p.approval_status,
          isActive: p.is_active === 1,
          address: p.address,
          phone: p.contact_no,
          email: p.email_id,
          policyGroupId: p.policy_group_id,
          certificateUploaded: p.certificate_alias !== null,
          createdAt: p.created_at,
        }
      : null,
  };
}
