import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import {
  AUTH_POLICY,
  DATA_SHARE_POLICY,
  adminSession,
  link,
  newGroup,
  newPolicy,
  onboard,
  refuse,
} from '../helpers/policies.ts';

let tc: TestCore;
let admin: string;
beforeEach(async () => {
  tc = testCore();
  admin = await adminSession(tc);
});
afterEach(() => tc.close());

describe('policy groups', () => {
  it('creates an active group, refuses a second one of the same name in any case (PMS_POL_014)', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    expect(g).toMatchObject({
      name: 'Banking',
      description: 'Banking partners',
      status: 'activated',
      createdBy: 'admin',
    });
    await refuse(tc, 'policyGroups.create', { name: 'BANKING', description: 'x' }, admin, 'PMS_POL_014');
    expect(tc.count('SELECT COUNT(*) AS n FROM policy_group')).toBe(1);
  });

  it('checks lengths: name ≤ 128, description ≤ 256', async () => {
    await refuse(tc, 'policyGroups.create', { name: 'n'.repeat(129), description: 'd' }, admin, 'PMS_COR_002');
    await refuse(tc, 'policyGroups.create', { name: 'n', description: 'd'.repeat(257) }, admin, 'PMS_COR_002');
    await tc.call('policyGroups.create', { name: 'n'.repeat(128), description: 'd'.repeat(256) }, admin);
  });

  it('lists with MOSIP filters, sort and paging rules', async () => {
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      await newGroup(tc, admin, name);
      tc.clock.advance(60);
    }
    const byName = await tc.call('policyGroups.list', { sortFieldName: 'name', sortType: 'asc' }, admin);
    expect(byName.data.map((g) => g.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect((await tc.call('policyGroups.list', {}, admin)).data[0]!.name).toBe('Charlie'); // newest first
    expect((await tc.call('policyGroups.list', { name: 'RAV' }, admin)).data.map((g) => g.name)).toEqual(['Bravo']);
    const page = await tc.call(
      'policyGroups.list',
      { pageNo: 1, pageSize: 2, sortFieldName: 'name', sortType: 'asc' },
      admin,
    );
    expect(page).toMatchObject({ pageNo: 1, pageSize: 2, totalResults: 3 });
    expect(page.data.map((g) => g.name)).toEqual(['Charlie']);
    await refuse(tc, 'policyGroups.list', { sortFieldName: 'colour' }, admin, 'PMS_PRT_357');
    await refuse(tc, 'policyGroups.list', { sortFieldName: 'name', sortType: 'sideways' }, admin, 'PMS_PRT_358');
    await refuse(tc, 'policyGroups.list', { pageNo: -1 }, admin, 'PMS_PRT_360');
    await refuse(tc, 'policyGroups.list', { pageSize: 0 }, admin, 'PMS_PRT_361');
  });

  it('refuses deactivation while the group holds activated (056), draft (070) or both (069) policies, and says how many', async () => {
    const g = await newGroup(tc, admin);
    const draft = await newPolicy(tc, admin, g.policyGroupId, {
      name: 'Draft one',
      publish: false,
    });
    let e = await refuse(tc, 'policyGroups.deactivate', { policyGroupId: g.policyGroupId }, admin, 'PMS_POL_070');
    expect(e.fields).toEqual({ activatedPolicies: '0', draftPolicies: '1' });
    const active = await newPolicy(tc, admin, g.policyGroupId, { name: 'Active one' });
    e = await refuse(tc, 'policyGroups.deactivate', { policyGroupId: g.policyGroupId }, admin, 'PMS_POL_069');
    expect(e.fields).toEqual({ activatedPolicies: '1', draftPolicies: '1' });
    await tc.call('policies.publish', { policyId: draft.policyId }, admin);
    e = await refuse(tc, 'policyGroups.deactivate', { policyGroupId: g.policyGroupId }, admin, 'PMS_POL_056');
    expect(e.fields).toEqual({ activatedPolicies: '2', draftPolicies: '0' });
    await tc.call('policies.deactivate', { policyId: draft.policyId }, admin);
    await tc.call('policies.deactivate', { policyId: active.policyId }, admin);
    const detail = await tc.call('policyGroups.get', { policyGroupId: g.policyGroupId }, admin);
    expect(detail.policies).toEqual({ draft: 0, activated: 0, deactivated: 2 });
    expect((await tc.call('policyGroups.deactivate', { policyGroupId: g.policyGroupId }, admin)).status).toBe(
      'deactivated',
    );
    await refuse(tc, 'policyGroups.deactivate', { policyGroupId: g.policyGroupId }, admin, 'PMS_POL_067');
    await refuse(tc, 'policyGroups.deactivate', { policyGroupId: 'nope' }, admin, 'PMS_POL_016');
    await refuse(tc, 'policyGroups.get', { policyGroupId: 'nope' }, admin, 'PMS_POL_016');
  });

  it('offers partners a searched, paged list of active groups only', async () => {
    for (let i = 0; i < 30; i++) await newGroup(tc, admin, `Group ${String(i).padStart(2, '0')}`);
    const off = await newGroup(tc, admin, 'Group off');
    await tc.call('policyGroups.deactivate', { policyGroupId: off.policyGroupId }, admin);
    const p = await onboard(tc, 1, null, { approve: false });
    const first = await tc.call('policyGroups.searchActive', {}, p.token);
    expect(first.totalResults).toBe(30);
    expect(first.data).toHaveLength(20);
    expect(first.data[0]!.name).toBe('Group 00');
    const found = await tc.call('policyGroups.searchActive', { name: 'oup 1' }, p.token);
    expect(found.data.map((g) => g.name)).toEqual([
      'Group 10',
      'Group 11',
      'Group 12',
      'Group 13',
      'Group 14',
      'Group 15',
      'Group 16',
      'Group 17',
      'Group 18',
      'Group 19',
    ]);
    expect((await tc.call('policyGroups.searchActive', { name: 'off' }, p.token)).totalResults).toBe(0);
  });
});

