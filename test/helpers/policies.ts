import { expect } from 'vitest';
import { contract } from '../../main/contract/index.ts';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { ADMIN, partnerInput, signIn } from './core.ts';
import type { TestCore } from './core.ts';

export const AUTH_POLICY = {
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'dateOfBirth' }, { attributeName: 'email' }],
  allowedAuthTypes: [
    { authType: 'otp', authSubType: '', mandatory: false },
    { authType: 'bio', authSubType: 'FINGER', mandatory: false },
    { authType: 'demo', authSubType: '', mandatory: false },
  ],
};

export const DATA_SHARE_POLICY = {
  dataSharePolicies: {
    typeOfShare: 'Data Share',
    validForInMinutes: '30',
    transactionsAllowed: '2',
    encryptionType: 'Partner Based',
    shareDomain: 'datashare.datashare',
    source: 'ID Repository',
  },
  shareableAttributes: [
    { attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false },
    {
      attributeName: 'dateOfBirth',
      source: [{ attribute: 'dateOfBirth' }],
      encrypted: false,
      format: 'YYYY',
    },
    {
      attributeName: 'biometrics',
      group: 'CBEFF',
      source: [{ attribute: 'individualBiometrics', filter: [{ type: 'Face' }] }],
      encrypted: true,
      format: 'extraction',
    },
  ],
};

/** Codes any method may answer with besides its own list (wire, session, role, schema). */
const GENERIC = ['PMS_COR_001', 'PMS_COR_002', 'PD_AUTH_003', 'PD_AUTH_004', 'PD_INTERNAL'];

/** A refusal with this code, which the method also declares in its contract entry. */
export async function refuse<M extends MethodName>(
  tc: TestCore,
  method: M,
  input: Input<M> | Record<string, unknown>,
  session: string | null,
  code: string,
) {
  const e = await tc.fail(method, input, session);
  expect(e.code, `${method}: ${e.message}`).toBe(code);
  expect([...GENERIC, ...contract[method].errors], `${method} does not declare ${code}`).toContain(code);
  return e;
}

export async function adminSession(tc: TestCore): Promise<string> {
  await tc.call('setup.createAdmin', ADMIN);
  return signIn(tc, 'admin', ADMIN.password);
}

export async function newGroup(tc: TestCore, admin: string, name = 'Banking'): Promise<Output<'policyGroups.create'>> {
  return tc.call('policyGroups.create', { name, description: `${name} partners` }, admin);
}

export async function newPolicy(
  tc: TestCore,
  admin: string,
  policyGroupId: string,
  opts: {
    name?: string;
    type?: 'Auth' | 'DataShare' | 'CredentialIssuance';
    policy?: unknown;
    publish?: boolean;
  } = {},
): Promise<Output<'policies.create'>> {
  const type = opts.type ?? 'Auth';
  const created = await tc.call(
    'policies.create',
    {
      policyGroupId,
      name: opts.name ?? 'KYC basic',
      description: 'Basic eKYC',
      policyType: type,
      policy: JSON.stringify(opts.policy ?? (type === 'Auth' ? AUTH_POLICY : DATA_SHARE_POLICY)),
    },
    admin,
  );
  return opts.publish === false ? created : tc.call('policies.publish', { policyId: created.policyId }, admin);
}

export interface TestPartner {
  id: string;
  token: string;
}

/**
 * Registers partner `n`, signs it in, chooses its group and onboards it as MOSIP does at the first
 * certificate upload (approved, active, certificate alias set — the certificate itself is another
 * feature's, so it is set directly).
 */
export async function onboard(
  tc: TestCore,
  n: number,
  groupId: string | null,
  opts: { type?: string; approve?: boolean } = {},
): Promise<TestPartner> {
  await tc.call('auth.register', partnerInput(n, { partnerType: opts.type ?? 'Auth_Partner' }));
  const token = await signIn(tc, `partner-${n}`, 'Partn3r-Pass!');
  const id = `partner-${n}`;
  if (groupId) await tc.call('partners.setPolicyGroup', { partnerId: id, policyGroupId: groupId }, token);
  if (opts.approve !== false) approveBySql(tc, id);
  return { id, token };
}

export function approveBySql(tc: TestCore, partnerId: string): void {
  tc.core.db.writer
    .prepare("UPDATE partner SET approval_status = 'approved', is_active = 1, certificate_alias = ? WHERE id = ?")
    .run(`cert-${partnerId}`, partnerId);
}

/** Partner requests the policy and the admin approves: an approved link. */
export async function link(
  tc: TestCore,
  admin: string,
  partner: TestPartner,
  policyId: string,
): Promise<Output<'linking.request'>> {
  const req = await tc.call(
    'linking.request',
    { partnerId: partner.id, policyId, comments: 'We verify customers at account opening.' },
    partner.token,
  );
  return tc.call('linking.decide', { id: req.id, status: 'approved' }, admin);
}
