import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backendRefusalWarnings, createTrustStore, validateCertificatePath } from '../../../lib/pki/index.ts';
import { AT, ext, intermediate, keyPair, leaf, root, threeLevel, trustFor } from '../../helpers/pki.ts';
import type { TestCert } from '../../helpers/pki.ts';
import { accepts, refuses, run } from './util.ts';

const sha256 = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

describe('the verdict', () => {
  it('returns the path leaf first with SHA-256 thumbprints, roles, DER and PEM', () => {
    const c = threeLevel();
    const v = accepts({ leaf: c.leaf, trust: c.trust, intermediates: [c.intermediate] });
    expect(v.domain).toBe('AUTH');
    expect(v.path.map((e) => e.role)).toEqual(['leaf', 'intermediate', 'anchor']);
    expect(v.path.map((e) => e.thumbprint)).toEqual([c.leaf, c.intermediate, c.root].map((x) => sha256(x.der)));
    expect(v.path[0]!.subject).toBe('O=Partner Org, CN=Partner One');
    expect(v.path[2]!.pem).toBe(c.root.pem);
    expect(Buffer.from(v.path[2]!.der).equals(Buffer.from(c.root.der))).toBe(true);
    expect(v.stats.signatureChecks).toBeLessThanOrEqual(2);
  });

  it('is plain data (survives structured clone)', () => {
    const c = threeLevel();
    const v = run({ leaf: c.leaf, trust: c.trust, intermediates: [c.intermediate] });
    expect(structuredClone(v)).toEqual(v);
  });
});

describe('anchoring in the requested partner domain', () => {
  const c = threeLevel();

  it('uses stored intermediates of the domain', () => {
    accepts({ leaf: c.leaf, trust: trustFor([c.root], [c.intermediate]) });
  });

  it('refuses with KER-PCM-005 when the domain has no trust anchor', () => {
    refuses({ leaf: c.leaf, trust: trustFor([c.root], [c.intermediate], 'DEVICE'), domain: 'AUTH' }, 'KER-PCM-005');
  });

  it('never anchors in another domain, and never uses its intermediates', () => {
    const other = root('CN=FTM Root');
    const trust = createTrustStore([
      { cert: other.der, domain: 'AUTH', role: 'anchor' },
      { cert: c.root.der, domain: 'DEVICE', role: 'anchor' },
      { cert: c.intermediate.der, domain: 'DEVICE', role: 'intermediate' },
    ]);
    refuses({ leaf: c.leaf, trust, domain: 'AUTH' }, 'KER-PCM-006', c.leaf);
    accepts({ leaf: c.leaf, trust, domain: 'DEVICE' });
  });

  it('refuses a chain that ends in an untrusted self-signed root (KER-PCM-006)', () => {
    const strangerRoot = root('CN=Stranger Root');
    const strangerCa = intermediate(strangerRoot, 'CN=Stranger CA');
    refuses(
      { leaf: leaf(strangerCa), trust: c.trust, intermediates: [strangerCa, strangerRoot] },
      'KER-PCM-006',
      strangerRoot,
    );
  });

  it('treats a trusted intermediate as an anchor (the path stops there)', () => {
    const v = accepts({ leaf: c.leaf, trust: trustFor([c.intermediate]), intermediates: [c.root] });
    expect(v.path).toHaveLength(2);
  });

  it('reports unparsable trust store entries instead of throwing', () => {
    const trust = createTrustStore([{ cert: 'not a cert', domain: 'AUTH', role: 'anchor' }]);
    expect(trust.rejected).toEqual([{ index: 0, fault: expect.objectContaining({ code: 'KER-PCM-001' }) }]);
  });

  it('validates a certificate that is itself a trust anchor as a path of one, checked as an anchor', () => {
    const v = accepts({ leaf: c.root, trust: c.trust, options: { allowSelfSignedLeaf: true } });
    expect(v.path.map((e) => e.role)).toEqual(['anchor']);
    const expired = root('CN=Expired Anchor', { notAfter: new Date('2025-01-01T00:00:00Z') });
    refuses(
      { leaf: expired, trust: trustFor([expired]), options: { allowSelfSignedLeaf: true } },
      'KER-PCM-004',
      expired,
    );
    const trustedCa = trustFor([c.intermediate]);
    expect(accepts({ leaf: c.intermediate, trust: trustedCa }).path).toHaveLength(1);
  });

  it('refuses a self-signed leaf with KER-PCM-015 unless allowed', () => {
    const self = root('CN=Self Signed Partner');
    refuses({ leaf: self, trust: c.trust }, 'KER-PCM-015', self);
    refuses({ leaf: self, trust: c.trust, options: { allowSelfSignedLeaf: true } }, 'KER-PCM-006', self);
  });
});

