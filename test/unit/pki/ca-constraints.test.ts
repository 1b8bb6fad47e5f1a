import { describe, expect, it } from 'vitest';
import {
  CRL_SIGN,
  DIGITAL_SIGNATURE,
  KEY_CERT_SIGN,
  ext,
  intermediate,
  keyPair,
  leaf,
  root,
  trustFor,
} from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

const BC = '2.5.29.19';
const KU = '2.5.29.15';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

describe('basicConstraints cA on every issuer', () => {
  const r = root();
  const trust = trustFor([r]);

  it('accepts a well-formed intermediate', () => {
    const i = intermediate(r);
    accepts({ leaf: leaf(i), trust, intermediates: [i] });
  });

  it('refuses an intermediate without basicConstraints (PD_PKI_001)', () => {
    const i = intermediate(r, 'CN=No BC', { without: [BC] });
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'PD_PKI_001', i);
  });

  it('refuses an intermediate with cA=false (PD_PKI_001)', () => {
    const i = intermediate(r, 'CN=Not CA', {
      without: [BC, KU],
      extra: [ext.basicConstraints(false)],
    });
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'PD_PKI_001', i);
  });

  it('refuses a CA whose basicConstraints is not critical under strict (PD_PKI_001); keymanager accepts it with PD_PKI_W04', () => {
    const i = intermediate(r, 'CN=Soft BC', {
      without: [BC],
      extra: [ext.basicConstraints(true, undefined, false)],
    });
    refuses({ leaf: leaf(i), trust, intermediates: [i], options: { profile: 'strict' } }, 'PD_PKI_001', i);
    expect(accepts({ leaf: leaf(i), trust, intermediates: [i] }).warnings).toEqual(['PD_PKI_W04']);
  });

  it('applies the same rule to the trust anchor', () => {
    const bare = root('CN=Bare Root', { without: [BC] });
    refuses({ leaf: leaf(bare), trust: trustFor([bare]) }, 'PD_PKI_001', bare);
  });

  it('accepts a CA certificate in leaf position (RFC 5280 puts no rule on the leaf)', () => {
    const i = intermediate(r, 'CN=CA As Leaf');
    accepts({ leaf: i, trust });
  });
});

describe('pathLenConstraint', () => {
  const r = root();
  const trust = trustFor([r]);

  it('allows an end entity under pathLen 0', () => {
    const i = intermediate(r, 'CN=PL0', { pathLen: 0 });
    accepts({ leaf: leaf(i), trust, intermediates: [i] });
  });

  it('refuses a second CA under pathLen 0 (PD_PKI_002)', () => {
    const i1 = intermediate(r, 'CN=PL0 Top', { pathLen: 0 });
    const i2 = intermediate(i1, 'CN=PL0 Below');
    refuses({ leaf: leaf(i2), trust, intermediates: [i1, i2] }, 'PD_PKI_002', i2);
  });

  it('does not count self-issued intermediates (RFC 5280 4.2.1.9)', () => {
    const key = keyPair('p256');
    const i1 = intermediate(r, 'CN=Rollover CA', { pathLen: 0, key });
    const rollover = intermediate(i1, 'CN=Rollover CA', { pathLen: 0 }); // self-issued: new key, same name
    accepts({ leaf: leaf(rollover), trust, intermediates: [i1, rollover] });
  });

  it('applies the trust anchor pathLen', () => {
    const tight = root('CN=Tight Root', {
      extensions: [ext.basicConstraints(true, 0), ext.keyUsage([KEY_CERT_SIGN, CRL_SIGN])],
    });
    const i = intermediate(tight);
    accepts({ leaf: i, trust: trustFor([tight]) });
    refuses({ leaf: leaf(i), trust: trustFor([tight]), intermediates: [i] }, 'PD_PKI_002', i);
  });

  it('limits non-self-issued intermediates to maxIntermediates (keymanager: 4)', () => {
    let top = r;
    const chain = [];
    for (let n = 0; n < 5; n++) chain.push((top = intermediate(top, `CN=Level ${n}`)));
    const l = leaf(top);
    refuses({ leaf: l, trust, intermediates: chain }, 'PD_PKI_002');
    accepts({ leaf: l, trust, intermediates: chain, options: { maxIntermediates: 5 } });
    refuses({ leaf: leaf(chain[0]!), trust, intermediates: chain, options: { maxIntermediates: 0 } }, 'PD_PKI_002');
  });
});

describe('keyUsage', () => {
  const r = root();
  const trust = trustFor([r]);

  it('requires keyCertSign on an issuer that has keyUsage (PD_PKI_003)', () => {
    const i = intermediate(r, 'CN=No Cert Sign', {
      without: [KU],
      extra: [ext.keyUsage([DIGITAL_SIGNATURE, CRL_SIGN])],
    });
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'PD_PKI_003', i);
  });

  it('accepts an issuer without keyUsage at all', () => {
    const i = intermediate(r, 'CN=No KU', { without: [KU] });
    accepts({ leaf: leaf(i), trust, intermediates: [i] });
  });

  it('refuses keyCertSign on a certificate that is not a CA (PD_PKI_003)', () => {
    const l = leaf(r, 'CN=Sneaky', {
      extensions: [ext.basicConstraints(false), ext.keyUsage([DIGITAL_SIGNATURE, KEY_CERT_SIGN])],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_003', l);
  });

  it('checks a required leaf key usage when the leaf restricts it', () => {
    const l = leaf(r, 'CN=Encipher Only', { extensions: [ext.keyUsage([2])] });
    refuses({ leaf: l, trust, options: { requiredKeyUsages: ['digitalSignature'] } }, 'PD_PKI_003', l);
    accepts({ leaf: leaf(r), trust, options: { requiredKeyUsages: ['digitalSignature'] } });
  });
});

describe('extendedKeyUsage', () => {
  const r = root();
  const trust = trustFor([r]);

  it('passes a leaf without EKU, or with the purpose, or with anyExtendedKeyUsage', () => {
    const options = { requiredExtendedKeyUsages: [CLIENT_AUTH] };
    accepts({ leaf: leaf(r), trust, options });
    accepts({
      leaf: leaf(r, 'CN=Client', { extra: [ext.extKeyUsage([CLIENT_AUTH])] }),
      trust,
      options,
    });
    accepts({
      leaf: leaf(r, 'CN=Any', { extra: [ext.extKeyUsage(['2.5.29.37.0'])] }),
      trust,
      options,
    });
  });

  it('refuses a leaf whose EKU lacks the purpose (PD_PKI_011)', () => {
    const l = leaf(r, 'CN=Server Only', { extra: [ext.extKeyUsage([SERVER_AUTH])] });
    const v = refuses({ leaf: l, trust, options: { requiredExtendedKeyUsages: [CLIENT_AUTH] } }, 'PD_PKI_011', l);
    expect(v.check).toBe('extendedKeyUsage');
  });

  it('refuses an empty EKU extension as malformed (PD_PKI_010)', () => {
    const l = leaf(r, 'CN=Empty EKU', {
      extra: [ext.raw('2.5.29.37', new Uint8Array([0x30, 0x00]))],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
  });
});
