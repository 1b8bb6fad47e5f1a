import { describe, expect, it } from 'vitest';
import { der, ext, intermediate, leaf, root, trustFor } from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

const UNKNOWN = '1.3.6.1.4.1.55738.666.1';
const unknownCritical = ext.raw(UNKNOWN, der.null(), true);
const ANY = '2.5.29.32.0';
const POLICY_A = '1.3.6.1.4.1.99999.1';
const POLICY_B = '1.3.6.1.4.1.99999.2';

describe('critical extensions', () => {
  const r = root();
  const trust = trustFor([r]);

  it('refuses an unknown critical extension on the leaf, an intermediate or the anchor (PD_PKI_004)', () => {
    const l = leaf(r, 'CN=Odd Leaf', { extra: [unknownCritical] });
    refuses({ leaf: l, trust }, 'PD_PKI_004', l);
    const i = intermediate(r, 'CN=Odd CA', { extra: [unknownCritical] });
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'PD_PKI_004', i);
    const oddRoot = root('CN=Odd Root', { extra: [unknownCritical] });
    refuses({ leaf: leaf(oddRoot), trust: trustFor([oddRoot]) }, 'PD_PKI_004', oddRoot);
  });

  it('ignores an unknown non-critical extension', () => {
    accepts({ leaf: leaf(r, 'CN=Fine', { extra: [ext.raw(UNKNOWN, der.null(), false)] }), trust });
  });

  it('judges only certificates on the path (an odd intermediate or anchor elsewhere is harmless)', () => {
    const odd = intermediate(r, 'CN=Unused CA', { extra: [unknownCritical] });
    const good = intermediate(r, 'CN=Used CA');
    accepts({ leaf: leaf(good), trust, intermediates: [odd, good] });
    const oddRoot = root('CN=Unused Root', { extra: [unknownCritical] });
    accepts({ leaf: leaf(r), trust: trustFor([r, oddRoot]) });
  });
});

