import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, signIn, signOut } from './steps.ts';

/*
 * Devices & hardware (issue 6) in Chromium against the web host, with the virtual SBI the admin
 * starts from its panel: discovery, onboarding into a pre-filled Add SBI, the live view, the
 * compliance bench with its export, FTM chip onboarding, and the screen in Arabic.
 */

// A port range of its own, so the virtual SBI never meets another test's services.
test.use({
  deskConfig: { hardware: { sbiPortFrom: 4590, sbiPortTo: 4599, discoveryIntervalSeconds: 15 } },
});

// The virtual devices' certificates name these organisations (O=) and this provider id (config defaults).
const DP = {
  firstName: 'Sami',
  lastName: 'Kone',
  orgName: 'Sentinel Biometrics',
  partnerType: 'Device_Provider',
  address: '3 Sensor Street, Bamako',
  email: 'sami@sentinel.example',
  phone: '+22370123456',
  username: 'sentinel-biometrics',
  password: 'Sent1nel-Secret!',
  lang: 'en',
} as const;
const FTP = {
  firstName: 'Lea',
  lastName: 'Traore',
  orgName: 'SecureSilicon FTM',
  partnerType: 'FTM_Provider',
  address: '9 Chip Road, Dakar',
  email: 'lea@securesilicon.example',
  phone: '+221701234567',
  username: 'securesilicon',
  password: 'S1licon-Secret!',
  lang: 'en',
} as const;

