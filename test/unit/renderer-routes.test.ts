import { describe, expect, it } from 'vitest';
import { contract, isMethodName, type Role, type UserProfile } from '../../main/contract/index.ts';
import { PRIVATE_ROUTES, cardRoute, navFor, resolveRoute } from '../../renderer/src/router/routes.ts';

const guard = (roles: Role[]) => ({ setupRequired: false, signedIn: true, roles });
const user = (roles: Role[], isAdmin: boolean): UserProfile =>
  ({
    userId: 'u',
    firstName: 'F',
    lastName: 'L',
    orgName: 'O',
    email: 'u@o.example',
    lang: 'en',
    roles,
    isAdmin,
    partner: null,
  }) as unknown as UserProfile;

describe('routes read who may open a page from the contract', () => {
  it('every signed-in page stands on a contract method (or the session)', () => {
    for (const [path, entry] of Object.entries(PRIVATE_ROUTES))
      expect(entry.method === 'session' || isMethodName(entry.method), path).toBe(true);
  });

  it('a page opens exactly for the roles of its method (admin views also need an admin role)', () => {
    for (const [path, entry] of Object.entries(PRIVATE_ROUTES)) {
      if (entry.method === 'session') continue;
      const access = contract[entry.method].access;
      if (typeof access === 'string') continue;
      for (const role of access) {
        const admin = role === 'PARTNER_ADMIN' || role === 'POLICYMANAGER';
        const expected = entry.side === 'admin' && !admin ? 'notAllowed' : entry.screen;
        expect(resolveRoute(path, guard([role])), `${path} as ${role}`).toEqual({
          screen: expected,
        });
      }
      expect(resolveRoute(path, guard([])), `${path} without roles`).toEqual({
        screen: 'notAllowed',
      });
    }
  });

  it('the audit log follows audit.list: a partner admin yes, a policy manager and a partner no', () => {
    expect(resolveRoute('/admin/audit', guard(['PARTNER_ADMIN']))).toEqual({ screen: 'audit' });
    expect(resolveRoute('/admin/audit', guard(['POLICYMANAGER']))).toEqual({
      screen: 'notAllowed',
    });
    expect(resolveRoute('/admin/audit', guard(['AUTH_PARTNER']))).toEqual({ screen: 'notAllowed' });
    expect(resolveRoute('/admin/policy-groups', guard(['POLICYMANAGER']))).toEqual({
      screen: 'policyGroups',
    });
  });

  it('the sync queue opens for every signed-in user, the deployment settings for admins only', () => {
    expect(resolveRoute('/sync', guard(['AUTH_PARTNER']))).toEqual({ screen: 'syncQueue' });
    expect(resolveRoute('/sync', guard(['PARTNER_ADMIN']))).toEqual({ screen: 'syncQueue' });
    expect(resolveRoute('/admin/settings', guard(['PARTNER_ADMIN']))).toEqual({
      screen: 'settings',
    });
    expect(resolveRoute('/admin/settings', guard(['AUTH_PARTNER']))).toEqual({
      screen: 'notAllowed',
    });
    expect(resolveRoute('/sync', { setupRequired: false, signedIn: false, roles: [] })).toEqual({
      redirect: '/login',
    });
  });

  it('keeps the first-run, sign-in and unknown-path rules', () => {
    expect(resolveRoute('/admin/audit', { setupRequired: true, signedIn: false, roles: [] })).toEqual({
      redirect: '/setup',
    });
    expect(resolveRoute('/admin/audit', { setupRequired: false, signedIn: false, roles: [] })).toEqual({
      redirect: '/login',
    });
    expect(resolveRoute('/login', guard(['AUTH_PARTNER']))).toEqual({ redirect: '/dashboard' });
    expect(resolveRoute('/nowhere', guard(['AUTH_PARTNER']))).toEqual({ redirect: '/dashboard' });
  });
});

describe('the header and the dashboard cards are generated from the route tables', () => {
  const paths = (u: UserProfile) => navFor(u).map((n) => n.path);

  it('a partner admin sees the admin pages, in order, and no partner page', () => {
    expect(paths(user(['PARTNER_ADMIN'], true))).toEqual([
      '/dashboard',
      '/admin/audit',
      '/admin/trust-store',
      '/admin/policy-groups',
      '/admin/policy-linking',
      '/admin/partners',
      '/admin/sbi-devices',
      '/admin/ftm',
      '/hardware',
      '/admin/auth-services',
      '/admin/settings',
    ]);
  });

  it('a policy manager sees what its role opens', () => {
    expect(paths(user(['POLICYMANAGER'], true))).toEqual(['/dashboard', '/admin/policy-groups', '/admin/settings']);
  });

  it('partners see their own pages by partner type', () => {
    expect(paths(user(['AUTH_PARTNER'], false))).toEqual([
      '/dashboard',
      '/partner/certificates',
      '/partner/policies',
      '/partner/api-keys',
    ]);
    expect(paths(user(['CREDENTIAL_PARTNER'], false))).toEqual([
      '/dashboard',
      '/partner/certificates',
      '/partner/policies',
    ]);
    expect(paths(user(['DEVICE_PROVIDER'], false))).toEqual([
      '/dashboard',
      '/partner/certificates',
      '/provider/sbis',
      '/hardware',
    ]);
    expect(paths(user(['FTM_PROVIDER'], false))).toEqual([
      '/dashboard',
      '/partner/certificates',
      '/provider/ftm',
      '/hardware',
    ]);
  });

  it('cards lead to the page of the user’s side, or nowhere', () => {
    expect(cardRoute('policies', user(['PARTNER_ADMIN'], true))).toBe('/admin/policy-groups');
    expect(cardRoute('policies', user(['AUTH_PARTNER'], false))).toBe('/partner/policies');
    expect(cardRoute('authServices', user(['AUTH_PARTNER'], false))).toBe('/partner/api-keys');
    expect(cardRoute('authServices', user(['PARTNER_ADMIN'], true))).toBe('/admin/auth-services');
    expect(cardRoute('sbiDevice', user(['DEVICE_PROVIDER'], false))).toBe('/provider/sbis');
    expect(cardRoute('sbiDevice', user(['PARTNER_ADMIN'], true))).toBe('/admin/sbi-devices');
    expect(cardRoute('auditLog', user(['POLICYMANAGER'], true))).toBeNull();
    expect(cardRoute('profile', user(['SDK_PARTNER'], false))).toBe('/profile');
  });
});
