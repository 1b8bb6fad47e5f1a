/**
 * The no-hardware demo on a desk: `setup.loadDemo` and the demo hardware on the web host, then the
 * desk's own IDA client, unchanged, reaches the service the web host serves and matches a capture of
 * the virtual SBI — the path the officer's flow takes. Ports 46810–46819 belong to this file.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idaClientFromConfig } from '../../main/core/ida/config.ts';
import type { SbiAuthBiometric } from '../../main/core/ida/types.ts';
import { startDemoHardware } from '../../main/hosts/shared/demo-hardware.ts';
import { TestClock } from '../helpers/core.ts';
import { testWebHost } from '../helpers/web.ts';

const clock = new TestClock();
let web: Awaited<ReturnType<typeof testWebHost>>;
beforeAll(async () => {
  web = await testWebHost(undefined, {
    now: clock.now,
    config: { hardware: { sbiPortFrom: 46810, sbiPortTo: 46819 } },
  });
  const r = await web.core.dispatch('setup.loadDemo', null, {});
  if (!r.ok) throw new Error(r.error.message);
  await startDemoHardware(web.core, () => undefined);
}, 120_000);
afterAll(() => web?.close());

function capture(port: number, transactionId: string): Promise<SbiAuthBiometric[]> {
  const body = JSON.stringify({
    env: 'Staging',
    purpose: 'Auth',
    specVersion: '0.9.5',
    timeout: '5000',
    captureTime: clock.now().toISOString(),
    transactionId,
    bio: [
      {
        type: 'Iris',
        count: '1',
        bioSubType: ['Left'],
        requestedScore: '40',
        deviceId: '5',
        deviceSubId: '0',
        previousHash: '',
      },
    ],
    customOpts: null,
  });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'CAPTURE', path: '/capture' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { biometrics: SbiAuthBiometric[] }).biometrics),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('demo desk', () => {
  it('is configured for its own service, and a virtual iris capture authenticates Karim', async () => {
    const admin = await web.core.dispatch('auth.login', null, { login: 'admin', password: 'x' });
    expect(admin.ok).toBe(false); // the demo password is generated; the status is read below as the system would
    const status = web.core.db.reader.prepare('SELECT base_url, partner_id FROM ida_client').get();
    expect(status).toEqual({
      base_url: `${web.host.origin}/idauthentication/v1`,
      partner_id: 'demo-registration-office',
    });
    const port = web.core.deps.hardware.virtualState(new Set()).port!;
    const biometrics = await capture(port, 'DEMO000001');
    const out = await idaClientFromConfig(web.core.db.reader, web.core.deps).kyc({
      individualId: '5087654328',
      individualIdType: 'UIN',
      transactionId: 'DEMO000001',
      consentObtained: true,
      biometrics,
    });
    expect(out, JSON.stringify(out)).toMatchObject({
      ok: true,
      claims: { fullName: 'Karim Benali', city: 'Rabat' },
    });
    const stranger = await capture(port, 'DEMO000002');
    const refused = await idaClientFromConfig(web.core.db.reader, web.core.deps).kyc({
      individualId: '5099999993',
      individualIdType: 'UIN',
      transactionId: 'DEMO000002',
      consentObtained: true,
      biometrics: stranger,
    });
    expect(refused).toMatchObject({ ok: false, code: 'IDA-BIA-001', unreachable: false });
  });
});
