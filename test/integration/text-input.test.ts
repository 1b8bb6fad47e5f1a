import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEXT_REFUSED } from '../../main/contract/index.ts';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AUTH_POLICY, adminSession, link, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';

/**
 * Issue 21: text that passed the old schemas but broke the store — NUL cut SQLite's length() and
 * the trigram search short, a NUL inside a name split duplicate detection, lone surrogates were
 * stored as U+FFFD. The contract's one text schema now refuses them naming the field, and stores
 * NFC so one name typed two ways is one name.
 */
let tc: TestCore;
let admin: string;
beforeEach(async () => {
  tc = testCore();
  admin = await adminSession(tc);
});
afterEach(() => tc.close());

const policyText = JSON.stringify(AUTH_POLICY);

describe('characters a text field refuses (PMS_COR_002, the field named)', () => {
  it.each([
    ['NUL first', '\u0000abc'],
    ['NUL first after a BOM', '\ufeff\u0000x'],
    ['NUL first after spaces', '  \u0000abc'],
    ['NUL inside', 'Bank\u0000ing'],
    ['NUL last', 'Banking\u0000'],
    ['another C0 control', 'Bank\u0007ing'],
    ['a C1 control', 'Bank\u0085ing'],
    ['DEL', 'Bank\u007fing'],
    ['a tab in a one-line field', 'Bank\ting'],
    ['a line feed in a one-line field', 'Bank\ning'],
    ['a lone high surrogate', 'Bank\ud800ing'],
    ['a lone low surrogate', 'Bank\udc00ing'],
    ['a surrogate pair reversed', 'Bank\udc00\ud800ing'],
  ])('policy group name with %s', async (_label, name) => {
    const e = await refuse(tc, 'policyGroups.create', { name, description: 'Banks' }, admin, 'PMS_COR_002');
    expect(e.fields).toEqual({ name: TEXT_REFUSED });
    expect(tc.count('SELECT COUNT(*) AS n FROM policy_group')).toBe(0);
    // the refusal is audited with its code, nothing else written
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'policyGroups.create' AND error_code = 'PMS_COR_002'",
      ),
    ).toBe(1);
  });

  it('names the description of a group and of a policy, and a policy name, beginning with NUL after trimming', async () => {
    let e = await refuse(
      tc,
      'policyGroups.create',
      { name: 'Banking', description: '\ufeff\u0000x' },
      admin,
      'PMS_COR_002',
    );
    expect(e.fields).toEqual({ description: TEXT_REFUSED });
    const g = await newGroup(tc, admin);
    const base = {
      policyGroupId: g.policyGroupId,
      policyType: 'Auth' as const,
      policy: policyText,
    };
    e = await refuse(tc, 'policies.create', { ...base, name: '\u0000abc', description: 'D' }, admin, 'PMS_COR_002');
    expect(e.fields).toEqual({ name: TEXT_REFUSED });
    e = await refuse(tc, 'policies.create', { ...base, name: 'P', description: '\ufeff\u0000x' }, admin, 'PMS_COR_002');
    expect(e.fields).toEqual({ description: TEXT_REFUSED });
    expect(tc.count('SELECT COUNT(*) AS n FROM auth_policy')).toBe(0);
  });

  it('refuses a NUL in a link comment filter (the trigram search) and in a request comment', async () => {
    const g = await newGroup(tc, admin);
    const p = await newPolicy(tc, admin, g.policyGroupId);
    const partner = await onboard(tc, 1, g.policyGroupId);
    await link(tc, admin, partner, p.policyId);
    for (const partnerComment of ['\u0000', 'ver\u0000ify', 've\u0000', '\u0000\u0000\u0000']) {
      const e = await refuse(tc, 'linking.list', { partnerComment }, admin, 'PMS_COR_002');
      expect(e.fields).toEqual({ partnerComment: TEXT_REFUSED });
    }
    // the clean filter still finds the request, at every length the two trigram indexes serve
    for (const partnerComment of ['v', 've', 'verify'])
      expect((await tc.call('linking.list', { partnerComment }, admin)).totalResults).toBe(1);
    const e = await refuse(
      tc,
      'linking.request',
      { partnerId: partner.id, policyId: p.policyId, comments: 'Please\u0000' },
      partner.token,
      'PMS_COR_002',
    );
    expect(e.fields).toEqual({ comments: TEXT_REFUSED });
  });

  it('keeps tab and line feed in multi-line fields, with CR LF stored as LF', async () => {
    const g = await tc.call(
      'policyGroups.create',
      { name: 'Banking', description: 'Line one\r\n\tLine two\rthree' },
      admin,
    );
    expect(g.description).toBe('Line one\n\tLine two\nthree');
    const e = await refuse(
      tc,
      'policyGroups.create',
      { name: 'Other', description: 'Line one\u0000' },
      admin,
      'PMS_COR_002',
    );
    expect(e.fields).toEqual({ description: TEXT_REFUSED });
  });

  it('accepts what people type: accents, Arabic with RTL marks, combining marks, emoji, a BOM trimmed away', async () => {
    for (const name of ['Banque Sénégal', 'بنك\u200f الساحل', 'Ω\u0308 group', 'Banks 🏦', '\ufeffBOM first']) {
      const g = await tc.call('policyGroups.create', { name, description: name }, admin);
      expect(g.name).toBe(name.trim().normalize('NFC'));
    }
  });
});

