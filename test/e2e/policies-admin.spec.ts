import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, signIn } from './steps.ts';

/*
 * Admin screens of issue 4 (policy groups, policies, partner-policy linking, partners) in Chromium
 * against the web host. Data the screens do not create is seeded through the core.
 */

const AUTH_POLICY = {
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }, { attributeName: 'dateOfBirth' }, { attributeName: 'email' }],
  allowedAuthTypes: [
    { authType: 'otp', authSubType: '', mandatory: false },
    { authType: 'bio', authSubType: 'FINGER', mandatory: true },
  ],
};
const DATA_SHARE_POLICY = {
  dataSharePolicies: {
    typeOfShare: 'Data Share',
    validForInMinutes: '30',
    transactionsAllowed: '2',
    encryptionType: 'Partner Based',
    shareDomain: 'datashare.datashare',
    source: 'ID Repository',
  },
  shareableAttributes: [{ attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false }],
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

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function adminSeed(desk: Desk): Promise<string> {
  await call(desk, 'setup.createAdmin', { ...ADMIN, lang: 'en' });
  return (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
}

async function signInAdmin(page: Page, desk: Desk): Promise<void> {
  await desk.open(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('card-policies')).toBeVisible();
}

const row = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).filter({ has: page.locator(`[data-col]`, { hasText: name }) });

async function pickGroup(page: Page, picker: string, name: string): Promise<void> {
  const root = page.getByTestId(picker);
  await root.getByTestId(`${picker}-search`).fill(name);
  const select = root.getByTestId(`${picker}-select`);
  await expect(select.locator('option', { hasText: name })).toHaveCount(1);
  await select.selectOption({ label: name });
}

test('admin: policy groups and policies — create, file upload and editor, edit, publish, clone, blocked and allowed deactivation', async ({
  page,
  desk,
}) => {
  const admin = await adminSeed(desk);
  await call(desk, 'policyGroups.create', { name: 'Telecom', description: 'Telecom operators' }, admin);
  await signInAdmin(page, desk);

  // the dashboard card leads to the policy screens
  await page.getByTestId('card-policies').click();
  await expect(page).toHaveURL(/#\/admin\/policy-groups$/);
  await expect(page.getByTestId('group-row')).toHaveCount(1);

  // create a policy group → confirmation page
  await page.getByTestId('group-create-link').click();
  await page.getByTestId('group-submit').click();
  await expect(page.getByTestId('field-error-name')).toHaveText('This field is required.');
  await page.getByTestId('group-form').locator('[name="name"]').fill('Banking');
  await page.getByTestId('group-form').locator('[name="description"]').fill('Banks verifying customers');
  await page.getByTestId('group-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('Policy group “Banking” is created successfully!');
  await page.getByTestId('confirmation-back').click();
  await expect(page.getByTestId('group-row')).toHaveCount(2);
  // the same name again: PMS_POL_014 on the field
  await page.getByTestId('group-create-link').click();
  await page.getByTestId('group-form').locator('[name="name"]').fill('Banking');
  await page.getByTestId('group-form').locator('[name="description"]').fill('Again');
  await page.getByTestId('group-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_POL_014');
  await page.getByTestId('detail-back').click();
  await page.getByTestId('leave-dialog-leave').click(); // discard the edits, in the app's own dialog
  await expect(page.getByTestId('group-table')).toBeVisible();
  // filters run in the core
  await page.getByTestId('group-filters').locator('[name="name"]').fill('bank');
  await page.getByTestId('group-filters-apply').click();
  await expect(page.getByTestId('group-row')).toHaveCount(1);
  await expect(page.getByTestId('group-row-name')).toHaveText('Banking');
  await page.getByTestId('group-filters-clear').click();
  await expect(page.getByTestId('group-row')).toHaveCount(2);
  await desk.shot(page, 'policy-groups-en');

  // Auth policy from a .json file written here
  const dir = mkdtempSync(join(tmpdir(), 'pd-policy-'));
  const file = join(dir, 'kyc-basic.json');
  writeFileSync(file, JSON.stringify(AUTH_POLICY, null, 2));
  await page.getByTestId('policy-tab-Auth').click();
  await expect(page).toHaveURL(/#\/admin\/policies\?type=Auth$/);
  await page.getByTestId('policy-create-link').click();
  await pickGroup(page, 'policy-group', 'Banking');
  await page.getByTestId('policy-form').locator('[name="name"]').fill('KYC basic');
  await page.getByTestId('policy-form').locator('[name="description"]').fill('Basic eKYC');
  await page.getByTestId('policy-file').setInputFiles(file);
  rmSync(dir, { recursive: true, force: true });
  await expect(page.getByTestId('policy-file-note')).toHaveText('Loaded kyc-basic.json.');
  await expect(page.getByTestId('policy-counter')).toHaveText(
    `${JSON.stringify(AUTH_POLICY).length} / 5120 characters`,
  );
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('Policy “KYC basic” is saved as a draft!');
  await page.getByTestId('confirmation-back').click();
  await expect(row(page, 'policy-row', 'KYC basic').getByTestId('policy-row-status')).toHaveText('Draft');
  // a clone will carry the same name: follow this one by its id
  const kycId = await row(page, 'policy-row', 'KYC basic').getAttribute('data-id');
  const kyc = page.locator(`[data-testid="policy-row"][data-id="${kycId}"]`);
  await expect(kyc.getByTestId('policy-row-group')).toHaveText('Banking');

  // Data share policy typed in the editor: a parse error first, then a schema mismatch from the core
  await page.getByTestId('policy-tab-DataShare').click();
  await page.getByTestId('policy-create-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create Data Share Policy');
  await pickGroup(page, 'policy-group', 'Telecom');
  await page.getByTestId('policy-form').locator('[name="name"]').fill('Share basics');
  await page.getByTestId('policy-form').locator('[name="description"]').fill('Name for telecom KYC');
  const editor = page.getByTestId('policy-text');
  await editor.fill('{"dataSharePolicies": ');
  await expect(page.getByTestId('policy-parse')).toContainText('This is not valid JSON');
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('field-error-policy')).toHaveText('The policy is not valid JSON.');
  await editor.fill(JSON.stringify({ dataSharePolicies: DATA_SHARE_POLICY.dataSharePolicies }));
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('PMS_POL_051');
  await expect(page.getByTestId('policy-schema-problems')).toContainText('shareableAttributes');
  await editor.fill(JSON.stringify(DATA_SHARE_POLICY));
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('Policy “Share basics” is saved as a draft!');
  await page.getByTestId('confirmation-back').click();
  await expect(row(page, 'policy-row', 'Share basics').getByTestId('policy-row-status')).toHaveText('Draft');

  // edit the Auth draft
  await page.getByTestId('policy-tab-Auth').click();
  await kyc.getByTestId('policy-row-edit').click();
  await expect(page.getByTestId('policy-form-group')).toHaveText('Banking');
  await page.getByTestId('policy-form').locator('[name="description"]').fill('Basic eKYC for account opening');
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('confirmation')).toContainText('Policy “KYC basic” is saved as a draft!');
  await page.getByTestId('confirmation-back').click();
  await expect(kyc).toContainText('Basic eKYC for account opening');

  // publish: the irreversible confirmation
  await kyc.getByTestId('policy-row-publish').click();
  const publish = page.getByTestId('policy-publish-dialog');
  await expect(publish).toContainText('will no longer be editable');
  await expect(publish).toContainText('available for partner selection only after publish');
  await publish.getByTestId('policy-publish-dialog-confirm').click();
  await expect(kyc.getByTestId('policy-row-status')).toHaveText('Activated');
  await expect(kyc.getByTestId('policy-row-edit')).toHaveCount(0);
  await desk.shot(page, 'policies-auth-en');

  // clone into Telecom, then again: the name clash explained
  for (const attempt of [1, 2]) {
    await kyc.getByTestId('policy-row-clone').click();
    const clone = page.getByTestId('policy-clone-dialog');
    await pickGroup(page, 'clone-group', 'Telecom');
    await clone.getByTestId('policy-clone-dialog-confirm').click();
    if (attempt === 1) {
      await expect(page.getByTestId('admin-notice')).toHaveText('Policy cloned into “Telecom” as a draft.');
    } else {
      await expect(clone.getByTestId('form-error')).toContainText('PMS_POL_009');
      await expect(clone.getByTestId('clone-clash')).toHaveText(/already exists within the selected policy group/);
      await clone.getByTestId('policy-clone-dialog-cancel').click();
    }
  }
  const cloned = page
    .getByTestId('policy-row')
    .filter({ has: page.getByTestId('policy-row-group').getByText('Telecom', { exact: true }) });
  await expect(cloned.getByTestId('policy-row-status')).toHaveText('Draft');

  // view: the readable policy and the raw JSON
  await kyc.getByTestId('policy-row-view').click();
  await expect(page.getByTestId('policy-view-name')).toHaveText('KYC basic');
  await expect(page.getByTestId('readable-kyc')).toContainText('dateOfBirth');
  await expect(page.getByTestId('readable-auth-types')).toContainText('FINGER');
  await expect(page.getByTestId('policy-raw')).toContainText('"authTokenType": "policy"');
  await desk.shot(page, 'policy-view-en');
  await page.getByTestId('detail-back').click();

  // groups with policies cannot be deactivated: the dialog says which
  await page.getByTestId('policy-tab-groups').click();
  await row(page, 'group-row', 'Banking').getByTestId('group-row-deactivate').click();
  await page.getByTestId('group-deactivate-dialog-confirm').click();
  const blocked = page.getByTestId('group-blocked');
  await expect(blocked).toContainText('Active Policies Detected!');
  await expect(blocked.getByTestId('group-blocked-body')).toHaveAttribute('data-code', 'PMS_POL_056');
  await expect(blocked).toContainText('Activated policies in the policy group');
  await blocked.getByTestId('group-blocked-close').click();
  await row(page, 'group-row', 'Telecom').getByTestId('group-row-deactivate').click();
  await page.getByTestId('group-deactivate-dialog-confirm').click();
  await expect(page.getByTestId('group-blocked')).toContainText('Draft Policies Detected!');
  await expect(page.getByTestId('group-blocked')).toContainText('Draft policies in the policy group “Telecom”: 2.');
  await page.getByTestId('group-blocked-close').click();

  // deactivate the published policy from its detail view
  await page.getByTestId('policy-tab-Auth').click();
  await kyc.getByTestId('policy-row-view').click();
  await page.getByTestId('policy-deactivate').click();
  await page.getByTestId('policy-deactivate-dialog-confirm').click();
  await expect(page.getByTestId('policy-view-status')).toHaveText('Deactivated');
  await expect(page.getByTestId('admin-notice')).toHaveText('Policy “KYC basic” is deactivated.');

  // now Banking holds no active or draft policy: it can go
  await page.getByTestId('detail-back').click();
  await page.getByTestId('policy-tab-groups').click();
  await row(page, 'group-row', 'Banking').getByTestId('group-row-deactivate').click();
  await page.getByTestId('group-deactivate-dialog-confirm').click();
  await expect(row(page, 'group-row', 'Banking').getByTestId('group-row-status')).toHaveText('Deactivated');

  // Arabic, right to left
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await page.getByTestId('lang-select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto(`${desk.host.origin}/#/admin/policies?type=Auth`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('سياسات المصادقة');
  await expect(kyc.getByTestId('policy-row-status')).toHaveText('معطّلة');
  await desk.shot(page, 'policies-ar');
});

/** An AUTH trust chain, an Auth partner with a group and a certificate, and two pending requests. */
async function linkingSeed(desk: Desk) {
  const admin = await adminSeed(desk);
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
  const group = await call(
    desk,
    'policyGroups.create',
    { name: 'Banking', description: 'Banks verifying customers' },
    admin,
  );
  const policies: Output<'policies.create'>[] = [];
  for (const name of ['KYC basic', 'KYC full']) {
    const p = await call(
      desk,
      'policies.create',
      {
        policyGroupId: group.policyGroupId,
        policyType: 'Auth',
        name,
        description: `${name} policy`,
        policy: JSON.stringify(AUTH_POLICY),
      },
      admin,
    );
    policies.push(await call(desk, 'policies.publish', { policyId: p.policyId }, admin));
  }
  const org = 'Aurora Identity Services';
  await call(desk, 'auth.register', {
    firstName: 'Amina',
    lastName: 'Diallo',
    orgName: org,
    partnerType: 'Auth_Partner',
    address: '12 Registry Avenue, Ouagadougou',
    email: 'amina@aurora.example',
    phone: '+22670123456',
    username: 'aurora-auth',
    password: 'Aur0ra-Secret!',
    lang: 'en',
  });
  const partner = (await call(desk, 'auth.login', { login: 'aurora-auth', password: 'Aur0ra-Secret!' })).token;
  await call(
    desk,
    'partners.setPolicyGroup',
    { partnerId: 'aurora-auth', policyGroupId: group.policyGroupId },
    partner,
  );
  const cert = leaf(authCa, `CN=aurora-auth, O=${org}`, { key: keyPair('rsa2048', 'e2e-partner') });
  await call(
    desk,
    'partnerCertificate.upload',
    { partnerId: 'aurora-auth', fileName: 'p.pem', contentBase64: b64(cert.pem) },
    partner,
  );
  for (const p of policies)
    await call(
      desk,
      'linking.request',
      { partnerId: 'aurora-auth', policyId: p.policyId, comments: `We need ${p.policyName}.` },
      partner,
    );
  return { admin, policies, org };
}

test('admin: partner-policy linking — approve from the list, reject from the detail view, the dashboard count follows', async ({
  page,
  desk,
}) => {
  await linkingSeed(desk);
  await signInAdmin(page, desk);
  const count = page.getByTestId('card-count-policyLinking');
  await expect(count).toHaveText(/^2/);
  await expect(count).toHaveAttribute('title', '2 Policy requests are currently pending');

  await page.getByTestId('card-policyLinking').click();
  await expect(page).toHaveURL(/#\/admin\/policy-linking$/);
  const rows = page.getByTestId('link-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('link-row-status')).toHaveText('Pending For Approval');
  await desk.shot(page, 'policy-linking-en');

  // approve from the list
  const basic = row(page, 'link-row', 'KYC basic');
  await basic.getByTestId('link-row-approve').click();
  const approve = page.getByTestId('link-approve-dialog');
  await expect(approve).toContainText('aurora-auth (Aurora Identity Services) asks to use policy “KYC basic”.');
  await approve.getByTestId('link-approve-dialog-confirm').click();
  await expect(basic.getByTestId('link-row-status')).toHaveText('Approved');
  await expect(page.getByTestId('admin-notice')).toHaveText('Request approved.');

  // reject from the detail view
  await row(page, 'link-row', 'KYC full').getByTestId('link-row-view').click();
  await expect(page.getByTestId('link-detail')).toContainText('We need KYC full.');
  await expect(page.getByTestId('readable-kyc')).toContainText('fullName');
  await page.getByTestId('link-reject').click();
  await page.getByTestId('link-reject-dialog-confirm').click();
  await expect(page.getByTestId('link-status')).toHaveText('Rejected');
  await expect(page.getByTestId('link-reject')).toHaveCount(0);

  // pending requests still lead the list by default; filters by status
  await page.getByTestId('detail-back').click();
  await page.getByTestId('link-filters').locator('[name="status"]').selectOption('rejected');
  await page.getByTestId('link-filters-apply').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('link-row-policy')).toHaveText('KYC full');

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(count).toHaveText(/^0/);
  await expect(count).toHaveAttribute('title', 'No policy request is currently pending');
});

test('admin: partners — detail, MOSIP-signed download, deactivate naming partner and organisation, activate refused without certificate', async ({
  page,
  desk,
}) => {
  const { org } = await linkingSeed(desk);
  await call(desk, 'auth.register', {
    firstName: 'Bo',
    lastName: 'Njoya',
    orgName: 'Baobab Print',
    partnerType: 'SDK_Partner',
    address: '3 Market Street',
    email: 'bo@baobab.example',
    phone: '+23761234567',
    username: 'baobab-sdk',
    password: 'Ba0bab-Secret!',
    lang: 'en',
  });
  await signInAdmin(page, desk);
  await page.getByTestId('card-partners').click();
  await expect(page).toHaveURL(/#\/admin\/partners$/);
  const aurora = page.locator('[data-testid="partner-row"][data-id="aurora-auth"]');
  await expect(aurora.getByTestId('partner-row-cert')).toHaveText('Uploaded');
  await expect(aurora.getByTestId('partner-row-status')).toHaveText('Active');
  const baobab = page.locator('[data-testid="partner-row"][data-id="baobab-sdk"]');
  await expect(baobab.getByTestId('partner-row-cert')).toHaveText('Not Uploaded');
  await expect(baobab.getByTestId('partner-row-status')).toHaveText('Pending For Approval');
  await page.getByTestId('partner-filters').locator('[name="certificateUploadStatus"]').selectOption('uploaded');
  await page.getByTestId('partner-filters-apply').click();
  await expect(page.getByTestId('partner-row')).toHaveCount(1);
  await desk.shot(page, 'partners-en');

  await aurora.getByTestId('partner-row-view').click();
  const detail = page.getByTestId('partner-detail');
  await expect(detail.getByTestId('fact-org')).toHaveText(org);
  await expect(detail.getByTestId('fact-group')).toHaveText('Banking');
  await expect(detail.getByTestId('fact-group-description')).toHaveText('Banks verifying customers');
  await expect(detail.getByTestId('card-issued-to')).toHaveText('aurora-auth');
  // the MOSIP-signed copy, issued by the deployment's signing CA
  await page.getByTestId('card-download').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-mosip-signed').click()]);
  const pem = readFileSync(await file.path(), 'utf8');
  const signed = new X509Certificate(pem);
  expect(signed.subject).toContain('CN=aurora-auth');
  expect(signed.issuer).toBe(`CN=Partner Desk Partner Signing CA, O=${ADMIN.orgName}`);
  await desk.shot(page, 'partner-detail-en');

  // deactivate: the confirmation names partner and organisation
  await page.getByTestId('partner-deactivate').click();
  const dialog = page.getByTestId('partner-deactivate-dialog');
  await expect(dialog.getByTestId('partner-deactivate-names')).toHaveText(
    `Deactivate partner aurora-auth of ${org}? It can no longer sign in to its services.`,
  );
  await dialog.getByTestId('partner-deactivate-dialog-confirm').click();
  await expect(page.getByTestId('partner-status')).toHaveText('Deactivated');
  await expect(page.getByTestId('partner-activate')).toBeVisible();

  // a partner without certificate cannot be activated (PMS_PRT_108)
  await page.getByTestId('detail-back').click();
  await page.getByTestId('partner-filters-clear').click();
  await expect(aurora.getByTestId('partner-row-status')).toHaveText('Deactivated');
  await baobab.getByTestId('partner-row-view').click();
  // Activate is disabled with the reason before anything is confirmed; clicking it opens nothing
  await expect(page.getByTestId('partner-activate')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('partner-activate-blocked')).toContainText(
    'Partner baobab-sdk cannot be activated: no certificate has been uploaded for it yet.',
  );
  await page.getByTestId('partner-activate').click({ force: true });
  await expect(page.getByTestId('partner-activate-dialog')).toHaveCount(0);
  await expect(page.getByTestId('partner-status')).toHaveText('Pending For Approval');

  // a pending registration can be rejected; the filter's "Rejected" then finds it
  await page.getByTestId('partner-reject').click();
  const rejectDialog = page.getByTestId('partner-reject-dialog');
  await expect(rejectDialog.getByTestId('partner-reject-names')).toContainText(
    `Reject the registration of partner baobab-sdk of`,
  );
  await rejectDialog.getByTestId('partner-reject-dialog-confirm').click();
  await expect(page.getByTestId('partner-status')).toHaveText('Rejected');
  await expect(page.getByTestId('partner-reject')).toHaveCount(0);
  await expect(page.getByTestId('partner-activate-blocked')).toHaveText(
    'This registration was rejected: the partner cannot be activated.',
  );
  expect(
    desk.core.db.reader
      .prepare("SELECT approval_status AS s, is_active AS a FROM partner WHERE id = 'baobab-sdk'")
      .get(),
  ).toEqual({ s: 'rejected', a: 0 });

  // French
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await page.getByTestId('lang-select').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto(`${desk.host.origin}/#/admin/partners`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partenaires');
  await expect(aurora.getByTestId('partner-row-status')).toHaveText('Désactivé');
  await expect(baobab.getByTestId('partner-row-cert')).toHaveText('Non téléversé');
  await expect(baobab.getByTestId('partner-row-status')).toHaveText('Rejeté');
});
