import { describe, expect, it } from 'vitest';
import { ext, intermediate, leaf, root, trustFor } from '../../helpers/pki.ts';
import type { NameSpec, TestCert } from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

/** root → CA(nc) → leaf(san, subject) */
function chain(
  nc: { permitted?: NameSpec[]; excluded?: NameSpec[] },
  san: NameSpec[] | null,
  subject = 'CN=Partner, O=Org',
) {
  const r = root();
  const ca = intermediate(r, 'CN=Constrained CA, O=Org', { extra: [ext.nameConstraints(nc)] });
  const l = leaf(ca, subject, san ? { extra: [ext.subjectAltName(san)] } : {});
  return { run: { leaf: l, trust: trustFor([r]), intermediates: [ca] }, leaf: l, ca, root: r };
}
const ok = (c: ReturnType<typeof chain>) => accepts(c.run);
const bad = (c: ReturnType<typeof chain>, code = 'PD_PKI_005', on: TestCert = c.leaf) => refuses(c.run, code, on);

describe('DNS name constraints', () => {
  it('permits the subtree and its subdomains, not siblings', () => {
    ok(chain({ permitted: [{ dns: 'example.com' }] }, [{ dns: 'example.com' }]));
    ok(chain({ permitted: [{ dns: 'example.com' }] }, [{ dns: 'a.b.EXAMPLE.com' }]));
    bad(chain({ permitted: [{ dns: 'example.com' }] }, [{ dns: 'notexample.com' }]));
  });

  it('excludes matches, and excluded wins over permitted', () => {
    bad(chain({ excluded: [{ dns: 'bad.example.com' }] }, [{ dns: 'good.example.com' }, { dns: 'x.bad.example.com' }]));
    bad(chain({ permitted: [{ dns: 'example.com' }], excluded: [{ dns: 'example.com' }] }, [{ dns: 'example.com' }]));
  });

  it('treats a wildcard SAN defensively (CVE-2025-61727)', () => {
    bad(chain({ excluded: [{ dns: 'bar.example.com' }] }, [{ dns: '*.example.com' }]));
    bad(chain({ permitted: [{ dns: 'foo.example.com' }] }, [{ dns: '*.example.com' }]));
    ok(chain({ permitted: [{ dns: 'example.com' }] }, [{ dns: '*.example.com' }]));
  });

  it('refuses malformed names and constraints it cannot interpret', () => {
    bad(chain({ permitted: [{ dns: 'example.com' }] }, [{ dns: '.example.com' }]));
    bad(chain({ permitted: [{ dns: '.example.com' }] }, [{ dns: 'a.example.com' }]), 'PD_PKI_005');
    bad(chain({ permitted: [{ dns: '*.example.com' }] }, [{ dns: 'a.example.com' }]), 'PD_PKI_005');
  });

  it('leaves other name forms alone', () => {
    ok(chain({ permitted: [{ ip: [192, 0, 2, 0, 255, 255, 255, 0] }] }, [{ dns: 'example.com' }]));
  });
});

describe('IP name constraints', () => {
  it('match by CIDR for IPv4 and IPv6', () => {
    const v4 = { ip: [192, 0, 2, 0, 255, 255, 255, 0] };
    ok(chain({ permitted: [v4] }, [{ ip: [192, 0, 2, 7] }]));
    bad(chain({ permitted: [v4] }, [{ ip: [192, 0, 3, 7] }]));
    bad(chain({ excluded: [v4] }, [{ ip: [192, 0, 2, 7] }]));
    const loop6 = { ip: [...Array(15).fill(0), 1, ...Array(16).fill(255)] };
    bad(chain({ excluded: [loop6] }, [{ ip: [...Array(15).fill(0), 1] }]));
    ok(chain({ permitted: [loop6] }, [{ ip: [...Array(15).fill(0), 1] }]));
  });

  it('refuses a constraint that is not address+contiguous mask', () => {
    bad(chain({ permitted: [{ ip: [127, 0, 0, 1] }] }, [{ ip: [127, 0, 0, 1] }]));
    bad(chain({ permitted: [{ ip: [10, 0, 0, 0, 255, 0, 255, 0] }] }, [{ ip: [10, 0, 0, 1] }]));
  });
});

describe('e-mail name constraints', () => {
  it('match a mailbox, a host, or subdomains of a host; "*" is literal', () => {
    ok(chain({ permitted: [{ email: 'foo@example.com' }] }, [{ email: 'foo@EXAMPLE.com' }]));
    bad(chain({ permitted: [{ email: 'foo@example.com' }] }, [{ email: 'Foo@example.com' }]));
    ok(chain({ permitted: [{ email: 'example.com' }] }, [{ email: 'anyone@example.com' }]));
    bad(chain({ permitted: [{ email: 'example.com' }] }, [{ email: 'anyone@sub.example.com' }]));
    ok(chain({ permitted: [{ email: '.example.com' }] }, [{ email: 'anyone@sub.example.com' }]));
    bad(chain({ permitted: [{ email: '*@example.com' }] }, [{ email: 'user@example.com' }]));
  });

  it('apply to emailAddress in the subject when there is no SAN', () => {
    bad(chain({ permitted: [{ email: 'example.com' }] }, null, 'CN=Partner, E=someone@elsewhere.org'));
    ok(chain({ permitted: [{ email: 'example.com' }] }, null, 'CN=Partner, E=someone@example.com'));
  });

  it('refuse malformed addresses and constraints', () => {
    bad(chain({ permitted: [{ email: 'example.com' }] }, [{ email: 'a@b@example.com' }]));
    bad(chain({ permitted: [{ email: 'a@b@example.com' }] }, [{ email: 'a@example.com' }]));
  });
});