const b64 = (text: string) => Buffer.from(text).toString('base64');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function call<M extends MethodName>(
  desk: Desk,
  method: M,
  input: Input<M>,
  session: string | null = null,
): Promise<Output<M>> {
  const r = await desk.core.dispatch(method, session, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as Output<M>;
}

/** Admin plus one approved provider of `domain` whose partner certificate chains to a trusted test CA. */
async function seed(desk: Desk, domain: 'DEVICE' | 'FTM', partner: typeof DP | typeof FTP) {
  const admin = (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const caRoot = root(`CN=${domain} Root CA, O=Trust Services`, {
    key: keyPair('rsa2048', `hw-${domain}-root`),
  });
  const ca = intermediate(caRoot, `CN=${domain} Issuing CA, O=Trust Services`, {
    key: keyPair('rsa2048', `hw-${domain}-ca`),
  });
  await call(
    desk,
    'trustStore.upload',
    { partnerDomain: domain, fileName: 'chain.pem', contentBase64: b64(caRoot.pem + ca.pem) },
    admin,
  );
  await call(desk, 'auth.register', partner);
  const session = (await call(desk, 'auth.login', { login: partner.username, password: partner.password })).token;
  const cert = leaf(ca, `CN=${partner.username}, O=${partner.orgName}`, {
    key: keyPair('rsa2048', `hw-${domain}-partner`),
  });
  await call(
    desk,
    'partnerCertificate.upload',
    { partnerId: partner.username, fileName: 'partner.pem', contentBase64: b64(cert.pem) },
    session,
  );
  return { admin, session };
}

async function as(page: Page, desk: Desk, login: string, password: string, hash: string) {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  await signIn(page, login, password);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${desk.host.origin}/#${hash}`);
}

/** The admin starts the virtual SBI and trusts its roots, from the virtual SBI panel. */
async function adminStartsVirtualSbi(page: Page, desk: Desk) {
  await as(page, desk, ADMIN.username, ADMIN.password, '/hardware/virtual');
  await expect(page.getByTestId('virtual-state')).toHaveAttribute('data-running', 'false');
  await page.getByTestId('virtual-start').click();
  // Starting generates the device PKI (RSA keys): over 10 s on a loaded machine.
  await expect(page.getByTestId('virtual-state')).toHaveAttribute('data-running', 'true', {
    timeout: 45_000,
  });
  await expect(page.getByTestId('virtual-state')).toContainText(/127\.0\.0\.1:45(9\d)/);
  await expect(page.getByTestId('virtual-device')).not.toHaveCount(0);
  await expect(page.getByTestId('virtual-trust-state')).toContainText('not trusted yet');
  // not a demo installation: the desk asks before trusting test roots whose keys it keeps
  await page.getByTestId('virtual-trust-roots').click();
  await expect(page.getByTestId('virtual-trust-confirm-box')).toContainText('test roots');
  await expect(page.getByTestId('virtual-trust-state')).toContainText('not trusted yet');
  await page.getByTestId('virtual-trust-confirm').click();
  await expect(page.getByTestId('virtual-trust-result')).toContainText('Added: 2');
  await expect(page.getByTestId('virtual-trust-state')).toContainText('are in the trust store');
}

test.beforeEach(async ({ desk }) => {
  await call(desk, 'setup.createAdmin', { ...ADMIN, lang: 'en' });
});

test('device provider: discovers the virtual device, onboards it into a pre-filled Add SBI and watches it live', async ({
  page,
  desk,
}) => {
  test.setTimeout(150_000);
  await seed(desk, 'DEVICE', DP);
  await desk.open(page);
  await adminStartsVirtualSbi(page, desk);
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await desk.shot(page, 'virtual-sbi-en');

  // the hardware screen lists the virtual devices, verified against the trusted roots
  await as(page, desk, DP.username, DP.password, '/dashboard');
  await page.getByRole('link', { name: 'Devices & hardware', exact: true }).click();
  await expect(page).toHaveURL(/#\/hardware$/);
  const slap = page.locator('[data-testid="sbi-row"][data-device="2"]');
  await expect(slap).toBeVisible();
  await expect(page.getByTestId('sbi-row')).toHaveCount(6);
  await expect(slap.getByTestId('sbi-row-verified')).toHaveAttribute('data-verified', 'true');
  await expect(slap.getByTestId('sbi-row-status')).toHaveText('Ready');
  await expect(slap).toContainText('Finger / Slap');
  await slap.getByTestId('sbi-row-details').click();
  await expect(page.getByTestId('sbi-row-checks-item').first()).toHaveAttribute('data-result', 'pass');
  await expect(page.getByTestId('usb-devices')).toBeVisible();
  await desk.shot(page, 'hardware-en');

  // onboarding: the device is read and verified; what the registry lacks is shown
  await slap.getByTestId('sbi-row-onboard').click();
  await expect(page).toHaveURL(/#\/hardware\/onboard\?port=\d+&deviceId=2$/);
  await expect(page.getByTestId('onboard-partner-select')).toHaveValue(DP.username);
  await expect(page.getByTestId('onboard-verified')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('onboard-checks-item').first()).toBeVisible();
  const version = (await page.getByTestId('onboard-service-version').innerText()).trim();
  expect(version).toMatch(/^\d+\.\d+/);
  const mismatches = page.getByTestId('onboard-mismatch-row');
  await expect(mismatches).toHaveCount(2);
  await expect(mismatches.filter({ hasText: 'sbiVersion' })).toContainText('Not registered');
  await expect(mismatches.filter({ hasText: 'device' }).first()).toContainText('Finger / Slap');
  await expect(page.getByTestId('onboard-prefill-devices')).toContainText('Finger / Slap');
  await expect(page.getByTestId('onboard-add-devices')).toBeDisabled();
  await expect(page.getByTestId('onboard-no-live-sbi')).toBeVisible();
  await desk.shot(page, 'onboard-device-en');
  await page.getByTestId('onboard-add-sbi').click();

  // Add SBI arrives pre-filled from the device; the user completes and submits it
  await expect(page).toHaveURL(/#\/provider\/sbis\/add\?prefill=1$/);
  await expect(page.getByTestId('prefill-note')).toContainText('Pre-filled from device 2');
  const form = page.getByTestId('add-sbi-form');
  await expect(form.locator('[name="sbiVersion"]')).toHaveValue(version);
  await expect(form.locator('[name="partnerId"]')).toHaveValue(DP.username);
  await form.locator('[name="binaryHash"]').fill('sha256:virtual-sbi');
  await form.locator('[name="sbiCreatedDateTime"]').fill(day(-1));
  await form.locator('[name="sbiExpiryDateTime"]').fill(day(400));
  await page.getByTestId('add-sbi-submit').click();
  await expect(page.getByTestId('sbi-added-description')).toContainText(
    `SBI version ${version} is pending for approval`,
  );
  // a plain visit of Add SBI starts empty again
  await page.goto(`${desk.host.origin}/#/provider/sbis/add`);
  await expect(page.getByTestId('add-sbi-form').locator('[name="sbiVersion"]')).toHaveValue('');
  await expect(page.getByTestId('prefill-note')).toHaveCount(0);

  // once the admin approved the SBI, "Add devices with these values" fills the device rows
  const admin = (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const sbiId = (await call(desk, 'sbis.list', { pageNo: 0, pageSize: 8 }, admin)).data[0]!.sbiId;
  await call(desk, 'sbis.decide', { sbiId, decision: 'approved' }, admin);
  await page.goto(`${desk.host.origin}/#/hardware`);
  await slap.getByTestId('sbi-row-onboard').click();
  await expect(mismatches).toHaveCount(1);
  await expect(page.getByTestId('onboard-sbi-select')).toHaveValue(sbiId);
  await page.getByTestId('onboard-add-devices').click();
  await expect(page).toHaveURL(/#\/provider\/sbis\/add-devices\?sbiId=.+&prefill=1$/);
  const row = page.getByTestId('device-row');
  await expect(row).toHaveCount(1);
  await expect(row.locator('[name="deviceTypeCode"]')).toHaveValue('Finger');
  await expect(row.locator('[name="deviceSubTypeCode"]')).toHaveValue('Slap');
  await row.getByTestId('device-row-submit').click();
  await expect(row.getByTestId('device-row-result')).toContainText('Submitted: pending for approval');
  await page.goto(`${desk.host.origin}/#/hardware`);
  await slap.getByTestId('sbi-row-onboard').click();
  await expect(page.getByTestId('onboard-no-mismatch')).toBeVisible();
  await expect(page.getByTestId('onboard-registered')).toBeVisible();

  // live view: frames arrive and are counted; leaving stops the stream
  await page.goto(`${desk.host.origin}/#/hardware`);
  await slap.getByTestId('sbi-row-live').click();
  await expect(page.getByTestId('live-phase')).toHaveAttribute('data-phase', 'live');
  await expect
    .poll(async () => Number(await page.getByTestId('live-count').getAttribute('data-count')), {
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('live-frame')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  expect(
    await page.getByTestId('live-frame').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  ).toBeGreaterThan(0);
  await desk.shot(page, 'live-view-en');
  await page.getByTestId('live-stop').click();
  await expect(page.getByTestId('live-phase')).toHaveAttribute('data-phase', 'stopped');
  const stopped = Number(await page.getByTestId('live-count').getAttribute('data-count'));
  await page.waitForTimeout(500);
  expect(Number(await page.getByTestId('live-count').getAttribute('data-count'))).toBe(stopped);
});

test('device provider: runs the compliance bench with progress and prompts, then exports the report', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000);
  // The admin started the virtual SBI, so only the admin may steer it (issue 12): the admin plays the device's hands.
  const { admin } = await seed(desk, 'DEVICE', DP);
  await desk.open(page);
  await adminStartsVirtualSbi(page, desk);
  await as(page, desk, DP.username, DP.password, '/hardware');
  const slap = page.locator('[data-testid="sbi-row"][data-device="2"]');
  await slap.getByTestId('sbi-row-bench').click();
  await expect(page).toHaveURL(/#\/hardware\/bench\?port=\d+&deviceId=2$/);
  await expect(page.getByTestId('bench-purpose')).toHaveValue('Registration');
  await expect(page.getByTestId('bench-case-item').first()).toBeVisible();
  const cases = await page.getByTestId('bench-case-item').count();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-progress')).toBeVisible();
  await expect(page.getByTestId('bench-progress')).toHaveAttribute('aria-valuemax', String(cases));

  // The tester's part: a prompt names a device state; set it on the virtual device, then Done.
  let prompts = 0;
  let skipped = 0;
  const state = page.getByTestId('bench-state');
  await expect
    .poll(
      async () => {
        const prompt = page.getByTestId('bench-prompt');
        if (await prompt.isVisible()) {
          const text = await page.getByTestId('bench-prompt-text').innerText();
          const seq = await page.getByTestId('bench-prompt-text').getAttribute('data-seq');
          const wanted = /"(Ready|Busy|Not Ready|Not Registered)"/.exec(text)?.[1] as
            'Ready' | 'Busy' | 'Not Ready' | 'Not Registered' | undefined;
          if (wanted)
            await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '2', status: wanted }, admin);
          else if (/rotate/i.test(text))
            await call(desk, 'virtualSbi.control', { action: 'rotateKeys', deviceId: '2' }, admin);
          // The virtual panel has no way to withhold input: a tester who cannot act skips the case.
          const cannot = /present nothing/i.test(text);
          if (cannot) skipped++;
          await page.getByTestId(cannot ? 'bench-prompt-skip' : 'bench-prompt-done').click();
          // The dialog closes, or already shows the next prompt (putting the device back, rotating again).
          await expect
            .poll(async () =>
              (await prompt.isVisible()) ? await page.getByTestId('bench-prompt-text').getAttribute('data-seq') : null,
            )
            .not.toBe(seq);
          prompts++;
        }
        return state.getAttribute('data-state');
      },
      { timeout: 150_000, intervals: [250] },
    )
    .toBe('done');
  await expect(page.getByTestId('bench-progress')).toHaveAttribute('aria-valuenow', String(cases));
  await expect(page.getByTestId('bench-case')).not.toHaveCount(0);
  // a failed case (if any) opens to its checks, each with its result and the reason of a failure
  const failed = page.locator('[data-testid="bench-case"][data-result="fail"]');
  const shown = (await failed.count()) > 0 ? failed.first() : page.getByTestId('bench-case').first();
  await shown.getByTestId('bench-case-toggle').click();
  await expect(shown.getByTestId('bench-case-checks-item').first()).toBeVisible();
  if ((await failed.count()) > 0) await expect(shown.getByTestId('bench-case-checks-reason').first()).not.toBeEmpty();
  await desk.shot(page, 'bench-en');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bench-export-json').click()]);
  expect(download.suggestedFilename()).toMatch(/^sbi-bench-2-.*\.json$/);
  const report = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Output<'sbi.bench.report'>['report'] &
    object;
  expect(report.device).toMatchObject({
    purpose: 'Registration',
    devices: [{ deviceId: '2', type: 'Finger', subType: 'Slap' }],
  });
  expect(report.cancelled).toBe(false);
  expect(report.cases.length).toBe(cases);
  expect(report.summary.pass + report.summary.fail + report.summary.skip).toBe(cases);
  expect(skipped).toBeGreaterThan(0);
  expect(report.summary.skip).toBe(skipped);
  await expect(page.getByTestId('bench-summary')).toHaveAttribute('data-pass', String(report.summary.pass));
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bench-export-html').click()]);
  expect(html.suggestedFilename()).toMatch(/\.html$/);
  const printable = readFileSync((await html.path())!, 'utf8');
  expect(printable).toContain('<html');
  expect(printable).not.toMatch(/<(script|link)\b|src="https?:/i);
  test.info().annotations.push({
    type: 'bench',
    description: `prompts answered: ${prompts} (skipped ${skipped}); failed: ${report.cases
      .filter((c) => c.result === 'fail')
      .map(
        (c) =>
          `${c.id} (${c.checks
            .filter((k) => k.result === 'fail')
            .map((k) => `${k.name}: ${k.reason ?? ''}`)
            .join('; ')})`,
      )
      .join(', ')}`,
  });
});

test('the starter of the virtual SBI: the bench acts on the device by default, and a prompt says how and can do it', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { admin } = await seed(desk, 'DEVICE', DP);
  await desk.open(page);
  await adminStartsVirtualSbi(page, desk);
  await page.goto(`${desk.host.origin}/#/hardware`);
  await page.locator('[data-testid="sbi-row"][data-device="2"]').getByTestId('sbi-row-bench').click();
  await expect(page.getByTestId('bench-case-item').first()).toBeVisible();
  // a newcomer is not stopped by "put device 2 in Busy": the bench steers the virtual device itself
  await expect(page.getByTestId('bench-auto-prompts')).toBeChecked();
  // by hand, the prompt says where the controls are and can carry the step out
  await page.getByTestId('bench-auto-prompts').uncheck();
  await page.getByTestId('bench-start').click();
  const text = page.getByTestId('bench-prompt-text');
  await expect(text).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('bench-prompt-how')).toContainText('Devices & hardware › Virtual SBI');
  const asked = await text.innerText();
  const seq = await text.getAttribute('data-seq');
  const wanted = /"(Busy|Not Ready|Not Registered)"/.exec(asked)?.[1];
  await page.getByTestId('bench-prompt-act').click();
  await expect
    .poll(async () => ((await text.isVisible()) ? await text.getAttribute('data-seq') : 'closed'))
    .not.toBe(seq);
  if (wanted) {
    const state = await call(desk, 'virtualSbi.state', {}, admin);
    // the device was put in the asked state, or already back to Ready by the next prompt's step
    expect(['Ready', wanted]).toContain(state.devices.find((d) => d.deviceId === '2')?.status);
  }
  if (await page.getByTestId('bench-prompt').isVisible()) await page.getByTestId('bench-prompt-cancel').click();
  else await page.getByTestId('bench-cancel').click();
  await expect(page.getByTestId('bench-state')).toHaveAttribute('data-state', /cancel/);
});

test('FTM provider: reads the virtual chip, proves possession and uploads its certificate', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const { session } = await seed(desk, 'FTM', FTP);
  await desk.open(page);
  await adminStartsVirtualSbi(page, desk);
  // the provider's FTM chip entry, with the make and model the chip reports
  const virtualChip = (await call(desk, 'hardware.ftm.chips', {}, session)).chips.find((c) => c.virtual)!;
  const said = await call(desk, 'hardware.ftm.read', { path: virtualChip.path }, session);
  const entry = await call(
    desk,
    'ftm.create',
    { partnerId: FTP.username, make: said.make, model: said.model },
    session,
  );

  await as(page, desk, FTP.username, FTP.password, '/hardware');
  const row = page.locator(`[data-testid="ftm-chip-row"][data-path="${virtualChip.path}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('ftm-chip-onboard').click();
  await expect(page).toHaveURL(/#\/hardware\/ftm\?path=/);
  await expect(page.getByTestId('ftm-onboard-chip')).toHaveValue(virtualChip.path);
  await expect(page.getByTestId('ftm-onboard-entry')).toHaveValue(entry.ftmId);
  await page.getByTestId('ftm-onboard-read').click();
  await expect(page.getByTestId('ftm-reading-make')).toHaveText(said.make);
  await expect(page.getByTestId('ftm-possession')).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('ftm-trust')).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('ftm-chain-row').first()).toContainText('SecureSilicon FTM');
  await expect(page.getByTestId('ftm-reading-differs')).toHaveCount(0);
  await desk.shot(page, 'ftm-onboard-en');
  await page.getByTestId('ftm-onboard-upload').click();
  await expect(page.getByTestId('ftm-onboard-success')).toBeVisible();
  await expect(page.getByTestId('ftm-onboard-status')).toHaveText('Pending For Approval');
  const stored = await call(desk, 'ftm.get', { ftmId: entry.ftmId }, session);
  expect(stored).toMatchObject({ status: 'pending_approval', isCertificateAvailable: true });
  await page.getByTestId('ftm-onboard-list').click();
  await expect(
    page.getByTestId('ftm-table-row').filter({ hasText: said.model }).getByTestId('ftm-row-status'),
  ).toHaveText('Pending For Approval');
});

test('device provider: Busy, Not Ready and Not Registered devices are listed greyed with their status, error and what to do', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { admin, session } = await seed(desk, 'DEVICE', DP);
  await call(desk, 'virtualSbi.control', { action: 'start' }, session);
  await call(desk, 'virtualSbi.trustRoots', { confirmTestRoots: true }, admin);
  // As a real device does, each answers discovery with its status and the error that goes with it.
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '2', status: 'Busy' }, session);
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '1', status: 'Not Ready' }, session);
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '3', status: 'Not Registered' }, session);
  await desk.open(page);
  await as(page, desk, DP.username, DP.password, '/hardware');
  await expect(page.getByTestId('sbi-row')).toHaveCount(6);
  await expect(page.getByTestId('sbi-problems')).toHaveCount(0);

  const row = (id: string) => page.locator(`[data-testid="sbi-row"][data-device="${id}"]`);
  const notes = (id: string) => page.locator(`[data-testid="sbi-row-notes"][data-device="${id}"]`);
  await expect(row('2')).toHaveAttribute('data-ready', 'false');
  await expect(row('2').getByTestId('sbi-row-status')).toHaveText('Busy');
  await expect(row('2').getByTestId('sbi-row-error')).toContainText('Error 111: Device is Busy');
  await expect(row('2').getByTestId('sbi-row-verified')).toHaveAttribute('data-verified', 'true');
  await expect(notes('2').getByTestId('sbi-row-advice')).toContainText('busy with another application');
  await expect(notes('2').getByTestId('sbi-row-advice')).toContainText(
    'Onboarding, the compliance bench and the live view need a Ready device.',
  );
  for (const action of ['sbi-row-onboard', 'sbi-row-bench', 'sbi-row-live'])
    await expect(row('2').getByTestId(action)).toHaveCount(0);

  await expect(row('1').getByTestId('sbi-row-status')).toHaveText('Not Ready');
  await expect(row('1').getByTestId('sbi-row-error')).toContainText('Error 110');
  await expect(notes('1').getByTestId('sbi-row-advice')).toContainText('not ready');

  // An unregistered device's information is unsigned: shown as such, never as verified.
  await expect(row('3').getByTestId('sbi-row-status')).toHaveText('Not Registered');
  await expect(row('3').getByTestId('sbi-row-error')).toContainText('Error 100');
  await expect(row('3').getByTestId('sbi-row-verified')).toHaveAttribute('data-signed', 'false');
  await expect(row('3').getByTestId('sbi-row-verified')).toHaveText(/Unsigned/);
  await expect(notes('3').getByTestId('sbi-row-advice')).toContainText('unsigned');

  // A Ready device keeps its actions; deviceCode and the digital ID's serialNo are shown under their spec names.
  await expect(row('4')).toHaveAttribute('data-ready', 'true');
  await expect(row('4').getByTestId('sbi-row-bench')).toBeVisible();
  await expect(page.getByTestId('sbi-table').locator('th')).toContainText(['deviceCode', 'serialNo (digital ID)']);
  await expect(row('4').getByTestId('sbi-row-device-code')).toHaveText('PDVFSING0001');
  await expect(row('4').getByTestId('sbi-row-serial-no')).toHaveText('PDVFSING0001');
  await expect(notes('4')).toHaveCount(0);
  await desk.shot(page, 'hardware-statuses-en');

  // Reached by its address, the bench and onboarding say what the Busy device needs and offer nothing to run.
  const port = await row('2').getAttribute('data-port');
  await page.goto(`${desk.host.origin}/#/hardware/bench?port=${port}&deviceId=2`);
  await expect(page.getByTestId('bench-not-ready')).toContainText('busy with another application');
  await expect(page.getByTestId('bench-device').locator('option[value$="/2"]')).toHaveCount(0);
  await expect(page.getByTestId('bench-device').locator('option[value$="/4"]')).toHaveCount(1);
  await page.goto(`${desk.host.origin}/#/hardware/onboard?port=${port}&deviceId=2`);
  await expect(page.getByTestId('onboard-not-ready')).toContainText('need a Ready device');
  await expect(page.getByTestId('onboard-device-code')).toContainText('PDVFSLAP0001');
  await expect(page.getByTestId('onboard-add-sbi')).toHaveCount(0);

  // Back to Ready: the row loses its note and gets its actions again without a reload.
  await call(desk, 'virtualSbi.control', { action: 'status', deviceId: '2', status: 'Ready' }, session);
  await page.goto(`${desk.host.origin}/#/hardware`);
  await expect(row('2')).toHaveAttribute('data-ready', 'true');
  await expect(row('2').getByTestId('sbi-row-bench')).toBeVisible();
  await expect(notes('2')).toHaveCount(0);
});

test('the hardware screen in Arabic reads right to left', async ({ page, desk }) => {
  test.setTimeout(90_000);
  const { admin, session } = await seed(desk, 'DEVICE', DP);
  await call(desk, 'virtualSbi.control', { action: 'start' }, session);
  await call(desk, 'virtualSbi.trustRoots', { confirmTestRoots: true }, admin);
  await desk.open(page);
  await as(page, desk, DP.username, DP.password, '/profile');
  await page.getByTestId('lang-select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.getByRole('link', { name: 'الأجهزة والعتاد', exact: true }).click();
  await expect(page).toHaveURL(/#\/hardware$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الأجهزة والعتاد');
  await expect(page.getByTestId('hardware-scan')).toHaveText('إعادة الفحص');
  await expect(page.getByTestId('usb-devices')).toBeVisible();
  const slap = page.locator('[data-testid="sbi-row"][data-device="2"]');
  await expect(slap.getByTestId('sbi-row-status')).toHaveText('جاهز');
  await expect(slap.getByTestId('sbi-row-verified')).toHaveText(/تم التحقق/);
  await expect(slap).toContainText('التسجيل');
  // Logical layout: the page's title starts at the right edge of the content in RTL.
  const box = await page.getByRole('heading', { level: 1 }).boundingBox();
  const main = await page.locator('#main').boundingBox();
  expect(box && main && box.x + box.width > main.x + main.width / 2).toBe(true);
  await desk.shot(page, 'hardware-ar');

  // the list follows the devices without a reload: the virtual SBI goes away and comes back
  await call(desk, 'virtualSbi.control', { action: 'stop' }, session);
  await expect(page.getByTestId('sbi-row')).toHaveCount(0);
  await expect(page.getByTestId('sbi-devices-empty')).toBeVisible();
  await call(desk, 'virtualSbi.control', { action: 'start' }, session);
  await expect(page.getByTestId('sbi-row')).toHaveCount(6);
});
