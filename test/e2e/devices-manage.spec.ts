import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { keyPair, leaf } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import { ADMIN } from './steps.ts';
import { DP, FTP, as, b64, call, day, seedProvider } from './device-steps.ts';

/*
 * Issue 5, the day-to-day journeys after approval: paging through SBIs and devices, deactivating one
 * device, downloading an FTM chip certificate and deactivating the chip. The SBIs, devices and chips
 * are seeded through the core; what the user does runs in the UI.
 */

/** The pager under a list: total ("8+" when counted past the cap), "Page n of m", and the rows shown. */
async function expectPage(
  page: Page,
  pager: string,
  rows: string,
  total: number | string,
  indicator: string,
  count: number,
) {
  await expect(page.getByTestId(`${pager}-total`)).toHaveText(
    typeof total === 'string' && total.endsWith('+') ? `Results: more than ${total.slice(0, -1)}` : `Results: ${total}`,
  );
  await expect(page.getByTestId(`${pager}-page-indicator`)).toHaveText(indicator);
  await expect(page.getByTestId(rows)).toHaveCount(count);
}

test('device provider and admin page through 11 SBIs and 10 devices; one device is deactivated on its own', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { admin, session } = await seedProvider(desk, 'DEVICE', DP);
  const sbiIds: string[] = [];
  for (let i = 1; i <= 11; i++) {
    const sbi = await call(
      desk,
      'sbis.create',
      {
        partnerId: DP.username,
        sbiVersion: `3.${i}.0`,
        binaryHash: `sha256:${i}`,
        sbiCreatedDateTime: day(-1),
        sbiExpiryDateTime: day(400),
      },
      session,
    );
    await call(desk, 'sbis.decide', { sbiId: sbi.sbiId, decision: 'approved' }, admin);
    sbiIds.push(sbi.sbiId);
  }
  const sbiId = sbiIds[0]!;
  const devices: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) {
    const model = `D-${String(i).padStart(2, '0')}`;
    devices[model] = (
      await call(
        desk,
        'devices.add',
        { sbiId, deviceTypeCode: 'Finger', deviceSubTypeCode: 'Slap', make: 'Sentinel', model },
        session,
      )
    ).deviceId;
    // D-10 stays pending for approval
    if (i < 10) await call(desk, 'devices.decide', { deviceId: devices[model]!, decision: 'approved' }, admin);
  }

  // the provider's SBI cards: 8 per page, then all 11 on one page of 25
  await desk.open(page);
  await as(page, desk, DP.username, DP.password, '/provider/sbis');
  await expectPage(page, 'sbi-pager', 'sbi-card', 11, 'Page 1 of 2', 8);
  await expect(page.getByTestId('sbi-pager-previous')).toBeDisabled();
  await page.getByTestId('sbi-pager-next').click();
  await expectPage(page, 'sbi-pager', 'sbi-card', 11, 'Page 2 of 2', 3);
  await expect(page.getByTestId('sbi-pager-next')).toBeDisabled();
  await page.getByTestId('sbi-pager-previous').click();
  await expectPage(page, 'sbi-pager', 'sbi-card', 11, 'Page 1 of 2', 8);
  await page.getByTestId('sbi-pager-page-size').selectOption('25');
  await expectPage(page, 'sbi-pager', 'sbi-card', 11, 'Page 1 of 1', 11);

  // the devices of the first SBI, two pages
  const card = page.locator(`[data-testid="sbi-card"][data-sbi="${sbiId}"]`);
  await expect(card.getByTestId('sbi-card-counts')).toHaveText(
    '9 devices approved / 1 pending for approval under this SBI',
  );
  await card.getByTestId('sbi-card-view-devices').click();
  const rows = page.getByTestId('device-table-row');
  await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 1 of 2', 8);
  const first = await rows.getByTestId('device-row-model').allTextContents();
  await page.getByTestId('device-pager-next').click();
  await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 2 of 2', 2);
  const second = await rows.getByTestId('device-row-model').allTextContents();
  expect([...first, ...second].sort()).toEqual(Object.keys(devices).sort());

  // deactivate one device: the pending one cannot be, D-03 is, the SBI and its other devices stay as they are
  await page.getByTestId('device-pager-page-size').selectOption('25');
  await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 1 of 1', 10);
  const pending = rows.filter({ has: page.getByText('D-10', { exact: true }) });
  await expect(pending.getByTestId('device-row-deactivate')).toBeDisabled();
  await expect(pending.getByTestId('device-row-deactivate')).toHaveAttribute(
    'data-reason',
    'This device is not approved.',
  );
  const d03 = rows.filter({ has: page.getByText('D-03', { exact: true }) });
  await d03.getByTestId('device-row-deactivate').click();
  const dialog = page.getByTestId('device-deactivate-dialog');
  await expect(dialog).toContainText('Deactivate device Sentinel D-03?');
  await expect(page.getByTestId('device-deactivate-dialog-text')).toHaveText(
    'The device Sentinel D-03 (Finger / Slap) can no longer be used. This cannot be undone.',
  );
  await page.getByTestId('device-deactivate-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(d03.getByTestId('device-row-status')).toHaveText('Deactivated');
  await expect(d03.getByTestId('device-row-deactivate')).toBeDisabled();
  await desk.shot(page, 'device-deactivated-en');
  const after = (await call(desk, 'devices.list', { pageNo: 0, pageSize: 25, sbiId }, session)).data;
  expect(after.filter((d) => d.status === 'deactivated').map((d) => d.model)).toEqual(['D-03']);
  expect(after.filter((d) => d.status === 'approved')).toHaveLength(8);
  expect((await call(desk, 'sbis.get', { sbiId }, session)).status).toBe('approved');
  const twice = await desk.core.dispatch('devices.deactivate', session, {
    deviceId: devices['D-03']!,
  });
  expect(twice.ok ? null : twice.error.code).toBe('PMS_DEVICE_ERROR_014');

  // the admin's SBI table and devices tab page the same way; the admin deactivates D-07
  await as(page, desk, ADMIN.username, ADMIN.password, '/admin/sbi-devices');
  await expectPage(page, 'sbi-pager', 'sbi-table-row', 11, 'Page 1 of 2', 8);
  await page.getByTestId('sbi-pager-next').click();
  await expectPage(page, 'sbi-pager', 'sbi-table-row', 11, 'Page 2 of 2', 3);
  await page.goto(`${desk.host.origin}/#/admin/sbi-devices?tab=devices`);
  await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 1 of 2', 8);
  await page.getByTestId('device-pager-next').click();
  await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 2 of 2', 2);
  await page.getByTestId('device-pager-previous').click();
  await page.getByTestId('device-pager-page-size').selectOption('25');
  const d07 = rows.filter({ has: page.getByText('D-07', { exact: true }) });
  await d07.getByTestId('device-row-deactivate').click();
  await page.getByTestId('device-deactivate-dialog-confirm').click();
  await expect(d07.getByTestId('device-row-status')).toHaveText('Deactivated');
  await page.getByTestId('device-filters').locator('[name="status"]').selectOption('deactivated');
  await page.getByTestId('device-filters-apply').click();
  await expectPage(page, 'device-pager', 'device-table-row', 2, 'Page 1 of 1', 2);
  expect((await rows.getByTestId('device-row-model').allTextContents()).sort()).toEqual(['D-03', 'D-07']);
});

