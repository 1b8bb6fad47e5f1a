import { decodeQuotedPrintable, resetTokenFrom } from '../helpers/smtp.ts';
import { expect, test, followRunnerClock } from './fixtures.ts';
import { ADMIN, PARTNER, createAdmin, fill, register, signIn } from './steps.ts';

test.describe('forgot password', () => {
  test('a reset link mailed through the real SMTP server sets a new password once', async ({ page, desk, browser }) => {
    await desk.open(page);
    // the launch token left the address bar for the page's memory, and no cookie holds it
    expect(page.url()).not.toContain(desk.host.token);
    expect(await page.context().cookies()).toEqual([]);
    await createAdmin(page);
    await register(page, { lang: 'fr' } as Partial<typeof PARTNER>);
    await page.getByTestId('confirmation-back').click();
    await page.getByRole('link', { name: /forgot password/i }).click();
    await fill(page, 'forgot-form', { email: PARTNER.email });
    await page.getByTestId('forgot-submit').click();
    await expect(page.getByTestId('confirmation')).toBeVisible();

    const mail = await desk.smtp.waitForMail();
    expect(mail.to).toEqual([PARTNER.email]);
    const token = resetTokenFrom(mail.raw);
    const link = `${desk.host.origin}/#/reset-password?token=${token}`;
    // the mail carries no launch token, and its link works on its own: a fresh browser profile
    expect(decodeQuotedPrintable(mail.raw)).not.toContain(desk.host.token);
    expect(decodeQuotedPrintable(mail.raw)).toContain(link);
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await followRunnerClock(other);
    await other.goto(link);
    await fill(other, 'reset-form', {
      newPassword: 'N3w-Secret-Pass',
      confirmPassword: 'N3w-Secret-Pass',
    });
    await desk.shot(other, 'reset-password-en');
    await other.getByTestId('reset-submit').click();
    await expect(other.getByTestId('confirmation')).toBeVisible();
    await fresh.close();

    // the link is spent
    await page.goto(link);
    await fill(page, 'reset-form', {
      newPassword: 'An0ther-Pass!',
      confirmPassword: 'An0ther-Pass!',
    });
    await page.getByTestId('reset-submit').click();
    await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_005');

    // leaving a filled form asks first, in the app's own dialog (unsaved-changes guard)
    await page.goto(`${desk.host.origin}/#/login`);
    await expect(page.getByTestId('leave-dialog-text')).toContainText('unsaved changes');
    await expect(page).toHaveURL(/#\/reset-password/); // the address went back while the question is open
    await page.getByTestId('leave-dialog-leave').click();
    await expect(page.getByTestId('login-form')).toBeVisible();
    await signIn(page, PARTNER.username, PARTNER.password);
    await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_001');
    await signIn(page, PARTNER.username, 'N3w-Secret-Pass');
    await expect(page.getByTestId('welcome')).toBeVisible();
  });
});

test.describe('lockout', () => {
  test.use({
    deskConfig: {
      lockout: {
        maxFailedLogins: 3,
        lockSeconds: 600,
        adminBackoffSeconds: 30,
        adminMaxBackoffSeconds: 120,
      },
    },
  });

  test('shows the attempts left, then pauses sign-in with the time to try again, even against the right password; never says whether the account exists', async ({
    page,
    desk,
  }) => {
    await desk.open(page);
    await createAdmin(page);
    await register(page);
    await page.getByTestId('confirmation-back').click();
    for (const left of [2, 1]) {
      await signIn(page, PARTNER.username, `wrong-${left}`);
      await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_001');
      await expect(page.getByTestId('form-error-attempts')).toHaveText(`Attempts left: ${left}.`);
    }
    await signIn(page, PARTNER.username, 'wrong-0');
    await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_002');
    await expect(page.getByTestId('form-error-retry')).toContainText('You can try again at');
    await signIn(page, PARTNER.username, PARTNER.password);
    await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_002');
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await desk.shot(page, 'login-locked-en');
    await page.getByTestId('lang-select').selectOption('fr');
    await expect(page.getByTestId('form-error-retry')).toContainText('Vous pourrez réessayer à');
    await page.getByTestId('lang-select').selectOption('ar');
    await expect(page.getByTestId('form-error-retry')).toContainText('يمكنك المحاولة مرة أخرى في');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await desk.shot(page, 'login-locked-ar');
    await page.getByTestId('lang-select').selectOption('en');

    // a username nobody has gets the very same answers
    await signIn(page, 'nobody-at-all', 'wrong');
    await expect(page.getByTestId('form-error-attempts')).toHaveText('Attempts left: 2.');

    // the only admin is never locked for long: a short, doubling wait instead of the 10-minute pause
    for (let i = 0; i < 3; i++) await signIn(page, ADMIN.username, `guess-${i}`);
    await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_002');
    const until = (
      desk.core.db.reader.prepare("SELECT locked_until AS t FROM app_user WHERE id = 'admin'").get() as { t: string }
    ).t;
    expect(Date.parse(until) - Date.now()).toBeLessThanOrEqual(30_000);
  });
});

test.describe('session expiry', () => {
  test.use({ deskConfig: { session: { inactivitySeconds: 8, promptSeconds: 5 } } });

  test('warns before signing out after inactivity; "stay signed in" keeps the session', async ({ page, desk }) => {
    await desk.open(page);
    await createAdmin(page);
    await signIn(page, 'admin', 'Adm1n-Secret!');
    await expect(page.getByTestId('welcome')).toBeVisible();
    // idle: the warning comes at 8 − 5 = 3 s with a countdown
    await expect(page.getByTestId('session-warning')).toBeVisible({ timeout: 6_000 });
    await expect(page.getByTestId('session-countdown')).toBeVisible();
    await desk.shot(page, 'session-warning-en');
    const lastActive = () =>
      (
        desk.core.db.reader
          .prepare('SELECT MAX(last_active_at) AS t FROM app_session WHERE ended_at IS NULL')
          .get() as { t: string }
      ).t;
    const before = lastActive();
    await page.getByTestId('stay-signed-in').click();
    await expect(page.getByTestId('session-warning')).toHaveCount(0);
    // the server-side session was extended too (auth.keepAlive went through the command path)
    await expect.poll(lastActive).not.toBe(before);
    await expect(page.getByTestId('welcome')).toBeVisible();
    // idle again, past the deadline: signed out with a notice, and the old session is dead
    await expect(page.getByTestId('session-notice')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('login-form')).toBeVisible();
    const token = await page.evaluate(() => sessionStorage.getItem('pd.session'));
    expect(token).toBeNull();
  });
});

test.describe('authorization', () => {
  test('a partner cannot reach admin screens or call admin methods', async ({ page, desk }) => {
    await desk.open(page);
    await createAdmin(page);
    await register(page);
    await page.getByTestId('confirmation-back').click();
    await signIn(page, PARTNER.username, PARTNER.password);
    await expect(page.getByTestId('welcome')).toBeVisible();
    await page.goto(`${desk.host.origin}/#/admin/audit`);
    await expect(page.getByTestId('not-allowed')).toBeVisible();
    // straight at the wire with the partner's own session: refused by the core
    const answer = await page.evaluate(async () => {
      const token = sessionStorage.getItem('pd.session') ?? '';
      const launch = sessionStorage.getItem('pd.launch') ?? '';
      const res = await fetch('/api/call/audit.list', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-partner-desk-launch': launch,
          'x-partner-desk-session': token,
        },
        body: JSON.stringify({ input: {} }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PD_AUTH_004' } });
    const refusals = desk.core.db.reader
      .prepare("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'audit.list'")
      .get() as { n: number };
    expect(refusals.n).toBe(0); // queries are not audited; nothing was written
  });
});

test('demo data: generated on first run, the shown password signs the admin in', async ({ page, desk }) => {
  await desk.open(page);
  await page.getByTestId('load-demo').click();
  // the demo generates a PKI per domain (RSA keys) and starts the virtual SBI: 20 s and more on a busy machine
  await expect(page.getByTestId('demo-credentials')).toBeVisible({ timeout: 45_000 });
  const login = (await page.getByTestId('demo-login').textContent())?.trim() ?? '';
  const password = (await page.getByTestId('demo-password').textContent())?.trim() ?? '';
  expect(password).toMatch(/^Demo-/);
  await desk.shot(page, 'setup-demo-en');
  await page.getByTestId('demo-continue').click();
  await signIn(page, login, password);
  await expect(page.getByTestId('welcome')).toContainText('Ada Admin');
  const partners = desk.core.db.reader.prepare('SELECT COUNT(DISTINCT partner_type_code) AS n FROM partner').get() as {
    n: number;
  };
  expect(partners.n).toBeGreaterThanOrEqual(8);
});
