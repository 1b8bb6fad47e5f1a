import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { adminSession, link, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';

let tc: TestCore;
let admin: string;
beforeEach(async () => {
  tc = testCore();
  admin = await adminSession(tc);
});
afterEach(() => tc.close());

describe('partners list (admin)', () => {
  it('shows MOSIP’s columns with filters, sort and paging', async () => {
    const banking = await newGroup(tc, admin, 'Banking');
    const telecom = await newGroup(tc, admin, 'Telecom');
    await onboard(tc, 1, banking.policyGroupId);
    tc.clock.advance(60);
    await onboard(tc, 2, telecom.policyGroupId, { approve: false });
    tc.clock.advance(60);
    await onboard(tc, 3, null, { type: 'Device_Provider' });
    tc.clock.advance(60);
    const d = await onboard(tc, 4, banking.policyGroupId);
    await tc.call('partners.deactivate', { partnerId: d.id }, admin);
    const all = await tc.call('partners.list', {}, admin);
    expect(all.totalResults).toBe(4);
    expect(all.data[0]).toEqual({
      partnerId: 'partner-4',
      partnerType: 'Auth_Partner',
      orgName: 'Org 4',
      policyGroupId: banking.policyGroupId,
      policyGroupName: 'Banking',
      emailAddress: 'pat4@org4.example',
      certificateUploadStatus: 'uploaded',
      status: 'deactivated',
      isActive: false,
      createdDateTime: all.data[0]!.createdDateTime,
    });
    const ids = (r: { data: Array<{ partnerId: string }> }) => r.data.map((x) => x.partnerId);
    expect(ids(await tc.call('partners.list', { status: 'activated' }, admin))).toEqual(['partner-3', 'partner-1']);
    expect(ids(await tc.call('partners.list', { status: 'InProgress' }, admin))).toEqual(['partner-2']);
    expect(ids(await tc.call('partners.list', { certificateUploadStatus: 'not_uploaded' }, admin))).toEqual([
      'partner-2',
    ]);
    expect(ids(await tc.call('partners.list', { partnerType: 'Device_Provider' }, admin))).toEqual(['partner-3']);
    expect(ids(await tc.call('partners.list', { policyGroupName: 'tele' }, admin))).toEqual(['partner-2']);
    expect(ids(await tc.call('partners.list', { emailAddress: 'ORG1.example' }, admin))).toEqual(['partner-1']);
    expect(ids(await tc.call('partners.list', { orgName: 'org 3', partnerId: 'partner' }, admin))).toEqual([
      'partner-3',
    ]);
    // group name: partners without a group first when ascending (as SQL sorts NULL), last descending
    expect(ids(await tc.call('partners.list', { sortFieldName: 'policyGroupName', sortType: 'asc' }, admin))).toEqual([
      'partner-3',
      'partner-1',
      'partner-4',
      'partner-2',
    ]);
    expect(ids(await tc.call('partners.list', { sortFieldName: 'policyGroupName', sortType: 'desc' }, admin))).toEqual([
      'partner-2',
      'partner-4',
      'partner-1',
      'partner-3',
    ]);
    expect(
      ids(
        await tc.call(
          'partners.list',
          { sortFieldName: 'policyGroupName', sortType: 'asc', pageNo: 1, pageSize: 1 },
          admin,
        ),
      ),
    ).toEqual(['partner-1']);
    expect(
      ids(
        await tc.call(
          'partners.list',
          { sortFieldName: 'policyGroupName', sortType: 'desc', pageNo: 1, pageSize: 3 },
          admin,
        ),
      ),
    ).toEqual(['partner-3']);
    expect(
      ids(await tc.call('partners.list', { sortFieldName: 'certificateUploadStatus', sortType: 'asc' }, admin))[0],
    ).toBe('partner-2');
    expect(
      ids(
        await tc.call('partners.list', { sortFieldName: 'partnerId', sortType: 'asc', pageNo: 1, pageSize: 3 }, admin),
      ),
    ).toEqual(['partner-4']);
    await refuse(tc, 'partners.list', { sortFieldName: 'password' }, admin, 'PMS_PRT_357');
    const p = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    await refuse(tc, 'partners.list', {}, p, 'PD_AUTH_004');
  });

  it('shows a partner in detail and counts what deactivation stops', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const policy = await newPolicy(tc, admin, g.policyGroupId);
    const p = await onboard(tc, 1, g.policyGroupId);
    await link(tc, admin, p, policy.policyId);
    await tc.call('apiKeys.generate', { partnerId: p.id, policyId: policy.policyId, label: 'k' }, p.token);
    const detail = await tc.call('partners.get', { partnerId: p.id }, admin);
    expect(detail).toMatchObject({
      partnerId: p.id,
      firstName: 'Pat',
      lastName: 'Partner1',
      orgName: 'Org 1',
      contactNumber: '+2250701020304',
      address: '1 Main Street',
      approvalStatus: 'approved',
      policyGroupName: 'Banking',
      policyGroupDescription: 'Banking partners',
      isCertificateAvailable: true,
      counts: { pendingRequests: 0, approvedPolicies: 1, activeApiKeys: 1, activeOidcClients: 0 },
    });
    await refuse(tc, 'partners.get', { partnerId: 'nobody' }, admin, 'PMS_PRT_005');
  });
});

