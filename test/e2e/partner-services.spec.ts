import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect, test, followRunnerClock } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, PARTNER, register, signIn, signOut } from './steps.ts';

/*
 * Partner policies and authentication services (issue 4) in Chromium against the web host.
 * The admin's policy steps are seeded through the core (their screens are another issue's);
 * everything the Auth partner does goes through the UI.
 */

const AUTH_POLICY = {
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'dateOfBirth' }, { attributeName: 'email' }],
  allowedAuthTypes: [
    { authType: 'otp', authSubType: '', mandatory: false },
    { authType: 'bio', authSubType: 'FINGER', mandatory: false },
  ],
};

const b64 = (text: string) => Buffer.from(text).toString('base64');
const pemFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(text),
});
const jwk = () =>
  JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }));

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

/** Admin, AUTH trust chain, two policy groups and a published Auth policy — through the core. */
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
  const banking = await call(
    desk,
    'policyGroups.create',
    { name: 'Banking', description: 'Banks verifying customers at account opening' },
    admin,
  );
  await call(
    desk,
    'policyGroups.create',
    { name: 'Telecom', description: 'Mobile operators registering SIM cards' },
    admin,
  );
  const draft = await call(
    desk,
    'policies.create',
    {
      policyGroupId: banking.policyGroupId,
      name: 'KYC basic',
      description: 'Basic eKYC for account opening',
      policyType: 'Auth',
      policy: JSON.stringify(AUTH_POLICY),
    },
    admin,
  );
  const policy = await call(desk, 'policies.publish', { policyId: draft.policyId }, admin);
  return { admin, authCa, policy };
}

async function switchLanguage(page: Page, desk: Desk, lang: 'en' | 'fr' | 'ar', hash: string) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await page.getByTestId('lang-select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.goto(`${desk.host.origin}/#${hash}`);
}

