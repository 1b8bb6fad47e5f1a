import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PkiWarningCode } from '../../../lib/pki/index.ts';
import { der, ext, intermediate, issue, keyPair, leaf, nameDer, root, trustFor } from '../../helpers/pki.ts';
import type { TestCert } from '../../helpers/pki.ts';
import { accepts, refuses } from './util.ts';

/**
 * Issue 21: what slipped through the differential test against OpenSSL, each case generated here.
 * `strict` refuses every one; `keymanager` does what Java PKIX does — here it always reads past
 * (X500Name keeps any attribute value, Extension reads an explicit FALSE, BitArray drops padding
 * bits, AlgorithmId takes NULL parameters) — so it accepts and says so with a warning code.
 */
const r = root();
const trust = trustFor([r]);
const STRICT = { profile: 'strict' } as const;

const attr = (oid: string, value: Uint8Array) => der.set(der.seq(der.oid(oid), value));
const subjectWith = (oid: string, value: Uint8Array) =>
  der.seq(attr('2.5.4.3', der.utf8('Odd Name')), attr('2.5.4.10', der.utf8('Partner Org')), attr(oid, value));

/** A leaf whose subject is `subject` (raw DER), issued by the test root. */
function leafWithSubject(subject: Uint8Array): TestCert {
  const marker = nameDer('CN=Placeholder Subject');
  const cert = leaf(r, 'CN=Placeholder Subject');
  return reissue(cert, (tbs) => replaceOnce(tbs, marker, subject));
}

/** Rewrites the TBS of `cert` and signs it again with the root's key (a re-signed mutation). */
function reissue(cert: TestCert, edit: (tbs: Uint8Array) => Uint8Array): TestCert {
  return issue({
    subject: cert.subject,
    issuer: r,
    key: cert.key,
    extensions: [ext.keyUsage([0]), ext.authorityKeyId(r.keyId)],
    mutate: (whole) => resign(whole, edit),
  });
}

function replaceOnce(hay: Uint8Array, needle: Uint8Array, by: Uint8Array): Uint8Array {
  const at = Buffer.from(hay).indexOf(Buffer.from(needle));
  if (at < 0) throw new Error('needle not found');
  return new Uint8Array(Buffer.concat([hay.subarray(0, at), by, hay.subarray(at + needle.length)]));
}

/** Certificate ::= SEQUENCE { tbs, alg, sig }: edit the TBS, fix its length, sign again with r (ECDSA P-256). */
function resign(whole: Uint8Array, edit: (tbs: Uint8Array) => Uint8Array): Uint8Array {
  const outer = readSeq(whole, 0);
  const tbsT = readSeq(whole, outer.start);
  const algT = readSeq(whole, tbsT.end);
  const tbs = edit(whole.subarray(tbsT.head, tbsT.end));
  const body = der.tlv(0x30, ...childrenOf(tbs));
  const alg = whole.subarray(algT.head, algT.end);
  return der.seq(body, alg, der.bits(new Uint8Array(sign('sha256', body, r.key.privateKey))));
}

function readSeq(buf: Uint8Array, pos: number) {
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  return { head: pos, start, end: start + len };
}

/** The content of an edited SEQUENCE whose length header may now be wrong: everything after the old header. */
function childrenOf(tbs: Uint8Array): Uint8Array[] {
  const t = readSeq(tbs, 0);
  return [tbs.subarray(t.start)];
}

function lenient(
  cert: TestCert,
  warning: PkiWarningCode,
  strictCode: string,
  intermediates: TestCert[] = [],
  on: TestCert = cert,
) {
  const v = accepts({ leaf: cert, trust, intermediates });
  expect(v.profile).toBe('keymanager');
  expect(v.warnings).toContain(warning);
  const f = refuses({ leaf: cert, trust, intermediates, options: STRICT }, strictCode, on);
  expect(f.profile).toBe('strict');
  return f;
}

