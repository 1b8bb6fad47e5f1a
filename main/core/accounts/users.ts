import type { Language, PartnerTypeCode, Role } from '../../contract/index.ts';
import type { WriteDb } from '../context.ts';

export interface NewUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  orgName: string;
  passwordHash: string;
  lang: Language;
  roles: readonly Role[];
}

export function insertUser(db: WriteDb, u: NewUser, time: string): void {
  db.prepare(
    `INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.id, u.email, u.firstName, u.lastName, u.orgName, u.passwordHash, u.lang, time, time);
  const role = db.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)');
  for (const r of u.roles) role.run(u.id, r);
}

export interface NewPartner {
  id: string;
  userId: string;
  type: PartnerTypeCode;
  orgName: string;
  address: string;
  phone: string;
  email: string;
  lang: Language;
}

/** MOSIP: a registered partner starts InProgress and inactive until its first certificate upload. */
export function insertPartner(db: WriteDb, p: NewPartner, time: string): void {
  db.prepare(
    `INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'InProgress', 0, ?, ?, ?)`,
  ).run(p.id, p.userId, p.type, p.orgName, p.address, p.phone, p.email, p.lang, time, time);
}

export function hasUsers(db: { prepare: WriteDb['prepare'] }): boolean {
  return db.prepare('SELECT 1 FROM app_user LIMIT 1').get() !== undefined;
}