test('Auth partner: policy group, certificate, policy request, API key and OIDC client; the admin sees and stops them', async ({
  page,
  desk,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { authCa, policy } = await seed(desk);
  const partnerId = PARTNER.username;

  // registers and signs in: the one-time policy group choice comes first
  await desk.open(page);
  await register(page);
  await expect(page.getByTestId('confirmation')).toBeVisible();
  await page.getByTestId('confirmation-back').click();
  await signIn(page, PARTNER.username, PARTNER.password);
  const step = page.getByTestId('policy-group-step');
  await expect(step.getByRole('heading', { level: 2 })).toHaveText('Select Policy Group');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(step.getByTestId('policy-group-one-time')).toContainText(
    'Only one policy group is allowed per partner ID.',
  );
  await expect(step.getByTestId('policy-group-option')).toHaveCount(2);
  await step.getByTestId('policy-group-submit').click();
  await expect(step.getByTestId('field-error-policyGroupId')).toHaveText('Choose a policy group.');
  await step.getByTestId('policy-group-search').fill('bank');
  await expect(step.getByTestId('policy-group-option')).toHaveCount(1);
  await expect(step.getByTestId('policy-group-option')).toContainText('Banks verifying customers at account opening');
  await step.getByTestId('policy-group-option').click();
  await desk.shot(page, 'policy-group-select-en');
  await step.getByTestId('policy-group-submit').click();
  await expect(step).toHaveCount(0);
  await expect(page.getByTestId('welcome')).toBeVisible();
  // the group can still be changed while the partner is inactive
  await page.goto(`${desk.host.origin}/#/partner/policy-group`);
  await expect(page.getByTestId('policy-group-current')).toHaveText('Banking');
  await expect(page.getByTestId('policy-group-change')).toBeVisible();

  // before the certificate, no partner id may request a policy, and the form says why
  await page.getByRole('link', { name: 'Policies', exact: true }).click();
  await expect(page).toHaveURL(/#\/partner\/policies$/);
  await expect(page.getByTestId('policy-table-empty')).toBeVisible();
  await page.getByTestId('request-policy-link').click();
  await expect(page.getByTestId('request-no-partner')).toHaveText('No partner ID can request a policy yet.');
  await expect(page.getByTestId('request-partner-info')).toHaveAttribute('aria-label', /partner certificate/);

  // uploads its partner certificate with the certificate screens: approved and active
  await page.goto(`${desk.host.origin}/#/partner/certificates`);
  const cert = leaf(authCa, `CN=${partnerId}, O=${PARTNER.orgName}`, {
    key: keyPair('rsa2048', 'e2e-auth-partner'),
  });
  await page.getByTestId('partner-cert-card').getByTestId('card-upload').click();
  const upload = page.getByTestId('partner-upload-dialog');
  await upload.getByTestId('partner-upload-file').setInputFiles(pemFile('aurora-auth.pem', cert.pem));
  await upload.getByTestId('partner-upload-submit').click();
  await expect(upload.getByTestId('partner-upload-success')).toBeVisible();
  await upload.getByTestId('partner-upload-close').click();
  // now the group is fixed (PMS_PRT_050)
  await page.goto(`${desk.host.origin}/#/partner/policy-group`);
  await expect(page.getByTestId('policy-group-locked')).toBeVisible();

  // requests the policy: group read-only, the group's activated policies with descriptions
  await page.goto(`${desk.host.origin}/#/partner/policies/request`);
  const form = page.getByTestId('request-policy-form');
  await expect(form.getByTestId('request-partner')).toHaveValue(partnerId);
  await expect(form.getByTestId('request-group')).toHaveText('Banking');
  await form.getByTestId('request-policy').selectOption({ label: 'KYC basic' });
  await expect(form.getByTestId('request-policy-description')).toHaveText('Basic eKYC for account opening');
  await form.getByTestId('request-comments').fill('We verify customers at account opening.');
  await expect(form.getByTestId('request-comments-count')).toHaveText('39/500');
  await form.getByTestId('request-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('Policy Submitted Successfully!');
  await expect(page.getByTestId('confirmation')).toContainText('Approval is pending with admin');
  await page.getByTestId('confirmation-back').click();
  const policyRows = page.getByTestId('policy-table-row');
  await expect(policyRows).toHaveCount(1);
  await expect(policyRows.first().getByTestId('policy-row-status')).toHaveText('Pending For Approval');
  await expect(policyRows.first()).toContainText('Authentication Partner');
  await desk.shot(page, 'partner-policies-en');

  // the same policy again while pending: PMS_PRT_053
  await page.getByTestId('request-policy-link').click();
  await form.getByTestId('request-policy').selectOption({ label: 'KYC basic — Pending For Approval' });
  await form.getByTestId('request-comments').fill('Again.');
  await form.getByTestId('request-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_PRT_053');
  await expect(page.getByTestId('field-error-policyId')).toBeVisible();
  await page.getByTestId('request-cancel').click();
  await page.getByTestId('leave-dialog-leave').click(); // discard the edits, in the app's own dialog

  // the admin approves in a tab of its own (sessions are per tab); the partner's list follows at once
  const adminPage = await context.newPage();
  await followRunnerClock(adminPage);
  await desk.open(adminPage);
  await signIn(adminPage, ADMIN.username, ADMIN.password);
  await adminPage.getByTestId('card-policyLinking').click();
  const linkRow = adminPage.getByTestId('link-row').filter({ hasText: 'KYC basic' });
  await expect(linkRow).toHaveCount(1);
  await linkRow.getByTestId('link-row-approve').click();
  await adminPage.getByTestId('link-approve-dialog-confirm').click();
  await expect(linkRow.getByTestId('link-row-status')).toHaveText('Approved');
  await expect(policyRows.first().getByTestId('policy-row-status')).toHaveText('Approved');
  await policyRows.first().getByTestId('policy-row-view').click();
  await expect(page.getByTestId('detail-comment')).toHaveText('We verify customers at account opening.');

  // generates an API key: shown once, copied from the dialog
  await page.getByRole('link', { name: 'Authentication Services', exact: true }).click();
  await expect(page).toHaveURL(/#\/partner\/api-keys$/);
  await page.getByTestId('generate-key-link').click();
  const keyForm = page.getByTestId('generate-key-form');
  await expect(keyForm.getByTestId('generate-key-partner')).toHaveValue(partnerId);
  await keyForm.getByTestId('generate-key-policy').selectOption({ label: 'KYC basic' });
  await keyForm.getByTestId('generate-key-label').fill('Branch  onboarding');
  await keyForm.getByTestId('generate-key-submit').click();
  const once = page.getByTestId('api-key-once');
  await expect(once.getByTestId('api-key-once-warning')).toContainText('It will not be shown again');
  await expect(once.getByTestId('api-key-once-warning')).toContainText('hash');
  const shown = (await once.getByTestId('api-key-value').textContent()) ?? '';
  expect(shown.length).toBeGreaterThan(20);
  await once.getByTestId('api-key-copy').click();
  await expect(once.getByTestId('api-key-copy')).toContainText('Copied');
  const apiKey = await page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
  expect(apiKey).toBe(shown);
  await desk.shot(page, 'api-key-once-en');
  await once.getByTestId('api-key-once-close').click();
  await expect(page).toHaveURL(/#\/partner\/api-keys$/);
  const keyRows = page.getByTestId('key-table-row');
  await expect(keyRows).toHaveCount(1);
  await expect(keyRows.first().getByTestId('key-row-label')).toHaveText('Branch onboarding');
  await expect(keyRows.first().getByTestId('key-row-status')).toHaveText('Active');
  // MOSIP's 100-year validity is "never" in practice: said so, with the date in the title
  await expect(keyRows.first().getByTestId('key-row-expiry')).toHaveText('Never (100 years)');
  await expect(keyRows.first().getByTestId('key-row-expiry')).toHaveAttribute('title', /\d{4}/);
  expect(await call(desk, 'apiKeys.check', { partnerId, policyId: policy.policyId, apiKey })).toEqual({
    valid: true,
    reason: 'ok',
  });

  // the same label (after collapsing spaces) for the same policy: PMS_PRT_110
  await page.getByTestId('generate-key-link').click();
  await keyForm.getByTestId('generate-key-policy').selectOption({ label: 'KYC basic' });
  await keyForm.getByTestId('generate-key-label').fill(' Branch onboarding ');
  await keyForm.getByTestId('generate-key-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_PRT_110');
  await expect(page.getByTestId('field-error-label')).toBeVisible();
  await page.getByTestId('generate-key-cancel').click();
  await page.getByTestId('leave-dialog-leave').click(); // discard the edits, in the app's own dialog

  // creates an OIDC client with a JWK made here
  const key = jwk();
  await page.getByTestId('auth-tab-oidc').click();
  await page.getByTestId('create-client-link').click();
  const oidc = page.getByTestId('oidc-form');
  await expect(oidc.getByTestId('oidc-partner')).toHaveValue(partnerId);
  await oidc.getByTestId('oidc-policy').selectOption({ label: 'KYC basic' });
  await oidc.locator('[name="name"]').fill('Citizen portal');
  await oidc.getByTestId('oidc-public-key').fill('{"kty": "RSA",');
  await oidc.locator('[name="logoUri"]').fill('https://rp.example/logo.png');
  await oidc.getByTestId('oidc-redirect-uri').first().fill('https://rp.example/callback');
  await oidc.getByTestId('oidc-redirect-add').click();
  await oidc.getByTestId('oidc-redirect-uri').nth(1).fill('https://rp.example/callback');
  await oidc.getByTestId('oidc-submit').click();
  await expect(oidc.getByTestId('field-error-publicKey')).toHaveText('This is not valid JSON.');
  await expect(oidc.getByTestId('field-error-redirectUri')).toHaveText('This redirect URI is already listed.');
  await oidc.getByTestId('oidc-redirect-remove').nth(1).click();
  await oidc.getByTestId('oidc-public-key').fill(key);
  await expect(oidc.getByTestId('grantTypes-authorization_code')).toBeChecked();
  await desk.shot(page, 'oidc-client-create-en');
  await oidc.getByTestId('oidc-submit').click();
  const detail = page.getByTestId('oidc-detail');
  await expect(detail.getByTestId('oidc-saved')).toHaveText('OIDC client created.');
  await expect(detail.getByTestId('detail-claims')).toContainText('birthdate');
  await expect(detail.getByTestId('detail-acr')).toContainText('mosip:idp:acr:generated-code');
  await expect(detail.getByTestId('usable')).toHaveAttribute('data-usable', 'ok');
  const clientId = (await detail.getByTestId('detail-client-id').textContent()) ?? '';

  // edits it: a second redirect URI
  await detail.getByTestId('detail-edit').click();
  await oidc.getByTestId('oidc-redirect-add').click();
  await oidc.getByTestId('oidc-redirect-uri').nth(1).fill('https://rp.example/second');
  await oidc.getByTestId('oidc-submit').click();
  await expect(detail.getByTestId('oidc-saved')).toHaveText('OIDC client updated.');
  await expect(detail.getByTestId('detail-redirects')).toContainText('https://rp.example/second');

  // the same key again: PMS_ESI_001
  await page.goto(`${desk.host.origin}/#/partner/oidc-clients/create`);
  await oidc.getByTestId('oidc-policy').selectOption({ label: 'KYC basic' });
  await oidc.locator('[name="name"]').fill('Second portal');
  await oidc.getByTestId('oidc-public-key').fill(key);
  await oidc.locator('[name="logoUri"]').fill('https://rp.example/logo.png');
  await oidc.getByTestId('oidc-redirect-uri').first().fill('https://rp.example/other');
  await oidc.getByTestId('oidc-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_ESI_001');
  await expect(oidc.getByTestId('field-error-publicKey')).toBeVisible();
  await oidc.getByTestId('oidc-cancel').click();
  await page.getByTestId('leave-dialog-leave').click(); // discard the edits, in the app's own dialog
  await expect(page.getByTestId('client-table-row')).toHaveCount(1);

  // French: the policies list
  await switchLanguage(page, desk, 'fr', '/partner/policies');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Politiques');
  await expect(page.getByTestId('policy-table-row').first().getByTestId('policy-row-status')).toHaveText(/Approuvé/);

  // the admin deactivates the partner on its screen: the key check fails at once
  await adminPage.goto(adminPage.url().replace(/#.*$/, '#/dashboard'));
  await adminPage.getByTestId('card-partners').click();
  await adminPage
    .locator(`[data-testid="partner-row"][data-id="${partnerId}"]`)
    .getByTestId('partner-row-view')
    .click();
  await adminPage.getByTestId('partner-deactivate').click();
  await adminPage.getByTestId('partner-deactivate-dialog').getByTestId('partner-deactivate-dialog-confirm').click();
  await expect(adminPage.getByTestId('partner-status')).toHaveText('Deactivated');
  expect(await call(desk, 'apiKeys.check', { partnerId, policyId: policy.policyId, apiKey })).toEqual({
    valid: false,
    reason: 'partnerInactive',
  });
  await adminPage.close();

  // Arabic: the key list, right to left; its detail says it is unusable
  await switchLanguage(page, desk, 'ar', '/partner/api-keys');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('خدمات المصادقة');
  await expect(page.getByTestId('key-table-row')).toHaveCount(1);
  await expect(page.getByTestId('row-unusable')).toHaveText('غير قابل للاستخدام');
  await expect(page.getByTestId('inactive-partner-note')).toContainText(partnerId);
  await desk.shot(page, 'api-keys-ar');
  await page.getByTestId('key-row-view').click();
  await expect(page.getByTestId('detail-expiry')).toContainText('أبدًا (100 سنة)');
  await expect(page.getByTestId('usable')).toHaveAttribute('data-usable', 'partnerInactive');
  await expect(page.getByTestId('usable')).toHaveText('غير قابل للاستخدام: الشريك معطّل');
  await switchLanguage(page, desk, 'en', '/dashboard');
  await signOut(page);

  // the admin: Authentication Services, both tabs, deactivation with confirmation
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByTestId('card-authServices').click();
  await expect(page).toHaveURL(/#\/admin\/auth-services$/);
  const clients = page.getByTestId('client-table-row');
  await expect(clients).toHaveCount(1);
  await expect(clients.first()).toContainText(PARTNER.orgName);
  await expect(clients.first().getByTestId('client-row-edit')).toHaveCount(0);
  await desk.shot(page, 'auth-services-admin-en');
  await clients.first().getByTestId('client-row-deactivate').click();
  await page.getByTestId('deactivate-dialog-confirm').click();
  await expect(clients.first().getByTestId('client-row-status')).toHaveText('Deactivated');
  expect((await call(desk, 'oidcClients.check', { clientId })).valid).toBe(false);
  await page.getByTestId('auth-tab-apiKeys').click();
  const keys = page.getByTestId('key-table-row');
  await expect(keys).toHaveCount(1);
  await keys.first().getByTestId('key-row-view').click();
  await expect(page.getByTestId('usable')).toHaveAttribute('data-usable', 'partnerInactive');
  await page.getByTestId('detail-deactivate').click();
  await expect(page.getByTestId('deactivate-dialog')).toContainText('“Branch onboarding”');
  await page.getByTestId('deactivate-dialog-confirm').click();
  await expect(page.getByTestId('detail-status')).toHaveText('Deactivated');
  await expect(page.getByTestId('usable')).toHaveAttribute('data-usable', 'keyDeactivated');
});
