import type { CardId, Role, UserProfile } from '../contract.ts';
import { PARTNER_SERVICES_ROUTES, type PartnerServicesScreen } from './partnerServicesRoutes.ts';
import { POLICY_ROUTES, type PolicyScreen } from './policyRoutes.ts';
import { DEVICE_ROUTES, type DeviceScreen } from './deviceRoutes.ts';
import { HARDWARE_ROUTES, type HardwareScreen } from './hardwareRoutes.ts';
import { SYNC_ROUTES, type SyncScreen } from './syncRoutes.ts';
import { NOTIFICATION_ROUTES, type NotificationScreen } from './notificationRoutes.ts';
import { PORTAL_ROUTES, type PortalScreen } from './portalRoutes.ts';
import { ASSISTED_ROUTES, type AssistedScreen } from './assistedRoutes.ts';
import {
  isFor,
  mayOpen,
  routeTable,
  type LocalCardId,
  type NavGroup,
  type RouteEntry,
  type ScreenOf,
} from './table.ts';

/** The signed-in pages of the core features (accounts, audit, certificates). */
const CORE_ROUTES = routeTable({
  '/dashboard': {
    screen: 'dashboard',
    method: 'session',
    nav: { order: 0, label: (t) => t('common.dashboard') },
  },
  '/profile': { screen: 'profile', method: 'session', card: 'profile' },
  '/admin/audit': {
    screen: 'audit',
    method: 'audit.list',
    side: 'admin',
    card: 'auditLog',
    nav: { order: 10, label: (t) => t('audit.title'), group: 'system' },
  },
  '/admin/trust-store': {
    screen: 'trustStore',
    method: 'trustStore.list',
    side: 'admin',
    card: 'trustStore',
    nav: { order: 20, label: (t) => t('certificates.trustStore.title'), group: 'system' },
  },
  '/admin/trust-store/upload': {
    screen: 'trustUpload',
    method: 'trustStore.upload',
    side: 'admin',
  },
  '/admin/trust-store/view': { screen: 'trustDetail', method: 'trustStore.detail', side: 'admin' },
  '/partner/certificates': {
    screen: 'partnerCertificates',
    method: 'partnerCertificate.list',
    side: 'partner',
    card: 'partnerCertificate',
    nav: { order: 60, label: (t) => t('certificates.partnerCert.title') },
  },
});

export type Screen =
  | 'setup'
  | 'login'
  | 'register'
  | 'forgot'
  | 'reset'
  | 'done'
  | 'notAllowed'
  | ScreenOf<typeof CORE_ROUTES>
  | PartnerServicesScreen
  | PolicyScreen
  | DeviceScreen
  | HardwareScreen
  | SyncScreen
  | NotificationScreen
  | PortalScreen
  | AssistedScreen;

const PUBLIC: Readonly<Record<string, Screen>> = {
  '/login': 'login',
  '/register': 'register',
  '/forgot-password': 'forgot',
  '/reset-password': 'reset',
};

/** Every signed-in page, one table per feature. */
export const PRIVATE_ROUTES: Readonly<Record<string, RouteEntry<Screen>>> = {
  ...CORE_ROUTES,
  ...PARTNER_SERVICES_ROUTES,
  ...POLICY_ROUTES,
  ...DEVICE_ROUTES,
  ...HARDWARE_ROUTES,
  ...SYNC_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...PORTAL_ROUTES,
  ...ASSISTED_ROUTES,
};

/** The header's entries for this user, in order. */
export function navFor(user: UserProfile): NavItem[] {
  return Object.entries(PRIVATE_ROUTES)
    .filter(([, entry]) => entry.nav && isFor(entry, user))
    .map(([path, entry]) => ({ path, entry }))
    .sort((a, b) => (a.entry.nav?.order ?? 0) - (b.entry.nav?.order ?? 0));
}

export type NavItem = { path: string; entry: RouteEntry<Screen> };
/** A header slot: one link, or a group folded into a menu (admins only; a group of one stays a link). */
export type NavSlot = { kind: 'link'; item: NavItem } | { kind: 'group'; group: NavGroup; items: NavItem[] };

/** The header's slots for this user, at the place of each group's first entry. */
export function navSlotsFor(user: UserProfile): NavSlot[] {
  const items = navFor(user);
  const slots: NavSlot[] = [];
  for (const item of items) {
    const group = user.isAdmin ? item.entry.nav?.group : undefined;
    const members = group ? items.filter((other) => other.entry.nav?.group === group) : [];
    if (!group || members.length < 2) slots.push({ kind: 'link', item });
    else if (members[0] === item) slots.push({ kind: 'group', group, items: members });
  }
  return slots;
}

/** Cards the route tables add for this user (pages the core has nothing to count for). */
export function localCardsFor(user: UserProfile): { id: LocalCardId; path: string }[] {
  return Object.entries(PRIVATE_ROUTES).flatMap(([path, entry]) =>
    entry.card === 'hardware' && isFor(entry, user) ? [{ id: entry.card, path }] : [],
  );
}

/** Where a dashboard card leads for this user, if anywhere. */
export function cardRoute(card: CardId | LocalCardId, user: UserProfile): string | null {
  const found = Object.entries(PRIVATE_ROUTES).find(([, entry]) => entry.card === card && isFor(entry, user));
  return found ? found[0] : null;
}

export interface GuardState {
  setupRequired: boolean;
  signedIn: boolean;
  roles: readonly Role[];
}

export type Decision = { screen: Screen } | { redirect: string };

/**
 * The route guard as a pure function: first-run setup wins over everything, signed-out users
 * only see public pages, signed-in users skip sign-in pages, and a page opens for the roles the
 * contract admits to its method. The core re-checks every call; this keeps users on pages that work.
 */
export function resolveRoute(path: string, { setupRequired, signedIn, roles }: GuardState): Decision {
  if (setupRequired) return path === '/setup' ? { screen: 'setup' } : { redirect: '/setup' };
  const home = signedIn ? '/dashboard' : '/login';
  if (path === '/setup') return { redirect: home };
  if (path.startsWith('/done/')) return { screen: 'done' };
  const open = PUBLIC[path];
  if (open) {
    // A reset link opened while signed in still works; other sign-in pages bounce home.
    return signedIn && open !== 'reset' ? { redirect: home } : { screen: open };
  }
  const closed = PRIVATE_ROUTES[path];
  if (closed) {
    if (!signedIn) return { redirect: '/login' };
    return mayOpen(closed, roles) ? { screen: closed.screen } : { screen: 'notAllowed' };
  }
  return { redirect: home };
}
