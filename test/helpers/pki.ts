/**
 * Test certificates, built at run time (keys never leave memory). A tiny DER writer gives full
 * control over what goes into a certificate (v1, missing or duplicate extensions, wrong
 * criticality, odd algorithms); @peculiar/x509 encodes the distinguished names; node:crypto makes
 * the keys and signatures.
 */
import 'reflect-metadata';
import { constants, createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Name } from '@peculiar/x509';
import { createTrustStore } from '../../lib/pki/index.ts';
import type { PartnerDomain, TrustStore } from '../../lib/pki/index.ts';

// ---------------------------------------------------------------- DER writer

const lengthBytes = (n: number): number[] => {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
};
const concat = (parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

export const der = {
  tlv: (tag: number, ...content: Uint8Array[]): Uint8Array => {
    const body = concat(content);
    return concat([new Uint8Array([tag, ...lengthBytes(body.length)]), body]);
  },
  seq: (...c: Uint8Array[]) => der.tlv(0x30, ...c),
  set: (...c: Uint8Array[]) => der.tlv(0x31, ...c),
  /** [n] context tag; constructed unless told otherwise. */
  ctx: (n: number, ...c: Uint8Array[]) => der.tlv(0xa0 | n, ...c),
  ctxPrim: (n: number, content: Uint8Array) => der.tlv(0x80 | n, content),
  oid: (dotted: string): Uint8Array => {
    const arcs = dotted.split('.').map(Number);
    const bytes: number[] = [];
    const push = (v: number) => {
      const chunk: number[] = [v & 0x7f];
      for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
      bytes.push(...chunk);
    };
    push(arcs[0]! * 40 + arcs[1]!);
    for (const a of arcs.slice(2)) push(a);
    return der.tlv(0x06, new Uint8Array(bytes));
  },
  int: (v: number | bigint | Uint8Array): Uint8Array => {
    if (v instanceof Uint8Array) return der.tlv(0x02, v);
    let hex = BigInt(v).toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
    return der.tlv(0x02, new Uint8Array(Buffer.from(hex, 'hex')));
  },
  bool: (v: boolean) => der.tlv(0x01, new Uint8Array([v ? 0xff : 0])),
  null: () => der.tlv(0x05),
  octets: (b: Uint8Array) => der.tlv(0x04, b),
  bits: (b: Uint8Array, unused = 0) => der.tlv(0x03, new Uint8Array([unused]), b),
  ia5: (s: string) => der.tlv(0x16, new Uint8Array(Buffer.from(s, 'ascii'))),
  utf8: (s: string) => der.tlv(0x0c, new Uint8Array(Buffer.from(s, 'utf8'))),
  time: (d: Date): Uint8Array => {
    const iso = d.toISOString();
    const y = d.getUTCFullYear();
    const body = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    return y >= 1950 && y < 2050
      ? der.tlv(0x17, new Uint8Array(Buffer.from(body.slice(2))))
      : der.tlv(0x18, new Uint8Array(Buffer.from(body)));
  },
};

/** DN text ("CN=Root, O=Org") to DER, via @peculiar/x509. */
export const nameDer = (dn: string): Uint8Array =>
  dn === '' ? der.seq() : new Uint8Array(new Name(dn).toArrayBuffer());

// ---------------------------------------------------------------- keys and algorithms

export type KeySpec = 'p256' | 'p384' | 'p521' | 'secp256k1' | 'rsa1024' | 'rsa2048' | 'rsa3072' | 'ed25519';
export interface KeyPair {
  spec: KeySpec;
  privateKey: KeyObject;
  publicKey: KeyObject;
  spki: Uint8Array;
}

const keyCache = new Map<string, KeyPair>();

/** A key pair, memoized by label so tests can reuse expensive RSA keys; distinct labels give distinct keys. */
export function keyPair(spec: KeySpec = 'p256', label = ''): KeyPair {
  const id = `${spec}/${label}`;
  const hit = keyCache.get(id);
  if (hit) return hit;
  const k =
    spec === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : spec.startsWith('rsa')
        ? generateKeyPairSync('rsa', { modulusLength: Number(spec.slice(3)) })
        : generateKeyPairSync('ec', {
            namedCurve: { p256: 'P-256', p384: 'P-384', p521: 'P-521', secp256k1: 'secp256k1' }[spec as 'p256'],
          });
  const pair: KeyPair = {
    spec,
    ...k,
    spki: new Uint8Array(k.publicKey.export({ type: 'spki', format: 'der' })),
  };
  if (label !== '') keyCache.set(id, pair);
  return pair;
}

/** `ecdsa-null-params`: ecdsa-with-SHA256 written with NULL parameters (RFC 5758 says absent). */
export type SignatureSpec =
  'sha256' | 'sha384' | 'sha512' | 'sha1' | 'md5' | 'pss-sha256' | 'pss-sha1' | 'ecdsa-null-params';

const OID = {
  rsaSha256: '1.2.840.113549.1.1.11',
  rsaSha384: '1.2.840.113549.1.1.12',
  rsaSha512: '1.2.840.113549.1.1.13',
  rsaSha1: '1.2.840.113549.1.1.5',
  rsaMd5: '1.2.840.113549.1.1.4',
  pss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecSha256: '1.2.840.10045.4.3.2',
  ecSha384: '1.2.840.10045.4.3.3',
  ecSha512: '1.2.840.10045.4.3.4',
  ecSha1: '1.2.840.10045.4.1',
  ed25519: '1.3.101.112',
};

function algorithm(key: KeyPair, s: SignatureSpec): { id: Uint8Array; sign: (tbs: Uint8Array) => Uint8Array } {
  const plain = (hash: string | null) => (tbs: Uint8Array) => new Uint8Array(sign(hash, tbs, key.privateKey));
  if (key.spec === 'ed25519') return { id: der.seq(der.oid(OID.ed25519)), sign: plain(null) };
  if (key.spec.startsWith('rsa')) {
    if (s === 'pss-sha256' || s === 'pss-sha1') {
      const hash = s === 'pss-sha256' ? 'sha256' : 'sha1';
      const params =
        s === 'pss-sha256'
          ? der.seq(
              der.ctx(0, der.seq(der.oid(OID.sha256))),
              der.ctx(1, der.seq(der.oid(OID.mgf1), der.seq(der.oid(OID.sha256)))),
              der.ctx(2, der.int(32)),
            )
          : der.seq();
      const saltLength = s === 'pss-sha256' ? 32 : 20;
      return {
        id: der.seq(der.oid(OID.pss), params),
        sign: (tbs) =>
          new Uint8Array(
            sign(hash, tbs, {
              key: key.privateKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength,
            }),
          ),
      };
    }
    if (s === 'ecdsa-null-params') throw new Error('ecdsa-null-params needs an EC key');
    const oid = {
      sha256: OID.rsaSha256,
      sha384: OID.rsaSha384,
      sha512: OID.rsaSha512,
      sha1: OID.rsaSha1,
      md5: OID.rsaMd5,
    }[s];
    return { id: der.seq(der.oid(oid), der.null()), sign: plain(s) };
  }
  if (s === 'ecdsa-null-params') return { id: der.seq(der.oid(OID.ecSha256), der.null()), sign: plain('sha256') };
  const oid = {
    sha256: OID.ecSha256,
    sha384: OID.ecSha384,
    sha512: OID.ecSha512,
    sha1: OID.ecSha1,
  }[s as 'sha256'];
  return { id: der.seq(der.oid(oid)), sign: plain(s) };
}

// ---------------------------------------------------------------- extensions

export type NameSpec =
  { dns: string } | { email: string } | { ip: number[] } | { dn: string } | { uri: string } | { other: string };

export function generalName(n: NameSpec): Uint8Array {
  if ('dns' in n) return der.tlv(0x82, new Uint8Array(Buffer.from(n.dns, 'ascii')));
  if ('email' in n) return der.tlv(0x81, new Uint8Array(Buffer.from(n.email, 'ascii')));
  if ('uri' in n) return der.tlv(0x86, new Uint8Array(Buffer.from(n.uri, 'ascii')));
  if ('ip' in n) return der.tlv(0x87, new Uint8Array(n.ip));
  if ('dn' in n) return der.ctx(4, nameDer(n.dn));
  return der.ctx(0, der.oid(n.other), der.ctx(0, der.utf8('x')));
}

export interface ExtensionSpec {
  oid: string;
  critical?: boolean;
  /** Write `critical FALSE` out although it is the DEFAULT (not DER). */
  explicitFalse?: boolean;
  value: Uint8Array;
}

export const ext = {
  basicConstraints: (cA: boolean, pathLen?: number, critical = true): ExtensionSpec => ({
    oid: '2.5.29.19',
    critical,
    value: der.seq(...(cA ? [der.bool(true)] : []), ...(pathLen === undefined ? [] : [der.int(pathLen)])),
  }),
  keyUsage: (bits: number[], critical = true): ExtensionSpec => {
    const bytes = new Uint8Array(2);
    for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
    const used = bytes[1] ? 2 : 1;
    const last = bytes[used - 1]!;
    let unused = 0;
    while (unused < 7 && !(last & (1 << unused))) unused++;
    return {
      oid: '2.5.29.15',
      critical,
      value: der.bits(bytes.subarray(0, used), last ? unused : 0),
    };
  },
  extKeyUsage: (oids: string[], critical = false): ExtensionSpec => ({
    oid: '2.5.29.37',
    critical,
    value: der.seq(...oids.map(der.oid)),
  }),
  subjectAltName: (names: NameSpec[], critical = false): ExtensionSpec => ({
    oid: '2.5.29.17',
    critical,
    value: der.seq(...names.map(generalName)),
  }),
  nameConstraints: (nc: { permitted?: NameSpec[]; excluded?: NameSpec[] }, critical = true): ExtensionSpec => ({
    oid: '2.5.29.30',
    critical,
    value: der.seq(
      ...(nc.permitted ? [der.ctx(0, ...nc.permitted.map((n) => der.seq(generalName(n))))] : []),
      ...(nc.excluded ? [der.ctx(1, ...nc.excluded.map((n) => der.seq(generalName(n))))] : []),
    ),
  }),
  subjectKeyId: (id: Uint8Array, critical = false): ExtensionSpec => ({
    oid: '2.5.29.14',
    critical,
    value: der.octets(id),
  }),
  authorityKeyId: (id: Uint8Array, critical = false): ExtensionSpec => ({
    oid: '2.5.29.35',
    critical,
    value: der.seq(der.ctxPrim(0, id)),
  }),
  policies: (oids: string[], critical = false): ExtensionSpec => ({
    oid: '2.5.29.32',
    critical,
    value: der.seq(...oids.map((o) => der.seq(der.oid(o)))),
  }),
  policyConstraints: (
    requireExplicitPolicy?: number,
    inhibitPolicyMapping?: number,
    critical = true,
  ): ExtensionSpec => ({
    oid: '2.5.29.36',
    critical,
    value: der.seq(
      ...(requireExplicitPolicy === undefined ? [] : [der.ctxPrim(0, der.int(requireExplicitPolicy).subarray(2))]),
      ...(inhibitPolicyMapping === undefined ? [] : [der.ctxPrim(1, der.int(inhibitPolicyMapping).subarray(2))]),
    ),
  }),
  policyMappings: (pairs: Array<[string, string]>, critical = true): ExtensionSpec => ({
    oid: '2.5.29.33',
    critical,
    value: der.seq(...pairs.map(([a, b]) => der.seq(der.oid(a), der.oid(b)))),
  }),
  inhibitAnyPolicy: (skip: number, critical = true): ExtensionSpec => ({
    oid: '2.5.29.54',
    critical,
    value: der.int(skip),
  }),
  authorityInfoAccess: (url: string, critical = false): ExtensionSpec => ({
    oid: '1.3.6.1.5.5.7.1.1',
    critical,
    value: der.seq(der.seq(der.oid('1.3.6.1.5.5.7.48.2'), generalName({ uri: url }))),
  }),
  raw: (oid: string, value: Uint8Array, critical = false): ExtensionSpec => ({
    oid,
    critical,
    value,
  }),
};

export const KEY_CERT_SIGN = 5;
export const CRL_SIGN = 6;
export const DIGITAL_SIGNATURE = 0;

// ---------------------------------------------------------------- certificates

export interface TestCert {
  der: Uint8Array;
  pem: string;
  key: KeyPair;
  subject: string;
  keyId: Uint8Array;
}

export interface CertSpec {
  subject: string;
  /** The issuing certificate; omitted = self-signed with `key`. */
  issuer?: TestCert;
  key?: KeyPair;
  /** Sign with this key instead of the issuer's (a forged or broken signature). */
  signingKey?: KeyPair;
  /** Issuer DN text override (the name on the certificate, not the signer). */
  issuerName?: string;
  notBefore?: Date;
  notAfter?: Date;
  serial?: number | bigint | Uint8Array;
  version?: 1 | 2 | 3;
  signature?: SignatureSpec;
  /** Replaces the default extensions entirely. */
  extensions?: ExtensionSpec[];
  /** Added after the default extensions. */
  extra?: ExtensionSpec[];
  /** Leave out default extensions by OID. */
  without?: string[];
  /** Post-process the whole certificate DER (tests of corrupted input). */
  mutate?: (der: Uint8Array) => Uint8Array;
}

export const T0 = new Date('2020-01-01T00:00:00Z');
export const T1 = new Date('2040-01-01T00:00:00Z');
/** A validation time inside the default validity window. */
export const AT = new Date('2026-06-01T12:00:00Z');

const keyIdOf = (spki: Uint8Array) => new Uint8Array(createHash('sha1').update(spki).digest());
let serialCounter = 1000;

export function issue(spec: CertSpec, defaults: ExtensionSpec[] = []): TestCert {
  const key = spec.key ?? keyPair('p256');
  const issuer = spec.issuer;
  const signer = spec.signingKey ?? issuer?.key ?? key;
  const alg = algorithm(signer, spec.signature ?? 'sha256');
  const keyId = keyIdOf(key.spki);
  const version = spec.version ?? 3;
  const exts = (spec.extensions ?? defaults.filter((e) => !spec.without?.includes(e.oid))).concat(spec.extra ?? []);
  const tbs = der.seq(
    ...(version > 1 ? [der.ctx(0, der.int(version - 1))] : []),
    der.int(spec.serial ?? serialCounter++),
    alg.id,
    nameDer(spec.issuerName ?? issuer?.subject ?? spec.subject),
    der.seq(der.time(spec.notBefore ?? T0), der.time(spec.notAfter ?? T1)),
    nameDer(spec.subject),
    key.spki,
    ...(version === 3 && exts.length > 0
      ? [
          der.ctx(
            3,
            der.seq(
              ...exts.map((e) =>
                der.seq(
                  der.oid(e.oid),
                  ...(e.critical ? [der.bool(true)] : e.explicitFalse ? [der.bool(false)] : []),
                  der.octets(e.value),
                ),
              ),
            ),
          ),
        ]
      : []),
  );
  let cert = der.seq(tbs, alg.id, der.bits(alg.sign(tbs)));
  if (spec.mutate) cert = spec.mutate(cert);
  return { der: cert, pem: toPem(cert), key, subject: spec.subject, keyId };
}

export const toPem = (d: Uint8Array): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(d).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/** A self-signed root CA: critical cA, keyCertSign+cRLSign, SKI. */
export function root(subject = 'CN=Test Root, O=Partner Desk Test', spec: Partial<CertSpec> = {}): TestCert {
  const key = spec.key ?? keyPair('p256');
  return issue({ subject, ...spec, key }, [
    ext.basicConstraints(true),
    ext.keyUsage([KEY_CERT_SIGN, CRL_SIGN]),
    ext.subjectKeyId(keyIdOf(key.spki)),
  ]);
}

/** An intermediate CA issued by `issuer`. */
export function intermediate(
  issuer: TestCert,
  subject = 'CN=Test Intermediate, O=Partner Desk Test',
  spec: Partial<CertSpec> & { pathLen?: number } = {},
): TestCert {
  const key = spec.key ?? keyPair('p256');
  return issue({ subject, issuer, ...spec, key }, [
    ext.basicConstraints(true, spec.pathLen),
    ext.keyUsage([KEY_CERT_SIGN, CRL_SIGN]),
    ext.subjectKeyId(keyIdOf(key.spki)),
    ext.authorityKeyId(issuer.keyId),
  ]);
}

/** An end-entity (partner) certificate issued by `issuer`. */
export function leaf(
  issuer: TestCert,
  subject = 'CN=Partner One, O=Partner Org',
  spec: Partial<CertSpec> = {},
): TestCert {
  const key = spec.key ?? keyPair('p256');
  return issue({ subject, issuer, ...spec, key }, [
    ext.keyUsage([DIGITAL_SIGNATURE]),
    ext.subjectKeyId(keyIdOf(key.spki)),
    ext.authorityKeyId(issuer.keyId),
  ]);
}

/** A trust store holding `anchors` (and optionally stored intermediates) for one domain. */
export function trustFor(
  anchors: TestCert[],
  intermediates: TestCert[] = [],
  domain: PartnerDomain = 'AUTH',
): TrustStore {
  return createTrustStore([
    ...anchors.map((c) => ({ cert: c.der, domain, role: 'anchor' as const })),
    ...intermediates.map((c) => ({ cert: c.der, domain, role: 'intermediate' as const })),
  ]);
}

/** root → intermediate → leaf, the common partner chain. */
export function threeLevel(keys: { root?: KeyPair; intermediate?: KeyPair; leaf?: KeyPair } = {}) {
  const r = root(undefined, keys.root ? { key: keys.root } : {});
  const i = intermediate(r, undefined, keys.intermediate ? { key: keys.intermediate } : {});
  const l = leaf(i, undefined, keys.leaf ? { key: keys.leaf } : {});
  return { root: r, intermediate: i, leaf: l, trust: trustFor([r]) };
}
