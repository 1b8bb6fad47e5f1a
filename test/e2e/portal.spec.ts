import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { startDemoSignIn } from '../../main/hosts/shared/oidc/demo-sign-in.ts';
import { DEMO_IDENTITIES } from '../../main/hosts/shared/oidc/demo-provider.ts';
import en from '../../renderer/src/i18n/en.ts';
import fr from '../../renderer/src/i18n/fr.ts';
import ar from '../../renderer/src/i18n/ar.ts';
import { APPLICATION_FORM } from '../helpers/portal-forms.ts';
import { expect, test } from './server-fixtures.ts';
import type { OnlineServer } from './server-fixtures.ts';
import { followRunnerClock } from './fixtures.ts';
import { ADMIN, signIn } from './steps.ts';

const AMINA = DEMO_IDENTITIES[0]!;
const LANGS = { en, fr, ar } as const;
type Lang = keyof typeof LANGS;
type Strings = (typeof LANGS)[Lang];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The text of a message up to its first placeholder ("Submitted. Your application ID is "). */
const before = (message: string) => message.slice(0, message.indexOf('{{'));

/** Opens a page from the header, as a user does. */
async function nav(page: Page, tr: Strings, name: string): Promise<void> {
  await page.getByRole('navigation', { name: tr.header.mainNav }).getByRole('link', { name, exact: true }).click();
}

/** Every CSP violation the page reports (the portal runs under the app's strict CSP, no unsafe-eval). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/** The language picked on the sign-in page, and the document's direction that follows it. */
async function pickLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('lang-select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
}

/** axe-core (WCAG 2.x A/AA) on the screen as the applicant reads it: rule, impact and the nodes hit. */
async function axeViolations(page: Page, where: string): Promise<string[]> {
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]'), `${where} still loading`).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/** At the e-Signet-like provider: ID and one-time code, then consent to the claims the portal asks for. */
async function atProvider(page: Page, decision: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await page.locator('#individualId').fill(AMINA.individualId);
  await page.locator('#otp').fill(AMINA.otp);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#claims')).toContainText('individual_id');
  await page.getByRole('button', { name: decision }).click();
}

async function applicantPage(browser: Browser, lang: Lang) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await followRunnerClock(page);
  const csp = cspViolations(page);
  return { context, page, csp, lang };
}

