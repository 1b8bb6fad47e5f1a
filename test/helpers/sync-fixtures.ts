import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../main/core/accounts/passwords.ts';
import type { TestCore } from './core.ts';
import { ADMIN, signIn, testCore } from './core.ts';
import { adminSession, link, newGroup, newPolicy, onboard } from './policies.ts';
import type { TestPartner } from './policies.ts';

export const PARTNER_PASSWORD = 'Partn3r-Pass!';

/** A second partner admin (MOSIP has several; Partner Desk's first run makes one, the rest come from the IdP). */
export async function addAdmin(server: TestCore, id: string): Promise<void> {
  const hash = await hashPassword(ADMIN.password, randomBytes(16));
  const t = server.clock.now().toISOString();
  server.core.db.writer.transaction(() => {
    server.core.db.writer
      .prepare(
        'INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, `${id}@registry.example`, 'Second', 'Admin', ADMIN.orgName, hash, 'en', t, t);
    for (const r of ['PARTNER_ADMIN', 'POLICYMANAGER'])
      server.core.db.writer.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)').run(id, r);
  })();
}

export interface SyncWorld {
  server: TestCore;
  admin: string;
  groupId: string;
  policyId: string;
  partner: TestPartner;
  other: TestPartner;
}

/** A server with an admin, a group with a published policy, and two onboarded auth partners in that group. */
export async function syncWorld(): Promise<SyncWorld> {
  const server = testCore({ syncRole: 'server' });
  const admin = await adminSession(server);
  const group = await newGroup(server, admin);
  const policy = await newPolicy(server, admin, group.policyGroupId);
  const partner = await onboard(server, 1, group.policyGroupId);
  const other = await onboard(server, 2, group.policyGroupId);
  return { server, admin, groupId: group.policyGroupId, policyId: policy.policyId, partner, other };
}

export { link, signIn };