describe('RFC 5280 profile (PD_PKI_010)', () => {
  const r = root();
  const trust = trustFor([r]);

  it('refuses duplicate extensions', () => {
    const l = leaf(r, 'CN=Twice', {
      extra: [ext.subjectAltName([{ dns: 'a.example' }]), ext.subjectAltName([{ dns: 'b.example' }])],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
  });

  it('refuses a critical authorityKeyIdentifier or subjectKeyIdentifier under strict; keymanager reads past it with PD_PKI_W11', () => {
    const l = leaf(r, 'CN=Critical AKI', { extensions: [ext.authorityKeyId(r.keyId, true)] });
    refuses({ leaf: l, trust, options: { profile: 'strict' } }, 'PD_PKI_010', l);
    expect(accepts({ leaf: l, trust }).warnings).toEqual(['PD_PKI_W11']);
    const l2 = leaf(r, 'CN=Critical SKI', {
      extensions: [ext.subjectKeyId(new Uint8Array(20), true), ext.authorityKeyId(r.keyId)],
    });
    refuses({ leaf: l2, trust, options: { profile: 'strict' } }, 'PD_PKI_010', l2);
    expect(accepts({ leaf: l2, trust }).warnings).toEqual(['PD_PKI_W11']);
  });

  it('refuses a critical authorityInfoAccess and a malformed one', () => {
    const l = leaf(r, 'CN=Critical AIA', {
      extra: [ext.authorityInfoAccess('http://ca.example/ca.cer', true)],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
    const bad = leaf(r, 'CN=Bad AIA', {
      extra: [ext.raw('1.3.6.1.5.5.7.1.1', der.seq(der.seq(der.oid('1.3.6.1.5.5.7.48.2'))))],
    });
    refuses({ leaf: bad, trust }, 'PD_PKI_010', bad);
    accepts({
      leaf: leaf(r, 'CN=Good AIA', {
        extra: [ext.authorityInfoAccess('http://ca.example/ca.cer')],
      }),
      trust,
    });
  });

  it('refuses a malformed subjectAltName', () => {
    const l = leaf(r, 'CN=Bad SAN', {
      extra: [ext.raw('2.5.29.17', new Uint8Array(Buffer.from('0\x05example')))],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
    const ip = leaf(r, 'CN=Bad IP', {
      extra: [ext.subjectAltName([{ ip: [10, 0, 0, 1, 255, 255, 255, 0] }])],
    });
    refuses({ leaf: ip, trust }, 'PD_PKI_010', ip);
  });

  it('refuses an empty issuer name', () => {
    const l = leaf(r, 'CN=Orphan', { issuerName: '' });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
  });

  it('refuses name constraints in a non-CA certificate, and non-critical ones anywhere', () => {
    const l = leaf(r, 'CN=NC Leaf', {
      extra: [ext.nameConstraints({ permitted: [{ dns: 'example.com' }] })],
    });
    refuses({ leaf: l, trust }, 'PD_PKI_010', l);
    const i = intermediate(r, 'CN=Soft NC', {
      extra: [ext.nameConstraints({ permitted: [{ dns: 'example.com' }] }, false)],
    });
    refuses({ leaf: leaf(i), trust, intermediates: [i], options: { profile: 'strict' } }, 'PD_PKI_010', i);
    // keymanager: the marking is warned, the constraint still enforced
    expect(accepts({ leaf: leaf(i), trust, intermediates: [i] }).warnings).toEqual(['PD_PKI_W11']);
    const outside = leaf(i, 'CN=Outside', { extra: [ext.subjectAltName([{ dns: 'other.org' }])] });
    refuses({ leaf: outside, trust, intermediates: [i] }, 'PD_PKI_005', outside);
  });

  it('refuses non-critical policyConstraints under strict; keymanager still enforces them', () => {
    const i = intermediate(r, 'CN=Soft PC', {
      extra: [ext.policyConstraints(0, undefined, false)],
    });
    refuses({ leaf: leaf(i), trust, intermediates: [i], options: { profile: 'strict' } }, 'PD_PKI_010', i);
    refuses({ leaf: leaf(i), trust, intermediates: [i] }, 'PD_PKI_012');
  });
});

describe('certificate policies (PD_PKI_012)', () => {
  const r = root();
  const trust = trustFor([r]);

  it('accepts any policies when nothing requires an explicit policy', () => {
    const i = intermediate(r, 'CN=Policy CA', { extra: [ext.policies([POLICY_A])] });
    accepts({ leaf: leaf(i, 'CN=No Policy'), trust, intermediates: [i] });
  });

  it('with requireExplicitPolicy=0 needs a policy valid down to the leaf', () => {
    const i = intermediate(r, 'CN=Explicit CA', {
      extra: [ext.policies([POLICY_A]), ext.policyConstraints(0)],
    });
    const withPolicy = leaf(i, 'CN=Has Policy', { extra: [ext.policies([POLICY_A])] });
    accepts({ leaf: withPolicy, trust, intermediates: [i] });
    const other = leaf(i, 'CN=Other Policy', { extra: [ext.policies([POLICY_B])] });
    refuses({ leaf: other, trust, intermediates: [i] }, 'PD_PKI_012', other);
    const none = leaf(i, 'CN=No Policy');
    refuses({ leaf: none, trust, intermediates: [i] }, 'PD_PKI_012', none);
  });

  it('honours anyPolicy, and inhibitAnyPolicy', () => {
    const i = intermediate(r, 'CN=Any CA', {
      extra: [ext.policies([ANY]), ext.policyConstraints(0)],
    });
    accepts({
      leaf: leaf(i, 'CN=A', { extra: [ext.policies([POLICY_A])] }),
      trust,
      intermediates: [i],
    });
    const inhibited = intermediate(r, 'CN=Inhibit CA', {
      extra: [ext.policies([POLICY_A]), ext.policyConstraints(0), ext.inhibitAnyPolicy(0)],
    });
    const anyLeaf = leaf(inhibited, 'CN=Any Leaf', { extra: [ext.policies([ANY])] });
    refuses({ leaf: anyLeaf, trust, intermediates: [inhibited] }, 'PD_PKI_012', anyLeaf);
  });

  it('follows policy mappings', () => {
    const i = intermediate(r, 'CN=Mapping CA', {
      extra: [ext.policies([POLICY_A]), ext.policyMappings([[POLICY_A, POLICY_B]]), ext.policyConstraints(0)],
    });
    accepts({
      leaf: leaf(i, 'CN=Mapped', { extra: [ext.policies([POLICY_B])] }),
      trust,
      intermediates: [i],
    });
    const anyMap = intermediate(r, 'CN=Any Mapping CA', {
      extra: [ext.policies([POLICY_A]), ext.policyMappings([[ANY, POLICY_B]])],
    });
    refuses({ leaf: leaf(anyMap), trust, intermediates: [anyMap] }, 'PD_PKI_012', anyMap);
  });
});
