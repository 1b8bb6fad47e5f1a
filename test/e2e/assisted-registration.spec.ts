import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_IDA_PEOPLE } from '../../main/core/demo/ida.ts';
import { startDemoHardware } from '../../main/hosts/shared/demo-hardware.ts';
import { APPLICATION_FORM } from '../helpers/portal-forms.ts';
import { call, switchLanguage } from './device-steps.ts';
import { expect, test } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { signIn, signOut } from './steps.ts';

/*
 * Assisted registration (issue 16) in Chromium on the web host in demo mode: the virtual SBI's Auth
 * devices (4 finger, 5 iris, 6 face) encrypt to the demo ID service this host serves; Amina and
 * Karim are enrolled from the virtual Auth samples (a capture matches), Yusuf from the Registration
 * samples (nothing the virtual device captures matches him). One fresh profile per test.
 */

test.setTimeout(120_000);
test.use({
  deskConfig: {
    hardware: { sbiPortFrom: 4630, sbiPortTo: 4639, discoveryIntervalSeconds: 0 },
    assisted: { captureTimeoutMs: 3000 },
  },
});

const [AMINA, , YUSUF] = DEMO_IDA_PEOPLE;
const OFFICER = { username: 'officer1', password: 'Off1cer-Secret!' };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface OfficerDesk {
  admin: string;
  adminPassword: string;
}

/**
 * The demo dataset (ID service, desk partner, API key, the virtual devices' roots trusted), a
 * program with the household form, an officer; the virtual SBI started as `--demo` does.
 */
async function officerDesk(desk: Desk, lang: 'en' | 'fr' | 'ar'): Promise<OfficerDesk> {
  const demo = await call(desk, 'setup.loadDemo', {});
  const admin = (await call(desk, 'auth.login', { login: demo.adminLogin, password: demo.password })).token;
  await call(desk, 'programAdmins.grant', { userId: 'admin' }, admin);
  const form = await call(
    desk,
    'portalForms.create',
    { title: 'Household form', schema: structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown> },
    admin,
  );
  const { programId } = await call(desk, 'programs.create', { name: 'Cash transfer' }, admin);
  await call(desk, 'programs.mapForm', { programId, formId: form.formId, multipleSubmissions: true }, admin);
  await call(
    desk,
    'registrationOfficers.create',
    { firstName: 'Oumar', lastName: 'Sy', email: 'oumar@registry.example', ...OFFICER, lang },
    admin,
  );
  await startDemoHardware(desk.core, () => undefined);
  return { admin, adminPassword: demo.password };
}

async function officerSignsIn(page: Page, desk: Desk, lang: 'en' | 'fr' | 'ar' = 'en'): Promise<void> {
  await desk.open(page);
  await signIn(page, OFFICER.username, OFFICER.password);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  if (lang !== 'en') await switchLanguage(page, desk, lang, '/dashboard');
}

/** From the dashboard's card: a new assisted application with the id, the program and the consent. */
async function opens(page: Page, individualId: string): Promise<void> {
  await page.getByTestId('card-assisted').click();
  await page.getByTestId('assisted-new').click();
  await page.getByTestId('assisted-individual-id').fill(individualId);
  await page.getByTestId('assisted-program').selectOption({ label: 'Cash transfer' });
  await page.getByTestId('assisted-consent').check();
  await page.getByTestId('assisted-open').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'draft');
}

const finger = (page: Page) => page.locator('[data-testid="assisted-modality"][data-modality="Finger"]');

async function captures(page: Page, attempts: number): Promise<void> {
  await finger(page).getByTestId('assisted-capture').click();
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveCount(attempts);
}

async function axe(page: Page, where: string): Promise<string[]> {
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]'), `${where} still loading`).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

