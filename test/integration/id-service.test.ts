/**
 * The ID authentication service and the desk's IDA client end to end: the real server host on
 * loopback, real SQLite, the hub's virtual SBI encrypting to the service's IDA-FIR key, all on the
 * test clock. Ports 46800–46809 belong to this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idaWorld } from '../helpers/ida.ts';
import type { IdaWorld } from '../helpers/ida.ts';

let w: IdaWorld;
beforeAll(async () => {
  w = await idaWorld([46800, 46809]);
}, 120_000);
afterAll(() => w?.close());

let seq = 0;
const txn = () => `TXN${String(++seq).padStart(7, '0')}`;

describe('e-KYC with the virtual SBI', () => {
  it('a finger the service enrolled matches and returns the consented claims', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const out = await w.client().kyc({ individualId: '5012345678', individualIdType: 'UIN', transactionId: t, consentObtained: true, biometrics });
    expect(out).toMatchObject({ ok: true, transactionId: t, claims: { fullName: 'Amina Diallo', dateOfBirth: '1990/04/12', email: 'amina.diallo@example.org' } });
    if (out.ok) expect(out.authToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
