import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../../lib/pki/index.ts';
import type { ParsedCert } from '../../../lib/pki/index.ts';
import { checkTrust, failingCertificate } from '../../../lib/sbi/checks/trust.ts';
import type { DecodedJws } from '../../../lib/sbi/jws.ts';
import { AT, intermediate, keyPair, leaf, root, trustFor } from '../../helpers/pki.ts';

/*
 * A trust failure names the certificate it failed on by its place on the path and its subject:
 * x5c[0] is the device's own certificate; the anchor and intermediates come from the trust store
 * and must never be reported as x5c[0].
 */
const parsed = (der: Uint8Array) => parseCertificate(der) as ParsedCert;
const name = (der: Uint8Array) => parsed(der).subject.text;
const summary = (der: Uint8Array) => ({
  thumbprint: parsed(der).thumbprint,
  subject: parsed(der).subject.text,
});
// checkTrust reads only the signer's certificate from the JWS.
const signedBy = (der: Uint8Array) => ({ signerDer: Buffer.from(der) }) as unknown as DecodedJws;

describe('failingCertificate', () => {
  const anchor = root('CN=RootCA, O=Mosip', { key: keyPair('p256', 'tm-root') });
  const ca = intermediate(anchor, 'CN=Device Issuing CA, O=Mosip', {
    key: keyPair('p256', 'tm-ca'),
  });
  const device = leaf(ca, 'CN=MosipFace, O=Mosip', { key: keyPair('p256', 'tm-leaf') });
  const trust = trustFor([anchor], [ca], 'DEVICE');

  it('names x5c[0] only for the signer itself', () => {
    expect(failingCertificate(parsed(device.der), summary(device.der), 'DEVICE', trust)).toBe(
      `certificate 1 of the path, x5c[0] itself (${name(device.der)})`,
    );
  });

  it('names a stored intermediate and the anchor by position and subject', () => {
    expect(failingCertificate(parsed(device.der), summary(ca.der), 'DEVICE', trust)).toBe(
      `certificate 2 of the path, an intermediate CA of the DEVICE trust store (${name(ca.der)})`,
    );
    expect(failingCertificate(parsed(device.der), summary(anchor.der), 'DEVICE', trust)).toBe(
      `certificate 3 of the path, the DEVICE trust anchor (${name(anchor.der)})`,
    );
  });

  it('an anchor off the path from x5c[0] is still named as the anchor, without a position', () => {
    const other = root('CN=Other Root, O=Elsewhere', { key: keyPair('p256', 'tm-other') });
    const store = trustFor([anchor, other], [ca], 'DEVICE');
    expect(failingCertificate(parsed(device.der), summary(other.der), 'DEVICE', store)).toBe(
      `the DEVICE trust anchor (${name(other.der)})`,
    );
    expect(failingCertificate(null, summary(anchor.der), 'DEVICE', store)).toMatch(
      /^certificate 1 of the path, x5c\[0\] itself/,
    );
    expect(failingCertificate(parsed(device.der), null, 'DEVICE', store)).toBe('no readable certificate');
  });
});

describe('checkTrust reports the failing certificate', () => {
  it('an expired intermediate from the trust store: position 2 and its subject, x5c[0] named as the signer', () => {
    const anchor = root('CN=RootCA, O=Mosip', { key: keyPair('p256', 'tm2-root') });
    const ca = intermediate(anchor, 'CN=Expired CA, O=Mosip', {
      key: keyPair('p256', 'tm2-ca'),
      notAfter: new Date(AT.getTime() - 86_400_000),
    });
    const device = leaf(ca, 'CN=MosipFace, O=Mosip', { key: keyPair('p256', 'tm2-leaf') });
    const [check] = checkTrust(signedBy(device.der), 'DEVICE', 'deviceInfo[0]', {
      trust: trustFor([anchor], [ca], 'DEVICE'),
      now: AT,
    });
    expect(check).toMatchObject({ name: 'deviceInfo[0].trust', result: 'fail' });
    expect(check!.reason).toContain(
      `x5c[0] (${name(device.der)}) is not trusted in domain DEVICE: certificate 2 of the path, an intermediate CA of the DEVICE trust store (${name(ca.der)}) fails the validity check`,
    );
    expect(name(ca.der)).toMatch(/CN=Expired CA/);
    expect(check!.detail).toMatchObject({
      failing: expect.stringContaining('certificate 2 of the path'),
    });
  });

  it('an expired device certificate is x5c[0] itself', () => {
    const anchor = root('CN=RootCA, O=Mosip', { key: keyPair('p256', 'tm3-root') });
    const device = leaf(anchor, 'CN=Old Face, O=Mosip', {
      key: keyPair('p256', 'tm3-leaf'),
      notAfter: new Date(AT.getTime() - 86_400_000),
    });
    const [check] = checkTrust(signedBy(device.der), 'DEVICE', 'deviceInfo[0]', {
      trust: trustFor([anchor], [], 'DEVICE'),
      now: AT,
    });
    expect(check).toMatchObject({ result: 'fail', code: 'SBI_CERT_EXPIRED' });
    expect(check!.reason).toMatch(
      new RegExp(`^x5c\\[0\\] \\(${name(device.der)}\\) is not trusted in domain DEVICE: validity check: `),
    );
    expect(check!.detail).toMatchObject({
      failing: `certificate 1 of the path, x5c[0] itself (${name(device.der)})`,
    });
    expect(name(device.der)).toMatch(/CN=Old Face/);
  });
});
