import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { parseCertificate, splitPem } from '../../../lib/pki/index.ts';
import type { ParsedCert } from '../../../lib/pki/index.ts';
import { parseName } from '../../../lib/pki/names.ts';
import { der, ext, issue, leaf, nameDer, root, threeLevel, toPem, trustFor } from '../../helpers/pki.ts';
import { LIMBO_PATH } from '../../conformance/limbo-harness.ts';
import { accepts, refuses } from './util.ts';

const parsed = (input: Parameters<typeof parseCertificate>[0]): ParsedCert => {
  const p = parseCertificate(input);
  if (!('thumbprint' in p)) throw new Error(`${p.code}: ${p.message}`);
  return p;
};
const code = (input: Parameters<typeof parseCertificate>[0]) => {
  const p = parseCertificate(input);
  return 'code' in p ? p.code : 'parsed';
};

describe('certificate input', () => {
  const { leaf: l } = threeLevel();

  it('accepts DER bytes, PEM text and bare base64, with the same thumbprint (SHA-256 of the DER)', () => {
    const expected = createHash('sha256').update(l.der).digest('hex');
    expect(parsed(l.der).thumbprint).toBe(expected);
    expect(parsed(l.pem).thumbprint).toBe(expected);
    expect(parsed(`subject=whatever\n${l.pem}`).thumbprint).toBe(expected);
    expect(parsed(Buffer.from(l.der).toString('base64')).thumbprint).toBe(expected);
  });

  it('caches parsed certificates by thumbprint', () => {
    expect(parsed(new Uint8Array(l.der))).toBe(parsed(new Uint8Array(l.der)));
  });

  it.each([
    ['empty bytes', new Uint8Array()],
    ['empty text', ''],
    ['random text', 'hello, I am not a certificate'],
    ['broken base64', '-----BEGIN CERTIFICATE-----\nMII$$$\n-----END CERTIFICATE-----'],
    ['two PEM blocks', `${toPem(new Uint8Array([0x30, 0]))}${toPem(new Uint8Array([0x30, 0]))}`],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----'],
    ['an empty SEQUENCE', new Uint8Array([0x30, 0x00])],
    ['indefinite length (BER)', new Uint8Array([0x30, 0x80, 0x00, 0x00])],
    ['non-minimal length', new Uint8Array([0x30, 0x81, 0x01, 0x05])],
    ['a number', 42 as unknown as string],
    ['null', null as unknown as string],
  ])('refuses %s with KER-PCM-001, never a throw', (_what, input) => {
    expect(code(input)).toBe('KER-PCM-001');
  });

  it('reads PEM in linear time (no regex backtracking on hostile text)', () => {
    const t0 = performance.now();
    expect(code('-----BEGIN CERTIFICATE-----'.repeat(9000))).toBe('KER-PCM-001');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('re-reads a buffer the caller refilled with another certificate', () => {
    const other = threeLevel().leaf;
    const buf = new Uint8Array(Math.max(l.der.length, other.der.length));
    buf.set(l.der);
    const first = parsed(buf.subarray(0, l.der.length));
    buf.set(other.der);
    expect(parsed(buf.subarray(0, other.der.length)).thumbprint).not.toBe(first.thumbprint);
  });

  it('refuses trailing bytes after the certificate', () => {
    expect(code(new Uint8Array([...l.der, 0]))).toBe('KER-PCM-001');
  });

  it('refuses a certificate whose outer signature algorithm differs from the TBS one', () => {
    const r = root();
    const bad = issue({
      subject: 'CN=X',
      issuer: r,
      signature: 'sha256',
      mutate: (d) => swapOuterAlgorithm(d),
    });
    expect(code(bad.der)).toBe('KER-PCM-001');
  });

  it('refuses fractional seconds in GeneralizedTime (RFC 5280 4.1.2.5.2)', () => {
    const r = root();
    const good = leaf(r, 'CN=Far', { notAfter: new Date('2060-01-01T00:00:00Z') });
    const text = Buffer.from(good.der).toString('latin1').replace('20600101000000Z', '2060010100000.Z');
    expect(code(new Uint8Array(Buffer.from(text, 'latin1')))).toBe('KER-PCM-001');
  });

  it('splits a bundle into single certificates', () => {
    const c = threeLevel();
    expect(splitPem(c.leaf.pem + c.intermediate.pem + c.root.pem)).toHaveLength(3);
  });

  it('reports an unparsable leaf as KER-PCM-001 with no certificate', () => {
    const c = threeLevel();
    const v = refuses({ leaf: 'garbage', trust: c.trust }, 'KER-PCM-001');
    expect(v.cert).toBeNull();
  });
});

describe('agrees with @peculiar/x509 on what it reads', () => {
  const compare = (bytes: Uint8Array) => {
    const ours = parsed(bytes);
    const theirs = new X509Certificate(bytes);
    expect(ours.serialNumber.replace(/^0+/, '')).toBe(theirs.serialNumber.toLowerCase().replace(/^0+/, ''));
    expect(ours.notBefore).toBe(theirs.notBefore.getTime());
    expect(ours.notAfter).toBe(theirs.notAfter.getTime());
    expect(ours.subject.key).toBe(parseName(new Uint8Array(theirs.subjectName.toArrayBuffer())).key);
    expect(ours.issuer.key).toBe(parseName(new Uint8Array(theirs.issuerName.toArrayBuffer())).key);
  };

  it('on generated chains', () => {
    const c = threeLevel();
    for (const cert of [c.root, c.intermediate, c.leaf]) compare(cert.der);
  });

  it('on every x509-limbo certificate that both read', () => {
    const suite = JSON.parse(readFileSync(LIMBO_PATH, 'utf8')) as {
      testcases: Array<{
        id: string;
        trusted_certs: string[];
        untrusted_intermediates: string[];
        peer_certificate: string;
      }>;
    };
    let compared = 0;
    for (const t of suite.testcases.slice(0, 120)) {
      for (const pem of [t.peer_certificate, ...t.trusted_certs, ...t.untrusted_intermediates.slice(0, 3)]) {
        const ours = parseCertificate(pem);
        let theirs: X509Certificate | null = null;
        try {
          theirs = new X509Certificate(pem);
        } catch {
          /* peculiar refuses it: nothing to compare */
        }
        if (!theirs || 'code' in ours) continue;
        expect(ours.notAfter, t.id).toBe(theirs.notAfter.getTime());
        expect(ours.subject.key, t.id).toBe(parseName(new Uint8Array(theirs.subjectName.toArrayBuffer())).key);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  }, 60_000); // ~1 s alone; reading the 10 MB suite took over 5 s on a loaded 2-core machine
});

describe('distinguished names', () => {
  it('compare after case folding and space normalization, across string types', () => {
    const printable = parseName(
      der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.tlv(0x13, new Uint8Array(Buffer.from('Test  Root')))))),
    );
    const utf8 = parseName(der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8(' test root ')))));
    expect(printable.key).toBe(utf8.key);
    expect(parseName(nameDer('CN=Test Root, O=A')).key).not.toBe(parseName(nameDer('O=A, CN=Test Root')).key);
  });

  it('chain a leaf whose issuer name differs from the CA subject only in case and spacing', () => {
    const r = root('CN=Mixed Case Root, O=Org');
    const l = leaf(r, 'CN=Leaf', { issuerName: 'CN=mixed  case ROOT, O=org' });
    expect(accepts({ leaf: l, trust: trustFor([r]) }).path).toHaveLength(2);
  });

  it('reads an empty subject; a leaf with one needs a critical SAN', () => {
    const r = root();
    const ok = leaf(r, '', { extra: [ext.subjectAltName([{ dns: 'a.example' }], true)] });
    expect(parsed(ok.der).subject.rdns).toHaveLength(0);
    const bad = leaf(r, '', { extra: [ext.subjectAltName([{ dns: 'a.example' }], false)] });
    refuses({ leaf: bad, trust: trustFor([r]) }, 'PD_PKI_010', bad);
  });
});

/** Changes the outer AlgorithmIdentifier (ecdsa-with-SHA256 → ecdsa-with-SHA384) but not the TBS one. */
function swapOuterAlgorithm(d: Uint8Array): Uint8Array {
  const buf = Buffer.from(d);
  const sha256 = Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
  const at = buf.lastIndexOf(sha256);
  buf[at + sha256.length - 1] = 0x03;
  return new Uint8Array(buf);
}
