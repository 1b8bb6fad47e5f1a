import 'reflect-metadata';
import { keyPair, leaf } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import { ADMIN } from './steps.ts';
import { DP, FTP, as, call, day, pemFile, seedProvider, switchLanguage } from './device-steps.ts';
import type { Page } from '@playwright/test';

/*
 * Device providers and FTM chip providers (issue 5) in Chromium against the web host. Admin, trust
 * chains and approved providers are seeded through the core; the journeys themselves run in the UI.
 */

async function fillDeviceRow(page: Page, index: number, type: string, subType: string, make: string, model: string) {
  const row = page.getByTestId('device-row').nth(index);
  await row.locator('[name="deviceTypeCode"]').selectOption(type);
  await row.locator('[name="deviceSubTypeCode"]').selectOption(subType);
  await row.locator('[name="make"]').fill(make);
  await row.locator('[name="model"]').fill(model);
  return row;
}

test('device provider: SBI added and approved, devices added row by row, approved and rejected, SBI deactivated with its cascade', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { session } = await seedProvider(desk, 'DEVICE', DP);
  await desk.open(page);
  await as(page, desk, DP.username, DP.password, '/dashboard');

  // the dashboard card leads to the SBI list; none yet
  await expect(page.getByTestId('card-count-sbiDevice')).toHaveAttribute('title', 'No SBI expires within 30 days');
  await page.getByTestId('card-sbiDevice').click();
  await expect(page).toHaveURL(/#\/provider\/sbis$/);
  await expect(page.getByTestId('sbi-empty')).toBeVisible();

  // Add SBI → confirmation
  await page.getByTestId('add-sbi-link').click();
  const form = page.getByTestId('add-sbi-form');
  await page.getByTestId('add-sbi-submit').click();
  await expect(form.locator('[name="sbiVersion"]')).toHaveAttribute('aria-invalid', 'true');
  await form.locator('[name="sbiVersion"]').fill('2.1.0');
  await form.locator('[name="binaryHash"]').fill('sha256:4f9c2a7be1d0');
  await form.locator('[name="sbiCreatedDateTime"]').fill(day(-1));
  await form.locator('[name="sbiExpiryDateTime"]').fill(day(400));
  await expect(form.locator('[name="partnerId"]')).toHaveValue(DP.username);
  await page.getByTestId('add-sbi-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('SBI submitted successfully');
  await expect(page.getByTestId('sbi-added-description')).toContainText('SBI version 2.1.0 is pending for approval');
  await page.getByTestId('confirmation-back').click();

  // pending: Add Devices is disabled and says why
  const card = page.getByTestId('sbi-card');
  await expect(card.getByTestId('sbi-card-status')).toHaveText('Pending For Approval');
  await expect(card.getByTestId('sbi-card-add-devices')).toBeDisabled();
  await expect(card.getByTestId('sbi-card-add-reason')).toHaveText(
    'Devices can be added once the admin has approved this SBI.',
  );
  await expect(card.getByTestId('sbi-card-deactivate')).toBeDisabled();

  // the admin approves it (dashboard badge names SBI and device requests)
  await as(page, desk, ADMIN.username, ADMIN.password, '/dashboard');
  await expect(page.getByTestId('card-count-sbiDevice')).toHaveAttribute(
    'title',
    '1 SBI and 0 device requests are pending',
  );
  await page.getByTestId('card-sbiDevice').click();
  await expect(page).toHaveURL(/#\/admin\/sbi-devices$/);
  const sbiRow = page.getByTestId('sbi-table-row');
  await expect(sbiRow).toHaveCount(1);
  await expect(sbiRow.getByTestId('sbi-row-status')).toHaveText('Pending For Approval');
  await sbiRow.getByTestId('sbi-row-decide').click();
  await expect(page.getByTestId('sbi-decide-dialog')).toContainText(`SBI 2.1.0 of ${DP.username} (${DP.orgName})`);
  await page.getByTestId('sbi-decide-dialog-approve').click();
  await expect(sbiRow.getByTestId('sbi-row-status')).toHaveText('Approved');
  await expect(sbiRow.getByTestId('sbi-row-decide')).toBeDisabled();

  // the provider adds two devices, each row on its own: a duplicate is refused on its row
  await as(page, desk, DP.username, DP.password, '/provider/sbis');
  await expect(card.getByTestId('sbi-card-status')).toHaveText('Approved');
  await expect(card.getByTestId('sbi-card-expiry')).toHaveText('Valid');
  await card.getByTestId('sbi-card-add-devices').click();
  await expect(page).toHaveURL(/#\/provider\/sbis\/add-devices\?sbiId=/);
  const row1 = await fillDeviceRow(page, 0, 'Finger', 'Slap', 'Sentinel', 'SL-500');
  await page.getByTestId('add-device-row').click();
  const row2 = await fillDeviceRow(page, 1, 'Finger', 'Slap', 'Sentinel', 'SL-500');
  await row1.getByTestId('device-row-submit').click();
  await expect(row1.getByTestId('device-row-result')).toContainText('Submitted: pending for approval');
  await row2.getByTestId('device-row-submit').click();
  await expect(row2.getByTestId('device-row-error')).toHaveAttribute('data-code', 'PMS_AUT_003');
  await expect(row2.getByTestId('device-row-error')).toContainText('PMS_AUT_003');
  await expect(row1.getByTestId('device-row-result')).toBeVisible();
  await desk.shot(page, 'add-devices-en');
  await row2.locator('[name="model"]').fill('SL-600');
  await row2.getByTestId('device-row-submit').click();
  await expect(row2.getByTestId('device-row-result')).toBeVisible();

  // the admin approves one and rejects the other
  await as(page, desk, ADMIN.username, ADMIN.password, '/admin/sbi-devices');
  await expect(sbiRow.getByTestId('sbi-row-linked')).toHaveText('2');
  await sbiRow.getByTestId('sbi-row-linked').click();
  await expect(page.getByTestId('linked-filter')).toBeVisible();
  const devRows = page.getByTestId('device-table-row');
  await expect(devRows).toHaveCount(2);
  const sl500 = devRows.filter({ hasText: 'SL-500' });
  const sl600 = devRows.filter({ hasText: 'SL-600' });
  await sl500.getByTestId('device-row-decide').click();
  await expect(page.getByTestId('device-decide-dialog-blocked')).toHaveCount(0);
  await page.getByTestId('device-decide-dialog-approve').click();
  await expect(sl500.getByTestId('device-row-status')).toHaveText('Approved');
  await sl600.getByTestId('device-row-decide').click();
  await page.getByTestId('device-decide-dialog-reject').click();
  await expect(sl600.getByTestId('device-row-status')).toHaveText('Rejected');
  await desk.shot(page, 'admin-sbi-devices-en');

  // one more pending device (through the core), then the provider deactivates the SBI: the cascade is stated
  const sbiId = (await call(desk, 'sbis.list', { pageNo: 0, pageSize: 8 }, session)).data[0]!.sbiId;
  await call(
    desk,
    'devices.add',
    { sbiId, deviceTypeCode: 'Iris', deviceSubTypeCode: 'Double', make: 'Sentinel', model: 'IR-7' },
    session,
  );
  await as(page, desk, DP.username, DP.password, '/provider/sbis');
  await expect(card.getByTestId('sbi-card-counts')).toHaveText(
    '1 devices approved / 1 pending for approval under this SBI',
  );
  await desk.shot(page, 'sbi-list-en');
  await card.getByTestId('sbi-card-view-devices').click();
  await expect(page.getByTestId('device-table-row')).toHaveCount(3);
  await page.getByTestId('back-link').click();
  await card.getByTestId('sbi-card-deactivate').click();
  await expect(page.getByTestId('sbi-deactivate-cascade')).toHaveText(
    'Deactivating this SBI deactivates its 1 approved devices and rejects its 1 devices pending for approval. This cannot be undone.',
  );
  await page.getByTestId('sbi-deactivate-dialog-confirm').click();
  await expect(page.getByTestId('sbi-notice')).toHaveText(
    'SBI 2.1.0 is deactivated: 1 devices deactivated, 1 device requests rejected.',
  );
  await expect(card.getByTestId('sbi-card-status')).toHaveText('Deactivated');
  await expect(card.getByTestId('sbi-card-add-devices')).toBeDisabled();
  const devices = (await call(desk, 'devices.list', { pageNo: 0, pageSize: 8, sbiId }, session)).data;
  expect(devices.map((d) => `${d.model}:${d.status}`).sort()).toEqual([
    'IR-7:rejected',
    'SL-500:deactivated',
    'SL-600:rejected',
  ]);
});

test('orphan device can only be rejected; French admin list and Arabic SBI list (demo data)', async ({
  page,
  desk,
}) => {
  test.setTimeout(90_000);
  const demo = await call(desk, 'setup.loadDemo', {});
  const admin = (await call(desk, 'auth.login', { login: demo.adminLogin, password: demo.password })).token;
  // the core refuses the approval of a device without SBI
  const refused = await desk.core.dispatch('devices.decide', admin, {
    deviceId: 'demo-device-orphan',
    decision: 'approved',
  });
  expect(refused.ok ? null : refused.error.code).toBe('PMS_DEVICE_ERROR_024');

  await desk.open(page);
  await as(page, desk, demo.adminLogin, demo.password, '/admin/sbi-devices?tab=devices');
  await page.getByTestId('device-filters').locator('[name="orphan"]').selectOption('true');
  await page.getByTestId('device-filters-apply').click();
  const orphan = page.getByTestId('device-table-row');
  await expect(orphan).toHaveCount(1);
  await expect(orphan.getByTestId('device-row-orphan')).toHaveText('Not associated with any SBI');
  await orphan.getByTestId('device-row-decide').click();
  await expect(page.getByTestId('device-decide-dialog-blocked')).toHaveText(
    'This device is not associated with any SBI, so it must be rejected.',
  );
  await expect(page.getByTestId('device-decide-dialog-approve')).toBeDisabled();
  await page.getByTestId('device-decide-dialog-reject').click();
  await expect(orphan.getByTestId('device-row-status')).toHaveText('Rejected');

  // French: the admin FTM list
  await switchLanguage(page, desk, 'fr', '/admin/ftm');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Puce FTM');
  await expect(page.getByTestId('ftm-table-row').filter({ hasText: 'SS-T2' }).getByTestId('ftm-row-status')).toHaveText(
    'En attente d’approbation',
  );
  await switchLanguage(page, desk, 'en', '/dashboard');

  // Arabic: the provider's SBI list, right to left
  await as(page, desk, 'sentinel-biometrics', demo.password, '/dashboard');
  await switchLanguage(page, desk, 'ar', '/provider/sbis');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SBI والأجهزة');
  await expect(page.getByTestId('sbi-card').first()).toBeVisible();
  await expect(
    page.locator('[data-testid="sbi-card"][data-sbi="demo-sbi-expired"]').getByTestId('sbi-card-add-reason'),
  ).toHaveText('انتهت صلاحية هذه الواجهة: لا يمكن إضافة أجهزة.');
  await desk.shot(page, 'sbi-list-ar');
});

test('FTM provider: chip created, certificate uploaded, admin approves; approval without certificate is refused', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { admin, session, ca } = await seedProvider(desk, 'FTM', FTP);
  // a second chip without certificate, through the core: approval refused (PMP_AUT_033)
  const bare = await call(
    desk,
    'ftm.create',
    { partnerId: FTP.username, make: 'SecureSilicon', model: 'SS-0' },
    session,
  );
  const refused = await desk.core.dispatch('ftm.decide', admin, {
    ftmId: bare.ftmId,
    decision: 'approved',
  });
  expect(refused.ok ? null : refused.error.code).toBe('PMP_AUT_033');

  await desk.open(page);
  await as(page, desk, FTP.username, FTP.password, '/dashboard');
  await page.getByTestId('card-ftmChip').click();
  await expect(page).toHaveURL(/#\/provider\/ftm$/);
  await page.getByTestId('add-ftm-link').click();
  const form = page.getByTestId('add-ftm-form');
  await form.locator('[name="make"]').fill('SecureSilicon');
  await form.locator('[name="model"]').fill('SS-9');
  await page.getByTestId('add-ftm-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('FTM chip details created');
  await expect(page.getByTestId('ftm-added-description')).toContainText('FTM chip SecureSilicon SS-9 is created');

  // the next step: upload the chip certificate
  await page.getByTestId('ftm-added-upload').click();
  const dialog = page.getByTestId('ftm-upload-dialog');
  await page.getByTestId('ftm-upload-submit').click();
  await expect(dialog).toContainText('Choose a certificate file.');
  const chip = leaf(ca, `CN=SS-9 chip, O=${FTP.orgName}`, {
    key: keyPair('rsa2048', 'e2e-ftm-chip'),
  });
  await page.getByTestId('ftm-upload-file').setInputFiles(pemFile('ss-9.pem', chip.pem));
  await page.getByTestId('ftm-upload-submit').click();
  await expect(page.getByTestId('ftm-upload-success')).toBeVisible();
  await page.getByTestId('ftm-upload-close').click();
  await expect(page).toHaveURL(/#\/provider\/ftm$/);
  const ss9 = page.getByTestId('ftm-table-row').filter({ hasText: 'SS-9' });
  await expect(ss9.getByTestId('ftm-row-status')).toHaveText('Pending For Approval');
  await expect(page.getByTestId('ftm-table-row').filter({ hasText: 'SS-0' }).getByTestId('ftm-row-status')).toHaveText(
    'Pending For Certificate Upload',
  );
  await expect(ss9.getByTestId('ftm-row-upload')).toBeDisabled();
  await desk.shot(page, 'ftm-list-en');

  // the admin: approve is disabled for the chip without certificate, then approves SS-9
  await as(page, desk, ADMIN.username, ADMIN.password, '/dashboard');
  await expect(page.getByTestId('card-count-ftmChip')).toHaveText(/^1/);
  await page.getByTestId('card-ftmChip').click();
  await expect(page).toHaveURL(/#\/admin\/ftm$/);
  const rows = page.getByTestId('ftm-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'SS-0' }).getByTestId('ftm-row-decide')).toBeDisabled();
  const admin9 = rows.filter({ hasText: 'SS-9' });
  await admin9.getByTestId('ftm-row-decide').click();
  await expect(page.getByTestId('ftm-decide-dialog-blocked')).toHaveCount(0);
  await page.getByTestId('ftm-decide-dialog-approve').click();
  await expect(admin9.getByTestId('ftm-row-status')).toHaveText('Approved');
  await desk.shot(page, 'admin-ftm-en');
  await admin9.getByTestId('ftm-row-view').click();
  await expect(page.getByTestId('ftm-detail-status')).toHaveText('Approved');
  await expect(page.getByTestId('ftm-detail-certificate')).toContainText('SS-9 chip');

  // re-upload warns that the approved chip goes back to pending
  await as(page, desk, FTP.username, FTP.password, '/provider/ftm');
  await expect(ss9.getByTestId('ftm-row-status')).toHaveText('Approved');
  await ss9.getByTestId('ftm-row-upload').click();
  await expect(page.getByTestId('ftm-reupload-warning')).toContainText('back to Pending For Approval');
  await page.getByTestId('ftm-upload-cancel').click();
});
