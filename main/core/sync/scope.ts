import type { Role } from '../../contract/index.ts';
import { PARTNER_ROLES } from '../../contract/index.ts';
import type { ReplicatedTable } from './tables.ts';

/** The condition of a table whose every row a user sees. */
export const ALL = '1 = 1';

/** The trust store's readers (trustStore.* access): partner admins and every partner role. */
export const TRUST_STORE_READERS: Partial<Record<Role, string>> = Object.fromEntries(
  (['PARTNER_ADMIN', ...PARTNER_ROLES] as Role[]).map((r) => [r, ALL]),
);

/** The rows of `t` a user with `roles` sees: an SQL condition over the table, ALL, or null for none. */
export function scopeOf(t: Pick<ReplicatedTable, 'scope'>, roles: readonly Role[]): string | null {
  const parts = [t.scope.everyone, ...roles.map((r) => t.scope.roles?.[r])].filter((c): c is string => c !== undefined);
  if (parts.length === 0) return null;
  if (parts.includes(ALL)) return ALL;
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' OR ');
}
