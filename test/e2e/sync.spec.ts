import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import en from '../../renderer/src/i18n/en.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { SCREENSHOTS, followRunnerClock } from './fixtures.ts';
import { freePort, openDesk, ServerProcess, tempDir } from './sync-fixtures.ts';
import type { SyncDesk } from './sync-fixtures.ts';
import { ADMIN, PARTNER, fill, register, signIn, signOut } from './steps.ts';

/*
 * Issue 14 end to end, in Chromium: a real `npm run server` process and two desks (web hosts with
 * the desk sync client) on loopback. A partner works online against the server; two admin desks
 * join it, go offline, decide the partner's policy request differently; the first applied on the
 * server wins and the other shows the refusal; the partner's API key passes the server's check.
 */

const AUTH_POLICY = {
  authTokenType: 'policy',
  allowedKycAttributes: [{ attributeName: 'fullName' }],
  allowedAuthTypes: [{ authType: 'otp', authSubType: '', mandatory: false }],
};
async function shot(target: Page | Locator, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
const pemFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(text),
});

/** The deployment before the server starts serving: its admin, the AUTH trust chain, a group with a published policy, a 30-day freeze. */
async function setUpServer(dataDir: string) {
  const core = openCore({
    hardware: createHardwareHub,
    dataDir,
    publicUrl: 'http://127.0.0.1/',
    log: () => undefined,
    syncRole: 'server',
  });
  const call = async <T>(r: Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>) => {
    const a = await r;
    if (!a.ok) throw new Error(a.error?.code);
    return a.result as T;
  };
  try {
    await call(core.dispatch('setup.createAdmin', null, { ...ADMIN, lang: 'en' }));
    const admin = (
      await call<{ token: string }>(
        core.dispatch('auth.login', null, { login: ADMIN.username, password: ADMIN.password }),
      )
    ).token;
    const authRoot = root('CN=Aurora Auth Root CA, O=Aurora Trust', {
      key: keyPair('rsa2048', 'e2e-sync-root'),
    });
    const authCa = intermediate(authRoot, 'CN=Aurora Issuing CA, O=Aurora Trust', {
      key: keyPair('rsa2048', 'e2e-sync-ca'),
    });
    await call(
      core.dispatch('trustStore.upload', admin, {
        partnerDomain: 'AUTH',
        fileName: 'auth.pem',
        contentBase64: Buffer.from(authRoot.pem + authCa.pem).toString('base64'),
      }),
    );
    const group = await call<{ policyGroupId: string }>(
      core.dispatch('policyGroups.create', admin, {
        name: 'Banking',
        description: 'Banks verifying customers',
      }),
    );
    const draft = await call<{ policyId: string }>(
      core.dispatch('policies.create', admin, {
        policyGroupId: group.policyGroupId,
        name: 'KYC basic',
        description: 'Basic eKYC',
        policyType: 'Auth',
        policy: JSON.stringify(AUTH_POLICY),
      }),
    );
    await call(core.dispatch('policies.publish', admin, { policyId: draft.policyId }));
    await call(core.dispatch('sync.setFreezeDays', admin, { days: 30 }));
    return { authCa, policyId: draft.policyId };
  } finally {
    core.close();
  }
}

async function joinFromSetup(page: Page, desk: SyncDesk, server: ServerProcess, deskName: string) {
  await page.goto(desk.host.url);
  const join = page.getByTestId('setup-join');
  await expect(join).toBeVisible();
  // every sync code is explained before anyone joins
  await expect(join.getByTestId('sync-codes').locator('[data-testid^="sync-code-PD_SYNC_"]')).toHaveCount(13);
  await fill(page, 'join-form', {
    serverUrl: server.origin,
    login: ADMIN.username,
    password: ADMIN.password,
    deskName,
  });
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('confirmation')).toHaveAttribute('data-kind', 'desk-joined', {
    timeout: 20_000,
  });
  await page.getByTestId('confirmation-back').click();
  // the account was never created here: the password cached at the join signs in
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('sync-bar')).toHaveAttribute('data-state', 'online');
}

