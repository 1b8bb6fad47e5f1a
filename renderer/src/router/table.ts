import type { TFunction } from 'i18next';
import { ADMIN_ROLES, contract, type CardId, type MethodName, type Role, type UserProfile } from '../contract.ts';

/**
 * One page of a feature's route table. Who may open it is not written here: it is the access
 * rule of the contract method the page is built on, so the guard, the header and the dashboard
 * cards agree with what the core will answer.
 */
export interface RouteEntry<S extends string = string> {
  screen: S;
  /** The contract method the page stands on; `'session'` for pages any signed-in user has. */
  method: MethodName | 'session';
  /**
   * Who the page is written for: the header and cards of the other side leave it out, and an
   * admin view also needs an admin (a partner holding the method's role has its own page).
   */
  side?: 'admin' | 'partner';
  /**
   * A header entry, in this order among all features'. The admin's header folds the entries of
   * one `group` into a menu, so ten entries fit on one line at 1280 px.
   */
  nav?: { order: number; label: (t: TFunction) => string; group?: NavGroup };
  /** The dashboard card that leads here: one the core counts, or `hardware` (no count). */
  card?: CardId | LocalCardId;
}

export type NavGroup = 'partners' | 'devices' | 'system';
/** Dashboard cards the renderer adds from the route tables (the core has nothing to count for them). */
export type LocalCardId = 'hardware';

export type RouteTable<S extends string = string> = Readonly<Record<string, RouteEntry<S>>>;

/** Keeps the screen ids literal, so each feature's screen union comes from its table. */
export function routeTable<const T extends RouteTable>(table: T): T {
  return table;
}

export type ScreenOf<T extends RouteTable> = T[keyof T]['screen'];

/** The contract's access rule for the page's method, for a user holding `roles` (admin views need an admin role). */
export function mayOpen(entry: RouteEntry, roles: readonly Role[]): boolean {
  if (entry.side === 'admin' && !roles.some((role) => (ADMIN_ROLES as readonly Role[]).includes(role))) return false;
  if (entry.method === 'session') return true;
  const access = contract[entry.method].access;
  return typeof access === 'string' || access.some((role) => roles.includes(role));
}

/** May open the page and it is written for the user's side. */
export function isFor(entry: RouteEntry, user: UserProfile): boolean {
  const side = user.isAdmin ? 'admin' : 'partner';
  return mayOpen(entry, user.roles) && (entry.side === undefined || entry.side === side);
}
