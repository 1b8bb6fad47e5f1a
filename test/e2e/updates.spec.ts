import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishReleaseDir } from '../../main/cli/release.ts';
import { writeLinuxRelease } from '../helpers/releases.ts';
import { expect, test } from './server-fixtures.ts';
import { ADMIN, signIn } from './steps.ts';

test('the admin sets the update policy and pin on the server; the browser page says the desktop app installs updates', async ({
  page,
  server,
}) => {
  await server.call('setup.createAdmin', { ...ADMIN, lang: 'en' });
  const admin = (await server.call('auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const work = mkdtempSync(join(tmpdir(), 'pd-e2e-release-'));
  const published = await publishReleaseDir(
    server.core,
    admin,
    writeLinuxRelease(work, '1.1.0', { notes: 'Faster sync.' }),
    'stable',
    10,
  );
  expect(published[0]).toMatchObject({ ok: true });
  const key = (await server.call('releases.list', {}, admin)).publicKey!;

  await page.goto(`${server.host.origin}/`);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.evaluate(
    () => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/admin/settings'),
  );
  // No installer behind a browser page: said plainly, and no update bar.
  await expect(page.getByTestId('updates-web-host')).toHaveText(
    'Updates are installed by the desktop app. This page is served by the server and always shows its version.',
  );
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  const releases = page.getByTestId('settings-releases');
  await expect(releases.getByTestId('updates-release-key')).toHaveText(key);
  await expect(releases.getByTestId('updates-releases')).toContainText('1.1.0');
  await expect(releases.getByTestId('updates-releases')).toContainText('10 %');

  await releases.getByTestId('updates-policy-stable').selectOption('never');
  await releases.getByTestId('updates-pin-stable').selectOption('1.1.0');
  await releases.getByTestId('updates-save-stable').click();
  await expect(releases.getByTestId('updates-saved-stable')).toBeVisible();
  const stored = server.core.db.reader
    .prepare("SELECT policy, pinned_version FROM release_channel WHERE channel = 'stable'")
    .get();
  expect(stored).toEqual({ policy: 'never', pinned_version: '1.1.0' });
  const feed = await (await fetch(`${server.host.origin}/updates/stable/${published[0]!.metadataName}`)).text();
  expect(feed).toContain('policy: never');
  expect(feed).toContain('pinned: true');

  // French and Arabic (right to left) say the same.
  const switchLanguage = async (lang: 'fr' | 'ar') => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-profile').click();
    await page.getByTestId('lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByTestId('lang-select')).toHaveValue(lang);
    await page.evaluate(
      () => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/admin/settings'),
    );
  };
  await switchLanguage('fr');
  await expect(page.getByTestId('updates-web-host')).toContainText('installées par l’application de bureau');
  await expect(releases.getByRole('heading', { name: 'Mises à jour de bureau' })).toBeVisible();
  await switchLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(releases.getByRole('heading', { name: 'تحديثات سطح المكتب' })).toBeVisible();
  await expect(releases.getByTestId('updates-policy-stable')).toHaveValue('never');
});