describe('names with values that are not the string type RFC 5280 Appendix A requires (PD_PKI_W10)', () => {
  const cases: Array<[string, string, Uint8Array]> = [
    ['countryName as INTEGER', '2.5.4.6', der.tlv(0x02, new Uint8Array([0x49, 0x4e]))],
    ['countryName as OCTET STRING', '2.5.4.6', der.tlv(0x04, new Uint8Array(Buffer.from('IN')))],
    ['countryName as a context-specific tag', '2.5.4.6', der.tlv(0x80, new Uint8Array(Buffer.from('IN')))],
    ['countryName as a primitive SET', '2.5.4.6', der.tlv(0x11, new Uint8Array(Buffer.from('IN')))],
    ['countryName as GraphicString', '2.5.4.6', der.tlv(0x19, new Uint8Array(Buffer.from('IN')))],
    ['countryName as UTF8String', '2.5.4.6', der.utf8('IN')],
    ['countryName of three letters', '2.5.4.6', der.tlv(0x13, new Uint8Array(Buffer.from('IND')))],
    ['commonName as INTEGER', '2.5.4.3', der.tlv(0x02, new Uint8Array([0x01]))],
    ['organizationName as OCTET STRING', '2.5.4.10', der.tlv(0x04, new Uint8Array(Buffer.from('Org')))],
    ['serialNumber as UTF8String', '2.5.4.5', der.utf8('1234')],
    ['a PrintableString holding "@"', '2.5.4.11', der.tlv(0x13, new Uint8Array(Buffer.from('a@b')))],
    ['emailAddress as UTF8String', '1.2.840.113549.1.9.1', der.utf8('a@example.org')],
  ];
  it.each(cases)('%s: strict refuses (PD_PKI_010), keymanager accepts and warns', (_what, oid, value) => {
    const cert = leafWithSubject(subjectWith(oid, value));
    const f = lenient(cert, 'PD_PKI_W10', 'PD_PKI_010');
    expect(f.message).toMatch(/subject name: /);
  });

  it('leaves a well-typed name alone', () => {
    const cert = leafWithSubject(subjectWith('2.5.4.6', der.tlv(0x13, new Uint8Array(Buffer.from('IN')))));
    expect(accepts({ leaf: cert, trust, options: STRICT }).warnings).toEqual([]);
  });
});

describe('DER violations Java PKIX and OpenSSL both read past', () => {
  it('an explicitly encoded critical FALSE (PD_PKI_W07)', () => {
    const cert = leaf(r, 'CN=Explicit False', {
      extensions: [
        ext.keyUsage([0]),
        ext.authorityKeyId(r.keyId),
        { ...ext.extKeyUsage(['1.3.6.1.5.5.7.3.2']), explicitFalse: true },
      ],
    });
    expect(lenient(cert, 'PD_PKI_W07', 'PD_PKI_010').message).toMatch(/not DER: .*critical FALSE/);
  });

  it('an explicitly encoded cA FALSE (PD_PKI_W07)', () => {
    const cert = leaf(r, 'CN=Explicit cA False', {
      extra: [ext.raw('2.5.29.19', der.seq(der.bool(false)), true)],
    });
    expect(lenient(cert, 'PD_PKI_W07', 'PD_PKI_010').message).toMatch(/cA FALSE/);
  });

  it('keyUsage with padding bits set (PD_PKI_W08): the set padding bit is not read as a usage', () => {
    // unused = 1 but the last bit is set: digitalSignature (bit 0) … plus bit 7 in the padding
    const cert = leaf(r, 'CN=KU Padding', {
      extensions: [ext.raw('2.5.29.15', der.bits(new Uint8Array([0x81]), 1), true), ext.authorityKeyId(r.keyId)],
    });
    expect(lenient(cert, 'PD_PKI_W08', 'PD_PKI_010').message).toMatch(/padding bit/);
  });

  it('keyUsage with trailing zero bits kept (PD_PKI_W08)', () => {
    const cert = leaf(r, 'CN=KU Trailing', {
      extensions: [ext.raw('2.5.29.15', der.bits(new Uint8Array([0x80, 0x00]), 0), true), ext.authorityKeyId(r.keyId)],
    });
    expect(lenient(cert, 'PD_PKI_W08', 'PD_PKI_010').message).toMatch(/trailing zero bits/);
  });

  it('keyUsage asserting bits past decipherOnly (PD_PKI_W08)', () => {
    const cert = leaf(r, 'CN=KU Bit 10', {
      extensions: [ext.raw('2.5.29.15', der.bits(new Uint8Array([0x80, 0x20]), 5), true), ext.authorityKeyId(r.keyId)],
    });
    expect(lenient(cert, 'PD_PKI_W08', 'PD_PKI_010').message).toMatch(/past decipherOnly/);
  });

  it('ecdsa-with-SHA256 with NULL parameters (PD_PKI_W09), on the leaf and on an intermediate, never judged on the anchor', () => {
    const cert = leaf(r, 'CN=ECDSA NULL', { signature: 'ecdsa-null-params' });
    expect(lenient(cert, 'PD_PKI_W09', 'KER-PCM-014').check).toBe('signatureAlgorithm');
    const i = intermediate(r, 'CN=ECDSA NULL CA', { signature: 'ecdsa-null-params' });
    lenient(leaf(i), 'PD_PKI_W09', 'KER-PCM-014', [i], i);
    const nullRoot = root('CN=NULL Root', { signature: 'ecdsa-null-params' });
    expect(accepts({ leaf: leaf(nullRoot), trust: trustFor([nullRoot]), options: STRICT }).warnings).toEqual([]);
  });
});

