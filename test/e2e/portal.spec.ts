import type { Page } from '@playwright/test';
import { startDemoSignIn } from '../../main/hosts/shared/oidc/demo-sign-in.ts';
import { DEMO_IDENTITIES } from '../../main/hosts/shared/oidc/demo-provider.ts';
import { APPLICATION_FORM } from '../helpers/portal-forms.ts';
import { expect, test } from './server-fixtures.ts';
import { followRunnerClock } from './fixtures.ts';
import { ADMIN, signIn } from './steps.ts';

const AMINA = DEMO_IDENTITIES[0]!;

/** Opens a page from the header, as a user does. */
async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** Every CSP violation the page reports (the portal runs under the app's strict CSP, no unsafe-eval). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('program admin maps a form; an applicant signs in through the provider, applies, is rejected with a reason and re-applies', async ({
  page,
  server,
  browser,
}) => {
  await server.call('setup.createAdmin', { ...ADMIN, lang: 'en' });
  const token = (await server.call('auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  await server.call('programAdmins.grant', { userId: 'admin' }, token);
  // demo mode's provider: e-Signet-like, the portal its private_key_jwt client, redirecting to this host
  const op = await startDemoSignIn(server.core, server.host.origin);
  expect(op).not.toBeNull();
  const adminCsp = cspViolations(page);

  // The program admin: a program, a Form.io form (JSON + preview), the mapping with multiple submissions.
  await page.goto(`${server.host.origin}/`);
  await signIn(page, ADMIN.username, ADMIN.password);
  await nav(page, 'Programs');
  const create = page.getByTestId('program-create');
  await create.locator('input[name="name"]').fill('Cash transfer');
  await create.locator('input[name="description"]').fill('Monthly support for households');
  await page.getByTestId('program-create-submit').click();
  await expect(page.getByTestId('program-open')).toHaveText('Cash transfer');
  await nav(page, 'Portal forms');
  await page.getByTestId('form-title').fill('Household form');
  await page.getByTestId('form-schema').fill(JSON.stringify(APPLICATION_FORM));
  await expect(page.getByTestId('form-preview').getByTestId('portal-field-householdSize')).toBeVisible();
  await page.getByTestId('form-save').click();
  await expect(page.getByTestId('form-list')).toContainText('Household form');
  await nav(page, 'Programs');
  await page.getByTestId('program-open').click();
  await page.getByTestId('program-map-form').selectOption({ label: 'Household form · Version 1' });
  await page.getByTestId('program-map-multiple').check();
  await page.getByTestId('program-map-submit').click();
  await expect
    .poll(async () => (await server.call('programs.list', {}, token)).data[0]?.formTitle)
    .toBe('Household form');

  // The applicant, in a browser of their own: sign in with the ID at the provider, consent, come back signed in.
  const context = await browser.newContext();
  const applicant = await context.newPage();
  await followRunnerClock(applicant);
  const applicantCsp = cspViolations(applicant);
  await applicant.goto(`${server.host.origin}/`);
  await applicant.getByTestId('portal-sign-in-button').click();
  await applicant.locator('#individualId').fill(AMINA.individualId);
  await applicant.locator('#otp').fill(AMINA.otp);
  await applicant.getByRole('button', { name: 'Sign in' }).click();
  await expect(applicant.locator('#claims')).toContainText('individual_id');
  await applicant.getByRole('button', { name: 'Allow' }).click();
  await expect(applicant.getByTestId('portal-programs')).toBeVisible();
  await applicant.getByTestId('portal-apply').click();
  // auto-filled from the consented claims
  await expect(applicant.getByTestId('portal-field-name')).toHaveValue('Amina Diallo');
  await expect(applicant.getByTestId('portal-field-nationalId')).toHaveValue(AMINA.individualId);
  await applicant.getByTestId('portal-field-householdSize').fill('4');
  await applicant.getByTestId('portal-save-draft').click();
  await expect(applicant.getByTestId('portal-notice')).toHaveText('Draft saved.');
  // the server's rules: a required choice missing
  await applicant.getByTestId('portal-submit').click();
  await expect(applicant.getByTestId('portal-error-region')).toHaveAttribute('data-rule', 'required');
  await applicant.getByTestId('portal-field-region').selectOption('north');
  await applicant.getByTestId('portal-submit').click();
  await expect(applicant.getByTestId('portal-notice')).toContainText('Your application ID is');

  // The program admin rejects it with a reason.
  await nav(page, 'Applications');
  await expect(page.getByTestId('application-applicant')).toHaveText('Amina Diallo');
  await page.getByTestId('application-reject').click();
  await page.getByTestId('application-reason').fill('The household lives outside the program area.');
  await page.getByTestId('application-reject-confirm').click();
  await expect(page.getByTestId('application-state')).toHaveText('Rejected');

  // The applicant reads the reason and applies again (the program allows several submissions).
  await nav(applicant, 'My applications');
  await expect(applicant.getByTestId('portal-application-reason')).toHaveText(
    'Reason: The household lives outside the program area.',
  );
  await nav(applicant, 'Programs');
  await expect(applicant.getByTestId('portal-apply')).toHaveText('Apply again');
  await applicant.getByTestId('portal-apply').click();
  await applicant.getByTestId('portal-field-householdSize').fill('5');
  await applicant.getByTestId('portal-field-region').selectOption('south');
  await applicant.getByTestId('portal-submit').click();
  await expect(applicant.getByTestId('portal-notice')).toContainText('Your application ID is');
  await nav(applicant, 'My applications');
  await expect(applicant.getByTestId('portal-application')).toHaveCount(2);

  expect(adminCsp).toEqual([]);
  expect(applicantCsp).toEqual([]);
  await context.close();
  await op!.close();
});
