import { PARTNER_TYPES, type CardId, type UserProfile } from '../../contract.ts';

/** Dashboard cards of issue 4 that lead somewhere, per side (the admin `policies` card is another screen's). */
export const PARTNER_CARD_ROUTES: Partial<Record<CardId, string>> = {
  policies: '/partner/policies',
  authServices: '/partner/api-keys',
};
export const ADMIN_CARD_ROUTES: Partial<Record<CardId, string>> = {
  authServices: '/admin/auth-services',
};

type NavKey = 'policies' | 'authServices';

/** Header entries: Policies for partner types under a policy group, Authentication Services for auth partners and admins. */
export function partnerServicesNav(user: UserProfile): [string, NavKey][] {
  if (user.isAdmin) return user.roles.includes('PARTNER_ADMIN') ? [['/admin/auth-services', 'authServices']] : [];
  const type = user.partner?.partnerType;
  const entries: [string, NavKey][] = [];
  if (PARTNER_TYPES.some((p) => p.code === type && p.policyRequired)) entries.push(['/partner/policies', 'policies']);
  if (type === 'Auth_Partner') entries.push(['/partner/api-keys', 'authServices']);
  return entries;
}