/** The admin with the program admin role, and the demo provider redirecting to this host. */
async function portalServer(server: OnlineServer) {
  await server.call('setup.createAdmin', { ...ADMIN, lang: 'en' });
  const token = (await server.call('auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  await server.call('programAdmins.grant', { userId: 'admin' }, token);
  // demo mode's provider: e-Signet-like, the portal its private_key_jwt client, redirecting to this host
  const op = await startDemoSignIn(server.core, server.host.origin);
  expect(op).not.toBeNull();
  return { token, op: op! };
}

for (const lang of Object.keys(LANGS) as Lang[]) {
  const tr = LANGS[lang];
  const p = tr.portal;
  test(`[${lang}] program admin maps a form; an applicant signs in through the provider, applies, is rejected with a reason and re-applies`, async ({
    page,
    server,
    browser,
  }) => {
    test.setTimeout(120_000);
    const { token, op } = await portalServer(server);
    const adminCsp = cspViolations(page);

    // The program admin: a program, a Form.io form (JSON + preview), the mapping with multiple submissions.
    await page.goto(`${server.host.origin}/`);
    await pickLanguage(page, lang);
    await signIn(page, ADMIN.username, ADMIN.password);
    await nav(page, tr, p.admin.programs);
    await expect(page.getByRole('heading', { name: p.admin.programs, level: 1 })).toBeVisible();
    const create = page.getByTestId('program-create');
    await create.locator('input[name="name"]').fill('Cash transfer');
    await create.locator('input[name="description"]').fill('Monthly support for households');
    await page.getByTestId('program-create-submit').click();
    await expect(page.getByTestId('program-open')).toHaveText('Cash transfer');
    await nav(page, tr, p.admin.forms);
    await page.getByTestId('form-title').fill('Household form');
    await page.getByTestId('form-schema').fill(JSON.stringify(APPLICATION_FORM));
    await expect(page.getByTestId('form-preview').getByTestId('portal-field-householdSize')).toBeVisible();
    await page.getByTestId('form-save').click();
    await expect(page.getByTestId('form-list')).toContainText('Household form');
    await nav(page, tr, p.admin.programs);
    await page.getByTestId('program-open').click();
    await page
      .getByTestId('program-map-form')
      .selectOption({ label: `Household form · ${p.admin.version.replace('{{version}}', '1')}` });
    await page.getByTestId('program-map-multiple').check();
    await page.getByTestId('program-map-submit').click();
    await expect
      .poll(async () => (await server.call('programs.list', {}, token)).data[0]?.formTitle)
      .toBe('Household form');

    // The applicant, in a browser of their own: picks the language, signs in with the ID at the provider, consents.
    const a = await applicantPage(browser, lang);
    const applicant = a.page;
    await applicant.goto(`${server.host.origin}/`);
    await pickLanguage(applicant, lang);
    await expect(applicant.getByTestId('portal-sign-in-button')).toHaveText(p.signIn.withId);
    await applicant.getByTestId('portal-sign-in-button').click();
    await atProvider(applicant);
    // Back signed in, in the language picked before leaving, right to left in Arabic.
    await expect(applicant.getByTestId('portal-programs')).toBeVisible();
    await expect(applicant.getByRole('heading', { name: p.applicant.programs, level: 1 })).toBeVisible();
    await expect(applicant.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(applicant.locator('main')).toHaveCSS('direction', lang === 'ar' ? 'rtl' : 'ltr');
    const axe = await axeViolations(applicant, `${lang} programs`);
    await expect(applicant.getByTestId('portal-apply')).toHaveText(p.applicant.apply);
    await applicant.getByTestId('portal-apply').click();
    // auto-filled from the consented claims
    await expect(applicant.getByTestId('portal-field-name')).toHaveValue('Amina Diallo');
    await expect(applicant.getByTestId('portal-field-nationalId')).toHaveValue(AMINA.individualId);
    await expect(applicant.getByText(p.applicant.prefilled)).toBeVisible();
    axe.push(...(await axeViolations(applicant, `${lang} apply`)));
    await applicant.getByTestId('portal-field-householdSize').fill('4');
    await applicant.getByTestId('portal-save-draft').click();
    await expect(applicant.getByTestId('portal-notice')).toHaveText(p.applicant.draftSaved);
    // the server's rules: a required choice missing, said in the applicant's language
    await applicant.getByTestId('portal-submit').click();
    await expect(applicant.getByTestId('portal-error-region')).toHaveAttribute('data-rule', 'required');
    await expect(applicant.getByTestId('portal-error-region')).toContainText(p.rules.required);
    await applicant.getByTestId('portal-field-region').selectOption('north');
    await applicant.getByTestId('portal-submit').click();
    await expect(applicant.getByTestId('portal-notice')).toContainText(before(p.applicant.submittedAs));

    // The program admin rejects it with a reason.
    await nav(page, tr, p.admin.applications);
    await expect(page.getByTestId('application-applicant')).toHaveText('Amina Diallo');
    await expect(page.getByTestId('application-state')).toHaveText(p.states.active);
    await page.getByTestId('application-reject').click();
    await page.getByTestId('application-reason').fill('The household lives outside the program area.');
    await page.getByTestId('application-reject-confirm').click();
    await expect(page.getByTestId('application-state')).toHaveText(p.states.rejected);

    // The program admin opens it: the answers with the form, read-only; the status history with the reason.
    await page.getByTestId('application-open').click();
    const detail = page.getByTestId('application-detail');
    await expect(
      detail.getByRole('heading', { name: p.admin.applicationOf.replace('{{name}}', 'Amina Diallo'), level: 1 }),
    ).toBeVisible();
    await expect(detail.getByTestId('application-detail-state')).toHaveText(p.states.rejected);
    const answers = detail.getByTestId('application-answers');
    await expect(answers.getByTestId('portal-field-householdSize')).toHaveValue('4');
    await expect(answers.getByTestId('portal-field-householdSize')).toBeDisabled();
    await expect(answers.getByTestId('portal-field-region')).toHaveValue('north');
    await expect(answers.getByTestId('portal-field-name')).toHaveValue('Amina Diallo');
    await expect(detail.getByTestId('application-history-state')).toHaveText([p.states.active, p.states.rejected]);
    await expect(detail.getByTestId('application-history-entry').nth(1)).toContainText(
      p.admin.historyBy.replace('{{name}}', 'Ada Admin'),
    );
    await expect(detail.getByTestId('application-history-reason')).toHaveText(
      p.applicant.reason.replace('{{reason}}', 'The household lives outside the program area.'),
    );
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    const adminAxe = await axeViolations(page, `${lang} application detail`);
    await detail.getByTestId('application-back').click();
    await expect(page.getByTestId('application-state')).toHaveText(p.states.rejected);

    // The applicant reads the reason and applies again (the program allows several submissions).
    await nav(applicant, tr, p.applicant.myApplications);
    await expect(applicant.getByTestId('portal-application-reason')).toHaveText(
      p.applicant.reason.replace('{{reason}}', 'The household lives outside the program area.'),
    );
    axe.push(...(await axeViolations(applicant, `${lang} my applications`)));
    await nav(applicant, tr, p.applicant.profile);
    await expect(applicant.getByRole('heading', { name: p.applicant.profile, level: 1 })).toBeVisible();
    axe.push(...(await axeViolations(applicant, `${lang} my information`)));
    await nav(applicant, tr, p.applicant.programs);
    await expect(applicant.getByTestId('portal-apply')).toHaveText(p.applicant.reapply);
    await applicant.getByTestId('portal-apply').click();
    await applicant.getByTestId('portal-field-householdSize').fill('5');
    await applicant.getByTestId('portal-field-region').selectOption('south');
    await applicant.getByTestId('portal-submit').click();
    await expect(applicant.getByTestId('portal-notice')).toContainText(before(p.applicant.submittedAs));
    await nav(applicant, tr, p.applicant.myApplications);
    await expect(applicant.getByTestId('portal-application')).toHaveCount(2);

    expect(axe).toEqual([]);
    expect(adminAxe).toEqual([]);
    expect(adminCsp).toEqual([]);
    expect(a.csp).toEqual([]);
    await a.context.close();
    await op.close();
  });
}

for (const lang of ['fr', 'ar'] as const) {
  const tr = LANGS[lang];
  test(`[${lang}] back from the provider the applicant lands signed in on the page asked for; a wrong state or a replayed code shows the translated error page`, async ({
    server,
    browser,
  }) => {
    const { op } = await portalServer(server);
    const a = await applicantPage(browser, lang);
    const applicant = a.page;
    // A signed-out applicant opens "My applications": the guard sends them to sign in first.
    await applicant.goto(`${server.host.origin}/`);
    await pickLanguage(applicant, lang);
    await applicant.goto(`${server.host.origin}/#/portal/applications`);
    await expect(applicant).toHaveURL(/#\/login$/);
    let callback: string | null = null;
    applicant.on('framenavigated', (f) => {
      if (f === applicant.mainFrame() && /[?&]code=/.test(f.url())) callback = f.url();
    });
    await applicant.getByTestId('portal-sign-in-button').click();
    await atProvider(applicant);
    await expect(applicant.getByRole('heading', { name: tr.portal.applicant.myApplications, level: 1 })).toBeVisible();
    // Signed in on the page asked for, with the code and state gone from the address bar.
    await expect(applicant).toHaveURL(`${server.host.origin}/#/portal/applications`);
    await expect(applicant.getByTestId('user-menu')).toBeVisible();
    expect(callback).toMatch(/[?&]state=/);

    // The same answer again (a replayed code) in a fresh tab: refused with the translated reason, the way back offered.
    const other = await applicantPage(browser, lang);
    await other.page.goto(`${server.host.origin}/`);
    await pickLanguage(other.page, lang);
    await other.page.goto(callback!);
    const page = other.page.getByTestId('portal-callback');
    await expect(page.getByRole('heading', { name: tr.portal.signIn.failed })).toBeVisible();
    await expect(page.getByTestId('form-error')).toContainText('PD_SSP_010');
    await expect(page.getByTestId('form-error')).toContainText(tr.errors.PD_SSP_010);
    await expect(other.page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    expect(await axeViolations(other.page, `${lang} sign-in refused`)).toEqual([]);

    // A state this server never issued: the same page, not a blank screen; the link goes back to sign-in.
    await other.page.goto(`${server.host.origin}/?state=forged-state-value&code=forged-code`);
    await expect(page.getByTestId('form-error')).toContainText(tr.errors.PD_SSP_010);
    await page.getByRole('link', { name: tr.portal.signIn.again }).click();
    await expect(other.page.getByTestId('portal-sign-in-button')).toHaveText(tr.portal.signIn.withId);

    // Consent withheld at the provider: its own code, the same page.
    await other.page.getByTestId('portal-sign-in-button').click();
    await atProvider(other.page, 'Deny');
    await expect(page.getByTestId('form-error')).toContainText('PD_SSP_019');
    await expect(page.getByTestId('form-error')).toContainText(tr.errors.PD_SSP_019);
    await expect(other.page.getByTestId('user-menu')).toHaveCount(0);
    expect(a.csp).toEqual([]);
    expect(other.csp).toEqual([]);
    await a.context.close();
    await other.context.close();
    await op.close();
  });
}
