import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@peculiar/x509';
import type { Download, Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';
import { expect, test } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, createAdmin, fill, signIn, signOut } from './steps.ts';

/*
 * Certificates (issue 3) in Chromium against the web host. Certificates are made here at run time
 * (test/helpers/pki.ts); no key is ever written to disk. The web host runs on real time, inside the
 * helpers' default validity (2020 → 2040).
 */

const ORG = 'Aurora Identity Services';
// SDK_Partner: AUTH domain and no policy group. Auth/Credential partners must first pick a policy
// group (PMS_PRT_054), which the policy screens of another issue provide.
const SDK_PARTNER = {
  firstName: 'Amina',
  lastName: 'Diallo',
  orgName: ORG,
  partnerType: 'SDK_Partner',
  address: '12 Registry Avenue, Ouagadougou',
  email: 'amina@aurora.example',
  phone: '+22670123456',
  username: 'aurora-sdk',
  password: 'Aur0ra-Secret!',
  lang: 'en',
} as const;

const pemFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(text),
});
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The AUTH trust chain of the tests: RSA keys as a real CA would use. */
function authChain() {
  const authRoot = root('CN=Aurora Auth Root CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-auth-root'),
  });
  const authCa = intermediate(authRoot, 'CN=Aurora Issuing CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-auth-ca'),
  });
  return { authRoot, authCa };
}

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