test('FTM provider downloads the chip certificate (list and detail), then deactivates the chip', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { admin, session, ca } = await seedProvider(desk, 'FTM', FTP);
  const chipCert = leaf(ca, `CN=SS-7 chip, O=${FTP.orgName}`, {
    key: keyPair('rsa2048', 'e2e-ftm-chip-7'),
  });
  const chip = await call(
    desk,
    'ftm.create',
    { partnerId: FTP.username, make: 'SecureSilicon', model: 'SS-7' },
    session,
  );
  await call(
    desk,
    'ftm.uploadCertificate',
    { ftmId: chip.ftmId, fileName: 'ss-7.pem', contentBase64: b64(chipCert.pem) },
    session,
  );
  await call(desk, 'ftm.decide', { ftmId: chip.ftmId, decision: 'approved' }, admin);
  const uploaded = new X509Certificate(chipCert.pem);

  const downloaded = async (button: ReturnType<Page['getByTestId']>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(file.suggestedFilename()).toBe(`ftm-${chip.ftmId}.pem`);
    return new X509Certificate(readFileSync(await file.path(), 'utf8'));
  };

  await desk.open(page);
  await as(page, desk, FTP.username, FTP.password, '/provider/ftm');
  const row = page.getByTestId('ftm-table-row').filter({ hasText: 'SS-7' });
  await expect(row.getByTestId('ftm-row-status')).toHaveText('Approved');
  await expect(row.getByTestId('ftm-row-expiry')).toHaveText('Valid');
  // the file is the certificate that was uploaded, byte for byte
  const fromList = await downloaded(row.getByTestId('ftm-row-download'));
  expect(fromList.raw.equals(uploaded.raw)).toBe(true);
  expect(fromList.subject).toContain('CN=SS-7 chip');

  // the admin downloads it from the chip's detail view
  await as(page, desk, ADMIN.username, ADMIN.password, '/admin/ftm');
  await page.getByTestId('ftm-table-row').filter({ hasText: 'SS-7' }).getByTestId('ftm-row-view').click();
  await expect(page.getByTestId('ftm-detail-certificate')).toContainText('SS-7 chip');
  const fromDetail = await downloaded(page.getByTestId('ftm-detail-download'));
  expect(fromDetail.fingerprint256).toBe(uploaded.fingerprint256);

  // the provider deactivates the chip: no more download, no re-upload
  await as(page, desk, FTP.username, FTP.password, '/provider/ftm');
  await row.getByTestId('ftm-row-deactivate').click();
  await expect(page.getByTestId('ftm-deactivate-dialog-text')).toHaveText(
    'The FTM chip SecureSilicon SS-7 can no longer be used. This cannot be undone.',
  );
  await page.getByTestId('ftm-deactivate-dialog-confirm').click();
  await expect(page.getByTestId('ftm-deactivate-dialog')).toHaveCount(0);
  await expect(row.getByTestId('ftm-row-status')).toHaveText('Deactivated');
  await expect(row.getByTestId('ftm-row-deactivate')).toBeDisabled();
  await expect(row.getByTestId('ftm-row-download')).toHaveAttribute(
    'data-reason',
    'The certificate can be downloaded once it is uploaded and the chip is pending for approval or approved.',
  );
  await expect(row.getByTestId('ftm-row-upload')).toHaveAttribute(
    'data-reason',
    'A certificate can only be uploaded while the chip is pending for certificate upload or approved.',
  );
  await desk.shot(page, 'ftm-deactivated-en');
  const refused = await desk.core.dispatch('ftm.downloadCertificate', session, {
    ftmId: chip.ftmId,
  });
  expect(refused.ok ? null : refused.error.code).toBe('PMS_FTM_ERROR_009');
  const again = await desk.core.dispatch('ftm.deactivate', admin, { ftmId: chip.ftmId });
  expect(again.ok ? null : again.error.code).toBe('PMS_FTM_ERROR_007');
});

