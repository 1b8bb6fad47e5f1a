import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { decodeQuotedPrintable, resetTokenFrom, startSmtp } from '../helpers/smtp.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let tc: TestCore;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.mails.length = 0;
  tc = testCore({
    config: {
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        allowSelfSigned: true,
        from: 'Desk <desk@registry.example>',
      },
      passwordReset: { ttlSeconds: 900 },
    },
  });
  await tc.call('setup.createAdmin', ADMIN);
  await tc.call('auth.register', partnerInput(1, { lang: 'fr' }));
});
afterEach(() => tc.close());

describe('forgot password through a real SMTP server', () => {
  it('mails a single-use link in the user language; the new password works, the old one and the link do not', async () => {
    const session = await signIn(tc, 'partner-1', 'Partn3r-Pass!');
    await tc.call('auth.requestPasswordReset', { email: 'pat1@org1.example' });
    const mail = await smtp.waitForMail();
    expect(mail.to).toEqual(['pat1@org1.example']);
    expect(decodeQuotedPrintable(mail.raw)).toContain('Bonjour Pat');
    const token = resetTokenFrom(mail.raw);
    expect(tc.count('SELECT COUNT(*) AS n FROM password_reset WHERE token_hash = ?', token)).toBe(0); // hashed at rest

    await tc.call('auth.resetPassword', { token, newPassword: 'Fresh-Pass-42' });
    expect((await tc.fail('auth.resetPassword', { token, newPassword: 'Other-Pass-43' })).code).toBe('PD_AUTH_005');
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' })).code).toBe('PD_AUTH_001');
    expect((await tc.fail('session.me', {}, session)).code).toBe('PD_AUTH_003'); // sessions end on reset
    await signIn(tc, 'partner-1', 'Fresh-Pass-42');
  });

  it('expires the link after its time to live and keeps only the newest link', async () => {
    await tc.call('auth.requestPasswordReset', { email: 'pat1@org1.example' });
    const first = resetTokenFrom((await smtp.waitForMail(1)).raw);
    await tc.call('auth.requestPasswordReset', { email: 'pat1@org1.example' });
    const second = resetTokenFrom((await smtp.waitForMail(2)).raw);
    expect((await tc.fail('auth.resetPassword', { token: first, newPassword: 'Fresh-Pass-42' })).code).toBe(
      'PD_AUTH_005',
    );
    tc.clock.advance(901);
    expect((await tc.fail('auth.resetPassword', { token: second, newPassword: 'Fresh-Pass-42' })).code).toBe(
      'PD_AUTH_005',
    );
    await signIn(tc, 'partner-1', 'Partn3r-Pass!');
  });

  it('answers the same for unknown addresses and sends nothing; refuses malformed addresses', async () => {
    await tc.call('auth.requestPasswordReset', { email: 'nobody@nowhere.example' });
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails).toHaveLength(0);
    expect((await tc.fail('auth.requestPasswordReset', { email: 'not mail' })).code).toBe('PMS_PRT_012');
    expect((await tc.fail('auth.resetPassword', { token: 'forged', newPassword: 'Fresh-Pass-42' })).code).toBe(
      'PD_AUTH_005',
    );
  });

  it('unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await tc.fail('auth.login', { login: 'partner-1', password: 'bad' });
    expect((await tc.fail('auth.login', { login: 'partner-1', password: 'Partn3r-Pass!' })).code).toBe('PD_AUTH_002');
    await tc.call('auth.requestPasswordReset', { email: 'pat1@org1.example' });
    await tc.call('auth.resetPassword', {
      token: resetTokenFrom((await smtp.waitForMail()).raw),
      newPassword: 'Fresh-Pass-42',
    });
    await signIn(tc, 'partner-1', 'Fresh-Pass-42');
  });
});

describe('mail outbox when no SMTP is configured', () => {
  it('writes the reset mail as an .eml file into the data directory', async () => {
    const local = testCore();
    try {
      await local.call('setup.createAdmin', ADMIN);
      expect((await local.call('system.info', {})).mailMode).toBe('outbox');
      await local.call('auth.requestPasswordReset', { email: ADMIN.email });
      const { readdirSync, readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const dir = join(local.dir, 'mail-outbox');
      for (let i = 0; i < 50 && !(await import('node:fs')).existsSync(dir); i++)
        await new Promise((r) => setTimeout(r, 20));
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(resetTokenFrom(readFileSync(join(dir, files[0]!), 'utf8'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      local.close();
    }
  });
});
