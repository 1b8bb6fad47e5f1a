import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
let password: string;
beforeAll(async () => {
  tc = testCore();
  password = (await tc.call('setup.loadDemo', {})).password;
}, 60_000);
afterAll(() => tc.close());

describe('demo dataset: policies, linking and authentication services', () => {
  it('has policy groups and auth, data share and credential policies in every status', () => {
    const rows = tc.core.db.reader
      .prepare('SELECT policy_type AS type, status, COUNT(*) AS n FROM auth_policy GROUP BY policy_type, status')
      .all() as Array<{ type: string; status: string; n: number }>;
    for (const status of ['draft', 'activated', 'deactivated'])
      expect(
        rows.some((r) => r.type === 'Auth' && r.status === status),
        `Auth ${status}`,
      ).toBe(true);
    expect(rows.some((r) => r.type === 'DataShare' && r.status === 'draft')).toBe(true);
    expect(rows.some((r) => r.type === 'DataShare' && r.status === 'activated')).toBe(true);
    expect(rows.some((r) => r.type === 'CredentialIssuance')).toBe(true);
    expect(tc.count('SELECT COUNT(*) AS n FROM policy_group WHERE is_active = 0')).toBe(1);
  });

  it('has link requests pending, approved, rejected and deactivated, with the pending count on the admin dashboard', async () => {
    const states = tc.core.db.reader
      .prepare('SELECT DISTINCT status_code FROM partner_policy_request ORDER BY 1')
      .pluck()
      .all();
    expect(states).toEqual(['InProgress', 'approved', 'deactivated', 'rejected']);
    const admin = await signIn(tc, 'admin', password);
    const cards = (await tc.call('dashboard.summary', {}, admin)).cards;
    expect(cards.find((c) => c.id === 'policyLinking')?.count).toBe(2);
    const list = await tc.call('linking.list', {}, admin);
    expect(list.data.slice(0, 2).map((r) => r.status)).toEqual(['InProgress', 'InProgress']);
  });

  it('has API keys (hashes only) and OIDC clients that work or not as their state says', async () => {
    const aurora = await signIn(tc, 'aurora-identity-services', password);
    const keys = await tc.call('apiKeys.list', { sortFieldName: 'apiKeyLabel', sortType: 'asc' }, aurora);
    expect(keys.data.map((k) => [k.apiKeyLabel, k.status])).toEqual([
      ['Branch kiosk', 'activated'],
      ['Mobile app', 'activated'],
      ['Old web portal', 'deactivated'],
    ]);
    expect((await tc.call('dashboard.summary', {}, aurora)).cards.find((c) => c.id === 'authServices')?.count).toBe(1);
    const clients = await tc.call('oidcClients.list', { sortFieldName: 'clientName', sortType: 'asc' }, aurora);
    expect(clients.data.map((c) => [c.clientName, c.status])).toEqual([
      ['Aurora Citizen Portal', 'ACTIVE'],
      ['Aurora Test Client', 'INACTIVE'],
    ]);
    const active = await tc.call('oidcClients.check', { clientId: clients.data[0]!.clientId });
    expect(active).toMatchObject({
      valid: true,
      claims: ['name', 'birthdate', 'email', 'phone_number'],
    });
    expect(active.acrValues).toEqual(['mosip:idp:acr:generated-code', 'mosip:idp:acr:biometrics']);
    expect((await tc.call('oidcClients.check', { clientId: clients.data[1]!.clientId })).reason).toBe(
      'clientDeactivated',
    );
    // the partner's group choice is fixed now that it is active
    expect((await tc.call('partners.mine', {}, aurora)).partners[0]).toMatchObject({
      policyGroupName: 'Banking & Finance',
      canSelectPolicyGroup: false,
    });
  });
});