describe('reject a pending registration', () => {
  it('rejects only a pending registration (PD_PRT_003); it cannot then be activated; audited', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const pending = await onboard(tc, 1, g.policyGroupId, { approve: false });
    const approved = await onboard(tc, 2, g.policyGroupId);
    const out = await tc.call('partners.reject', { partnerId: pending.id }, admin);
    expect(out).toMatchObject({
      partnerId: pending.id,
      approvalStatus: 'rejected',
      isActive: false,
      status: 'rejected',
    });
    expect(
      (await tc.call('partners.list', { pageNo: 0, pageSize: 8, status: 'rejected' }, admin)).data.map(
        (r) => r.partnerId,
      ),
    ).toEqual([pending.id]);
    await refuse(tc, 'partners.reject', { partnerId: pending.id }, admin, 'PD_PRT_003');
    await refuse(tc, 'partners.reject', { partnerId: approved.id }, admin, 'PD_PRT_003');
    await refuse(tc, 'partners.reject', { partnerId: 'nobody' }, admin, 'PMS_PRT_005');
    await refuse(tc, 'partners.reject', { partnerId: '' }, admin, 'PMS_COR_002');
    await refuse(tc, 'partners.reject', { partnerId: approved.id }, approved.token, 'PD_AUTH_004');
    await refuse(tc, 'partners.activate', { partnerId: pending.id }, admin, 'PMS_PRT_108');
    // the approved partner is untouched by the refused attempts
    expect(await tc.call('partners.get', { partnerId: approved.id }, admin)).toMatchObject({
      approvalStatus: 'approved',
      isActive: true,
    });
    const audit = tc.core.db.reader
      .prepare(
        "SELECT ref_id, result, error_code FROM app_audit_log WHERE action = 'partners.reject' ORDER BY time, rowid",
      )
      .all();
    expect(audit.slice(0, 3)).toEqual([
      { ref_id: pending.id, result: 'success', error_code: null },
      // a refusal names the partner it was aimed at
      { ref_id: pending.id, result: 'failure', error_code: 'PD_PRT_003' },
      { ref_id: approved.id, result: 'failure', error_code: 'PD_PRT_003' },
    ]);
  });
});

describe('deactivate and activate a partner', () => {
  it('deactivates once (PMS_PM_063); activates only with a certificate (PMS_PRT_108), only if inactive (PD_PRT_001) and only if approved (PD_PRT_002)', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const p = await onboard(tc, 1, g.policyGroupId);
    const out = await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    expect(out).toMatchObject({ status: 'deactivated', isActive: false, orgName: 'Org 1' });
    await refuse(tc, 'partners.deactivate', { partnerId: p.id }, admin, 'PMS_PM_063');
    await refuse(tc, 'partners.deactivate', { partnerId: 'nobody' }, admin, 'PMS_PRT_005');
    expect((await tc.call('partners.activate', { partnerId: p.id }, admin)).status).toBe('activated');
    await refuse(tc, 'partners.activate', { partnerId: p.id }, admin, 'PD_PRT_001');
    const pending = await onboard(tc, 2, g.policyGroupId, { approve: false });
    await refuse(tc, 'partners.activate', { partnerId: pending.id }, admin, 'PMS_PRT_108');
    await refuse(tc, 'partners.deactivate', { partnerId: pending.id }, admin, 'PMS_PM_063'); // never active
    await refuse(tc, 'partners.activate', { partnerId: 'nobody' }, admin, 'PMS_PRT_005');
    // activation never approves (MOSIP sets is_active only): a rejected partner, even with a certificate, stays rejected
    const rejected = await onboard(tc, 3, g.policyGroupId, { approve: false });
    tc.core.db.writer
      .prepare(
        "UPDATE partner SET approval_status = 'rejected', is_active = 0, certificate_alias = 'cert-3' WHERE id = ?",
      )
      .run(rejected.id);
    await refuse(tc, 'partners.activate', { partnerId: rejected.id }, admin, 'PD_PRT_002');
    expect(await tc.call('partners.get', { partnerId: rejected.id }, admin)).toMatchObject({
      approvalStatus: 'rejected',
      isActive: false,
    });
    expect(
      (await tc.call('partners.list', { pageNo: 0, pageSize: 8, partnerId: rejected.id }, admin)).data.map(
        (r) => r.status,
      ),
    ).toEqual(['rejected']);
    const audit = tc.core.db.reader
      .prepare(
        "SELECT action, ref_id, result, error_code FROM app_audit_log WHERE action LIKE 'partners.%activate' ORDER BY time, rowid",
      )
      .all();
    expect(audit.slice(0, 3)).toEqual([
      { action: 'partners.deactivate', ref_id: p.id, result: 'success', error_code: null },
      { action: 'partners.deactivate', ref_id: p.id, result: 'failure', error_code: 'PMS_PM_063' },
      { action: 'partners.deactivate', ref_id: 'nobody', result: 'failure', error_code: 'PMS_PRT_005' },
    ]);
  });

  it('leaves a deactivated partner able to do nothing that needs an active partner', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const policy = await newPolicy(tc, admin, g.policyGroupId);
    const second = await newPolicy(tc, admin, g.policyGroupId, { name: 'Second' });
    const p = await onboard(tc, 1, g.policyGroupId);
    await link(tc, admin, p, policy.policyId);
    const key = await tc.call('apiKeys.generate', { partnerId: p.id, policyId: policy.policyId, label: 'k' }, p.token);
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    await refuse(
      tc,
      'linking.request',
      { partnerId: p.id, policyId: second.policyId, comments: 'c' },
      p.token,
      'PMS_PMP_016',
    );
    await refuse(
      tc,
      'apiKeys.generate',
      { partnerId: p.id, policyId: policy.policyId, label: 'k2' },
      p.token,
      'PMS_PMP_016',
    );
    await refuse(tc, 'apiKeys.deactivate', { id: key.id }, p.token, 'PMS_PMP_016');
    expect(
      (
        await tc.call('apiKeys.check', {
          partnerId: p.id,
          policyId: policy.policyId,
          apiKey: key.apiKey,
        })
      ).reason,
    ).toBe('partnerInactive');
    // the partner still sees its account and status
    expect((await tc.call('dashboard.summary', {}, p.token)).accountStatus).toBe('deactivated');
  });
});