/** Admin, AUTH trust chain and an SDK partner, straight through the core (the UI for them is tested elsewhere). */
async function seed(desk: Desk): Promise<{ admin: string; authCa: TestCert }> {
  await call(desk, 'setup.createAdmin', { ...ADMIN, lang: 'en' });
  const admin = (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const { authRoot, authCa } = authChain();
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
  await call(desk, 'auth.register', SDK_PARTNER);
  return { admin, authCa };
}

async function saved(download: Promise<Download>, click: Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([download, click]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const clickDownload = (page: Page, testId: string) =>
  saved(page.waitForEvent('download'), page.getByTestId(testId).click());

async function uploadTrust(page: Page, domain: string, file: ReturnType<typeof pemFile>): Promise<void> {
  await page.getByTestId('trust-upload-link').click();
  await page.getByTestId('trust-upload-domain').selectOption(domain);
  await page.getByTestId('trust-upload-file').setInputFiles(file);
  await page.getByTestId('trust-upload-submit').click();
}

test('admin: trust certificates uploaded one by one and as a bundle, listed per tab, filtered, detailed with the chain, downloaded', async ({
  page,
  desk,
}) => {
  const { authRoot, authCa } = authChain();
  // signed with RSA-PSS: accepted, but keymanager will refuse it (warning PD_PKI_W03)
  const pssCa = intermediate(authRoot, 'CN=Aurora PSS CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-pss-ca'),
    signature: 'pss-sha256',
  });
  const retired = root('CN=Retired Root CA, O=Aurora Trust', {
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2025-01-01T00:00:00Z'),
  });

  await desk.open(page);
  await createAdmin(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  const badge = page.getByTestId('card-count-trustStore');
  await expect(badge).toHaveText(/^0/);
  await expect(badge).toHaveAttribute('title', 'No CA certificate expires within 30 days');
  await page.getByTestId('card-trustStore').click();
  await expect(page).toHaveURL(/#\/admin\/trust-store$/);
  await expect(page.getByTestId('trust-empty')).toHaveText('No certificates match these filters.');
  // the signing CA made at setup, which MOSIP backends must trust
  await expect(page.getByTestId('signing-ca-subject')).toHaveText(
    `CN=Partner Desk Partner Signing CA, O=${ADMIN.orgName}`,
  );
  const signingCa = await clickDownload(page, 'signing-ca-download');
  expect(new X509Certificate(signingCa.text).subject).toBe(`CN=Partner Desk Partner Signing CA, O=${ADMIN.orgName}`);

  // the form keeps a chosen file: leaving asks first
  await page.getByTestId('trust-upload-link').click();
  await page.getByTestId('trust-upload-submit').click();
  await expect(page.getByTestId('field-error-partnerDomain')).toBeVisible();
  await expect(page.getByTestId('field-error-certificateFile')).toHaveText('Choose a certificate file.');
  await page.getByTestId('trust-upload-file').setInputFiles(pemFile('auth-root.pem', authRoot.pem));
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('leave-dialog-text')).toContainText('unsaved changes');
  await page.keyboard.press('Escape'); // Escape stays, as "Stay" does
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);
  await expect(page.getByTestId('trust-upload-form')).toBeVisible();
  await page.getByTestId('trust-upload-cancel').click();
  await page.getByTestId('leave-dialog-leave').click(); // discard the chosen file
  await expect(page).toHaveURL(/#\/admin\/trust-store$/);

  // one root, then one intermediate, for AUTH: the confirmation page each time
  await uploadTrust(page, 'AUTH', pemFile('auth-root.pem', authRoot.pem));
  await expect(page.getByTestId('confirmation')).toContainText(
    'Trust Certificate for Authentication is uploaded successfully!',
  );
  await page.getByTestId('confirmation-back').click();
  await uploadTrust(page, 'AUTH', pemFile('auth-ca.cer', authCa.pem));
  await expect(page.getByTestId('confirmation')).toContainText(
    'Trust Certificate for Authentication is uploaded successfully!',
  );
  await page.getByTestId('confirmation-back').click();
  // back in the trust store: the tab of what was just added, the new certificate first
  await expect(page.getByTestId('trust-tab-INTERMEDIATE')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('trust-row').first().getByTestId('trust-row-issued-to')).toHaveText(
    'Aurora Issuing CA',
  );

  // the same two as a bundle for DEVICE, with a PSS-signed CA and an expired root: a result per certificate
  await uploadTrust(page, 'DEVICE', pemFile('device-bundle.pem', authRoot.pem + authCa.pem + pssCa.pem + retired.pem));
  await expect(page.getByTestId('upload-overall')).toHaveText('Partial Success');
  const results = page.getByTestId('upload-result');
  await expect(results).toHaveCount(4);
  await expect(results.nth(0)).toContainText('Root CA');
  await expect(results.nth(0)).toContainText('Root CA certificate added to Device.');
  await expect(results.nth(1)).toContainText('Intermediate CA');
  await expect(results.nth(1)).toContainText('Aurora Issuing CA');
  const warning = results.nth(2).getByTestId('certificate-warning');
  await expect(warning).toHaveAttribute('data-code', 'PD_PKI_W03');
  await expect(warning).toContainText(
    'The MOSIP backend will refuse this certificate because it is signed with RSA-PSS',
  );
  await expect(results.nth(3)).toHaveAttribute('data-code', 'KER-PCM-004');
  await expect(results.nth(3)).toContainText('KER-PCM-004 — The certificate is not valid at this time (expired).');
  await desk.shot(page, 'trust-store-upload-results-en');
  // the warning stays on the certificate's detail
  await results.nth(2).getByTestId('upload-result-view').click();
  await expect(page.getByTestId('detail-issued-to')).toHaveText('Aurora PSS CA');
  await expect(page.getByTestId('certificate-warnings').getByTestId('certificate-warning')).toHaveAttribute(
    'data-code',
    'PD_PKI_W03',
  );
  await page.getByTestId('detail-back').click();

  // Root CA tab: both roots; filters run in the core
  const rows = page.getByTestId('trust-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('trust-total')).toHaveText('Certificates: 2');
  await fill(page, 'trust-filters', { partnerDomain: 'AUTH' });
  await page.getByTestId('trust-apply').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('trust-row-issued-to')).toHaveText('Aurora Auth Root CA');
  await expect(rows.first().getByTestId('trust-row-status')).toHaveText('Valid');
  await fill(page, 'trust-filters', { partnerDomain: '', expiryPeriod: '31' });
  await page.getByTestId('trust-apply').click();
  await expect(page.getByTestId('trust-filters').locator('[name="expiryPeriod"]')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await fill(page, 'trust-filters', { expiryPeriod: '30' });
  await page.getByTestId('trust-apply').click();
  await expect(page.getByTestId('trust-empty')).toBeVisible();
  await page.getByTestId('trust-clear').click();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('trust-sort-partnerDomain').click();
  await expect(page.getByTestId('trust-sort-partnerDomain').locator('..')).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first().getByTestId('trust-row-domain')).toHaveText('Authentication');

  // Intermediate CA tab, reached with the keyboard
  await page.getByTestId('trust-tab-ROOT').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('trust-tab-INTERMEDIATE')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('trust-tab-INTERMEDIATE')).toBeFocused();
  await expect(page.getByTestId('trust-table')).toHaveAttribute('data-ca-type', 'INTERMEDIATE');
  await expect(rows).toHaveCount(3);
  await expect(rows.first().getByTestId('trust-row-issued-to')).toHaveText('Aurora Issuing CA');
  await desk.shot(page, 'trust-store-list-en');

  // the AUTH intermediate's detail: the chain picture from its root down to it
  await rows.filter({ hasText: 'Authentication' }).getByTestId('trust-row-view').click();
  await expect(page.getByTestId('trust-detail')).toHaveAttribute('data-ca-type', 'INTERMEDIATE');
  const nodes = page.getByTestId('chain-node');
  await expect(nodes).toHaveCount(2);
  await expect(nodes.nth(0)).toHaveAttribute('data-role', 'anchor');
  await expect(nodes.nth(0).getByTestId('chain-node-name')).toHaveText('Aurora Auth Root CA');
  await expect(nodes.nth(0).getByTestId('chain-node-role')).toHaveText('Root CA (trust anchor)');
  await expect(nodes.nth(1)).toHaveAttribute('data-self', 'true');
  await expect(nodes.nth(1).getByTestId('chain-node-name')).toHaveText('Aurora Issuing CA');
  await expect(page.getByTestId('chain-error')).toHaveCount(0);
  await expect(page.getByTestId('fact-public-key')).toHaveText('RSA 2048 bits');
  await expect(page.getByTestId('fact-subject')).toContainText('CN=Aurora Issuing CA');
  await expect(page.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('extension-row').filter({ hasText: 'Basic Constraints' })).toContainText('Yes');
  await desk.shot(page, 'trust-store-detail-en');

  const certificate = await clickDownload(page, 'download-certificate');
  expect(certificate.name).toMatch(/^AUTH-intermediate-.*\.pem$/);
  expect(certificate.text.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
  expect(certificate.text.replace(/\s+/g, '')).toBe(authCa.pem.replace(/\s+/g, ''));
  const chain = await clickDownload(page, 'download-chain');
  expect(chain.name).toMatch(/-chain\.p7b$/);
  expect(chain.text.startsWith('-----BEGIN PKCS7-----')).toBe(true);

  // a root's detail is a chain of one; the list's Download of a root gives the PEM
  await page.getByTestId('detail-back').click();
  await page.getByTestId('trust-tab-ROOT').click();
  await rows.filter({ hasText: 'Authentication' }).getByTestId('trust-row-view').click();
  await expect(nodes).toHaveCount(1);
  await expect(nodes.first()).toHaveAttribute('data-self', 'true');
  await expect(page.getByTestId('download-chain')).toHaveCount(0);
  await page.getByTestId('detail-back').click();
  const listed = await saved(
    page.waitForEvent('download'),
    rows.filter({ hasText: 'Authentication' }).getByTestId('trust-row-download').click(),
  );
  expect(listed.text.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);

  expect(
    desk.core.db.reader.prepare('SELECT domain, ca_type FROM ca_certificate ORDER BY domain, ca_type').all(),
  ).toEqual([
    { domain: 'AUTH', ca_type: 'INTERMEDIATE' },
    { domain: 'AUTH', ca_type: 'ROOT' },
    { domain: 'DEVICE', ca_type: 'INTERMEDIATE' },
    { domain: 'DEVICE', ca_type: 'INTERMEDIATE' },
    { domain: 'DEVICE', ca_type: 'ROOT' },
  ]);
});

test('admin: a bundle where nothing is acceptable lists each certificate with its refusal, and nothing is stored', async ({
  page,
  desk,
}) => {
  const retired = root('CN=Retired Root CA, O=Aurora Trust', {
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2025-01-01T00:00:00Z'),
  });
  const orphan = intermediate(root('CN=Unknown Root, O=Elsewhere'), 'CN=Orphan CA, O=Elsewhere');
  await desk.open(page);
  await createAdmin(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByTestId('card-trustStore').click();
  await uploadTrust(page, 'FTM', pemFile('ftm-bundle.pem', retired.pem + orphan.pem));
  await expect(page.getByTestId('upload-overall')).toHaveText('Upload Failed');
  const results = page.getByTestId('upload-result');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0)).toHaveAttribute('data-code', 'KER-PCM-004');
  await expect(results.nth(1)).toHaveAttribute('data-code', 'KER-PCM-005');
  await expect(results.nth(1)).toContainText('Upload the root first');
  expect((desk.core.db.reader.prepare('SELECT COUNT(*) AS n FROM ca_certificate').get() as { n: number }).n).toBe(0);
});

test('partner: an SDK partner (AUTH domain) uploads a certificate that chains, becomes Active and downloads both copies', async ({
  page,
  desk,
}) => {
  const { admin, authCa } = await seed(desk);
  const cert = leaf(authCa, `CN=aurora-sdk, O=${ORG}`, { key: keyPair('rsa2048', 'e2e-partner') });

  await desk.open(page);
  await signIn(page, SDK_PARTNER.username, SDK_PARTNER.password);
  await expect(page.getByTestId('account-status')).toHaveText('Pending For Approval');
  await expect(page.getByTestId('card-count-partnerCertificate')).toHaveAttribute(
    'title',
    'No partner certificate expires within 30 days',
  );
  await page.getByTestId('card-partnerCertificate').click();
  await expect(page).toHaveURL(/#\/partner\/certificates$/);
  const card = page.getByTestId('partner-cert-card');
  await expect(card).toHaveAttribute('data-uploaded', 'false');
  await expect(card.getByTestId('card-not-uploaded')).toContainText('Upload CA Signed Partner Certificate');
  await expect(card.getByTestId('card-not-uploaded')).toContainText(`“${ORG}”`);

  await card.getByTestId('card-upload').click();
  const dialog = page.getByTestId('partner-upload-dialog');
  await expect(dialog.getByTestId('upload-partner-type')).toHaveText('SDK Partner');
  await expect(dialog.getByTestId('upload-partner-domain')).toHaveText('Authentication');
  await expect(dialog.getByTestId('last-uploaded')).toHaveCount(0);
  await dialog.getByTestId('partner-upload-file').setInputFiles(pemFile('aurora-sdk.pem', cert.pem));
  await dialog.getByTestId('partner-upload-submit').click();
  await expect(dialog.getByTestId('partner-upload-success')).toHaveText(
    'Partner certificate for SDK Partner is uploaded successfully.',
  );
  await expect(dialog.getByTestId('partner-upload-close')).toBeFocused();
  await dialog.getByTestId('partner-upload-close').click();
  await expect(dialog).toHaveCount(0);

  await expect(card).toHaveAttribute('data-uploaded', 'true');
  await expect(card.getByTestId('card-issued-to')).toHaveText('aurora-sdk');
  await expect(card.getByTestId('card-issued-by')).toHaveText('Aurora Issuing CA');
  await expect(card.getByTestId('card-type')).toHaveText('SDK Partner');
  await expect(card.getByTestId('card-validity')).toHaveText('Valid');
  await desk.shot(page, 'partner-certificate-en');

  // both copies: the original as uploaded, the MOSIP-signed one re-issued by the signing CA
  await card.getByTestId('card-download').click();
  const original = await clickDownload(page, 'download-ca-signed');
  expect(original.text).toBe(cert.pem);
  await card.getByTestId('card-download').click();
  const mosip = await clickDownload(page, 'download-mosip-signed');
  expect(mosip.text.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
  const signed = new X509Certificate(mosip.text);
  const uploaded = new X509Certificate(cert.pem);
  expect(signed.subject).toBe(uploaded.subject);
  expect(signed.issuer).not.toBe(uploaded.issuer);
  expect(signed.issuer).toContain('Partner Desk Partner Signing CA');

  // the keyboard opens the download menu and Escape closes it
  await card.getByTestId('card-download').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('download-ca-signed')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('download-ca-signed')).toHaveCount(0);
  await expect(card.getByTestId('card-download')).toBeFocused();

  // re-upload says when the last one came
  await card.getByTestId('card-reupload').click();
  await expect(dialog.getByTestId('last-uploaded')).toContainText('Last certificate was uploaded on');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // the first upload approved and activated the partner
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('account-status')).toHaveText('Active');
  expect(
    desk.core.db.reader
      .prepare("SELECT approval_status AS s, is_active AS a FROM partner WHERE id = 'aurora-sdk'")
      .get(),
  ).toEqual({ s: 'approved', a: 1 });

  // an expired MOSIP-signed copy cannot be downloaded (the clock cannot move here: age it in the store)
  desk.core.db.writer
    .prepare(
      "UPDATE partner_certificate SET mosip_not_after = '2025-01-01T00:00:00.000Z' WHERE partner_id = 'aurora-sdk'",
    )
    .run();
  await page.getByTestId('card-partnerCertificate').click();
  await expect(card.getByTestId('card-validity')).toHaveText('Expired');
  await expect(card.getByTestId('card-download')).toHaveAttribute('aria-disabled', 'true');
  await expect(card.getByTestId('card-download-blocked')).toHaveText(
    'Certificate has expired. Please upload a valid certificate.',
  );
  await card.getByTestId('card-download').click({ force: true });
  await expect(page.getByTestId('download-mosip-signed')).toHaveCount(0);

  // deactivated by the admin: no re-upload, no download, and the card says why
  await call(desk, 'partners.deactivate', { partnerId: 'aurora-sdk' }, admin);
  await page.reload();
  await expect(card.getByTestId('card-deactivated')).toHaveText('Deactivated');
  await expect(card.getByTestId('card-reupload')).toHaveAttribute('aria-disabled', 'true');
  await expect(card.getByTestId('card-download')).toHaveAttribute('aria-disabled', 'true');
  await expect(card.getByTestId('card-blocked-note')).toHaveText(
    'This partner is deactivated: its certificate cannot be re-uploaded or downloaded.',
  );
  await card.getByTestId('card-reupload').click({ force: true });
  await expect(dialog).toHaveCount(0);
  await signOut(page);

  // the partner admin opens the same card by partner id
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.goto(`${desk.host.origin}/#/partner/certificates?partnerId=aurora-sdk`);
  await expect(card).toHaveAttribute('data-partner-id', 'aurora-sdk');
  await expect(card.getByTestId('card-reupload')).toHaveAttribute('aria-disabled', 'true');
});

test('partner certificate refusals show the MOSIP code and message, in English, French and Arabic', async ({
  page,
  desk,
}) => {
  const { authCa } = await seed(desk);
  const subject = `CN=aurora-sdk, O=${ORG}`;
  const rsa = keyPair('rsa2048', 'e2e-partner');
  const elsewhere = intermediate(root('CN=Unknown Root, O=Elsewhere'), 'CN=Unknown CA, O=Elsewhere');
  const cases: Array<[string, ReturnType<typeof pemFile>, string]> = [
    [
      'KER-PCM-008',
      pemFile('wrong-org.pem', leaf(authCa, `CN=aurora-sdk, O=${ORG} Ltd`, { key: rsa }).pem),
      "The organisation (O=) in the certificate does not match the partner's organisation name exactly.",
    ],
    [
      'KER-PCM-006',
      pemFile('unknown-ca.pem', leaf(elsewhere, subject, { key: rsa }).pem),
      'The certificate does not chain to a root or intermediate CA of its partner domain.',
    ],
    [
      'KER-PCM-004',
      pemFile(
        'expired.pem',
        leaf(authCa, subject, {
          key: rsa,
          notBefore: new Date('2024-01-01T00:00:00Z'),
          notAfter: new Date('2025-01-01T00:00:00Z'),
        }).pem,
      ),
      'The certificate is not valid at this time (expired).',
    ],
    [
      'KER-PCM-015',
      pemFile('self-signed.pem', root(subject, { key: rsa }).pem),
      'Self-signed certificates are not accepted here; upload a certificate issued by a CA.',
    ],
    [
      'KER-PCM-001',
      pemFile('garbage.pem', 'this is not a certificate\n'),
      'The certificate cannot be read. Upload an X.509 certificate in PEM or DER format.',
    ],
  ];

  await desk.open(page);
  await signIn(page, SDK_PARTNER.username, SDK_PARTNER.password);
  await page.getByRole('link', { name: 'Partner Certificate', exact: true }).click();
  await page.getByTestId('card-upload').click();
  const dialog = page.getByTestId('partner-upload-dialog');
  for (const [code, file, message] of cases) {
    await dialog.getByTestId('partner-upload-file').setInputFiles(file);
    await dialog.getByTestId('partner-upload-submit').click();
    await expect(dialog.getByTestId('form-error')).toHaveText(`${code} — ${message}`);
  }
  // the last file chosen is 26 bytes: said in bytes, not rounded up to "1 KB"
  await expect(dialog.getByTestId('partner-upload-file-name')).toHaveText('garbage.pem (26 bytes)');
  // keymanager's minimum (1 year − 30 days grace): the refusal names it; times relative to the desk's clock
  const short = leaf(authCa, subject, {
    key: rsa,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 100 * 86_400_000),
  });
  await dialog.getByTestId('partner-upload-file').setInputFiles(pemFile('short.pem', short.pem));
  await dialog.getByTestId('partner-upload-submit').click();
  await expect(dialog.getByTestId('form-error')).toHaveText(
    "KER-PCM-017 — The certificate's remaining validity is shorter than the required minimum.",
  );
  await expect(dialog.getByTestId('error-refusal')).toContainText('It must stay valid for at least 335 more days');
  await dialog.getByTestId('partner-upload-cancel').click();

  const wrongOrg = cases[0]![1];
  const refuse = async () => {
    await page.getByTestId('card-upload').click();
    await dialog.getByTestId('partner-upload-file').setInputFiles(wrongOrg);
    await dialog.getByTestId('partner-upload-submit').click();
  };
  const switchLanguage = async (lang: 'fr' | 'ar') => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-profile').click();
    await page.getByTestId('lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.goto(`${desk.host.origin}/#/partner/certificates`);
  };

  // French
  await switchLanguage('fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificat du partenaire');
  await refuse();
  await expect(dialog.getByTestId('form-error')).toHaveText(
    "KER-PCM-008 — L'organisation (O=) du certificat ne correspond pas exactement au nom d'organisation du partenaire.",
  );
  await expect(dialog.getByTestId('upload-partner-domain')).toHaveText('Authentification');
  await desk.shot(page, 'partner-certificate-error-fr');
  await dialog.getByTestId('partner-upload-cancel').click();

  // Arabic, right to left
  await switchLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('شهادة الشريك');
  await refuse();
  await expect(dialog.getByTestId('form-error')).toHaveText(
    'KER-PCM-008 — اسم المؤسسة (O=) في الشهادة لا يطابق اسم مؤسسة الشريك تمامًا.',
  );
  await expect(dialog.getByTestId('upload-partner-domain')).toHaveText('المصادقة');
  await desk.shot(page, 'partner-certificate-error-ar');

  // nothing was stored and the partner is still pending
  expect(
    (
      desk.core.db.reader.prepare('SELECT COUNT(*) AS n FROM partner_certificate').get() as {
        n: number;
      }
    ).n,
  ).toBe(0);
  expect(desk.core.db.reader.prepare("SELECT approval_status AS s FROM partner WHERE id = 'aurora-sdk'").get()).toEqual(
    { s: 'InProgress' },
  );
});

