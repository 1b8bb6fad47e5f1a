import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
const LOCKOUT = {
  maxFailedLogins: 3,
  lockSeconds: 600,
  adminBackoffSeconds: 2,
  adminMaxBackoffSeconds: 60,
  maxWrongCurrentPasswords: 3,
};
beforeEach(async () => {
  tc = testCore({
    config: {
      lockout: LOCKOUT,
      session: { inactivitySeconds: 1500, promptSeconds: 300, absoluteSeconds: 3600 },
    },
  });
  await tc.call('setup.createAdmin', ADMIN);
  await tc.call('auth.register', partnerInput(1));
  await tc.call('auth.register', partnerInput(2));
});
afterEach(() => tc.close());

const attempt = (login: string, password: string) => tc.fail('auth.login', { login, password });

describe('sign-in answers say nothing about which accounts exist or their state (issue 12 item 7)', () => {
  it('an unknown login, an active account and a disabled one get the same answers, attempt by attempt, until paused', async () => {
    tc.core.db.writer.prepare("UPDATE app_user SET is_active = 0 WHERE id = 'partner-2'").run();
    const runs: Record<string, unknown[]> = { nobody: [], 'partner-1': [], 'partner-2': [] };
    for (let i = 0; i < LOCKOUT.maxFailedLogins + 2; i++) {
      for (const login of Object.keys(runs)) runs[login]!.push(await attempt(login, `wrong-${i}`));
    }
    expect(runs['partner-1']).toEqual(runs.nobody);
    expect(runs['partner-2']).toEqual(runs.nobody);
    // what the user is shown: attempts left, then the pause and its end
    const retryAt = new Date(tc.clock.current.getTime() + LOCKOUT.lockSeconds * 1000).toISOString();
    expect(runs.nobody!.map((e) => [(e as { code: string }).code, (e as { details?: unknown }).details])).toEqual([
      ['PD_AUTH_001', { attemptsLeft: 2 }],
      ['PD_AUTH_001', { attemptsLeft: 1 }],
      ['PD_AUTH_002', { attemptsLeft: 0, retryAt }],
      ['PD_AUTH_002', { attemptsLeft: 0, retryAt }],
      ['PD_AUTH_002', { attemptsLeft: 0, retryAt }],
    ]);
  });

  it('says "disabled" only to whoever gives the right password', async () => {
    tc.core.db.writer.prepare("UPDATE app_user SET is_active = 0 WHERE id = 'partner-2'").run();
    expect((await attempt('partner-2', 'wrong')).code).toBe('PD_AUTH_001');
    expect((await attempt('partner-2', 'Partn3r-Pass!')).code).toBe('PD_AUTH_007');
  });

  it('during a pause the right password gets the same answer as a wrong one (no password oracle)', async () => {
    for (let i = 0; i < LOCKOUT.maxFailedLogins; i++) await attempt('partner-1', `wrong-${i}`);
    expect(await attempt('partner-1', 'Partn3r-Pass!')).toEqual(await attempt('partner-1', 'still-wrong'));
    tc.clock.advance(LOCKOUT.lockSeconds);
    await signIn(tc, 'partner-1', 'Partn3r-Pass!');
  });
});

describe('nobody can lock the only admin out (issue 12 item 7)', () => {
  it('answers persistent guessing with a doubling wait that stops at the cap, never with the long lock', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const e = await attempt('admin', `guess-${i}`);
      if (e.code === 'PD_AUTH_002') {
        const retryAt = (e as { details?: { retryAt?: string } }).details?.retryAt;
        const wait = (Date.parse(retryAt!) - tc.clock.current.getTime()) / 1000;
        waits.push(wait);
        // the attacker comes back the moment it may
        tc.clock.advance(wait);
      }
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
    expect(Math.max(...waits)).toBeLessThan(LOCKOUT.lockSeconds);
    // however long the guessing went on, the admin is in after the capped wait
    await attempt('admin', 'one-more-guess');
    tc.clock.advance(LOCKOUT.adminMaxBackoffSeconds);
    await signIn(tc, 'admin', ADMIN.password);
    // and a success starts the count again
    expect(await attempt('admin', 'typo')).toMatchObject({
      code: 'PD_AUTH_001',
      details: { attemptsLeft: 2 },
    });
  });
});

describe('limits on sessions (issue 12 item 10)', () => {
  it('ends a session at its absolute lifetime however active it is', async () => {
    const login = await tc.call('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' });
    expect(login.expiresAt).toBe(new Date(tc.clock.current.getTime() + 1500 * 1000).toISOString());
    const session = login.token;
    for (let t = 0; t < 3000; t += 1000) {
      tc.clock.advance(1000);
      await tc.call('auth.keepAlive', {}, session);
    }
    tc.clock.advance(500);
    // 3,500 s in: the deadline is the absolute end, not 25 more minutes
    const { expiresAt } = await tc.call('auth.keepAlive', {}, session);
    expect(Date.parse(expiresAt) - tc.clock.current.getTime()).toBe(100 * 1000);
    tc.clock.advance(100);
    expect((await tc.fail('session.me', {}, session)).code).toBe('PD_AUTH_003');
  });

  it('ends the session after a few wrong current passwords, so a stolen session cannot guess the password', async () => {
    const session = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    const change = (currentPassword: string) =>
      tc.fail('profile.changePassword', { currentPassword, newPassword: 'An0ther-Pass!' }, session);
    expect(await change('guess-1')).toMatchObject({
      code: 'PD_AUTH_006',
      details: { attemptsLeft: 2 },
    });
    expect(await change('guess-2')).toMatchObject({
      code: 'PD_AUTH_006',
      details: { attemptsLeft: 1 },
    });
    expect(await change('guess-3')).toMatchObject({
      code: 'PD_AUTH_003',
      details: { attemptsLeft: 0 },
    });
    // the right password no longer helps on that session; the password is unchanged
    expect((await change('Partn3r-Pass!')).code).toBe('PD_AUTH_003');
    await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'profile.changePassword' AND result = 'failure'",
      ),
    ).toBe(4);
  });
});
