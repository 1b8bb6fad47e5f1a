import { AppError, PARTNER_TYPES } from '../../contract/index.ts';
import type { PartnerTypeCode } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

// pms.md §3.7: partner id ≤ 36 chars (pmp.partner.partnerId.max.length), no spaces.
const PARTNER_ID_MAX = 36;
// A practical e-mail shape: local@domain.tld, no spaces, one @ (MOSIP uses a configurable regex).
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// pms.md §3.7: mobile max length 16 (pmp.partner.mobileNumber.max.length); digits with an optional +.
const PHONE = /^\+?[0-9]{4,16}$/;
const USERNAME = /^[A-Za-z0-9._-]+$/;

export function checkUsername(username: string): void {
  if (/\s/.test(username))
    throw new AppError('PMS_PRT_066', 'The username (partner id) must not contain spaces.', {
      username: 'PMS_PRT_066',
    });
  if (username.length > PARTNER_ID_MAX)
    throw new AppError('PMS_PRT_052', `The username (partner id) must be at most ${PARTNER_ID_MAX} characters.`, {
      username: 'PMS_PRT_052',
    });
  if (username.length < 3 || !USERNAME.test(username)) {
    throw new AppError('PMS_COR_002', 'The username must be 3 or more letters, digits, dots, dashes or underscores.', {
      username: 'PMS_COR_002',
    });
  }
}

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e))
    throw new AppError('PMS_PRT_012', 'The e-mail address is not valid.', { email: 'PMS_PRT_012' });
  return e;
}

export function normalizePhone(phone: string): string {
  const p = phone.replace(/[\s()-]/g, '');
  if (!PHONE.test(p))
    throw new AppError('PMS_PRT_013', 'The phone number must have 4 to 16 digits, optionally starting with +.', {
      phone: 'PMS_PRT_013',
    });
  return p;
}

export function partnerTypeOf(code: string): (typeof PARTNER_TYPES)[number] {
  const type = PARTNER_TYPES.find((t) => t.code === (code as PartnerTypeCode));
  if (!type)
    throw new AppError('PMS_PRT_010', `Partner type "${code.slice(0, 40)}" does not exist.`, {
      partnerType: 'PMS_PRT_010',
    });
  return type;
}

export function checkUnique(db: ReadDb | WriteDb, username: string, email: string): void {
  const byId = db
    .prepare(
      'SELECT 1 FROM app_user WHERE id = ? COLLATE NOCASE UNION ALL SELECT 1 FROM partner WHERE id = ? COLLATE NOCASE',
    )
    .get(username, username);
  if (byId)
    throw new AppError('PMS_PRT_051', 'This username (partner id) is already registered.', {
      username: 'PMS_PRT_051',
    });
  if (db.prepare('SELECT 1 FROM app_user WHERE email = ?').get(email)) {
    throw new AppError('PMS_PRT_011', 'An account with this e-mail address already exists.', {
      email: 'PMS_PRT_011',
    });
  }
}
