import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DP, as, seedProvider, switchLanguage } from './device-steps.ts';
import { ADMIN } from './steps.ts';

/*
 * axe-core over the main screens of each role (issue 13): WCAG 2.x A and AA rules, in English and
 * in Arabic (right to left). A violation is reported with its rule, impact and the nodes it hit.
 */

test.setTimeout(180_000);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page, where: string): Promise<string[]> {
  await expect(page.locator('main')).toBeVisible();
  // Let lists settle: a loading skeleton is not what a user reads.
  await expect(page.locator('[aria-busy="true"]'), `${where} still loading`).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

const ADMIN_PAGES = [
  '/dashboard',
  '/admin/audit',
  '/admin/trust-store',
  '/admin/partners',
  '/admin/policy-groups',
  '/admin/sbi-devices',
  '/admin/settings',
  '/sync',
];
const PARTNER_PAGES = ['/dashboard', '/partner/certificates', '/hardware'];

test('the sign-in page has no axe violations', async ({ page, desk }) => {
  await seedProvider(desk, 'DEVICE', DP);
  await desk.open(page);
  await expect(page.getByTestId('login-form')).toBeVisible();
  expect(
    await new AxeBuilder({ page })
      .withTags(TAGS)
      .analyze()
      .then((r) => r.violations.map((v) => v.id)),
  ).toEqual([]);
});

test('the admin main screens have no axe violations in English and Arabic', async ({ page, desk }) => {
  await seedProvider(desk, 'DEVICE', DP);
  await desk.open(page);
  await as(page, desk, ADMIN.username, ADMIN.password, '/dashboard');
  const found: string[] = [];
  for (const lang of ['en', 'ar'] as const) {
    await switchLanguage(page, desk, lang, '/dashboard');
    for (const hash of ADMIN_PAGES) {
      await page.goto(`${desk.host.origin}/#${hash}`);
      found.push(...(await violations(page, `${lang} ${hash}`)));
    }
  }
  expect(found).toEqual([]);
});

test("a device provider's main screens have no axe violations in English and Arabic", async ({ page, desk }) => {
  await seedProvider(desk, 'DEVICE', DP);
  await desk.open(page);
  await as(page, desk, DP.username, DP.password, '/dashboard');
  const found: string[] = [];
  for (const lang of ['en', 'ar'] as const) {
    await switchLanguage(page, desk, lang, '/dashboard');
    for (const hash of PARTNER_PAGES) {
      await page.goto(`${desk.host.origin}/#${hash}`);
      found.push(...(await violations(page, `${lang} ${hash}`)));
    }
  }
  expect(found).toEqual([]);
});
