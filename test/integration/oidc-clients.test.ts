import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../main/contract/index.ts';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AUTH_POLICY, adminSession, link, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';
import type { TestPartner } from '../helpers/policies.ts';

let tc: TestCore;
let admin: string;
let groupId: string;
let policyId: string;
let p: TestPartner;
let linkId: string;

const rsa = (bits = 2048) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
const ec = (namedCurve = 'P-256') =>
  generateKeyPairSync('ec', { namedCurve }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;

function clientInput(over: Partial<Input<'oidcClients.create'>> = {}): Input<'oidcClients.create'> {
  return {
    partnerId: p.id,
    policyId,
    name: 'Citizen portal',
    nameLangMap: { fr: 'Portail citoyen', ar: 'بوابة المواطن' },
    publicKey: ec(),
    logoUri: 'https://rp.example/logo.png',
    redirectUris: ['https://rp.example/callback'],
    grantTypes: ['authorization_code'],
    clientAuthMethods: ['private_key_jwt'],
    ...over,
  };
}

async function setup(config?: Parameters<typeof testCore>[0]) {
  tc = testCore(config);
  admin = await adminSession(tc);
  groupId = (await newGroup(tc, admin)).policyGroupId;
  policyId = (await newPolicy(tc, admin, groupId)).policyId;
  p = await onboard(tc, 1, groupId);
  linkId = (await link(tc, admin, p, policyId)).id;
}
afterEach(() => tc.close());

describe('OIDC client creation', () => {
  beforeEach(() => setup());

  it('derives the client id from the key, and claims and ACR values from the approved Auth policy', async () => {
    const jwk = rsa();
    const c = await tc.call(
      'oidcClients.create',
      clientInput({ publicKey: { ...jwk, kid: 'k1', use: 'sig' } }),
      p.token,
    );
    const spki = createPublicKey({ key: jwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'der',
    });
    expect(c.clientId).toBe(createHash('sha256').update(spki).digest('base64url'));
    expect(c).toMatchObject({
      status: 'ACTIVE',
      clientName: 'Citizen portal',
      nameLangMap: { fr: 'Portail citoyen', ar: 'بوابة المواطن' },
      partnerId: p.id,
      policyName: 'KYC basic',
      policyGroupName: 'Banking',
      // fullName → name, dateOfBirth → birthdate, email → email; otp and bio map, demo does not
      claims: ['name', 'birthdate', 'email'],
      acrValues: ['mosip:idp:acr:generated-code', 'mosip:idp:acr:biometrics'],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
      publicKey: { kty: 'RSA', n: jwk.n, e: jwk.e },
      usable: 'ok',
    });
    expect(await tc.call('oidcClients.check', { clientId: c.clientId })).toEqual({
      valid: true,
      reason: 'ok',
      acrValues: c.acrValues,
      claims: c.claims,
    });
  });

  it('refuses a public key already used, however the JWK is written (PMS_ESI_001)', async () => {
    const jwk = ec('P-384');
    await tc.call('oidcClients.create', clientInput({ publicKey: jwk }), p.token);
    const reordered = Object.fromEntries(Object.entries(jwk).reverse());
    await refuse(
      tc,
      'oidcClients.create',
      clientInput({ publicKey: { ...reordered, kid: 'another' }, name: 'Second' }),
      p.token,
      'PMS_ESI_001',
    );
  });

  it.each([
    ['RSA under 2048 bits', () => rsa(1024)],
    ['a P-521 key', () => ec('P-521')],
    [
      'a private key',
      () =>
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
          format: 'jwk',
        }) as Record<string, unknown>,
    ],
    ['a symmetric key', () => ({ kty: 'oct', k: 'c2VjcmV0' })],
    ['broken members', () => ({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' })],
    ['no kty', () => ({ n: 'abc', e: 'AQAB' })],
  ])('refuses %s as public key (PMS_ESI_007)', async (_what, key) => {
    const e = await refuse(tc, 'oidcClients.create', clientInput({ publicKey: key() }), p.token, 'PMS_ESI_007');
    expect(e.fields).toEqual({ publicKey: 'PMS_ESI_007' });
  });

  it.each([
    ['no redirect URI', { redirectUris: [] }, 'redirectUris'],
    ['six redirect URIs', { redirectUris: [1, 2, 3, 4, 5, 6].map((i) => `https://rp.example/cb${i}`) }, 'redirectUris'],
    ['a repeated redirect URI', { redirectUris: ['https://rp.example/cb', 'https://rp.example/cb'] }, 'redirectUris'],
    ['a non-http redirect URI', { redirectUris: ['ftp://rp.example/cb'] }, 'redirectUris.0'],
    [
      'a redirect URI over 2048 characters',
      { redirectUris: [`https://rp.example/${'a'.repeat(2040)}`] },
      'redirectUris.0',
    ],
    ['a logo that is not a URL', { logoUri: 'logo.png' }, 'logoUri'],
    ['an unknown grant type', { grantTypes: ['implicit'] }, 'grantTypes'],
    ['an unknown auth method', { clientAuthMethods: ['client_secret_basic'] }, 'clientAuthMethods'],
    ['a name over 256 characters', { name: 'n'.repeat(257) }, 'name'],
  ] as const)('refuses %s (PMS_COR_002)', async (_what, over, field) => {
    const e = await refuse(
      tc,
      'oidcClients.create',
      clientInput(over as Partial<Input<'oidcClients.create'>>),
      p.token,
      'PMS_COR_002',
    );
    expect(Object.keys(e.fields ?? {})).toContain(field);
  });

  it('needs an approved link (PMS_ESI_002) to an Auth policy (PMS_PRT_057) of an active (PMS_PMP_016) authentication partner (PMS_PRT_059)', async () => {
    const second = await newPolicy(tc, admin, groupId, { name: 'Second' });
    await refuse(tc, 'oidcClients.create', clientInput({ policyId: second.policyId }), p.token, 'PMS_ESI_002');
    const share = await newPolicy(tc, admin, groupId, { name: 'Share', type: 'DataShare' });
    await link(tc, admin, p, share.policyId);
    await refuse(tc, 'oidcClients.create', clientInput({ policyId: share.policyId }), p.token, 'PMS_PRT_057');
    await refuse(tc, 'oidcClients.create', clientInput({ policyId: 'nope' }), p.token, 'PMS_PMP_014');
    const other = await onboard(tc, 2, groupId);
    await refuse(tc, 'oidcClients.create', clientInput({ partnerId: other.id }), p.token, 'PMS_PRT_055');
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    await refuse(tc, 'oidcClients.create', clientInput(), p.token, 'PMS_PMP_016');
    await tc.call('partners.activate', { partnerId: p.id }, admin);
    tc.core.db.writer.prepare("UPDATE partner SET partner_type_code = 'Credential_Partner' WHERE id = ?").run(p.id);
    await refuse(tc, 'oidcClients.create', clientInput(), p.token, 'PMS_PRT_059');
  });

  it('refuses a policy that yields no claims (PMS_ESI_005) or no ACR values (PMS_ESI_006)', async () => {
    const noClaims = await newPolicy(tc, admin, groupId, {
      name: 'No claims',
      policy: { ...AUTH_POLICY, allowedKycAttributes: [{ attributeName: 'shoeSize' }] },
    });
    await link(tc, admin, p, noClaims.policyId);
    await refuse(tc, 'oidcClients.create', clientInput({ policyId: noClaims.policyId }), p.token, 'PMS_ESI_005');
    const noAcr = await newPolicy(tc, admin, groupId, {
      name: 'Demo only',
      policy: {
        ...AUTH_POLICY,
        allowedAuthTypes: [{ authType: 'demo', authSubType: '', mandatory: false }],
      },
    });
    await link(tc, admin, p, noAcr.policyId);
    await refuse(tc, 'oidcClients.create', clientInput({ policyId: noAcr.policyId }), p.token, 'PMS_ESI_006');
  });
});

describe('configurable claim and ACR mappings', () => {
  it('follows oidc.claimsMapping and oidc.acrMapping from config.json', async () => {
    await setup({
      config: {
        oidc: {
          claimsMapping: { full_name: ['fullName'] },
          acrMapping: { demo: ['urn:example:demo'], otp: ['urn:example:otp'] },
          grantTypes: ['authorization_code', 'refresh_token'],
        },
      },
    });
    expect(await tc.call('oidcClients.options', {}, p.token)).toEqual({
      grantTypes: ['authorization_code', 'refresh_token'],
      clientAuthMethods: ['private_key_jwt'],
    });
    const c = await tc.call(
      'oidcClients.create',
      clientInput({ grantTypes: ['authorization_code', 'refresh_token'] }),
      p.token,
    );
    expect(c.claims).toEqual(['full_name']);
    expect(c.acrValues).toEqual(['urn:example:otp', 'urn:example:demo']);
  });
});

describe('OIDC client lifecycle', () => {
  beforeEach(() => setup());

  it('edits name, logo, redirect URIs and grant types; never a deactivated client (PMS_ESI_008)', async () => {
    const c = await tc.call('oidcClients.create', clientInput(), p.token);
    const edited = await tc.call(
      'oidcClients.update',
      {
        clientId: c.clientId,
        name: 'Portal v2',
        logoUri: 'https://rp.example/v2.png',
        redirectUris: ['https://rp.example/a', 'http://localhost:8080/cb'],
        grantTypes: ['authorization_code'],
      },
      p.token,
    );
    expect(edited).toMatchObject({
      clientName: 'Portal v2',
      logoUri: 'https://rp.example/v2.png',
      redirectUris: ['https://rp.example/a', 'http://localhost:8080/cb'],
      nameLangMap: {},
      acrValues: c.acrValues,
      publicKey: c.publicKey,
    });
    await refuse(
      tc,
      'oidcClients.update',
      {
        clientId: c.clientId,
        name: 'x',
        logoUri: 'https://rp.example/l.png',
        redirectUris: ['https://rp.example/a'],
        grantTypes: ['implicit'],
      },
      p.token,
      'PMS_COR_002',
    );
    await tc.call('oidcClients.deactivate', { clientId: c.clientId }, p.token);
    await refuse(
      tc,
      'oidcClients.update',
      {
        clientId: c.clientId,
        name: 'Portal v3',
        logoUri: 'https://rp.example/l.png',
        redirectUris: ['https://rp.example/a'],
        grantTypes: ['authorization_code'],
      },
      p.token,
      'PMS_ESI_008',
    );
    await refuse(tc, 'oidcClients.deactivate', { clientId: c.clientId }, admin, 'PMS_ESI_008');
  });

  it('keeps other partners out (PMS_ESI_004) and lets the admin deactivate but not edit', async () => {
    const c = await tc.call('oidcClients.create', clientInput(), p.token);
    const other = await onboard(tc, 2, groupId);
    await refuse(tc, 'oidcClients.get', { clientId: c.clientId }, other.token, 'PMS_ESI_004');
    await refuse(
      tc,
      'oidcClients.update',
      {
        clientId: c.clientId,
        name: 'Mine',
        logoUri: 'https://x.example/l.png',
        redirectUris: ['https://x.example/'],
        grantTypes: ['authorization_code'],
      },
      other.token,
      'PMS_ESI_004',
    );
    await refuse(tc, 'oidcClients.deactivate', { clientId: c.clientId }, other.token, 'PMS_ESI_004');
    await refuse(tc, 'oidcClients.get', { clientId: 'nope' }, admin, 'PMS_ESI_004');
    await refuse(
      tc,
      'oidcClients.update',
      {
        clientId: c.clientId,
        name: 'Admin',
        logoUri: 'https://x.example/l.png',
        redirectUris: ['https://x.example/'],
        grantTypes: ['authorization_code'],
      },
      admin,
      'PD_AUTH_004',
    );
    expect((await tc.call('oidcClients.deactivate', { clientId: c.clientId }, admin)).status).toBe('INACTIVE');
  });

  it('stops working at once when the partner, the link or the client is deactivated', async () => {
    const c = await tc.call('oidcClients.create', clientInput(), p.token);
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    expect(await tc.call('oidcClients.check', { clientId: c.clientId })).toEqual({
      valid: false,
      reason: 'partnerInactive',
      acrValues: [],
      claims: [],
    });
    await refuse(tc, 'oidcClients.deactivate', { clientId: c.clientId }, p.token, 'PMS_PMP_016');
    await tc.call('partners.activate', { partnerId: p.id }, admin);
    expect((await tc.call('oidcClients.check', { clientId: c.clientId })).valid).toBe(true);
    await tc.call('linking.deactivate', { id: linkId }, admin);
    expect((await tc.call('oidcClients.check', { clientId: c.clientId })).reason).toBe('linkNotApproved');
    expect((await tc.call('oidcClients.get', { clientId: c.clientId }, p.token)).usable).toBe('linkNotApproved');
    await tc.call('oidcClients.deactivate', { clientId: c.clientId }, admin);
    expect((await tc.call('oidcClients.check', { clientId: c.clientId })).reason).toBe('clientDeactivated');
    expect((await tc.call('oidcClients.check', { clientId: 'unknown' })).reason).toBe('unknown');
  });

  it('lists every client for the admin and its own for a partner, with filters', async () => {
    await tc.call('oidcClients.create', clientInput({ name: 'Alpha portal' }), p.token);
    const other = await onboard(tc, 2, groupId);
    await link(tc, admin, other, policyId);
    tc.clock.advance(60);
    const b = await tc.call('oidcClients.create', clientInput({ partnerId: other.id, name: 'Bravo app' }), other.token);
    await tc.call('oidcClients.deactivate', { clientId: b.clientId }, admin);
    const all = await tc.call('oidcClients.list', {}, admin);
    expect(all.data.map((c) => [c.clientName, c.status, c.orgName])).toEqual([
      ['Bravo app', 'INACTIVE', 'Org 2'],
      ['Alpha portal', 'ACTIVE', 'Org 1'],
    ]);
    expect((await tc.call('oidcClients.list', { status: 'ACTIVE' }, admin)).totalResults).toBe(1);
    expect((await tc.call('oidcClients.list', { clientName: 'brav' }, admin)).data.map((c) => c.clientName)).toEqual([
      'Bravo app',
    ]);
    expect(
      (
        await tc.call(
          'oidcClients.list',
          { policyGroupName: 'bank', sortFieldName: 'clientName', sortType: 'asc' },
          admin,
        )
      ).data.map((c) => c.clientName),
    ).toEqual(['Alpha portal', 'Bravo app']);
    expect((await tc.call('oidcClients.list', {}, other.token)).data.map((c) => c.clientName)).toEqual(['Bravo app']);
  });
});