describe('RFC 5280 rules the keymanager profile lists as leniencies', () => {
  it('serial number zero, negative or over 20 octets (PD_PKI_W06), not judged on an anchor', () => {
    for (const serial of [0, -5, new Uint8Array([0x01, ...new Array<number>(21).fill(7)])]) {
      const cert = leaf(r, 'CN=Odd Serial', { serial });
      lenient(cert, 'PD_PKI_W06', 'PD_PKI_010');
    }
    const zeroRoot = root('CN=Zero Serial Root', { serial: 0 });
    expect(accepts({ leaf: leaf(zeroRoot), trust: trustFor([zeroRoot]), options: STRICT }).warnings).toEqual([]);
  });

  it('a missing AKI on an issued certificate and a missing SKI on a CA (PD_PKI_W05)', () => {
    lenient(leaf(r, 'CN=No AKI', { without: ['2.5.29.35'] }), 'PD_PKI_W05', 'PD_PKI_010');
    const noSki = intermediate(r, 'CN=No SKI CA', { without: ['2.5.29.14'] });
    lenient(leaf(noSki), 'PD_PKI_W05', 'PD_PKI_010', [noSki], noSki);
  });
});

describe('basicConstraints read as RFC 5280 writes it', () => {
  it('accepts pathLenConstraint 2^40 in both profiles, as unlimited past any real depth', () => {
    const i = intermediate(r, 'CN=Huge PathLen', {
      without: ['2.5.29.19'],
      extra: [ext.raw('2.5.29.19', der.seq(der.bool(true), der.int(2n ** 40n)), true)],
    });
    const i2 = intermediate(i, 'CN=Below Huge');
    for (const profile of ['keymanager', 'strict'] as const)
      expect(accepts({ leaf: leaf(i2), trust, intermediates: [i, i2], options: { profile } }).path).toHaveLength(4);
  });

  it('gives an unreadable basicConstraints on an issuer its own code (PD_PKI_013), not "missing"', () => {
    const i = intermediate(r, 'CN=Garbled BC', {
      without: ['2.5.29.19'],
      extra: [ext.raw('2.5.29.19', der.seq(der.utf8('x')), true)],
    });
    for (const profile of ['keymanager', 'strict'] as const) {
      const f = refuses({ leaf: leaf(i), trust, intermediates: [i], options: { profile } }, 'PD_PKI_013', i);
      expect(f.message).toMatch(/malformed/);
    }
    const none = intermediate(r, 'CN=No BC', { without: ['2.5.29.19'] });
    expect(refuses({ leaf: leaf(none), trust, intermediates: [none] }, 'PD_PKI_001', none).message).toMatch(
      /no basicConstraints/,
    );
  });
});

describe("MOSIP's reference device root: cA=TRUE not critical, no SKI/AKI", () => {
  const key = keyPair('p256', 'mosip-like-root');
  const mosipRoot = issue({ subject: 'CN=RootCA, O=Mosip', key }, [
    ext.basicConstraints(true, undefined, false),
    ext.keyUsage([5, 6]),
  ]);
  const device = issue({ subject: 'CN=MosipFace, O=Mosip', issuer: mosipRoot, key: keyPair('p256') }, [
    ext.keyUsage([0]),
    ext.authorityKeyId(new Uint8Array([1, 2, 3])),
  ]);
  const t = trustFor([mosipRoot], [], 'DEVICE');

  it('is a valid anchor under keymanager, with each leniency named', () => {
    const v = accepts({ leaf: device, trust: t, domain: 'DEVICE' });
    expect(v.warnings).toEqual(['PD_PKI_W04', 'PD_PKI_W05']);
    expect(v.path.map((p) => p.role)).toEqual(['leaf', 'anchor']);
  });

  it('is refused by strict on the anchor', () => {
    refuses({ leaf: device, trust: t, domain: 'DEVICE', options: STRICT }, 'PD_PKI_001', mosipRoot);
  });
});
