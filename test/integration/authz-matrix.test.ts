import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, PARTNER_ROLES, PARTNER_TYPES, ROLES, contract } from '../../main/contract/index.ts';
import type { Role } from '../../main/contract/index.ts';
import { handlers } from '../../main/core/handler-registry.ts';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

/**
 * The whole role × method matrix, read from the contract. A method added without an access rule
 * or a handler fails here (and in the type-check); each cell is exercised against the real core.
 */
let tc: TestCore;
const sessions = new Map<Role | 'anonymous', string | null>();

beforeAll(async () => {
  tc = testCore();
  await tc.call('setup.createAdmin', ADMIN);
  sessions.set('anonymous', null);
  for (const [i, type] of PARTNER_TYPES.entries()) {
    await tc.call('auth.register', partnerInput(i, { partnerType: type.code }));
    sessions.set(type.role, await signIn(tc, `partner-${i}`, 'Partn3r-Pass!'));
  }
  // single-role admin users, to see each admin role on its own
  const adminToken = await signIn(tc, 'admin', ADMIN.password);
  sessions.set('PARTNER_ADMIN', adminToken);
  tc.core.db.writer
    .prepare(
      "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) SELECT 'pm', 'pm@x.example', first_name, last_name, org_name, password_hash, 'en', created_at, updated_at FROM app_user WHERE id = 'admin'",
    )
    .run();
  tc.core.db.writer.prepare("INSERT INTO user_role (user_id, role) VALUES ('pm', 'POLICYMANAGER')").run();
  sessions.set('POLICYMANAGER', await signIn(tc, 'pm', ADMIN.password));
  // the portal's roles (issue 15), each on a user of its own; the applicant signs in with a password here only to
  // reach the gate (real applicants have none: test/integration/portal-oidc.test.ts)
  // …and the registration officer (issue 16)
  for (const [id, role] of [
    ['prog', 'PROGRAM_ADMIN'],
    ['appl', 'APPLICANT'],
    ['offi', 'REGISTRATION_OFFICER'],
  ] as const) {
    tc.core.db.writer
      .prepare(
        `INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) SELECT ?, ?, first_name, last_name, org_name, password_hash, 'en', created_at, updated_at FROM app_user WHERE id = 'admin'`,
      )
      .run(id, `${id}@x.example`);
    tc.core.db.writer.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)').run(id, role);
    sessions.set(role, await signIn(tc, id, ADMIN.password));
  }
  tc.core.db.writer
    .prepare(
      "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES ('r-appl', 'appl', 'NATIONAL_ID', '5000000001', 'Appl', '2026-11-21T09:00:00.000Z')",
    )
    .run();
  tc.core.db.writer
    .prepare(
      "INSERT INTO registrant_demographic (registrant_id, version, name, data_json, source, cr_by, created_at) VALUES ('r-appl', 1, 'Appl', '{}', 'sign-in', 'appl', '2026-11-21T09:00:00.000Z')",
    )
    .run();
});
afterAll(() => tc.close());

type Spec = (typeof contract)[keyof typeof contract];

/** The matrix's partners are freshly registered, not approved: `activePartner` methods refuse them. */
function expected(spec: Spec, who: Role | 'anonymous'): 'allowed' | 'PD_AUTH_003' | 'PD_AUTH_004' | 'PMS_PMP_016' {
  const { access } = spec;
  if (access === 'public') return 'allowed';
  if (who === 'anonymous') return 'PD_AUTH_003';
  if (access === 'session') return 'allowed';
  if (!access.includes(who)) return 'PD_AUTH_004';
  return 'activePartner' in spec && spec.activePartner && (PARTNER_ROLES as readonly string[]).includes(who)
    ? 'PMS_PMP_016'
    : 'allowed';
}

describe('role × method matrix', () => {
  it('every contract method has an access rule and a handler of the right kind', () => {
    for (const name of METHOD_NAMES) {
      const spec = contract[name];
      expect(
        spec.access === 'public' || spec.access === 'session' || (Array.isArray(spec.access) && spec.access.length > 0),
        name,
      ).toBe(true);
      // a service handler (sync's push, pull, connect) runs commands of its own: it is a command to the contract
      const kind = handlers[name]?.kind;
      expect(kind === 'service' ? 'command' : kind, name).toBe(spec.kind);
      if (Array.isArray(spec.access)) for (const r of spec.access) expect(ROLES).toContain(r);
    }
  });

  // logout ends the session it is called with, so its row runs last
  const ordered = [...METHOD_NAMES.filter((m) => m !== 'auth.logout'), 'auth.logout' as const];
  const cells = ordered.flatMap((m) => (['anonymous', ...ROLES] as const).map((who) => [m, who] as const));
  it.each(cells)('%s as %s', async (method, who) => {
    const token = sessions.get(who) ?? null;
    // an empty input: allowed callers get past the gate (and may then fail validation), others are stopped at it
    const r = await tc.core.dispatch(method, token, {});
    const want = expected(contract[method], who);
    if (want === 'allowed') {
      if (!r.ok) expect(['PD_AUTH_003', 'PD_AUTH_004', 'PMS_PMP_016']).not.toContain(r.error.code);
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(want);
    }
  });

  it('spot checks that must never change', () => {
    expect(contract['audit.list'].access).toEqual(['PARTNER_ADMIN']);
    expect(contract['auth.login'].access).toBe('public');
    expect(contract['session.me'].access).toBe('session');
    // devices and the work on them are for approved, active partners only (issue 12)
    for (const m of METHOD_NAMES.filter(
      (n) => n.startsWith('sbi.') || n.startsWith('tasks.') || n.startsWith('hardware.') || n.startsWith('virtualSbi.'),
    )) {
      const spec = contract[m];
      expect('activePartner' in spec && spec.activePartner === true, m).toBe(m !== 'virtualSbi.trustRoots');
    }
  });
});
