import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
beforeEach(async () => {
  tc = testCore({
    config: {
      session: { inactivitySeconds: 600, promptSeconds: 60 },
      lockout: { maxFailedLogins: 3, lockSeconds: 300 },
    },
  });
  await tc.call('setup.createAdmin', ADMIN);
  await tc.call('auth.register', partnerInput(1));
});
afterEach(() => tc.close());

describe('login', () => {
  it('accepts the username or the e-mail (any case) and returns a profile', async () => {
    const a = await tc.call('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' });
    expect(a.user.partner?.approvalStatus).toBe('InProgress');
    const b = await tc.call('auth.login', {
      login: 'PAT1@ORG1.EXAMPLE',
      password: 'Partn3r-Pass!',
    });
    expect(b.user.userId).toBe('partner-1');
    expect(a.token).not.toBe(b.token);
    // only the hash of the token is stored
    expect(tc.count('SELECT COUNT(*) AS n FROM app_session WHERE token_hash = ?', a.token)).toBe(0);
  });

  it('gives the same answer for an unknown login and a wrong password', async () => {
    const unknown = await tc.fail('auth.login', { login: 'nobody', password: 'x' });
    const wrong = await tc.fail('auth.login', { login: 'partner-1', password: 'x' });
    expect(unknown).toEqual(wrong);
    expect(unknown.code).toBe('PD_AUTH_001');
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'bad1' })).code).toBe('PD_AUTH_001');
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'bad2' })).code).toBe('PD_AUTH_001');
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'bad3' })).code).toBe('PD_AUTH_002');
    const locked = await tc.fail('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' });
    expect(locked.code).toBe('PD_AUTH_002');
    expect(locked.message).toMatch(/5 more minute/);
    tc.clock.advance(301);
    expect((await tc.call('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' })).user.userId).toBe(
      'partner-1',
    );
    // every attempt is in the audit log, failures with their codes
    const audit = tc.core.db.reader
      .prepare("SELECT result, error_code FROM app_audit_log WHERE action = 'auth.login' ORDER BY time, rowid")
      .all();
    expect(audit).toEqual([
      { result: 'failure', error_code: 'PD_AUTH_001' },
      { result: 'failure', error_code: 'PD_AUTH_001' },
      { result: 'failure', error_code: 'PD_AUTH_002' },
      { result: 'failure', error_code: 'PD_AUTH_002' },
      { result: 'success', error_code: null },
    ]);
  });

  it('a successful login resets the failure counter', async () => {
    await tc.fail('auth.login', { login: 'partner-1', password: 'bad' });
    await tc.fail('auth.login', { login: 'partner-1', password: 'bad' });
    await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    await tc.fail('auth.login', { login: 'partner-1', password: 'bad' });
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'bad' })).code).toBe('PD_AUTH_001');
  });
});

describe('sessions', () => {
  it('expire after inactivity; queries do not extend them, commands and keepAlive do', async () => {
    const token = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    tc.clock.advance(500);
    await tc.call('session.me', {}, token); // a query: does not count as activity
    tc.clock.advance(101);
    expect((await tc.fail('session.me', {}, token)).code).toBe('PD_AUTH_003');

    const t2 = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    tc.clock.advance(590);
    const alive = await tc.call('auth.keepAlive', {}, t2);
    expect(Date.parse(alive.expiresAt)).toBe(tc.clock.now().getTime() + 600_000);
    tc.clock.advance(590);
    await tc.call('profile.setLanguage', { lang: 'fr' }, t2);
    tc.clock.advance(590);
    expect((await tc.call('session.me', {}, t2)).lang).toBe('fr');
  });

  it('end at logout', async () => {
    const token = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    await tc.call('auth.logout', {}, token);
    expect((await tc.fail('session.me', {}, token)).code).toBe('PD_AUTH_003');
    expect((await tc.fail('auth.logout', {}, token)).code).toBe('PD_AUTH_003');
  });

  it('refuse missing, malformed and forged tokens', async () => {
    expect((await tc.fail('session.me', {}, null)).code).toBe('PD_AUTH_003');
    expect((await tc.fail('session.me', {}, '')).code).toBe('PD_AUTH_003');
    expect((await tc.fail('session.me', {}, 'x'.repeat(43))).code).toBe('PD_AUTH_003');
  });
});

describe('profile', () => {
  it('changes the password: wrong current refused, weak refused, other sessions ended, this one kept', async () => {
    const mine = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    const other = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    expect(
      (await tc.fail('profile.changePassword', { currentPassword: 'nope', newPassword: 'N3w-Passw0rd!' }, mine)).code,
    ).toBe('PD_AUTH_006');
    expect(
      (await tc.fail('profile.changePassword', { currentPassword: 'Partn3r-Pass!', newPassword: 'weak' }, mine)).code,
    ).toBe('PD_PWD_001');
    await tc.call('profile.changePassword', { currentPassword: 'Partn3r-Pass!', newPassword: 'N3w-Passw0rd!' }, mine);
    expect((await tc.call('session.me', {}, mine)).userId).toBe('partner-1');
    expect((await tc.fail('session.me', {}, other)).code).toBe('PD_AUTH_003');
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' })).code).toBe('PD_AUTH_001');
    await signIn(tc, 'partner-1', 'N3w-Passw0rd!');
  });

  it('stores the preferred language and shows the registration details', async () => {
    const token = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    const me = await tc.call('profile.setLanguage', { lang: 'ar' }, token);
    expect(me.lang).toBe('ar');
    expect(me.partner).toMatchObject({
      partnerId: 'partner-1',
      orgName: 'Org 1',
      partnerType: 'Auth_Partner',
      phone: '+2250701020304',
      certificateUploaded: false,
    });
    expect((await tc.fail('profile.setLanguage', { lang: 'xx' }, token)).code).toBe('PMS_COR_002');
  });
});
