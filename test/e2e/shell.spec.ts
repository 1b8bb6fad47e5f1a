import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DP, as, call, seedProvider, switchLanguage } from './device-steps.ts';
import { ADMIN, PARTNER } from './steps.ts';

/*
 * The app's frame at the newcomer's 1280×800 (issue 13): the admin header on one line with its
 * groups as menus, dashboard cards worded for the partner who reads them, and a card for
 * Devices & hardware — in English, French and Arabic.
 */

test.use({ viewport: { width: 1280, height: 800 } });

/** Every entry of the header's main navigation sits on the same line. */
async function expectOneLine(page: Page) {
  // Links and group buttons (a link's wrapper is display: contents and has no box of its own).
  const tops = await page
    .getByTestId('main-nav')
    .evaluate((nav) =>
      [...nav.querySelectorAll(':scope > span > a, :scope > div > button')].map((entry) =>
        Math.round(entry.getBoundingClientRect().top),
      ),
    );
  expect(tops.length).toBeGreaterThan(2);
  expect(new Set(tops).size).toBe(1);
  const header = await page.getByRole('banner').boundingBox();
  expect(header?.height ?? 0).toBeLessThan(80);
}

const ADMIN_TEXTS = {
  en: { partners: 'Partners & policies', devices: 'Devices', partnersLink: 'Partners' },
  fr: { partners: 'Partenaires et politiques', devices: 'Appareils', partnersLink: 'Partenaires' },
  ar: { partners: 'الشركاء والسياسات', devices: 'الأجهزة', partnersLink: 'الشركاء' },
} as const;

test('the admin header fits one line at 1280 px in every language; its groups open as menus', async ({
  page,
  desk,
}) => {
  await seedProvider(desk, 'DEVICE', DP);
  await desk.open(page);
  await as(page, desk, ADMIN.username, ADMIN.password, '/dashboard');
  for (const lang of ['en', 'fr', 'ar'] as const) {
    await switchLanguage(page, desk, lang, '/dashboard');
    await expect(page.getByTestId('nav-group-partners')).toHaveText(new RegExp(ADMIN_TEXTS[lang].partners));
    await expect(page.getByTestId('nav-group-devices')).toHaveText(new RegExp(ADMIN_TEXTS[lang].devices));
    await expectOneLine(page);
    await desk.shot(page, `header-admin-${lang}`);
  }
  // A group is a disclosure: closed, open, Escape closes it, a link inside leads to its page.
  const group = page.getByTestId('nav-group-partners');
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('nav-group-partners-list')).toHaveCount(0);
  await group.click();
  await page
    .getByTestId('nav-group-partners-list')
    .getByRole('link', { name: ADMIN_TEXTS.ar.partnersLink, exact: true })
    .click();
  await expect(page).toHaveURL(/#\/admin\/partners$/);
  await expect(group).toHaveAttribute('aria-current', 'page');
});

const PARTNER_CARDS = {
  en: { sbiDevice: 'Add your secure biometric interfaces', hardware: 'Devices & hardware' },
  fr: {
    sbiDevice: 'Ajoutez vos interfaces biométriques sécurisées',
    hardware: 'Périphériques et matériel',
  },
  ar: { sbiDevice: 'أضف واجهاتك البيومترية الآمنة', hardware: 'الأجهزة والعتاد' },
} as const;

test('partners read cards written for them, never the admin texts; a card leads to Devices & hardware', async ({
  page,
  desk,
}) => {
  await seedProvider(desk, 'DEVICE', DP);
  await call(desk, 'auth.register', { ...PARTNER, lang: 'en' });
  await desk.open(page);

  // An auth partner's policy card asks for policies; it does not offer to create policy groups.
  await as(page, desk, PARTNER.username, PARTNER.password, '/dashboard');
  await expect(page.getByTestId('card-description-policies')).toContainText('Request the policies');
  await expect(page.getByTestId('dashboard-cards')).not.toContainText('Create and manage policy groups');

  await as(page, desk, DP.username, DP.password, '/dashboard');
  for (const lang of ['en', 'fr', 'ar'] as const) {
    await switchLanguage(page, desk, lang, '/dashboard');
    await expect(page.getByTestId('card-description-sbiDevice')).toContainText(PARTNER_CARDS[lang].sbiDevice);
    await expect(page.getByTestId('card-hardware')).toContainText(PARTNER_CARDS[lang].hardware);
    await expect(page.getByTestId('dashboard-cards')).not.toContainText('Review and approve');
    await desk.shot(page, `dashboard-device-provider-${lang}`);
  }
  await page.getByTestId('card-hardware').click();
  await expect(page).toHaveURL(/#\/hardware$/);
});