test.describe('dashboard expiry badges', () => {
  // Short-lived certificates: CAs may be uploaded with under a year left, MOSIP-signed copies last 10 days.
  test.use({
    deskConfig: { certificates: { caMinValidityMonths: 0, mosipSignedValidityDays: 10 } },
  });

  test('count certificates expiring within 30 days, with the plural forms of each language, and lead to their screens', async ({
    page,
    desk,
  }) => {
    const { admin, authCa } = await seed(desk);
    const soon = new Date(Date.now() + 20 * 86_400_000);
    const ftm = [1, 2].map((n) => root(`CN=FTM Root ${n}, O=Chip Trust`, { notAfter: soon }).pem).join('');
    await call(
      desk,
      'trustStore.upload',
      { partnerDomain: 'FTM', fileName: 'ftm.pem', contentBase64: b64(ftm) },
      admin,
    );
    const cert = leaf(authCa, `CN=aurora-sdk, O=${ORG}`, {
      key: keyPair('rsa2048', 'e2e-partner'),
    });
    const partner = (
      await call(desk, 'auth.login', {
        login: SDK_PARTNER.username,
        password: SDK_PARTNER.password,
      })
    ).token;
    await call(
      desk,
      'partnerCertificate.upload',
      { partnerId: 'aurora-sdk', fileName: 'p.pem', contentBase64: b64(cert.pem) },
      partner,
    );

    await desk.open(page);
    await signIn(page, SDK_PARTNER.username, SDK_PARTNER.password);
    const partnerBadge = page.getByTestId('card-count-partnerCertificate');
    await expect(partnerBadge).toHaveText(/^1/);
    await expect(partnerBadge).toHaveAttribute('title', '1 partner certificate expires within 30 days');
    // The card shows both certificates, each with its issuer and expiry; the 10-day copy is amber, with its days.
    await page.getByTestId('card-partnerCertificate').click();
    const card = page.getByTestId('partner-cert-card');
    await expect(card.getByTestId('card-validity')).toHaveText('Expires in 10 days');
    await expect(card.getByTestId('card-validity')).toHaveAttribute('data-status', 'expiring');
    await expect(card.getByTestId('card-ca-signed').getByTestId('card-issued-by')).toHaveText('Aurora Issuing CA');
    await expect(card.getByTestId('card-ca-signed-validity')).toHaveText('Valid');
    await expect(card.getByTestId('card-mosip').getByTestId('card-mosip-issued-by')).toContainText(
      'Partner Desk Partner Signing CA',
    );
    await expect(card.getByTestId('card-mosip').getByTestId('card-expiry')).not.toHaveText(
      await card.getByTestId('card-ca-expiry').innerText(),
    );
    await signOut(page);

    await signIn(page, ADMIN.username, ADMIN.password);
    const badge = page.getByTestId('card-count-trustStore');
    await expect(badge).toHaveText(/^2/);
    await expect(badge).toHaveAttribute('title', '2 CA certificates expire within 30 days');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-profile').click();
    await page.getByTestId('lang-select').selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('link', { name: 'لوحة التحكم', exact: true }).click();
    // Arabic has a dual: "two certificates" is its own form
    await expect(badge).toHaveAttribute('title', 'شهادتا مرجع تصديق تنتهي صلاحيتهما خلال 30 يومًا');
    await page.getByTestId('card-trustStore').click();
    await fill(page, 'trust-filters', { expiryPeriod: '30' });
    await page.getByTestId('trust-apply').click();
    await expect(page.getByTestId('trust-row')).toHaveCount(2);
    await expect(page.getByTestId('trust-row').first().getByTestId('trust-row-domain')).toHaveText('شرائح FTM');
    // 20 days left: amber, in words, with Arabic's plural for 11–99
    await expect(page.getByTestId('trust-row').first().getByTestId('trust-row-status')).toHaveText(
      'تنتهي خلال 20 يومًا',
    );
  });
});
