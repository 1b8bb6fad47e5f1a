import type { Role } from '../../contract/index.ts';
import { PARTNER_ROLES } from '../../contract/index.ts';

/** A replicated table (the lists are in tables.ts and tables-portal.ts). */
export interface ReplicatedTable {
  name: string;
  /** Primary-key columns; a row's key travels as the JSON array of their values. */
  key: readonly string[];
  columns: readonly string[];
  /** BLOB columns, hex-encoded on the wire and in undo images. */
  blobs: readonly string[];
  /** NOT NULL columns the desk fills itself when a row first arrives (the credential is cached locally). */
  localDefaults?: Readonly<Record<string, string>>;
  /**
   * Which rows a desk sees (PowerSync's sync rules), as SQL conditions over the table (no alias) with
   * `:uid` the server session's user: `everyone` for any user, and one per role; a user sees the union
   * of those that apply to it. No condition: no rows.
   */
  scope: { everyone?: string; roles?: Partial<Record<Role, string>> };
  /**
   * Rows that can leave a user's view while they exist (a policy follows its partner's group): a user
   * who does not see every row still hears their deletes. Otherwise only the owner a delete trigger
   * records (migration 0210) hears it, so nobody learns the ids of rows never shown to them.
   */
  leavesView?: boolean;
}

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