async function decide(page: Page, origin: string, action: 'approve' | 'reject') {
  await page.goto(`${origin}/#/admin/policy-linking`);
  const row = page.getByTestId('link-row').filter({ hasText: 'KYC basic' });
  await row.getByTestId(`link-row-${action}`).click();
  await page.getByTestId(`link-${action}-dialog-confirm`).click();
  await expect(row.getByTestId('link-row-status')).toHaveText(action === 'approve' ? 'Approved' : 'Rejected');
}

test('a partner online, two admin desks offline: the first decision on the server wins, the other desk shows the refusal, the API key passes the server check', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dirs = [tempDir('pd-e2e-sync-server-'), tempDir('pd-e2e-sync-deskA-'), tempDir('pd-e2e-sync-deskB-')];
  const [serverDir, dirA, dirB] = dirs.map((d) => d.dir) as [string, string, string];
  const { authCa, policyId } = await setUpServer(serverDir);
  const server = new ServerProcess(serverDir, await freePort());
  const desks: SyncDesk[] = [];
  const context = await browser.newContext();
  try {
    await server.start();

    // ── the partner, online in its browser: registers, picks its group, uploads its certificate, requests the policy
    const partner = await context.newPage();
    await followRunnerClock(partner);
    await partner.goto(`${server.origin}/`);
    await register(partner, PARTNER);
    await partner.getByTestId('confirmation-back').click();
    await signIn(partner, PARTNER.username, PARTNER.password);
    await partner.getByTestId('policy-group-option').filter({ hasText: 'Banking' }).click();
    await partner.getByTestId('policy-group-submit').click();
    await expect(partner.getByTestId('welcome')).toBeVisible();
    await expect(partner.getByTestId('sync-bar')).toHaveCount(0); // the server is not a desk
    await partner.goto(`${server.origin}/#/partner/certificates`);
    await partner.getByTestId('partner-cert-card').getByTestId('card-upload').click();
    const upload = partner.getByTestId('partner-upload-dialog');
    const cert = leaf(authCa, `CN=${PARTNER.username}, O=${PARTNER.orgName}`, {
      key: keyPair('rsa2048', 'e2e-sync-partner'),
    });
    await upload.getByTestId('partner-upload-file').setInputFiles(pemFile('partner.pem', cert.pem));
    await upload.getByTestId('partner-upload-submit').click();
    await expect(upload.getByTestId('partner-upload-success')).toBeVisible();
    await upload.getByTestId('partner-upload-close').click();
    await partner.goto(`${server.origin}/#/partner/policies/request`);
    const form = partner.getByTestId('request-policy-form');
    await form.getByTestId('request-policy').selectOption({ label: 'KYC basic' });
    await form.getByTestId('request-comments').fill('Account opening checks.');
    await form.getByTestId('request-submit').click();
    await expect(partner.getByTestId('confirmation')).toContainText('Policy Submitted Successfully!');

    // ── two admin desks join the server from their setup screens (desk B in Arabic first: RTL)
    desks.push(await openDesk(dirA));
    const a = await context.newPage();
    await followRunnerClock(a);
    await joinFromSetup(a, desks[0]!, server, 'Registry laptop A');
    await expect(a.getByTestId('sync-freeze-countdown')).toHaveText(
      /^Changes stop in 29 d 23 h \d+ min unless this desk syncs$/,
    );
    await a.goto(`${desks[0]!.host.origin}/#/admin/settings`);
    await expect(a.getByTestId('settings-on-desk')).toBeVisible();
    await expect(a.getByTestId('settings-freeze-days')).toHaveValue('30');

    desks.push(await openDesk(dirB));
    const b = await context.newPage();
    await followRunnerClock(b);
    await b.goto(desks[1]!.host.url);
    await b.getByTestId('lang-select').selectOption('ar');
    await expect(b.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(b.locator('#setup-join-title')).toHaveText('الانضمام إلى خادم');
    await shot(b.getByTestId('setup-join'), 'sync-join-ar');
    await b.getByTestId('lang-select').selectOption('en');
    await joinFromSetup(b, desks[1]!, server, 'Registry laptop B');

    // ── the server goes away: both desks work offline
    await server.stop();
    await a.getByTestId('sync-now').click();
    await expect(a.getByTestId('sync-bar')).toHaveAttribute('data-state', 'offline');
    await expect(a.getByTestId('sync-error')).toHaveAttribute('data-code', 'PD_SYNC_007');
    // offline sign-in with the cached credential
    await signOut(a);
    await signIn(a, ADMIN.username, ADMIN.password);
    await expect(a.getByTestId('sync-bar')).toHaveAttribute('data-state', 'offline');
    await decide(a, desks[0]!.host.origin, 'approve');
    await expect(a.getByTestId('sync-pending')).toHaveAttribute('data-count', '1');
    await decide(b, desks[1]!.host.origin, 'reject');
    await expect(b.getByTestId('sync-pending')).toHaveAttribute('data-count', '1');
    await shot(a, 'sync-bar-offline-en');
    // desk B is switched off before the server returns; desk A syncs first
    await desks[1]!.close();

    await server.start();
    await a.getByTestId('sync-now').click();
    await expect(a.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', {
      timeout: 20_000,
    });
    await expect(a.getByTestId('sync-bar')).toHaveAttribute('data-state', 'online');
    await expect(a.getByTestId('sync-conflicts')).toHaveAttribute('data-count', '0');
    await a.getByTestId('sync-queue-link').click();
    const appliedRow = a
      .getByTestId('sync-queue-row')
      .filter({ has: a.locator('[data-testid="queue-method"]', { hasText: 'linking.decide' }) });
    await expect(appliedRow.getByTestId('queue-status')).toHaveAttribute('data-status', 'applied');

    // ── desk B comes back: its rejection is refused by the server and shown with the server's reason
    desks[1] = await openDesk(dirB);
    await b.goto(desks[1].host.url);
    await signIn(b, ADMIN.username, ADMIN.password);
    await expect(b.getByTestId('sync-conflicts')).toHaveAttribute('data-count', '1', {
      timeout: 20_000,
    });
    await expect(b.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
    await b.getByTestId('sync-queue-link').click();
    const refused = b.locator('[data-testid="sync-queue-row"][data-status="conflict"]');
    await expect(refused).toHaveCount(1);
    await expect(refused).toHaveAttribute('data-method', 'linking.decide');
    const code = (await refused.getByTestId('queue-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z]+_[A-Z]+_\d+$/);
    await expect(refused.getByTestId('queue-reason')).toHaveText(en.errors[code as keyof typeof en.errors]);
    await shot(b, 'sync-queue-refused-en');
    // the refused change is undone: desk B shows the server's decision
    await refused.getByTestId('queue-open').click();
    await expect(b).toHaveURL(/#\/admin\/policy-linking\/view\?id=/);
    await expect(b.getByTestId('link-detail')).toHaveAttribute('data-status', 'approved');

    // ── the partner, still online, generates an API key; the server's key check accepts it
    await partner.goto(`${server.origin}/#/partner/api-keys/generate`);
    const keyForm = partner.getByTestId('generate-key-form');
    await keyForm.getByTestId('generate-key-policy').selectOption({ label: 'KYC basic' });
    await keyForm.getByTestId('generate-key-label').fill('Branch onboarding');
    await keyForm.getByTestId('generate-key-submit').click();
    const once = partner.getByTestId('api-key-once');
    await expect(once.getByTestId('api-key-value')).not.toBeEmpty();
    await expect(once.getByTestId('api-key-sync-note')).toHaveCount(0); // online: nothing to wait for
    const apiKey = (await once.getByTestId('api-key-value').textContent()) ?? '';
    expect(await server.call('apiKeys.check', { partnerId: PARTNER.username, policyId, apiKey })).toEqual({
      valid: true,
      reason: 'ok',
    });
  } finally {
    await context.close();
    for (const d of desks) await d.close().catch(() => undefined);
    await server.stop();
    for (const d of dirs) d.remove();
  }
});