describe('dashboard cards', () => {
  it('gives admins Partners, Policies, Partner-Policy Linking (pending count) and Authentication Services', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const policy = await newPolicy(tc, admin, g.policyGroupId);
    const p = await onboard(tc, 1, g.policyGroupId);
    await tc.call('linking.request', { partnerId: p.id, policyId: policy.policyId, comments: 'c' }, p.token);
    const cards = (await tc.call('dashboard.summary', {}, admin)).cards;
    expect(cards.filter((c) => ['partners', 'policies', 'policyLinking', 'authServices'].includes(c.id))).toEqual([
      { id: 'partners', count: null },
      { id: 'policies', count: null },
      { id: 'policyLinking', count: 1 },
      { id: 'authServices', count: null },
    ]);
    tc.core.db.writer
      .prepare(
        "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) SELECT 'pm', 'pm@x.example', first_name, last_name, org_name, password_hash, 'en', created_at, updated_at FROM app_user WHERE id = 'admin'",
      )
      .run();
    tc.core.db.writer.prepare("INSERT INTO user_role (user_id, role) VALUES ('pm', 'POLICYMANAGER')").run();
    const pm = await signIn(tc, 'pm', 'Adm1n-Secret!');
    const pmCards = (await tc.call('dashboard.summary', {}, pm)).cards.map((c) => c.id);
    expect(pmCards).toContain('policies');
    expect(pmCards).not.toContain('policyLinking');
  });

  it('gives partners Policies when their type needs a group, and auth partners Authentication Services', async () => {
    const g = await newGroup(tc, admin, 'Banking');
    const auth = await onboard(tc, 1, g.policyGroupId);
    const cred = await onboard(tc, 2, g.policyGroupId, { type: 'Credential_Partner' });
    const device = await onboard(tc, 3, null, { type: 'Device_Provider' });
    const ids = async (token: string) => (await tc.call('dashboard.summary', {}, token)).cards.map((c) => c.id);
    expect(await ids(auth.token)).toEqual(expect.arrayContaining(['policies', 'authServices']));
    expect(await ids(cred.token)).toContain('policies');
    expect(await ids(cred.token)).not.toContain('authServices');
    expect(await ids(device.token)).not.toContain('policies');
    expect((await tc.call('dashboard.summary', {}, auth.token)).cards.find((c) => c.id === 'authServices')?.count).toBe(
      0,
    );
  });
});

describe('access rules of issue 4 (the matrix test exercises every cell)', () => {
  it('keeps the rules that must not drift', async () => {
    const { contract } = await import('../../main/contract/index.ts');
    expect(contract['policies.create'].access).toEqual(['PARTNER_ADMIN', 'POLICYMANAGER']);
    expect(contract['linking.decide'].access).toEqual(['PARTNER_ADMIN']);
    expect(contract['partners.deactivate'].access).toEqual(['PARTNER_ADMIN']);
    expect(contract['apiKeys.generate'].access).toEqual(['AUTH_PARTNER']);
    expect(contract['oidcClients.create'].access).toEqual(['AUTH_PARTNER']);
    expect(contract['apiKeys.check'].access).toBe('public');
    expect(contract['apiKeys.check'].kind).toBe('query');
    expect(contract['oidcClients.check'].access).toBe('public');
    expect(contract['apiKeys.list'].access).toEqual(['PARTNER_ADMIN', 'AUTH_PARTNER']);
  });
});
