import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const ADMIN = {
  firstName: 'Ada',
  lastName: 'Admin',
  orgName: 'Registry Office',
  email: 'ada@registry.example',
  username: 'admin',
  password: 'Adm1n-Secret!',
};
export const PARTNER = {
  firstName: 'Amina',
  lastName: 'Diallo',
  orgName: 'Aurora Identity Services',
  partnerType: 'Auth_Partner',
  address: '12 Registry Avenue, Ouagadougou',
  email: 'amina@aurora.example',
  phone: '+22670123456',
  username: 'aurora-auth',
  password: 'Aur0ra-Secret!',
};

/** Fills inputs/selects by their `name` inside a form found by test id. */
export async function fill(page: Page, form: string, values: Record<string, string>): Promise<void> {
  const root = page.getByTestId(form);
  for (const [name, value] of Object.entries(values)) {
    const field = root.locator(`[name="${name}"]`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

export async function createAdmin(page: Page): Promise<void> {
  await expect(page.getByTestId('setup-admin-form')).toBeVisible();
  const { firstName, lastName, orgName, email, username, password } = ADMIN;
  await fill(page, 'setup-admin-form', {
    firstName,
    lastName,
    orgName,
    email,
    username,
    password,
    confirmPassword: password,
  });
  await page.getByTestId('setup-admin-submit').click();
  await expect(page.getByTestId('confirmation')).toBeVisible();
  await page.getByTestId('confirmation-back').click();
}

export async function register(page: Page, over: Partial<typeof PARTNER> = {}): Promise<void> {
  const p = { ...PARTNER, ...over };
  await page.goto(page.url().replace(/#.*$/, '') + '#/register');
  await fill(page, 'register-form', { ...p, confirmPassword: p.password });
  await page.getByTestId('register-submit').click();
}

export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await fill(page, 'login-form', { login, password });
  await page.getByTestId('login-submit').click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
}