test.describe('a total counted past the cap (config lists.countCap)', () => {
  test.use({ deskConfig: { lists: { countCap: 4 } } });

  test('the admin pages a filtered device list shown as "more than 8" until its last page gives the exact total', async ({
    page,
    desk,
  }) => {
    test.setTimeout(120_000);
    const { admin, session } = await seedProvider(desk, 'DEVICE', DP);
    const sbi = await call(
      desk,
      'sbis.create',
      {
        partnerId: DP.username,
        sbiVersion: '4.0.0',
        binaryHash: 'sha256:cap',
        sbiCreatedDateTime: day(-1),
        sbiExpiryDateTime: day(400),
      },
      session,
    );
    await call(desk, 'sbis.decide', { sbiId: sbi.sbiId, decision: 'approved' }, admin);
    for (let i = 1; i <= 10; i++) {
      const { deviceId } = await call(
        desk,
        'devices.add',
        {
          sbiId: sbi.sbiId,
          deviceTypeCode: 'Finger',
          deviceSubTypeCode: 'Slap',
          make: 'Sentinel',
          model: `C-${String(i).padStart(2, '0')}`,
        },
        session,
      );
      await call(desk, 'devices.decide', { deviceId, decision: 'approved' }, admin);
    }
    await desk.open(page);
    await as(page, desk, ADMIN.username, ADMIN.password, '/admin/sbi-devices?tab=devices');
    // make + status is counted, not kept: 10 matches pass the cap of 4
    const filters = page.getByTestId('device-filters');
    await filters.locator('[name="make"]').fill('sentinel');
    await filters.locator('[name="status"]').selectOption('approved');
    await page.getByTestId('device-filters-apply').click();
    await expectPage(page, 'device-pager', 'device-table-row', '8+', 'Page 1', 8);
    await expect(page.getByTestId('device-pager-next')).toBeEnabled();
    await page.getByTestId('device-pager-next').click();
    await expectPage(page, 'device-pager', 'device-table-row', 10, 'Page 2 of 2', 2);
    await expect(page.getByTestId('device-pager-next')).toBeDisabled();
    await page.getByTestId('device-pager-previous').click();
    await expectPage(page, 'device-pager', 'device-table-row', '8+', 'Page 1', 8);
  });
});