test('match → the consented claims fill the form → submitted; the program admin sees it assisted; axe finds nothing', async ({
  page,
  desk,
}) => {
  const { adminPassword } = await officerDesk(desk, 'en');
  await officerSignsIn(page, desk);
  const found: string[] = [];
  await expect(page.getByTestId('card-assisted')).toContainText('Assisted applications');
  await expect(page.getByTestId('card-count-assisted')).toHaveText(/^0/);
  await expect(page.getByTestId('card-partnerCertificate')).toHaveCount(0);
  await expect(page.getByTestId('account-status')).toHaveAttribute('data-status', 'active');
  found.push(...(await axe(page, 'dashboard')));

  await page.getByTestId('card-assisted').click();
  await expect(page.getByTestId('assisted-new')).toBeVisible();
  found.push(...(await axe(page, 'list')));
  await page.getByTestId('assisted-new').click();
  await expect(page.getByTestId('assisted-open')).toBeVisible();
  found.push(...(await axe(page, 'new')));
  // nothing opens without the applicant's consent, nor with a mistyped id (the Verhoeff check)
  await page.getByTestId('assisted-individual-id').fill(AMINA.individualId);
  await page.getByTestId('assisted-program').selectOption({ label: 'Cash transfer' });
  await page.getByTestId('assisted-open').click();
  await expect(page.getByTestId('form-error')).toContainText('PD_ASR_004');
  await page.getByTestId('assisted-consent').check();
  await page.getByTestId('assisted-individual-id').fill(AMINA.individualId.slice(0, 9) + '0');
  await page.getByTestId('assisted-open').click();
  await expect(page.getByTestId('form-error')).toContainText('PD_ASR_005');
  await page.getByTestId('assisted-individual-id').fill(AMINA.individualId);
  await page.getByTestId('assisted-open').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'draft');

  // the Auth devices, verified against the demo's trusted roots: none refused
  await expect(page.getByTestId('assisted-device')).toHaveCount(3);
  await expect(page.getByTestId('assisted-device-refusal')).toHaveCount(0);
  await expect(page.getByTestId('assisted-capture-panel')).toContainText('no live preview');
  found.push(...(await axe(page, 'capture')));
  await captures(page, 1);
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveAttribute('data-passed', 'true');
  await expect(finger(page)).toContainText('Attempts left: 2');
  found.push(...(await axe(page, 'captured')));

  await page.getByTestId('assisted-authenticate').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'authenticated');
  await expect(page.getByTestId('portal-field-name')).toHaveValue('Amina Diallo');
  await expect(page.getByTestId('portal-field-email')).toHaveValue('amina.diallo@example.org');
  await expect(page.getByTestId('portal-prefilled-name')).toBeVisible();
  found.push(...(await axe(page, 'form')));
  await page.getByTestId('portal-field-nationalId').fill(AMINA.individualId);
  await page.getByTestId('portal-field-householdSize').fill('4');
  await page.getByTestId('portal-field-region').selectOption('north');
  await page.getByTestId('assisted-submit').click();
  await expect(page.getByTestId('assisted-submitted')).toContainText('Submitted as application');
  await page
    .getByTestId('card-assisted')
    .or(page.getByRole('link', { name: 'Assisted applications' }))
    .first()
    .click();
  await expect(page.getByTestId('assisted-item').first()).toHaveAttribute('data-state', 'submitted');
  expect(found).toEqual([]);

  // the program admin reads the application as assisted, by whom
  await signOut(page);
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications', exact: true }).click();
  await expect(page.getByTestId('application-applicant')).toContainText('Amina Diallo');
  await expect(page.getByTestId('application-assisted')).toHaveText('Assisted by Oumar Sy');
});

test('in French: a sample that does not match is refused with the translated reason, and the officer starts again', async ({
  page,
  desk,
}) => {
  await officerDesk(desk, 'fr');
  await officerSignsIn(page, desk, 'fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('card-assisted')).toContainText('Demandes assistées');
  await opens(page, YUSUF.individualId);
  await expect(page.getByTestId('assisted-capture-panel')).toContainText('aperçu en direct');
  await captures(page, 1);
  await page.getByTestId('assisted-authenticate').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('assisted-outcome')).toHaveText(
    'Le service d’identité n’a trouvé aucune correspondance pour ce demandeur.',
  );
  await expect(page.getByTestId('form-error')).toContainText('PD_ASR_011');
  await expect(page.getByTestId('assisted-error-detail')).toHaveText('IDA-BIA-001');
  await page.getByTestId('assisted-restart').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'draft');
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveCount(0);
});