describe('directory name constraints', () => {
  it('apply to the subject and to directoryName SANs, by RDN prefix', () => {
    ok(chain({ permitted: [{ dn: 'O=Org' }] }, null, 'O=Org, CN=Partner'));
    bad(chain({ permitted: [{ dn: 'O=Org' }] }, null, 'O=Other, CN=Partner'));
    bad(chain({ excluded: [{ dn: 'O=Org, CN=Partner' }] }, null, 'O=Org, CN=Partner'));
    bad(chain({ permitted: [{ dn: 'O=Org' }] }, [{ dn: 'O=Other, CN=X' }], 'O=Org, CN=Partner'));
  });

  it('compare names the RFC 5280 way (case and spacing)', () => {
    ok(chain({ permitted: [{ dn: 'O=Org' }] }, null, 'O=  ORG , CN=Partner'));
  });
});

describe('where constraints apply', () => {
  it('apply to intermediates below the constraining CA, and from the anchor', () => {
    const r = root('CN=NC Root', {
      extra: [ext.nameConstraints({ permitted: [{ dns: 'partner.example' }] })],
    });
    const ca = intermediate(r, 'CN=Sub CA', {
      extra: [ext.subjectAltName([{ dns: 'ca.elsewhere.example' }])],
    });
    refuses({ leaf: leaf(ca), trust: trustFor([r]), intermediates: [ca] }, 'PD_PKI_005', ca);
  });

  it('skip self-issued intermediates but not a self-issued leaf', () => {
    const r = root('CN=NC Root 2', {
      extra: [ext.nameConstraints({ permitted: [{ dns: 'example.com' }] })],
    });
    const si = intermediate(r, 'CN=NC Root 2', {
      extra: [ext.subjectAltName([{ dns: 'not-example.org' }])],
    });
    accepts({
      leaf: leaf(si, 'CN=L', { extra: [ext.subjectAltName([{ dns: 'a.example.com' }])] }),
      trust: trustFor([r]),
      intermediates: [si],
    });
    const siLeaf = leaf(si, 'CN=NC Root 2', {
      extra: [ext.subjectAltName([{ dns: 'not-example.org' }])],
    });
    refuses(
      {
        leaf: siLeaf,
        trust: trustFor([r]),
        intermediates: [si],
        options: { allowSelfSignedLeaf: true },
      },
      'PD_PKI_005',
      siLeaf,
    );
  });

  it('narrow down the path: every constraining CA must permit the name', () => {
    const r = root();
    const wide = intermediate(r, 'CN=Wide', {
      extra: [ext.nameConstraints({ permitted: [{ dns: 'bar.example.com' }] })],
    });
    const narrow = intermediate(wide, 'CN=Narrow', {
      extra: [
        ext.nameConstraints({
          permitted: [{ dns: 'foo.example.com' }, { dns: 'bar.example.com' }],
        }),
      ],
    });
    const l = leaf(narrow, 'CN=L', { extra: [ext.subjectAltName([{ dns: 'foo.example.com' }])] });
    refuses({ leaf: l, trust: trustFor([r]), intermediates: [wide, narrow] }, 'PD_PKI_005', l);
  });

  it('refuse names of a form that is constrained but not processed (otherName, URI)', () => {
    bad(
      chain({ excluded: [{ other: '1.3.6.1.4.1.55738.666.3' }] }, [
        { dns: 'example.com' },
        { other: '1.3.6.1.4.1.55738.666.3' },
      ]),
    );
    ok(chain({ excluded: [{ other: '1.3.6.1.4.1.55738.666.3' }] }, [{ dns: 'example.com' }]));
    bad(chain({ permitted: [{ uri: 'example.com' }] }, [{ uri: 'https://example.com/' }]));
  });

  it('stop at a work limit on quadratic inputs (PD_PKI_008)', () => {
    const permitted = Array.from({ length: 600 }, (_, n) => ({ dns: `t${n}.test` }));
    const san = Array.from({ length: 600 }, (_, n) => ({ dns: `t${n}.test` })); // all permitted: only the work limit refuses
    const c = chain({ permitted }, san);
    const v = refuses({ ...c.run, options: { maxConstraintComparisons: 100_000 } }, 'PD_PKI_008');
    expect(v.check).toBe('budget');
  });
});