describe('path building', () => {
  it('backtracks past an expired intermediate to a valid one with the same name and key', () => {
    const r = root();
    const key = keyPair('p256');
    const expired = intermediate(r, 'CN=Issuing CA', {
      key,
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const renewed = intermediate(r, 'CN=Issuing CA', { key });
    const l = leaf(renewed);
    const v = accepts({ leaf: l, trust: trustFor([r]), intermediates: [expired, renewed] });
    expect(v.path[1]!.thumbprint).toBe(sha256(renewed.der));
  });

  it('tries every same-name candidate: AKI/SKI orders, it does not filter', () => {
    const r = root();
    const i = intermediate(r, 'CN=CA', {
      without: ['2.5.29.14'],
      extra: [ext.subjectKeyId(new Uint8Array(20).fill(7))],
    });
    const decoy = intermediate(r, 'CN=CA');
    const l = leaf(i, 'CN=L', { without: ['2.5.29.35'], extra: [ext.authorityKeyId(decoy.keyId)] }); // AKI points at the decoy
    accepts({ leaf: l, trust: trustFor([r]), intermediates: [decoy, i] });
  });

  it('finds the chain of pain: root 2 → expired cross-cert → root → leaf', () => {
    const r = root('CN=Root One');
    const r2 = root('CN=Root Two');
    const cross = intermediate(r2, 'CN=Root One', {
      key: r.key,
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    accepts({ leaf: leaf(r), trust: trustFor([r, r2]), intermediates: [cross] });
  });

  it('resolves a cross-signing cycle when one member is also a trust anchor (CVE-2024-0567 shape)', () => {
    const a = root('CN=A');
    const bKey = keyPair('p256');
    const b = root('CN=B', { key: bKey });
    const aByB = intermediate(b, 'CN=A', { key: a.key });
    const bByA = intermediate(a, 'CN=B', { key: bKey });
    const a1 = intermediate(a, 'CN=A1');
    const v = accepts({ leaf: leaf(a1), trust: trustFor([a]), intermediates: [aByB, bByA, b, a1] });
    expect(v.path).toHaveLength(3);
  });

  it('stops at a cycle of CAs that never reaches an anchor (KER-PCM-006)', () => {
    const k1 = keyPair('p256');
    const k2 = keyPair('p256');
    const stub1 = root('CN=Cycle One', { key: k1 });
    const stub2 = root('CN=Cycle Two', { key: k2 });
    const oneByTwo = intermediate(stub2, 'CN=Cycle One', { key: k1 });
    const twoByOne = intermediate(stub1, 'CN=Cycle Two', { key: k2 });
    refuses(
      {
        leaf: leaf(oneByTwo),
        trust: trustFor([root('CN=Elsewhere')]),
        intermediates: [oneByTwo, twoByOne],
      },
      'KER-PCM-006',
    );
  });

  it('explains the best failure: a bad path beats a missing issuer', () => {
    const r = root();
    const i = intermediate(r, 'CN=Expired CA', { notAfter: new Date('2025-01-01T00:00:00Z') });
    const v = refuses({ leaf: leaf(i), trust: trustFor([r]), intermediates: [i] }, 'KER-PCM-004', i);
    expect(v.check).toBe('validity');
  });

  it('prefers an issuer that really signed over a namesake when blaming', () => {
    const r = root();
    const realCa = intermediate(r, 'CN=CA', { notAfter: new Date('2025-01-01T00:00:00Z') });
    const namesake = intermediate(r, 'CN=CA', {
      extra: [ext.raw('1.3.6.1.4.1.55738.666.1', new Uint8Array([5, 0]), true)],
    });
    refuses({ leaf: leaf(realCa), trust: trustFor([r]), intermediates: [namesake, realCa] }, 'KER-PCM-004', realCa);
  });
});

describe('budget and caps', () => {
  /** 100 CAs sharing one subject, each signing the next, none reaching the anchor. */
  function sameSubjectChain(sameKey: boolean): { leaf: TestCert; intermediates: TestCert[] } {
    const shared = keyPair('p256');
    let top = root('CN=Pathological', { key: shared });
    const intermediates = [top];
    for (let n = 1; n < 100; n++)
      intermediates.push((top = intermediate(top, 'CN=Pathological', { key: sameKey ? shared : keyPair('p256') })));
    return { leaf: leaf(top), intermediates };
  }

  it.each([false, true])(
    'finishes 100 same-name intermediates (same key: %s) well under 100 ms with a typed refusal',
    (sameKey) => {
      const p = sameSubjectChain(sameKey);
      const trust = trustFor([root('CN=Real Root')]);
      run({ leaf: p.leaf, trust, intermediates: p.intermediates }); // warm the parse cache like a trust store
      const t0 = performance.now();
      const v = run({ leaf: p.leaf, trust, intermediates: p.intermediates });
      const ms = performance.now() - t0;
      expect(v.ok).toBe(false);
      if (!v.ok) expect(['PD_PKI_009', 'KER-PCM-006', 'PD_PKI_002']).toContain(v.code);
      expect(ms).toBeLessThan(100);
    },
  );

  it('stops at the candidate cap with PD_PKI_009', () => {
    const p = sameSubjectChain(false);
    const v = refuses(
      {
        leaf: p.leaf,
        trust: trustFor([root('CN=Real Root')]),
        intermediates: p.intermediates,
        options: { maxCandidates: 10 },
      },
      'PD_PKI_009',
    );
    expect(v.check).toBe('pathSearch');
  });

  it('stops at the deadline with PD_PKI_008 (clock injected)', () => {
    const c = threeLevel();
    let now = 0;
    const clock = () => (now += 50);
    const v = validateCertificatePath({
      leaf: c.leaf.der,
      domain: 'AUTH',
      trust: c.trust,
      intermediates: [c.intermediate.der],
      at: AT,
      options: { clock, budgetMs: 60 },
    });
    expect(v.ok || v.code).toBe('PD_PKI_008');
  });

  it('stops at the depth cap with PD_PKI_009 even when the intermediate limit is raised', () => {
    const r = root();
    let top = r;
    const chain = [];
    for (let n = 0; n < 12; n++) chain.push((top = intermediate(top, `CN=Deep ${n}`)));
    refuses(
      {
        leaf: leaf(top),
        trust: trustFor([r]),
        intermediates: chain,
        options: { maxIntermediates: 50 },
      },
      'PD_PKI_009',
    );
  });
});

describe('backend parity warnings', () => {
  it('flags an intermediate with a twin from another issuer (PD_PKI_W02)', () => {
    const r = root();
    const elsewhere = root('CN=Elsewhere Root');
    const key = keyPair('p256');
    const good = intermediate(r, 'CN=Twin CA', { key });
    const twin = intermediate(elsewhere, 'CN=Twin CA', { key });
    const v = accepts({ leaf: leaf(good), trust: trustFor([r]), intermediates: [twin, good] });
    expect(v.warnings).toEqual(['PD_PKI_W02']);
    expect(accepts({ leaf: leaf(good), trust: trustFor([r]), intermediates: [good] }).warnings).toEqual([]);
    const path = [leaf(good), good, r].map((x) => x.pem);
    expect(backendRefusalWarnings({ path, at: AT, otherCertificates: [twin.der] })).toEqual(['PD_PKI_W02']);
    expect(backendRefusalWarnings({ path, at: AT })).toEqual([]);
  });
});
