import type { Page } from '@playwright/test';
import { startDemoSignIn } from '../../main/hosts/shared/oidc/demo-sign-in.ts';
import { DEMO_IDENTITIES } from '../../main/hosts/shared/oidc/demo-provider.ts';
import ar from '../../renderer/src/i18n/ar.ts';
import { expect, test } from './fixtures.ts';
import { ADMIN } from './steps.ts';

/**
 * The applicant's sign-in on the local web host (launch token in the tab, not in a cookie): the
 * provider's redirect is a new page load without the fragment, so the page must still call the core
 * with the token it kept, and land where the applicant wanted to go.
 */
const AMINA = DEMO_IDENTITIES[0]!;

async function atProvider(page: Page): Promise<void> {
  await page.locator('#individualId').fill(AMINA.individualId);
  await page.locator('#otp').fill(AMINA.otp);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
}

test('web host: back from the provider the applicant is signed in on the page asked for; the replayed answer is refused in Arabic', async ({
  page,
  desk,
}) => {
  const admin = await desk.core.dispatch('setup.createAdmin', null, { ...ADMIN, lang: 'en' });
  expect(admin.ok).toBe(true);
  const op = await startDemoSignIn(desk.core, desk.host.origin);
  expect(op).not.toBeNull();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });

  await desk.open(page);
  await page.getByTestId('lang-select').selectOption('ar');
  await page.goto(`${desk.host.origin}/#/portal/profile`);
  await expect(page).toHaveURL(/#\/login$/);
  let callback: string | null = null;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && /[?&]code=/.test(f.url())) callback = f.url();
  });
  await page.getByTestId('portal-sign-in-button').click();
  await atProvider(page);
  await expect(page.getByRole('heading', { name: ar.portal.applicant.profile, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(`${desk.host.origin}/#/portal/profile`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // The same answer again in this tab (the launch token still there, the session left behind).
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  expect(callback).not.toBeNull();
  await page.goto(callback!);
  await expect(page.getByTestId('portal-callback').getByTestId('form-error')).toContainText(ar.errors.PD_SSP_010);
  expect(violations).toEqual([]);
  await op!.close();
});
