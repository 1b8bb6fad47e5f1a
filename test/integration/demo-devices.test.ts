import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { expireSbis } from '../../main/core/jobs.ts';

let tc: TestCore;
let password: string;
beforeEach(async () => {
  tc = testCore();
  password = (await tc.call('setup.loadDemo', {})).password;
}, 60_000); // the demo makes its PKI (RSA keys per domain) and starts the virtual SBI, as demo.test.ts
afterEach(() => tc.close());

describe('demo SBIs, devices and FTM chips', () => {
  it('has SBIs in every status (one expiring soon, one expired), an orphan device and FTM chips with and without certificates', async () => {
    const admin = await signIn(tc, 'admin', password);
    const sbis = (await tc.call('sbis.list', { pageSize: 50 }, admin)).data;
    expect(new Set(sbis.map((s) => s.status))).toEqual(
      new Set(['approved', 'pending_approval', 'rejected', 'deactivated']),
    );
    expect(sbis.filter((s) => s.sbiExpiryStatus === 'expired')).toHaveLength(1);
    expect((await tc.call('sbis.list', { expiryPeriod: 30, status: 'approved' }, admin)).totalResults).toBe(1);
    expect((await tc.call('devices.list', { orphan: true }, admin)).totalResults).toBe(1);
    const chips = (await tc.call('ftm.list', {}, admin)).data;
    expect(chips.find((c) => c.ftmId === 'demo-ftm-activated')).toMatchObject({
      status: 'approved',
      isCertificateAvailable: true,
    });
    expect(chips.find((c) => c.ftmId === 'demo-ftm-no-cert')).toMatchObject({
      status: 'pending_cert_upload',
      isCertificateAvailable: false,
    });
    expect(new Set(chips.map((c) => c.status))).toEqual(
      new Set(['approved', 'pending_approval', 'pending_cert_upload', 'rejected', 'deactivated']),
    );
    const cards = (await tc.call('dashboard.summary', {}, admin)).cards;
    expect(cards.find((c) => c.id === 'sbiDevice')?.breakdown).toEqual({ sbi: 1, device: 2 });
    const dp = await signIn(tc, 'sentinel-biometrics', password);
    expect((await tc.call('dashboard.summary', {}, dp)).cards.find((c) => c.id === 'sbiDevice')?.count).toBe(1);
    const ftm = await signIn(tc, 'securesilicon-ftm', password);
    expect((await tc.call('dashboard.summary', {}, ftm)).cards.find((c) => c.id === 'ftmChip')?.count).toBe(2);
    // the demo chip certificate chains to the demo FTM trust store
    const dl = await tc.call('ftm.downloadCertificate', { ftmId: 'demo-ftm-activated' }, ftm);
    expect(Buffer.from(dl.contentBase64, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    expect(await expireSbis(tc.core)).toEqual({
      sbisDeactivated: 1,
      sbisRejected: 0,
      devicesDeactivated: 1,
      devicesRejected: 0,
    });
  });
});
