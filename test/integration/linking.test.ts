import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { adminSession, approveBySql, link, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';
import type { TestPartner } from '../helpers/policies.ts';

let tc: TestCore;
let admin: string;
let groupId: string;
let policyId: string;
beforeEach(async () => {
  tc = testCore();
  admin = await adminSession(tc);
  groupId = (await newGroup(tc, admin, 'Banking')).policyGroupId;
  policyId = (await newPolicy(tc, admin, groupId, { name: 'KYC basic' })).policyId;
});
afterEach(() => tc.close());

describe('the partner’s policy group', () => {
  it('is chosen after registration and may change while the partner is inactive', async () => {
    const p = await onboard(tc, 1, null, { approve: false });
    let mine = (await tc.call('partners.mine', {}, p.token)).partners[0]!;
    expect(mine).toMatchObject({
      partnerId: p.id,
      policyRequired: true,
      policyGroupId: null,
      canSelectPolicyGroup: true,
      certificateUploaded: false,
    });
    await tc.call('partners.setPolicyGroup', { partnerId: p.id, policyGroupId: groupId }, p.token);
    const telecom = await newGroup(tc, admin, 'Telecom');
    mine = await tc.call('partners.setPolicyGroup', { partnerId: p.id, policyGroupId: telecom.policyGroupId }, p.token);
    expect(mine).toMatchObject({
      policyGroupName: 'Telecom',
      policyGroupDescription: 'Telecom partners',
    });
    // once active (first certificate upload) the choice is fixed: PMS_PRT_050
    approveBySql(tc, p.id);
    await refuse(tc, 'partners.setPolicyGroup', { partnerId: p.id, policyGroupId: groupId }, p.token, 'PMS_PRT_050');
    expect((await tc.call('partners.mine', {}, p.token)).partners[0]!.canSelectPolicyGroup).toBe(false);
  });

  it('stays fixed for a deactivated partner that still has policy links (PMS_PRT_050)', async () => {
    const p = await onboard(tc, 1, groupId);
    await link(tc, admin, p, policyId);
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    const other = await newGroup(tc, admin, 'Telecom');
    await refuse(
      tc,
      'partners.setPolicyGroup',
      { partnerId: p.id, policyGroupId: other.policyGroupId },
      p.token,
      'PMS_PRT_050',
    );
  });

  it('refuses unknown (PMS_PRT_002) and inactive (PMS_POL_053) groups, other partners (PMS_PRT_055), types without groups (PMS_PRT_048)', async () => {
    const p = await onboard(tc, 1, null, { approve: false });
    const q = await onboard(tc, 2, null, { approve: false });
    await refuse(tc, 'partners.setPolicyGroup', { partnerId: p.id, policyGroupId: 'nope' }, p.token, 'PMS_PRT_002');
    const off = await newGroup(tc, admin, 'Closed');
    await tc.call('policyGroups.deactivate', { policyGroupId: off.policyGroupId }, admin);
    await refuse(
      tc,
      'partners.setPolicyGroup',
      { partnerId: p.id, policyGroupId: off.policyGroupId },
      p.token,
      'PMS_POL_053',
    );
    await refuse(tc, 'partners.setPolicyGroup', { partnerId: q.id, policyGroupId: groupId }, p.token, 'PMS_PRT_055');
    // a Print partner's user whose partner is (wrongly) of a type without groups
    const printer = await onboard(tc, 3, null, { type: 'Print_Partner', approve: false });
    tc.core.db.writer.prepare("UPDATE partner SET partner_type_code = 'MISP_Partner' WHERE id = ?").run(printer.id);
    await refuse(
      tc,
      'partners.setPolicyGroup',
      { partnerId: printer.id, policyGroupId: groupId },
      printer.token,
      'PMS_PRT_048',
    );
    // device providers have no policy group at all: not even the method
    const device = await onboard(tc, 4, null, { type: 'Device_Provider', approve: false });
    await refuse(
      tc,
      'partners.setPolicyGroup',
      { partnerId: device.id, policyGroupId: groupId },
      device.token,
      'PD_AUTH_004',
    );
  });
});

describe('request policy', () => {
  let p: TestPartner;
  beforeEach(async () => {
    p = await onboard(tc, 1, groupId);
  });

  it('submits a pending request and lists the group’s activated policies with their request status', async () => {
    await newPolicy(tc, admin, groupId, { name: 'Draft only', publish: false });
    let available = await tc.call('linking.availablePolicies', { partnerId: p.id }, p.token);
    expect(available).toMatchObject({ policyGroupId: groupId, policyGroupName: 'Banking' });
    expect(available.policies).toEqual([
      {
        policyId,
        policyName: 'KYC basic',
        policyDescription: 'Basic eKYC',
        policyType: 'Auth',
        requestStatus: null,
      },
    ]);
    const req = await tc.call(
      'linking.request',
      { partnerId: p.id, policyId, comments: '  For account opening.  ' },
      p.token,
    );
    expect(req).toMatchObject({
      partnerId: p.id,
      policyId,
      status: 'InProgress',
      partnerComment: 'For account opening.',
      policyGroupName: 'Banking',
      orgName: 'Org 1',
    });
    available = await tc.call('linking.availablePolicies', { partnerId: p.id }, p.token);
    expect(available.policies[0]!.requestStatus).toBe('InProgress');
  });

  it('refuses a pending (PMS_PRT_053) or approved (PMS_PRT_060) duplicate; a rejected request may be sent again', async () => {
    const first = await tc.call('linking.request', { partnerId: p.id, policyId, comments: 'one' }, p.token);
    await refuse(tc, 'linking.request', { partnerId: p.id, policyId, comments: 'two' }, p.token, 'PMS_PRT_053');
    await tc.call('linking.decide', { id: first.id, status: 'rejected' }, admin);
    const again = await tc.call('linking.request', { partnerId: p.id, policyId, comments: 'three' }, p.token);
    await tc.call('linking.decide', { id: again.id, status: 'approved' }, admin);
    await refuse(tc, 'linking.request', { partnerId: p.id, policyId, comments: 'four' }, p.token, 'PMS_PRT_060');
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_policy_request WHERE part_id = ?', p.id)).toBe(2);
  });

  it('needs an active partner (PMS_PMP_016) with a certificate (PMS_PRT_108) and a group (PMS_PRT_047)', async () => {
    const pending = await onboard(tc, 2, groupId, { approve: false });
    await refuse(
      tc,
      'linking.request',
      { partnerId: pending.id, policyId, comments: 'c' },
      pending.token,
      'PMS_PMP_016',
    );
    tc.core.db.writer
      .prepare("UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id = ?")
      .run(pending.id);
    await refuse(
      tc,
      'linking.request',
      { partnerId: pending.id, policyId, comments: 'c' },
      pending.token,
      'PMS_PRT_108',
    );
    const noGroup = await onboard(tc, 3, null);
    await refuse(
      tc,
      'linking.request',
      { partnerId: noGroup.id, policyId, comments: 'c' },
      noGroup.token,
      'PMS_PRT_047',
    );
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    await refuse(tc, 'linking.request', { partnerId: p.id, policyId, comments: 'c' }, p.token, 'PMS_PMP_016');
  });

  it('only offers activated policies of the partner’s own group (PMS_PRT_098, PMS_PMP_019)', async () => {
    const telecom = await newGroup(tc, admin, 'Telecom');
    const elsewhere = await newPolicy(tc, admin, telecom.policyGroupId, { name: 'Elsewhere' });
    await refuse(
      tc,
      'linking.request',
      { partnerId: p.id, policyId: elsewhere.policyId, comments: 'c' },
      p.token,
      'PMS_PRT_098',
    );
    await refuse(tc, 'linking.request', { partnerId: p.id, policyId: 'nope', comments: 'c' }, p.token, 'PMS_PRT_098');
    const draft = await newPolicy(tc, admin, groupId, { name: 'Draft', publish: false });
    await refuse(
      tc,
      'linking.request',
      { partnerId: p.id, policyId: draft.policyId, comments: 'c' },
      p.token,
      'PMS_PMP_019',
    );
    const old = await newPolicy(tc, admin, groupId, { name: 'Old' });
    await tc.call('policies.deactivate', { policyId: old.policyId }, admin);
    await refuse(
      tc,
      'linking.request',
      { partnerId: p.id, policyId: old.policyId, comments: 'c' },
      p.token,
      'PMS_PMP_019',
    );
  });

  it('keeps comments to 500 characters and acts only for the caller’s own partner (PMS_PRT_055)', async () => {
    await refuse(
      tc,
      'linking.request',
      { partnerId: p.id, policyId, comments: 'x'.repeat(501) },
      p.token,
      'PMS_COR_002',
    );
    const other = await onboard(tc, 2, groupId);
    await refuse(tc, 'linking.request', { partnerId: other.id, policyId, comments: 'c' }, p.token, 'PMS_PRT_055');
    await refuse(tc, 'linking.availablePolicies', { partnerId: other.id }, p.token, 'PMS_PRT_055');
  });
});

describe('admin decision and the linking list', () => {
  it('approves or rejects once (PMS_PM_034 / PMS_PM_035), never for an inactive partner (PMS_PMP_016) or policy (PMS_PMP_019)', async () => {
    const a = await onboard(tc, 1, groupId);
    const r1 = await tc.call('linking.request', { partnerId: a.id, policyId, comments: 'c' }, a.token);
    const approved = await tc.call('linking.decide', { id: r1.id, status: 'approved' }, admin);
    expect(approved.status).toBe('approved');
    await refuse(tc, 'linking.decide', { id: r1.id, status: 'rejected' }, admin, 'PMS_PM_034');
    const second = await newPolicy(tc, admin, groupId, { name: 'Second' });
    const r2 = await tc.call('linking.request', { partnerId: a.id, policyId: second.policyId, comments: 'c' }, a.token);
    await tc.call('linking.decide', { id: r2.id, status: 'rejected' }, admin);
    await refuse(tc, 'linking.decide', { id: r2.id, status: 'approved' }, admin, 'PMS_PM_035');
    await refuse(tc, 'linking.decide', { id: 'nope', status: 'approved' }, admin, 'PMS_PRT_006');
    // an unknown status is MOSIP's PMS_PM_045, checked before the request is looked at (keymanager-rules.test.ts)
    await refuse(tc, 'linking.decide', { id: r2.id, status: 'maybe' }, admin, 'PMS_PM_045');
    // MOSIP-38383: a deactivated partner's request cannot be approved (it can still be rejected)
    const third = await newPolicy(tc, admin, groupId, { name: 'Third' });
    const r3 = await tc.call('linking.request', { partnerId: a.id, policyId: third.policyId, comments: 'c' }, a.token);
    await tc.call('partners.deactivate', { partnerId: a.id }, admin);
    await refuse(tc, 'linking.decide', { id: r3.id, status: 'approved' }, admin, 'PMS_PMP_016');
    await tc.call('partners.activate', { partnerId: a.id }, admin);
    tc.core.db.writer.prepare('UPDATE auth_policy SET is_active = 0 WHERE id = ?').run(third.policyId);
    await refuse(tc, 'linking.decide', { id: r3.id, status: 'approved' }, admin, 'PMS_PMP_019');
    expect((await tc.call('linking.decide', { id: r3.id, status: 'rejected' }, admin)).status).toBe('rejected');
    // a partner cannot decide
    await refuse(tc, 'linking.decide', { id: r3.id, status: 'approved' }, a.token, 'PD_AUTH_004');
  });

  it('deactivates approved links only (PD_LNK_002, PD_LNK_001); the partner may then ask again', async () => {
    const a = await onboard(tc, 1, groupId);
    const pending = await tc.call('linking.request', { partnerId: a.id, policyId, comments: 'c' }, a.token);
    await refuse(tc, 'linking.deactivate', { id: pending.id }, admin, 'PD_LNK_002');
    await tc.call('linking.decide', { id: pending.id, status: 'approved' }, admin);
    expect((await tc.call('linking.deactivate', { id: pending.id }, admin)).status).toBe('deactivated');
    await refuse(tc, 'linking.deactivate', { id: pending.id }, admin, 'PD_LNK_001');
    await refuse(tc, 'linking.decide', { id: pending.id, status: 'approved' }, admin, 'PD_LNK_001');
    await refuse(tc, 'linking.deactivate', { id: 'nope' }, admin, 'PMS_PRT_006');
    expect((await tc.call('linking.request', { partnerId: a.id, policyId, comments: 'again' }, a.token)).status).toBe(
      'InProgress',
    );
  });

  it('lists pending requests first (oldest first), filters in SQL, and shows partners only their own', async () => {
    const second = await newPolicy(tc, admin, groupId, { name: 'Second' });
    const a = await onboard(tc, 1, groupId);
    const b = await onboard(tc, 2, groupId);
    await link(tc, admin, a, policyId);
    tc.clock.advance(60);
    const pa = await tc.call(
      'linking.request',
      { partnerId: a.id, policyId: second.policyId, comments: 'needed for KYC' },
      a.token,
    );
    tc.clock.advance(60);
    const pb = await tc.call('linking.request', { partnerId: b.id, policyId, comments: 'onboarding' }, b.token);
    const list = await tc.call('linking.list', {}, admin);
    expect(list.totalResults).toBe(3);
    expect(list.data.map((r) => [r.partnerId, r.status])).toEqual([
      [a.id, 'InProgress'],
      [b.id, 'InProgress'],
      [a.id, 'approved'],
    ]);
    expect((await tc.call('linking.list', { status: 'approved' }, admin)).totalResults).toBe(1);
    expect((await tc.call('linking.list', { partnerComment: 'KYC' }, admin)).data.map((r) => r.id)).toEqual([pa.id]);
    expect((await tc.call('linking.list', { orgName: 'org 2' }, admin)).data.map((r) => r.id)).toEqual([pb.id]);
    expect((await tc.call('linking.list', { policyName: 'second' }, admin)).totalResults).toBe(1);
    expect(
      (
        await tc.call(
          'linking.list',
          { policyGroupName: 'bank', sortFieldName: 'createdDateTime', sortType: 'desc' },
          admin,
        )
      ).data[0]!.id,
    ).toBe(pb.id);
    expect((await tc.call('linking.list', { partnerType: 'Credential_Partner' }, admin)).totalResults).toBe(0);
    // a partner's "Policies" list: its own requests only, whatever it asks for
    const own = await tc.call('linking.list', { partnerId: 'partner' }, b.token);
    expect(own.data.map((r) => r.partnerId)).toEqual([b.id]);
    await refuse(tc, 'linking.get', { id: pa.id }, b.token, 'PMS_PRT_006');
    const detail = await tc.call('linking.get', { id: pb.id }, b.token);
    expect(detail).toMatchObject({
      policyType: 'Auth',
      policyStatus: 'activated',
      policyGroupDescription: 'Banking partners',
      readable: { kind: 'auth' },
    });
    // pending count on the admin dashboard card
    const cards = (await tc.call('dashboard.summary', {}, admin)).cards;
    expect(cards.find((c) => c.id === 'policyLinking')?.count).toBe(2);
  });

  it('keeps the list totals (list_count) equal to the rows through every state change', async () => {
    const a = await onboard(tc, 1, groupId);
    const r = await tc.call('linking.request', { partnerId: a.id, policyId, comments: 'c' }, a.token);
    await tc.call('linking.decide', { id: r.id, status: 'approved' }, admin);
    await tc.call('linking.deactivate', { id: r.id }, admin);
    await tc.call('linking.request', { partnerId: a.id, policyId, comments: 'c' }, a.token);
    const kept = tc.core.db.reader
      .prepare("SELECT k, n FROM list_count WHERE tbl = 'partner_policy_request' AND n > 0 ORDER BY k")
      .all();
    const real = tc.core.db.reader
      .prepare('SELECT status_code AS k, COUNT(*) AS n FROM partner_policy_request GROUP BY status_code ORDER BY k')
      .all();
    expect(kept).toEqual(real);
    expect((await tc.call('linking.list', {}, admin)).totalResults).toBe(2);
    expect((await tc.call('linking.list', { status: 'deactivated' }, admin)).totalResults).toBe(1);
  });
});
