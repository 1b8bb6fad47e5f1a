import { PARTNER_SERVICES_ADMIN_ONLY, PARTNER_SERVICES_ROUTES, type PartnerServicesScreen } from './partnerServicesRoutes.ts';
import { POLICY_ADMIN_ONLY, POLICY_ROUTES, type PolicyScreen } from './policyRoutes.ts';
import { DEVICE_ADMIN_ONLY, DEVICE_ROUTES, type DeviceScreen } from './deviceRoutes.ts';
import { HARDWARE_ADMIN_ONLY, HARDWARE_ROUTES, type HardwareScreen } from './hardwareRoutes.ts';

export type Screen = 'setup' | 'login' | 'register' | 'forgot' | 'reset' | 'done' | 'dashboard' | 'profile' | 'audit' | 'notAllowed'
  | 'trustStore' | 'trustUpload' | 'trustDetail' | 'partnerCertificates'
  | PartnerServicesScreen
  | PolicyScreen
  | DeviceScreen
  | HardwareScreen;

const PUBLIC: Readonly<Record<string, Screen>> = {
  '/login': 'login',
  '/register': 'register',
  '/forgot-password': 'forgot',
  '/reset-password': 'reset',
};

const PRIVATE: Readonly<Record<string, Screen>> = {
  '/dashboard': 'dashboard',
  '/profile': 'profile',
  '/admin/audit': 'audit',
  '/admin/trust-store': 'trustStore',
  '/admin/trust-store/upload': 'trustUpload',
  '/admin/trust-store/view': 'trustDetail',
  '/partner/certificates': 'partnerCertificates',
  ...PARTNER_SERVICES_ROUTES,
  ...POLICY_ROUTES,
  ...DEVICE_ROUTES,
  ...HARDWARE_ROUTES,
};

const ADMIN_ONLY: ReadonlySet<Screen> = new Set<Screen>(['audit', 'trustStore', 'trustUpload', 'trustDetail', ...PARTNER_SERVICES_ADMIN_ONLY, ...POLICY_ADMIN_ONLY, ...DEVICE_ADMIN_ONLY, ...HARDWARE_ADMIN_ONLY]);

export interface GuardState {
  setupRequired: boolean;
  signedIn: boolean;
  isAdmin: boolean;
}

export type Decision = { screen: Screen } | { redirect: string };

/**
 * The route guard as a pure function: first-run setup wins over everything, signed-out users
 * only see public pages, signed-in users skip sign-in pages, admin pages need an admin.
 * The core re-checks every call's access; this only keeps users on pages that can work.
 */
export function resolveRoute(path: string, { setupRequired, signedIn, isAdmin }: GuardState): Decision {
  if (setupRequired) return path === '/setup' ? { screen: 'setup' } : { redirect: '/setup' };
  const home = signedIn ? '/dashboard' : '/login';
  if (path === '/setup') return { redirect: home };
  if (path.startsWith('/done/')) return { screen: 'done' };
  const open = PUBLIC[path];
  if (open) {
    // A reset link opened while signed in still works; other sign-in pages bounce home.
    return signedIn && open !== 'reset' ? { redirect: home } : { screen: open };
  }
  const closed = PRIVATE[path];
  if (closed) {
    if (!signedIn) return { redirect: '/login' };
    return ADMIN_ONLY.has(closed) && !isAdmin ? { screen: 'notAllowed' } : { screen: closed };
  }
  return { redirect: home };
}
