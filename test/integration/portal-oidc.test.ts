import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, TestClock, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AMINA, KARIM, NAMELESS, PORTAL_REDIRECT, browserSignIn, testProvider } from '../helpers/oidc.ts';
import type { TestProvider } from '../helpers/oidc.ts';

/**
 * Applicant sign-in against a real OpenID Provider (oidc-provider, configured like e-Signet) on
 * loopback. The provider runs on the system clock, so the core's clock starts there too.
 */
let provider: TestProvider;
let tc: TestCore;

beforeAll(async () => {
  provider = await testProvider();
});
afterAll(() => provider.op.close());
beforeEach(async () => {
  tc = testCore({ config: { portal: provider.portal }, clock: new TestClock(new Date()) });
  await tc.call('setup.createAdmin', ADMIN);
  provider.op.tamper = 'none';
});
afterEach(() => tc.close());

const applicants = () => tc.count("SELECT COUNT(*) AS n FROM user_role WHERE role = 'APPLICANT'");
const registrants = () => tc.count('SELECT COUNT(*) AS n FROM registrant');

async function begin() {
  return tc.call('portal.signIn.begin', {});
}

/** The provider's answer as the browser brings it back (state, code or error, iss). */
function back(answer: Record<string, string>, over: Record<string, string> = {}) {
  return { ...answer, ...over } as { state: string; code?: string; error?: string; iss?: string };
}

