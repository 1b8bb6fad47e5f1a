import { describe, expect, it } from 'vitest';
import { intermediate, keyPair, leaf, root, trustFor } from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

const rsa = keyPair('rsa2048', 'rsa-root');
const rsaLeafKey = keyPair('rsa2048', 'rsa-leaf');

describe('keys: RSA ≥ 2048 bits, EC P-256/P-384 only', () => {
  it('accepts RSA-2048, EC P-256 and EC P-384 chains', () => {
    const r = root('CN=RSA Root', { key: rsa });
    accepts({ leaf: leaf(r, 'CN=RSA Leaf', { key: rsaLeafKey }), trust: trustFor([r]) });
    const p384 = root('CN=P384 Root', { key: keyPair('p384') });
    accepts({
      leaf: leaf(p384, 'CN=P384 Leaf', { key: keyPair('p384') }),
      trust: trustFor([p384]),
    });
  });

  it('refuses an RSA-1024 leaf with KER-PCM-013', () => {
    const r = root();
    const l = leaf(r, 'CN=Weak Leaf', { key: keyPair('rsa1024', 'weak') });
    refuses({ leaf: l, trust: trustFor([r]) }, 'KER-PCM-013', l);
  });

  it('refuses an RSA-1024 issuer with KER-PCM-013, naming the issuer', () => {
    const r = root();
    const i = intermediate(r, 'CN=Weak CA', { key: keyPair('rsa1024', 'weak') });
    refuses({ leaf: leaf(i), trust: trustFor([r]), intermediates: [i] }, 'KER-PCM-013', i);
  });

  it.each(['p521', 'secp256k1', 'ed25519'] as const)('refuses a %s key with PD_PKI_007', (spec) => {
    const r = root();
    const l = leaf(r, `CN=${spec} Leaf`, { key: keyPair(spec) });
    refuses({ leaf: l, trust: trustFor([r]) }, 'PD_PKI_007', l);
  });
});

describe('signatures: SHA-2 only, verified natively', () => {
  const r = root('CN=RSA Root', { key: rsa });
  const trust = trustFor([r]);

  it.each(['sha256', 'sha384', 'sha512', 'pss-sha256'] as const)('accepts %s', (signature) => {
    accepts({ leaf: leaf(r, `CN=${signature}`, { key: rsaLeafKey, signature }), trust });
  });

  it('warns that keymanager refuses an RSA-PSS leaf (its Java name does not start with "SHA2")', () => {
    expect(accepts({ leaf: leaf(r, 'CN=PSS', { key: rsaLeafKey, signature: 'pss-sha256' }), trust }).warnings).toEqual([
      'PD_PKI_W03',
    ]);
  });

  it.each(['sha1', 'md5', 'pss-sha1'] as const)('refuses %s with KER-PCM-014', (signature) => {
    const l = leaf(r, `CN=${signature}`, { key: rsaLeafKey, signature });
    refuses({ leaf: l, trust }, 'KER-PCM-014', l);
  });

  it('refuses ECDSA with SHA-1 and Ed25519 signatures with KER-PCM-014', () => {
    const ec = root();
    const l = leaf(ec, 'CN=EC SHA1', { signature: 'sha1' });
    refuses({ leaf: l, trust: trustFor([ec]) }, 'KER-PCM-014', l);
    const ed = root('CN=Ed Root', { key: keyPair('ed25519') });
    const l2 = leaf(ed, 'CN=Ed Signed');
    refuses({ leaf: l2, trust: trustFor([ed]) }, 'KER-PCM-014', l2);
  });

  it('refuses an intermediate signed with SHA-1, naming it', () => {
    const i = intermediate(r, 'CN=SHA1 CA', { signature: 'sha1' });
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'KER-PCM-014', i);
  });

  it('does not judge the trust anchor by its own (self-)signature algorithm', () => {
    const sha1Root = root('CN=Old Root', { key: rsa, signature: 'sha1' });
    accepts({ leaf: leaf(sha1Root, 'CN=L', { key: rsaLeafKey }), trust: trustFor([sha1Root]) });
  });

  it('refuses a signature that does not verify with PD_PKI_006', () => {
    const r2 = root();
    const forged = leaf(r2, 'CN=Forged', { signingKey: keyPair('p256') });
    refuses({ leaf: forged, trust: trustFor([r2]) }, 'PD_PKI_006', forged);
  });

  it('refuses a signature with a flipped bit', () => {
    const r2 = root();
    const l = leaf(r2, 'CN=Flipped', { mutate: (d) => ((d[d.length - 5]! ^= 1), d) });
    refuses({ leaf: l, trust: trustFor([r2]) }, 'PD_PKI_006', l);
  });
});
