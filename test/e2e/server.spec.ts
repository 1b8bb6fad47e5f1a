import type { Request } from '@playwright/test';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect, test } from './server-fixtures.ts';
import { ADMIN, register, signIn } from './steps.ts';

/*
 * Online mode (issue 14 §1): the renderer served by the server host, in Chromium. No launch token
 * and no cookie: the session is a bearer token the page sends itself, and the event socket
 * authenticates with it in its first message.
 */

const ORG = 'Aurora Identity Services';
const PARTNER = {
  firstName: 'Amina',
  lastName: 'Diallo',
  orgName: ORG,
  partnerType: 'SDK_Partner',
  address: '12 Registry Avenue, Ouagadougou',
  email: 'amina@aurora.example',
  phone: '+22670123456',
  username: 'aurora-sdk',
  password: 'Aur0ra-Secret!',
};
const pemFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(text),
});

test('a partner registers online in the browser, signs in with a bearer session and uploads its certificate', async ({
  page,
  server,
}) => {
  // The deployment is set up on the server: its admin and the AUTH trust chain.
  await server.call('setup.createAdmin', { ...ADMIN, lang: 'en' });
  const admin = (await server.call('auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const authRoot = root('CN=Aurora Auth Root CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-server-root'),
  });
  const authCa = intermediate(authRoot, 'CN=Aurora Issuing CA, O=Aurora Trust', {
    key: keyPair('rsa2048', 'e2e-server-ca'),
  });
  await server.call(
    'trustStore.upload',
    {
      partnerDomain: 'AUTH',
      fileName: 'auth-chain.pem',
      contentBase64: Buffer.from(authRoot.pem + authCa.pem).toString('base64'),
    },
    admin,
  );

  const calls: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/call/')) calls.push(r);
  });
  const socketFrames: { sent: string[]; received: string[] } = { sent: [], received: [] };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => socketFrames.sent.push(String(f.payload)));
    ws.on('framereceived', (f) => socketFrames.received.push(String(f.payload)));
  });

  // The plain address, no launch token: partners open it from their own machines.
  await page.goto(`${server.host.origin}/`);
  await expect(page.locator('meta[name="partner-desk-host"]')).toHaveAttribute('content', 'server');
  await expect(page.getByTestId('login-form')).toBeVisible();

  await register(page, PARTNER);
  await expect(page.getByTestId('confirmation')).toBeVisible();
  await page.getByTestId('confirmation-back').click();
  await signIn(page, PARTNER.username, PARTNER.password);
  await expect(page.getByTestId('account-status')).toHaveText('Pending For Approval');

  await page.getByTestId('card-partnerCertificate').click();
  const card = page.getByTestId('partner-cert-card');
  await expect(card).toHaveAttribute('data-uploaded', 'false');
  await card.getByTestId('card-upload').click();
  const dialog = page.getByTestId('partner-upload-dialog');
  const cert = leaf(authCa, `CN=aurora-sdk, O=${ORG}`, {
    key: keyPair('rsa2048', 'e2e-server-partner'),
  });
  await dialog.getByTestId('partner-upload-file').setInputFiles(pemFile('aurora-sdk.pem', cert.pem));
  await dialog.getByTestId('partner-upload-submit').click();
  await expect(dialog.getByTestId('partner-upload-success')).toHaveText(
    'Partner certificate for SDK Partner is uploaded successfully.',
  );
  await dialog.getByTestId('partner-upload-close').click();
  await expect(card).toHaveAttribute('data-uploaded', 'true');
  await expect(card.getByTestId('card-issued-by')).toHaveText('Aurora Issuing CA');

  // The certificate is on the server, with the MOSIP-signed copy its signing CA issued.
  const stored = server.core.db.reader
    .prepare("SELECT COUNT(*) FROM partner_certificate WHERE partner_id = 'aurora-sdk'")
    .pluck()
    .get();
  expect(stored).toBe(1);

  // On the wire: signed-in calls carry Authorization: Bearer, never the web host's header, never a cookie.
  const upload = calls.find((r) => r.url().endsWith('/api/call/partnerCertificate.upload'))!;
  const headers = await upload.allHeaders();
  expect(headers.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{20,}$/);
  expect(headers['x-partner-desk-session']).toBeUndefined();
  expect(headers.cookie).toBeUndefined();
  expect(await page.context().cookies()).toEqual([]);
  const token = headers.authorization!.slice('Bearer '.length);

  // The event socket signed in with the same session (first message) and the server accepted it.
  expect(socketFrames.sent).toContainEqual(JSON.stringify({ type: 'auth', session: token }));
  expect(socketFrames.received).toContainEqual(JSON.stringify({ type: 'auth', ok: true }));

  // The server's log has the call as JSON, without the session token or the password.
  expect(server.logLines).toContainEqual(
    expect.objectContaining({
      msg: 'request',
      call: 'partnerCertificate.upload',
      status: 200,
      method: 'POST',
    }),
  );
  const log = JSON.stringify(server.logLines);
  expect(log).not.toContain(token);
  expect(log).not.toContain(PARTNER.password);
});