describe('applicant sign-in (authorization code, PKCE S256, private_key_jwt, signed userinfo)', () => {
  it('asks for the code with PKCE S256, state, nonce, the configured ACR values and the claims', async () => {
    const { authorizationUrl, state } = await begin();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.op.issuer);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(url.searchParams.get('acr_values')).toBe('mosip:idp:acr:generated-code mosip:idp:acr:biometrics');
    expect(url.searchParams.get('redirect_uri')).toBe(PORTAL_REDIRECT);
    expect(JSON.parse(url.searchParams.get('claims')!).userinfo.individual_id).toEqual({
      essential: true,
    });
    // the verifier stays on the server
    expect(authorizationUrl).not.toContain(
      tc.core.db.reader.prepare('SELECT code_verifier FROM oidc_login WHERE state = ?').pluck().get(state) as string,
    );
  });

  it('signs in a new applicant: registrant found by ID type + individual_id, claims mapped, a session', async () => {
    const { authorizationUrl } = await begin();
    const answer = await browserSignIn(authorizationUrl, AMINA);
    const session = await tc.call('portal.signIn.complete', back(answer));
    expect(session.user.roles).toEqual(['APPLICANT']);
    const profile = await tc.call('portal.profile', {}, session.token);
    expect(profile).toMatchObject({
      idType: 'NATIONAL_ID',
      idValue: AMINA.individualId,
      name: 'Amina Diallo',
      version: 1,
    });
    expect(profile.demographics).toEqual({
      name: 'Amina Diallo',
      email: AMINA.email,
      phone: AMINA.phone_number,
      birthdate: AMINA.birthdate,
      gender: AMINA.gender,
      nationalId: AMINA.individualId,
    });
    // the pairwise sub is not the registrant id
    expect(profile.idValue).not.toMatch(/^[0-9a-f]{64}$/);

    // signing in again finds the same registrant; unchanged claims make no new version
    const again = await browserSignIn((await begin()).authorizationUrl, AMINA);
    const second = await tc.call('portal.signIn.complete', back(again));
    expect(second.user.userId).toBe(session.user.userId);
    expect((await tc.call('portal.profile', {}, second.token)).version).toBe(1);
    expect(registrants()).toBe(1);
  });

  it('refuses an unknown state, and a state used once already (PD_SSP_010), storing nothing', async () => {
    const { authorizationUrl } = await begin();
    const answer = await browserSignIn(authorizationUrl, KARIM);
    expect((await tc.fail('portal.signIn.complete', back(answer, { state: 'not-the-state' }))).code).toBe('PD_SSP_010');
    await tc.call('portal.signIn.complete', back(answer));
    expect((await tc.fail('portal.signIn.complete', back(answer))).code).toBe('PD_SSP_010');
    expect(applicants()).toBe(1);
  });

  it('refuses an expired sign-in (PD_SSP_010)', async () => {
    const { authorizationUrl } = await begin();
    const answer = await browserSignIn(authorizationUrl, KARIM);
    tc.clock.advance(601);
    expect((await tc.fail('portal.signIn.complete', back(answer))).code).toBe('PD_SSP_010');
    expect(applicants()).toBe(0);
  });

  it('refuses a code replayed under another sign-in (PD_SSP_012) and a wrong nonce (PD_SSP_011)', async () => {
    const first = await browserSignIn((await begin()).authorizationUrl, KARIM);
    await tc.call('portal.signIn.complete', back(first));
    // a fresh sign-in whose answer carries the first, already redeemed code
    const { state } = await begin();
    const replayed = await tc.fail('portal.signIn.complete', back(first, { state }));
    expect(replayed.code).toBe('PD_SSP_012');
    expect(replayed.params).toEqual({ error: 'invalid_grant' });

    // the provider's answer belongs to a sign-in whose nonce is not the one we keep
    const other = await browserSignIn((await begin()).authorizationUrl, AMINA);
    tc.core.db.writer.prepare("UPDATE oidc_login SET nonce = 'another-nonce' WHERE state = ?").run(other.state);
    expect((await tc.fail('portal.signIn.complete', back(other))).code).toBe('PD_SSP_011');
    expect(applicants()).toBe(1);
  });

  it('refuses a replayed client assertion jti at the provider (PD_SSP_012)', async () => {
    provider.op.tamper = 'replayAssertion';
    const first = await browserSignIn((await begin()).authorizationUrl, AMINA);
    await tc.call('portal.signIn.complete', back(first));
    const second = await browserSignIn((await begin()).authorizationUrl, KARIM);
    const err = await tc.fail('portal.signIn.complete', back(second));
    expect(err.code).toBe('PD_SSP_012');
    expect(err.params).toEqual({ error: 'invalid_client' });
    expect(registrants()).toBe(1);
  });

  it('refuses userinfo signed by a key the provider did not publish (PD_SSP_013)', async () => {
    provider.op.tamper = 'resignUserinfo';
    const answer = await browserSignIn((await begin()).authorizationUrl, AMINA);
    expect((await tc.fail('portal.signIn.complete', back(answer))).code).toBe('PD_SSP_013');
    expect(applicants()).toBe(0);
  });

  it("refuses an ID token that has expired by the core's clock (PD_SSP_014)", async () => {
    const answer = await browserSignIn((await begin()).authorizationUrl, AMINA);
    tc.clock.advance(3600 + 120);
    // the sign-in itself may take long here; only the token's age is under test
    tc.core.db.writer
      .prepare('UPDATE oidc_login SET created_at = ? WHERE state = ?')
      .run(tc.clock.now().toISOString(), answer.state);
    expect((await tc.fail('portal.signIn.complete', back(answer))).code).toBe('PD_SSP_014');
    expect(applicants()).toBe(0);
  });

  it('refuses withheld consent (PD_SSP_019) and an identity without the ID claim (PD_SSP_016)', async () => {
    const denied = await browserSignIn((await begin()).authorizationUrl, AMINA, 'deny');
    expect(denied.error).toBe('access_denied');
    expect((await tc.fail('portal.signIn.complete', back(denied))).code).toBe('PD_SSP_019');
    const nameless = await browserSignIn((await begin()).authorizationUrl, NAMELESS);
    expect((await tc.fail('portal.signIn.complete', back(nameless))).code).toBe('PD_SSP_016');
    expect(applicants()).toBe(0);
  });

  it('refuses a redirect URI the provider does not know for the portal (PD_SSP_015)', async () => {
    expect((await tc.fail('portal.signIn.begin', { redirectUri: 'http://127.0.0.1:9/elsewhere' })).code).toBe(
      'PD_SSP_015',
    );
  });
});

describe('sign-in not configured', () => {
  it('answers PD_SSP_015 and says so in signIn.info', async () => {
    const plain = testCore();
    await plain.call('setup.createAdmin', ADMIN);
    expect(await plain.call('portal.signIn.info', {})).toEqual({
      enabled: false,
      issuer: null,
      acrValues: [],
    });
    expect((await plain.fail('portal.signIn.begin', {})).code).toBe('PD_SSP_015');
    plain.close();
  });
});