describe('policies', () => {
  let groupId: string;
  beforeEach(async () => {
    groupId = (await newGroup(tc, admin)).policyGroupId;
  });

  it("lists one group's policies exactly by group id, not by a name that contains another", async () => {
    const other = (await newGroup(tc, admin, 'Banking Plus')).policyGroupId;
    await tc.call(
      'policies.create',
      {
        policyGroupId: groupId,
        name: 'Mine',
        description: 'd',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
    );
    await tc.call(
      'policies.create',
      {
        policyGroupId: other,
        name: 'Theirs',
        description: 'd',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
    );
    expect(
      (await tc.call('policies.list', { policyType: 'Auth', policyGroupName: 'banking' }, admin)).totalResults,
    ).toBe(2);
    const exact = await tc.call('policies.list', { policyType: 'Auth', policyGroupId: groupId }, admin);
    expect(exact.data.map((p) => p.policyName)).toEqual(['Mine']);
  });

  it('creates a draft from JSON text, stores it compact and shows it readably', async () => {
    const pretty = JSON.stringify(AUTH_POLICY, null, 4);
    const p = await tc.call(
      'policies.create',
      {
        policyGroupId: groupId,
        name: 'KYC basic',
        description: 'Basic eKYC',
        policyType: 'Auth',
        policy: pretty,
      },
      admin,
    );
    expect(p).toMatchObject({
      status: 'draft',
      policyType: 'Auth',
      policyGroupName: 'Banking',
      publishedDateTime: null,
      links: { pending: 0, approved: 0 },
    });
    expect(p.policy).toEqual(AUTH_POLICY);
    expect(p.readable).toEqual({
      kind: 'auth',
      authTokenType: 'policy',
      kycAttributes: ['fullName', 'dateOfBirth', 'email'],
      authTypes: [
        { authType: 'otp', authSubType: '', mandatory: false },
        { authType: 'bio', authSubType: 'FINGER', mandatory: false },
        { authType: 'demo', authSubType: '', mandatory: false },
      ],
    });
    const stored = tc.core.db.reader.prepare('SELECT policy_json FROM auth_policy WHERE id = ?').get(p.policyId) as {
      policy_json: string;
    };
    expect(stored.policy_json).toBe(JSON.stringify(AUTH_POLICY));
  });

  it('accepts MOSIP’s allowedKYCAttributes spelling and data share / credential issuance shapes', async () => {
    const { allowedKycAttributes, ...rest } = AUTH_POLICY;
    const legacy = await newPolicy(tc, admin, groupId, {
      name: 'Legacy',
      policy: { ...rest, allowedKYCAttributes: allowedKycAttributes },
      publish: false,
    });
    expect(legacy.readable).toMatchObject({
      kind: 'auth',
      kycAttributes: ['fullName', 'dateOfBirth', 'email'],
    });
    const share = await newPolicy(tc, admin, groupId, {
      name: 'Share',
      type: 'DataShare',
      publish: false,
    });
    expect(share.readable).toMatchObject({
      kind: 'dataShare',
      dataSharePolicies: { typeOfShare: 'Data Share', validForInMinutes: '30' },
    });
    expect(share.readable.kind === 'dataShare' && share.readable.shareableAttributes[2]).toEqual({
      attributeName: 'biometrics',
      group: 'CBEFF',
      encrypted: true,
      format: 'extraction',
      sources: ['individualBiometrics'],
    });
    const cred = await newPolicy(tc, admin, groupId, {
      name: 'Cred',
      type: 'CredentialIssuance',
      publish: false,
    });
    expect(cred.readable.kind).toBe('dataShare');
  });

  it.each([
    ['PMS_POL_052', 'Auth', 'cut-off JSON', '{"authTokenType": "policy",', 'policy'],
    ['PMS_POL_051', 'Auth', 'an array', '[1, 2]', 'policy'],
    [
      'PMS_POL_051',
      'Auth',
      'an unknown token type',
      JSON.stringify({ ...AUTH_POLICY, authTokenType: 'magic' }),
      'policy.authTokenType',
    ],
    [
      'PMS_POL_051',
      'Auth',
      'an unknown auth type',
      JSON.stringify({
        ...AUTH_POLICY,
        allowedAuthTypes: [{ authType: 'telepathy', mandatory: true }],
      }),
      'policy.allowedAuthTypes.0.authType',
    ],
    [
      'PMS_POL_051',
      'Auth',
      'a bio type without modality',
      JSON.stringify({
        ...AUTH_POLICY,
        allowedAuthTypes: [{ authType: 'bio', authSubType: 'TOE', mandatory: true }],
      }),
      'policy.allowedAuthTypes.0.authSubType',
    ],
    [
      'PMS_POL_051',
      'Auth',
      'missing KYC attributes',
      JSON.stringify({ authTokenType: 'policy', allowedAuthTypes: [] }),
      'policy.allowedKycAttributes',
    ],
    ['PMS_POL_051', 'DataShare', 'an auth policy', JSON.stringify(AUTH_POLICY), 'policy.dataSharePolicies'],
    [
      'PMS_POL_051',
      'DataShare',
      'an attribute without encrypted',
      JSON.stringify({
        ...DATA_SHARE_POLICY,
        shareableAttributes: [{ attributeName: 'x', source: [] }],
      }),
      'policy.shareableAttributes.0.encrypted',
    ],
    [
      'PD_POL_001',
      'Auth',
      'over 5120 characters',
      JSON.stringify({
        ...AUTH_POLICY,
        allowedKycAttributes: Array.from({ length: 200 }, (_, i) => ({
          attributeName: `attribute${i}`,
        })),
      }),
      'policy',
    ],
  ] as const)('refuses with %s a %s policy that is %s', async (code, policyType, _what, policy, field) => {
    const e = await refuse(
      tc,
      'policies.create',
      { policyGroupId: groupId, name: 'P', description: 'D', policyType, policy },
      admin,
      code,
    );
    expect(Object.keys(e.fields ?? {})).toContain(field);
    if (code === 'PMS_POL_051') expect(e.message).toContain(field.replace(/^policy\.?/, '') || '(root)');
    expect(tc.count('SELECT COUNT(*) AS n FROM auth_policy')).toBe(0);
  });

  it.each([999, 2_500, 5_000, 30_000])(
    'refuses a policy nested %i levels deep with the policy format code, not an internal error (issue 21)',
    async (levels) => {
      // Under 5,120 characters up to ~2,500 levels, where SQLite's json_valid stops at 1,000; past that JSON.stringify overflowed.
      const nested = `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const policy = JSON.stringify({ ...AUTH_POLICY, note: 'x' }).replace('"x"', nested);
      const e = await refuse(
        tc,
        'policies.create',
        { policyGroupId: groupId, name: 'Deep', description: 'D', policyType: 'Auth', policy },
        admin,
        'PMS_POL_051',
      );
      expect(e.message).toMatch(new RegExp(`nests ${levels + 1} levels deep`));
      expect(e.fields).toEqual({ policy: 'PMS_POL_051' });
      // brackets inside strings are text, not nesting
      const quoted = JSON.stringify({ ...AUTH_POLICY, note: '['.repeat(100) });
      await tc.call(
        'policies.create',
        {
          policyGroupId: groupId,
          name: `Quoted ${levels}`,
          description: 'D',
          policyType: 'Auth',
          policy: quoted,
        },
        admin,
      );
    },
  );

  it('counts the 5120-character limit on the stored compact JSON', async () => {
    const padded = (n: number) => JSON.stringify({ ...AUTH_POLICY, note: 'x'.repeat(n) });
    const base = padded(0).length + 0;
    await tc.call(
      'policies.create',
      {
        policyGroupId: groupId,
        name: 'Fits',
        description: 'D',
        policyType: 'Auth',
        policy: padded(5120 - base),
      },
      admin,
    );
    await refuse(
      tc,
      'policies.create',
      {
        policyGroupId: groupId,
        name: 'Too long',
        description: 'D',
        policyType: 'Auth',
        policy: padded(5121 - base),
      },
      admin,
      'PD_POL_001',
    );
  });

  it('needs an existing, active group (PMS_POL_016, PMS_POL_053) and a name unique in it (PMS_POL_009)', async () => {
    await refuse(
      tc,
      'policies.create',
      {
        policyGroupId: 'nope',
        name: 'P',
        description: 'D',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
      'PMS_POL_016',
    );
    await newPolicy(tc, admin, groupId, { name: 'KYC basic', publish: false });
    await refuse(
      tc,
      'policies.create',
      {
        policyGroupId: groupId,
        name: 'kyc BASIC',
        description: 'D',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
      'PMS_POL_009',
    );
    const other = await newGroup(tc, admin, 'Telecom');
    await newPolicy(tc, admin, other.policyGroupId, { name: 'KYC basic', publish: false }); // another group: fine
    const off = await newGroup(tc, admin, 'Closed');
    await tc.call('policyGroups.deactivate', { policyGroupId: off.policyGroupId }, admin);
    await refuse(
      tc,
      'policies.create',
      {
        policyGroupId: off.policyGroupId,
        name: 'P',
        description: 'D',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
      'PMS_POL_053',
    );
  });

  it('edits drafts only (PMS_POL_055); publishing is once (PMS_POL_020) and activates', async () => {
    const draft = await newPolicy(tc, admin, groupId, { publish: false });
    const edited = await tc.call(
      'policies.update',
      {
        policyId: draft.policyId,
        name: 'KYC plus',
        description: 'More',
        policy: JSON.stringify({ ...AUTH_POLICY, authTokenType: 'random' }),
      },
      admin,
    );
    expect(edited).toMatchObject({
      policyName: 'KYC plus',
      policyDescription: 'More',
      status: 'draft',
      policy: { authTokenType: 'random' },
    });
    const published = await tc.call('policies.publish', { policyId: draft.policyId }, admin);
    expect(published).toMatchObject({
      status: 'activated',
      publishedDateTime: tc.clock.now().toISOString(),
    });
    await refuse(
      tc,
      'policies.update',
      {
        policyId: draft.policyId,
        name: 'Again',
        description: 'D',
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
      'PMS_POL_055',
    );
    await refuse(tc, 'policies.publish', { policyId: draft.policyId }, admin, 'PMS_POL_020');
    await refuse(
      tc,
      'policies.update',
      { policyId: 'nope', name: 'x', description: 'D', policy: '{}' },
      admin,
      'PMS_POL_008',
    );
    await refuse(tc, 'policies.publish', { policyId: 'nope' }, admin, 'PMS_POL_008');
    const row = tc.core.db.reader
      .prepare('SELECT policy_schema, is_active, status FROM auth_policy WHERE id = ?')
      .get(draft.policyId);
    expect(row).toEqual({
      policy_schema: 'https://schemas.mosip.io/v1/auth-policy',
      is_active: 1,
      status: 'activated',
    });
  });

  it('clones into another group as a new draft; a name clash there is explained (PMS_POL_009)', async () => {
    const source = await newPolicy(tc, admin, groupId, { name: 'KYC basic' });
    const telecom = await newGroup(tc, admin, 'Telecom');
    const clone = await tc.call(
      'policies.clone',
      { policyId: source.policyId, policyGroupId: telecom.policyGroupId },
      admin,
    );
    expect(clone).toMatchObject({
      status: 'draft',
      policyGroupName: 'Telecom',
      policyName: 'KYC basic',
      policy: AUTH_POLICY,
    });
    expect(clone.policyId).not.toBe(source.policyId);
    const e = await refuse(
      tc,
      'policies.clone',
      { policyId: source.policyId, policyGroupId: telecom.policyGroupId },
      admin,
      'PMS_POL_009',
    );
    expect(e.message).toMatch(/already exists within the policy group "Telecom"/);
    await refuse(
      tc,
      'policies.clone',
      { policyId: 'nope', policyGroupId: telecom.policyGroupId },
      admin,
      'PMS_POL_008',
    );
    await refuse(tc, 'policies.clone', { policyId: source.policyId, policyGroupId: 'nope' }, admin, 'PMS_POL_016');
  });

  it('deactivates published policies only, never one with approved (063) or pending (064) links', async () => {
    const draft = await newPolicy(tc, admin, groupId, { name: 'Draft', publish: false });
    await refuse(tc, 'policies.deactivate', { policyId: draft.policyId }, admin, 'PMS_POL_072');
    const policy = await newPolicy(tc, admin, groupId);
    const a = await onboard(tc, 1, groupId);
    const b = await onboard(tc, 2, groupId);
    const approved = await link(tc, admin, a, policy.policyId);
    const pending = await tc.call(
      'linking.request',
      { partnerId: b.id, policyId: policy.policyId, comments: 'please' },
      b.token,
    );
    const e = await refuse(tc, 'policies.deactivate', { policyId: policy.policyId }, admin, 'PMS_POL_063');
    expect(e.fields).toEqual({ approvedRequests: '1', pendingRequests: '1' });
    await tc.call('linking.deactivate', { id: approved.id }, admin);
    expect(
      (await refuse(tc, 'policies.deactivate', { policyId: policy.policyId }, admin, 'PMS_POL_064')).fields,
    ).toEqual({ approvedRequests: '0', pendingRequests: '1' });
    expect((await tc.call('policies.get', { policyId: policy.policyId }, admin)).links).toEqual({
      pending: 1,
      approved: 0,
    });
    await tc.call('linking.decide', { id: pending.id, status: 'rejected' }, admin);
    expect((await tc.call('policies.deactivate', { policyId: policy.policyId }, admin)).status).toBe('deactivated');
    await refuse(tc, 'policies.deactivate', { policyId: policy.policyId }, admin, 'PMS_POL_062');
    await refuse(tc, 'policies.get', { policyId: 'nope' }, admin, 'PMS_POL_008');
  });

  it('lists each type with filters, derived status and sorting', async () => {
    const telecom = await newGroup(tc, admin, 'Telecom');
    await newPolicy(tc, admin, groupId, { name: 'Alpha auth' });
    tc.clock.advance(60);
    await newPolicy(tc, admin, telecom.policyGroupId, { name: 'Beta auth', publish: false });
    tc.clock.advance(60);
    const gone = await newPolicy(tc, admin, groupId, { name: 'Gamma auth' });
    await tc.call('policies.deactivate', { policyId: gone.policyId }, admin);
    await newPolicy(tc, admin, groupId, { name: 'Share one', type: 'DataShare' });
    const auth = await tc.call(
      'policies.list',
      { policyType: 'Auth', sortFieldName: 'policyName', sortType: 'asc' },
      admin,
    );
    expect(auth.data.map((p) => [p.policyName, p.status, p.policyGroupName])).toEqual([
      ['Alpha auth', 'activated', 'Banking'],
      ['Beta auth', 'draft', 'Telecom'],
      ['Gamma auth', 'deactivated', 'Banking'],
    ]);
    expect(
      (await tc.call('policies.list', { policyType: 'Auth', status: 'draft' }, admin)).data.map((p) => p.policyName),
    ).toEqual(['Beta auth']);
    expect((await tc.call('policies.list', { policyType: 'Auth', policyGroupName: 'tele' }, admin)).totalResults).toBe(
      1,
    );
    expect((await tc.call('policies.list', { policyType: 'DataShare' }, admin)).data.map((p) => p.policyName)).toEqual([
      'Share one',
    ]);
    const byGroup = await tc.call(
      'policies.list',
      { policyType: 'Auth', sortFieldName: 'policyGroupName', sortType: 'desc' },
      admin,
    );
    expect(byGroup.data[0]!.policyGroupName).toBe('Telecom');
    await refuse(tc, 'policies.list', { policyType: 'Auth', sortFieldName: 'version' }, admin, 'PMS_PRT_357');
  });

  it('is open to POLICYMANAGER alone as to PARTNER_ADMIN (MOSIP-38393), not to partners', async () => {
    tc.core.db.writer
      .prepare(
        "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) SELECT 'pm', 'pm@x.example', first_name, last_name, org_name, password_hash, 'en', created_at, updated_at FROM app_user WHERE id = 'admin'",
      )
      .run();
    tc.core.db.writer.prepare("INSERT INTO user_role (user_id, role) VALUES ('pm', 'POLICYMANAGER')").run();
    const pm = (await tc.call('auth.login', { login: 'pm', password: 'Adm1n-Secret!' })).token;
    const p = await newPolicy(tc, pm, groupId);
    expect(p.status).toBe('activated');
    const partner = await onboard(tc, 1, groupId);
    await refuse(
      tc,
      'policies.create',
      { policyGroupId: groupId, name: 'X', description: 'D', policyType: 'Auth', policy: '{}' },
      partner.token,
      'PD_AUTH_004',
    );
    // every state change is audited with its actor
    const audit = tc.core.db.reader
      .prepare("SELECT action, actor, result FROM app_audit_log WHERE module = 'policies' ORDER BY time, rowid")
      .all();
    expect(audit).toContainEqual({ action: 'policies.publish', actor: 'pm', result: 'success' });
  });
});