describe('one name, one spelling (NFC)', () => {
  it('stores names in NFC, so the decomposed spelling of an existing group is a duplicate (PMS_POL_014)', async () => {
    const composed = 'Caf\u00e9 partners';
    const decomposed = 'Cafe\u0301 partners';
    const g = await tc.call('policyGroups.create', { name: decomposed, description: 'D' }, admin);
    expect(g.name).toBe(composed);
    await refuse(tc, 'policyGroups.create', { name: composed, description: 'D' }, admin, 'PMS_POL_014');
    // and a filter typed decomposed finds the composed name
    expect((await tc.call('policyGroups.list', { name: 'cafe\u0301' }, admin)).data.map((x) => x.name)).toEqual([
      composed,
    ]);
  });

  it('counts length after NFC, as the store does', async () => {
    // 128 letters with a combining accent each: 256 code units typed, 128 stored
    const name = 'e\u0301'.repeat(128);
    const g = await tc.call('policyGroups.create', { name, description: 'D' }, admin);
    expect(g.name).toBe('\u00e9'.repeat(128));
  });
});

describe('deep policy JSON (PMS_POL_051 before any length check)', () => {
  it.each([999, 5_000, 30_000])(
    'policies.update refuses a draft edited to nest %i levels, as create does',
    async (levels) => {
      const g = await newGroup(tc, admin);
      const draft = await newPolicy(tc, admin, g.policyGroupId, { publish: false });
      // 30,000 levels are 60,000 characters: over the 5,120 stored, yet answered with the format code, not PD_POL_001
      const policy = JSON.stringify({ ...AUTH_POLICY, note: 'x' }).replace(
        '"x"',
        `${'['.repeat(levels)}${']'.repeat(levels)}`,
      );
      const e = await refuse(
        tc,
        'policies.update',
        { policyId: draft.policyId, name: 'Deep', description: 'D', policy },
        admin,
        'PMS_POL_051',
      );
      expect(e.fields).toEqual({ policy: 'PMS_POL_051' });
      expect((await tc.call('policies.get', { policyId: draft.policyId }, admin)).policy).toEqual(AUTH_POLICY);
    },
  );
});

describe('JSON given as input (an OIDC client key)', () => {
  it('refuses a JWK nested past the bound or holding control characters, naming publicKey', async () => {
    const g = await newGroup(tc, admin);
    const p = await newPolicy(tc, admin, g.policyGroupId);
    const partner = await onboard(tc, 1, g.policyGroupId);
    await link(tc, admin, partner, p.policyId);
    const base = {
      partnerId: partner.id,
      policyId: p.policyId,
      name: 'Portal',
      logoUri: 'https://rp.example/logo.png',
      redirectUris: ['https://rp.example/cb'],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
    };
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i++) deep = [deep];
    let e = await refuse(
      tc,
      'oidcClients.create',
      { ...base, publicKey: { kty: 'RSA', n: 'AQAB', e: 'AQAB', x5c: deep } },
      partner.token,
      'PMS_COR_002',
    );
    expect(Object.keys(e.fields ?? {})).toEqual(['publicKey']);
    e = await refuse(
      tc,
      'oidcClients.create',
      { ...base, publicKey: { kty: 'RSA', n: 'AQ\u0000AB', e: 'AQAB' } },
      partner.token,
      'PMS_COR_002',
    );
    expect(e.fields).toEqual({ publicKey: TEXT_REFUSED });
    expect(tc.count('SELECT COUNT(*) AS n FROM oidc_client')).toBe(0);
  });
});
