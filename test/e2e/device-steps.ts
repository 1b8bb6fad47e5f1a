import 'reflect-metadata';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import { expect } from './fixtures.ts';
import type { Desk } from './fixtures.ts';
import { ADMIN, signIn, signOut } from './steps.ts';

/* Steps shared by the device and FTM provider specs: providers and trust chains seeded through the core. */

export const b64 = (text: string) => Buffer.from(text).toString('base64');
export const pemFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/x-pem-file',
  buffer: Buffer.from(text),
});
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const DP = {
  firstName: 'Sami',
  lastName: 'Kone',
  orgName: 'Sentinel Biometrics',
  partnerType: 'Device_Provider',
  address: '3 Sensor Street, Bamako',
  email: 'sami@sentinel.example',
  phone: '+22370123456',
  username: 'sentinel-dp',
  password: 'Sent1nel-Secret!',
  lang: 'en',
} as const;
export const FTP = {
  firstName: 'Lea',
  lastName: 'Traore',
  orgName: 'SecureSilicon',
  partnerType: 'FTM_Provider',
  address: '9 Chip Road, Dakar',
  email: 'lea@securesilicon.example',
  phone: '+221701234567',
  username: 'securesilicon',
  password: 'S1licon-Secret!',
  lang: 'en',
} as const;

export async function call<M extends MethodName>(
  desk: Desk,
  method: M,
  input: Input<M>,
  session: string | null = null,
): Promise<Output<M>> {
  const r = await desk.core.dispatch(method, session, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as Output<M>;
}

/** Admin, a trust chain for the domain, and one provider approved by uploading its partner certificate. */
export async function seedProvider(desk: Desk, domain: 'DEVICE' | 'FTM', partner: typeof DP | typeof FTP) {
  await call(desk, 'setup.createAdmin', { ...ADMIN, lang: 'en' });
  const admin = (await call(desk, 'auth.login', { login: ADMIN.username, password: ADMIN.password })).token;
  const caRoot = root(`CN=${domain} Root CA, O=Trust Services`, {
    key: keyPair('rsa2048', `e2e-${domain}-root`),
  });
  const ca = intermediate(caRoot, `CN=${domain} Issuing CA, O=Trust Services`, {
    key: keyPair('rsa2048', `e2e-${domain}-ca`),
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
    key: keyPair('rsa2048', `e2e-${domain}-partner`),
  });
  await call(
    desk,
    'partnerCertificate.upload',
    { partnerId: partner.username, fileName: 'partner.pem', contentBase64: b64(cert.pem) },
    session,
  );
  return { admin, session, ca };
}

export async function as(page: Page, desk: Desk, login: string, password: string, hash: string) {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  await signIn(page, login, password);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${desk.host.origin}/#${hash}`);
}

export async function switchLanguage(page: Page, desk: Desk, lang: 'en' | 'fr' | 'ar', hash: string) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-profile').click();
  await page.getByTestId('lang-select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.goto(`${desk.host.origin}/#${hash}`);
}
