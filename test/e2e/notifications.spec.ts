import 'reflect-metadata';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, PARTNER, signIn } from './steps.ts';

/*
 * Expiry notifications (issue 17) in Chromium against the web host: the partner's bell counts an
 * API key notice the daily job created, the panel lists it, its link opens the key, a new notice
 * arrives live through the core's events, dismiss removes it; the notifications page in Arabic.
 * The estate is seeded through the core; the jobs run on the core's clock (the system clock here).
 */

const b64 = (text: string) => Buffer.from(text).toString('base64');
const AUTH_POLICY = {
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }],
  allowedAuthTypes: [{ authType: 'otp', authSubType: '', mandatory: false }],
};

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

/** An admin, an approved Auth partner with a linked policy and an API key that expires in 15 days. */
async function seed(desk: Desk) {
  await call(desk, 'setup.createAdmin', { ...ADMIN, lang: 'en' });
  const admin = (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const authRoot = root('CN=Aurora Auth Root CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-auth-root'),
  });
  const authCa = intermediate(authRoot, 'CN=Aurora Issuing CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-auth-ca'),
  });
  await call(
    desk,
    'trustStore.upload',
    {
      partnerDomain: 'AUTH',
      fileName: 'auth-chain.pem',
      contentBase64: b64(authRoot.pem + authCa.pem),
    },
    admin,
  );
  const group = await call(desk, 'policyGroups.create', { name: 'Banking', description: 'Banks' }, admin);
  const draft = await call(
    desk,
    'policies.create',
    {
      policyGroupId: group.policyGroupId,
      name: 'KYC basic',
      description: 'Basic eKYC',
      policyType: 'Auth',
      policy: JSON.stringify(AUTH_POLICY),
    },
    admin,
  );
  const policy = await call(desk, 'policies.publish', { policyId: draft.policyId }, admin);
  await call(desk, 'auth.register', { ...PARTNER, partnerType: 'Auth_Partner', lang: 'en' });
  const partner = (await call(desk, 'auth.login', { login: PARTNER.username, password: PARTNER.password })).token;
  await call(
    desk,
    'partners.setPolicyGroup',
    { partnerId: PARTNER.username, policyGroupId: group.policyGroupId },
    partner,
  );
  const cert = leaf(authCa, `CN=${PARTNER.username}, O=${PARTNER.orgName}`, {
    key: keyPair('rsa2048', 'e2e-auth-partner'),
  });
  await call(
    desk,
    'partnerCertificate.upload',
    { partnerId: PARTNER.username, fileName: 'p.pem', contentBase64: b64(cert.pem) },
    partner,
  );
  const request = await call(
    desk,
    'linking.request',
    { partnerId: PARTNER.username, policyId: policy.policyId, comments: 'Account opening checks.' },
    partner,
  );
  await call(desk, 'linking.decide', { id: request.id, status: 'approved' }, admin);
  const key = await call(
    desk,
    'apiKeys.generate',
    { partnerId: PARTNER.username, policyId: policy.policyId, label: 'Branch tablets' },
    partner,
  );
  return { partner, policyId: policy.policyId, keyId: key.id };
}

test.use({ deskConfig: { apiKeys: { expiryDays: 15 } } });

test('partner: bell with unread count, panel, link to the expiring key, live arrival, dismiss; the page in Arabic', async ({
  page,
  desk,
}) => {
  test.setTimeout(120_000);
  const { partner, policyId, keyId } = await seed(desk);
  const jobs = await runScheduledJobs(desk.core);
  expect(jobs.notifications.created).toBe(1); // the key: 15 days left

  await desk.open(page);
  await signIn(page, PARTNER.username, PARTNER.password);
  const bell = page.getByTestId('notification-bell');
  await expect(page.getByTestId('notification-count')).toHaveText('1');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications, unread: 1');

  // opening the panel lists the notice and marks it seen
  await bell.click();
  const panel = page.getByTestId('notification-panel');
  await expect(panel.getByTestId('notification-item')).toHaveCount(1);
  await expect(panel.getByTestId('notification-item')).toContainText(
    'API key “Branch tablets” of aurora-auth expires on',
  );
  await expect(page.getByTestId('notification-count')).toHaveCount(0);
  await desk.shot(page, 'notifications-panel-en');

  // the link opens the expiring key, where it is renewed
  await panel.getByTestId('notification-open').click();
  await expect(page).toHaveURL(new RegExp(`#/partner/api-keys/view\\?id=${keyId}$`));
  await expect(page.getByTestId('api-key-detail')).toContainText('Branch tablets');

  // a second key's notice arrives while the page is open: the count follows the core's event
  await call(desk, 'apiKeys.generate', { partnerId: PARTNER.username, policyId, label: 'Call centre' }, partner);
  await desk.core.runAsSystem('notifications.expiryJob', { kind: 'API_KEYS' });
  await expect(page.getByTestId('notification-count')).toHaveText('1');

  // dismiss from the panel: gone from the list, the page shows it dismissed
  await bell.click();
  await expect(panel.getByTestId('notification-item')).toHaveCount(2);
  await panel
    .getByTestId('notification-item')
    .filter({ hasText: 'Call centre' })
    .getByTestId('notification-dismiss')
    .click();
  await expect(panel.getByTestId('notification-item')).toHaveCount(1);
  await panel.getByTestId('notification-view-all').click();
  await expect(page).toHaveURL(/#\/notifications$/);
  await expect(page.getByTestId('notifications-row')).toHaveCount(2);
  await expect(
    page.getByTestId('notifications-row').filter({ hasText: 'Call centre' }).getByTestId('notification-status'),
  ).toHaveText('Dismissed');

  // filter per kind, then a filter the core refuses without a kind: its code, translated
  await page.getByTestId('notifications-filters').locator('[name="notificationStatus"]').selectOption('ACTIVE');
  await page.getByTestId('notifications-filters-apply').click();
  await expect(page.getByTestId('notifications-row')).toHaveCount(1);
  await page.getByTestId('notifications-filters').locator('[name="itemName"]').fill('tablets');
  await page.getByTestId('notifications-filters-apply').click();
  await expect(page.getByText('Choose a notification type before filtering by item.')).toBeVisible();
  await page.getByTestId('notifications-filters').locator('[name="notificationType"]').selectOption('API_KEY_EXPIRY');
  await page.getByTestId('notifications-filters-apply').click();
  await expect(page.getByTestId('notifications-row')).toHaveCount(1);

  // Arabic, right to left
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await page.getByTestId('lang-select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto(`${desk.host.origin}/#/notifications`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الإشعارات');
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', 'الإشعارات');
  await desk.shot(page, 'notifications-page-ar');
});