test('in Arabic (right to left): the main screens are translated and axe finds nothing', async ({ page, desk }) => {
  await officerDesk(desk, 'ar');
  await officerSignsIn(page, desk, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  const found = await axe(page, 'ar dashboard');
  await expect(page.getByTestId('card-assisted')).toContainText('الطلبات المُساعَدة');
  await page.getByTestId('card-assisted').click();
  await expect(page.getByTestId('assisted-new')).toHaveText('طلب مُساعَد جديد');
  found.push(...(await axe(page, 'ar list')));
  await page.goBack();
  await opens(page, AMINA.individualId);
  await expect(page.getByTestId('assisted-state')).toHaveText('قيد الالتقاط');
  found.push(...(await axe(page, 'ar capture')));
  await captures(page, 1);
  await page.getByTestId('assisted-authenticate').click();
  await expect(page.getByTestId('assisted-matched')).toContainText('طابقت خدمة الهوية');
  await expect(page.getByTestId('portal-field-name')).toHaveValue('Amina Diallo');
  found.push(...(await axe(page, 'ar form')));
  expect(found).toEqual([]);
});

test("the desk's API key deactivated by the admin: the next authentication is refused at once", async ({
  page,
  desk,
}) => {
  const { admin } = await officerDesk(desk, 'en');
  await officerSignsIn(page, desk);
  await opens(page, AMINA.individualId);
  await captures(page, 1);
  await call(desk, 'apiKeys.deactivate', { id: 'demo-key-desk' }, admin);
  await page.getByTestId('assisted-authenticate').click();
  await expect(page.getByTestId('assisted-state')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('assisted-outcome')).toHaveText(
    "The ID service refused this desk's credentials: the API key, partner or licence is not active.",
  );
  await expect(page.getByTestId('assisted-error-detail')).toHaveText(/^IDA-MPA-/);
});

test('a device whose signed information does not verify is refused before any capture', async ({ page, desk }) => {
  const { admin } = await officerDesk(desk, 'en');
  await officerSignsIn(page, desk);
  await opens(page, AMINA.individualId);
  await expect(page.getByTestId('assisted-device-refusal')).toHaveCount(0);
  // the device's signed device info stops verifying (one signature byte flipped)
  await call(desk, 'virtualSbi.control', { action: 'fault', fault: 'bad-signature' }, admin);
  await page.getByTestId('assisted-rescan').click();
  await expect(page.getByTestId('assisted-device-refusal')).toHaveCount(3);
  await expect(page.getByTestId('assisted-device-refusal').first()).toContainText('The device is not trusted');
  await expect(page.getByTestId('assisted-no-device-for')).toBeVisible();
  await expect(finger(page).getByTestId('assisted-capture')).toBeDisabled();
  await finger(page).getByTestId('assisted-capture').click({ force: true });
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveCount(0);

  await call(desk, 'virtualSbi.control', { action: 'fault', fault: null }, admin);
  await page.getByTestId('assisted-rescan').click();
  await expect(page.getByTestId('assisted-device-refusal')).toHaveCount(0);
  await captures(page, 1);
});

test('a Busy device and a capture that times out say so clearly; the retry works', async ({ page, desk }) => {
  const { admin } = await officerDesk(desk, 'en');
  await officerSignsIn(page, desk);
  await opens(page, AMINA.individualId);
  await expect(page.getByTestId('assisted-device-refusal')).toHaveCount(0);

  // Busy after the list was read: the desk checks the device again before capturing
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '4', status: 'Busy' }, admin);
  await finger(page).getByTestId('assisted-capture').click();
  await expect(page.getByTestId('form-error')).toContainText('The device is not ready');
  await expect(page.getByTestId('assisted-error-detail')).toContainText('Busy');
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveCount(0);
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '4', status: 'Ready' }, admin);
  await captures(page, 1);
  await expect(page.getByTestId('form-error')).toHaveCount(0);

  // the device answers after the desk's capture timeout (3 s here): no attempt counted, retry works
  await call(desk, 'virtualSbi.control', { action: 'delay', delayMs: 5000 }, admin);
  await finger(page).getByTestId('assisted-capture').click();
  await expect(page.getByTestId('assisted-capturing')).toBeVisible();
  await expect(page.getByTestId('form-error')).toContainText('The device did not capture', { timeout: 15_000 });
  await expect(finger(page).getByTestId('assisted-attempt')).toHaveCount(1);
  await call(desk, 'virtualSbi.control', { action: 'delay', delayMs: 0 }, admin);
  await captures(page, 2);
  await expect(page.getByTestId('form-error')).toHaveCount(0);
});
