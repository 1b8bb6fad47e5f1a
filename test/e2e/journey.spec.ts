import { expect, test } from './fixtures.ts';
import { ADMIN, PARTNER, createAdmin, fill, register, signIn, signOut } from './steps.ts';

test('first run → register → admin sees it → partner signs in → dashboard, in English and Arabic', async ({
  page,
  desk,
}) => {
  await desk.open(page);
  await expect(page).toHaveURL(/#\/setup/);
  await desk.shot(page, 'setup-en');
  await createAdmin(page);

  // a partner registers with the seeds' form
  await register(page);
  await expect(page.getByTestId('confirmation')).toBeVisible();
  await page.getByTestId('confirmation-back').click();

  // the partner signs in: pending approval, only the cards of a partner
  await signIn(page, PARTNER.email, PARTNER.password);
  await expect(page.getByTestId('welcome')).toContainText('Welcome Amina Diallo');
  await expect(page.getByTestId('account-status')).toContainText('Pending For Approval');
  await expect(page.getByTestId('header-org')).toContainText(PARTNER.orgName);
  await expect(page.getByTestId('card-profile')).toBeVisible();
  await expect(page.getByTestId('card-auditLog')).toHaveCount(0);
  await desk.shot(page, 'dashboard-partner-en');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await expect(page.getByTestId('partner-id')).toContainText(PARTNER.username);
  await desk.shot(page, 'profile-en');
  await signOut(page);

  // the admin sees the registration in the audit log
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('account-status')).toContainText('Administrator');
  await desk.shot(page, 'dashboard-admin-en');
  await page.getByTestId('card-auditLog').click();
  // actions and modules in words, the method name kept as the title
  const registered = page.getByTestId('audit-row').filter({ hasText: 'Register a partner' });
  await expect(registered).toHaveCount(1);
  await expect(registered).toContainText('Partners');
  await expect(registered.locator('[data-action="auth.register"]')).toHaveAttribute('title', 'auth.register');
  await expect(registered).toContainText('Partner: ');
  await expect(page.getByTestId('audit-row').filter({ hasText: PARTNER.username }).first()).toBeVisible();
  await desk.shot(page, 'audit-log-en');
  await signOut(page);

  // Arabic: chosen on the sign-in page, right-to-left everywhere
  await page.getByTestId('lang-select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('login-submit')).toHaveText('تسجيل الدخول');
  await desk.shot(page, 'login-ar');
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('welcome')).toContainText('Ada Admin');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('card-auditLog')).toContainText('سجل');
  await desk.shot(page, 'dashboard-admin-ar');
  // the audit log in Arabic words; the module filter offers modules by name and filters in SQL
  await page.getByTestId('card-auditLog').click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'تسجيل شريك' })).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'إنشاء المسؤول' })).toHaveCount(1);
  await page.getByTestId('audit-filters').getByRole('combobox', { name: 'الوحدة' }).selectOption({ label: 'الشركاء' });
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'إنشاء المسؤول' })).toHaveCount(0);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'تسجيل شريك' })).toHaveCount(1);
  await desk.shot(page, 'audit-log-ar');

  // the audit trail on disk has both successes
  const rows = desk.core.db.reader
    .prepare("SELECT action, result FROM app_audit_log WHERE action IN ('setup.createAdmin', 'auth.register')")
    .all();
  expect(rows).toEqual([
    { action: 'setup.createAdmin', result: 'success' },
    { action: 'auth.register', result: 'success' },
  ]);
});

test('registration refuses bad input with field messages and writes nothing', async ({ page, desk }) => {
  await desk.open(page);
  await createAdmin(page);
  await register(page, { username: 'has space', email: 'not-an-email', phone: '12' });
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.getByTestId('confirmation')).toHaveCount(0);
  // fix one problem at a time: the core answers with MOSIP's codes
  await fill(page, 'register-form', {
    username: 'aurora-auth',
    email: 'amina@aurora.example',
    phone: '12',
  });
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_PRT_013');
  await expect(page.getByTestId('field-error-phone')).toBeVisible();
  await desk.shot(page, 'register-error-en');
  expect((desk.core.db.reader.prepare('SELECT COUNT(*) AS n FROM partner').get() as { n: number }).n).toBe(0);

  await fill(page, 'register-form', { phone: '+22670123456' });
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('confirmation')).toBeVisible();
  // the same partner id again
  await register(page, { email: 'other@aurora.example' });
  await expect(page.getByTestId('form-error')).toContainText('PMS_PRT_051');
});

test('French: the language picked at sign-in drives the whole UI', async ({ page, desk }) => {
  await desk.open(page);
  await createAdmin(page);
  await page.getByTestId('lang-select').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('login-submit')).toHaveText('Se connecter');
  await signIn(page, ADMIN.username, 'wrong-password');
  await expect(page.getByTestId('form-error')).toContainText('PD_AUTH_001');
  await desk.shot(page, 'login-error-fr');
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('welcome')).toContainText('Bienvenue');
  await desk.shot(page, 'dashboard-admin-fr');
});

test('unsaved changes: the app asks in its own dialog, in French and in Arabic, and Stay keeps the edits', async ({
  page,
  desk,
}) => {
  await desk.open(page);
  await createAdmin(page);
  await page.getByTestId('lang-select').selectOption('fr');
  await page.goto(page.url().replace(/#.*$/, '') + '#/register');
  await fill(page, 'register-form', { orgName: 'Aurora' });
  await page.goto(page.url().replace(/#.*$/, '') + '#/login');
  await expect(page.getByTestId('leave-dialog')).toContainText('Quitter cette page ?');
  await page.getByTestId('leave-dialog-stay').click();
  await expect(page.locator('[name="orgName"]')).toHaveValue('Aurora');

  await page.getByTestId('lang-select').selectOption('ar');
  await page.goto(page.url().replace(/#.*$/, '') + '#/login');
  await expect(page.getByTestId('leave-dialog')).toContainText('لديك تغييرات غير محفوظة');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await desk.shot(page, 'leave-dialog-ar');
  await page.getByTestId('leave-dialog-leave').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
});
