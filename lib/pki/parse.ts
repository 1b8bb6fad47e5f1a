import { createHash } from 'node:crypto';
import { Lru } from './cache.ts';
import {
  DerError,
  TAG,
  checkTree,
  children,
  expect,
  hex,
  readBitString,
  readIntegerBytes,
  readOnly,
  readSmallUint,
  readTime,
  whole,
} from './der.ts';
import { importPublicKey, readAlgorithmId, signatureScheme } from './algorithms.ts';
import type { PublicKeyInfo, SignatureScheme } from './algorithms.ts';
import { KU, readExtensions } from './extensions.ts';
import type { CertExtensions } from './extensions.ts';
import { OID_EMAIL_ADDRESS, readName } from './names.ts';
import type { DistinguishedName } from './names.ts';
import { fault } from './verdict.ts';
import type { Fault, Leniency, PathEntry } from './verdict.ts';

/**
 * A certificate read once and kept: raw spans for signature checks, decoded fields, the imported
 * key, and the faults that do not depend on the path (so the search only looks them up).
 */
export interface ParsedCert {
  readonly kind: 'x509';
  der: Uint8Array;
  thumbprint: string;
  version: number;
  serialNumber: string;
  tbs: Uint8Array;
  signature: Uint8Array;
  scheme: SignatureScheme | Fault;
  publicKey: PublicKeyInfo | Fault;
  /** SHA-256 of the SPKI: "same key" without comparing bytes. */
  keyId: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  subjectEmails: string[];
  notBefore: number;
  notAfter: number;
  ext: CertExtensions;
  /** Issuer and subject names match (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  /** The verdict's description of this certificate, built on first use. */
  described?: Omit<PathEntry, 'role' | 'der'>;
  /** What the `keymanager` profile accepts with a warning and `strict` refuses (verdict.ts Leniency). */
  leniencies: Leniency[];
  /** Path-independent refusals, in the order they are reported. */
  faults: {
    version: Fault | null;
    profile: Fault | null;
    critical: Fault | null;
    /** Only when the certificate issues another on the path (including as trust anchor). */
    asIssuer: Fault | null;
  };
}

export const isParsed = (x: ParsedCert | Fault): x is ParsedCert => 'thumbprint' in x;

/** A certificate as callers hold it: PEM text, base64 DER, DER bytes, or already parsed. */
export type CertInput = string | Uint8Array | ParsedCert;

const MAX_DER = 128 * 1024;
const MAX_TEXT = 256 * 1024;
const MAX_NODES = 40_000;

const parsedByThumbprint = new Lru<string, ParsedCert>(4096);
const parsedByText = new Lru<string, ParsedCert>(1024);

export const thumbprintOf = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BEGIN = /-----BEGIN (?:X509 )?CERTIFICATE-----/g;
const END = /-----END (?:X509 )?CERTIFICATE-----/g;

/** [start, end) of each BEGIN…END block, scanning linearly (a lazy regex over untrusted text is quadratic). */
function pemBlocks(text: string): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  BEGIN.lastIndex = 0;
  for (let begin = BEGIN.exec(text); begin; begin = BEGIN.exec(text)) {
    END.lastIndex = BEGIN.lastIndex;
    const end = END.exec(text);
    if (!end) break;
    blocks.push([begin.index, END.lastIndex]);
    BEGIN.lastIndex = END.lastIndex;
  }
  return blocks;
}

/** One certificate from PEM (exactly one CERTIFICATE block) or bare base64. */
export function decodeText(text: string): Uint8Array {
  if (text.length > MAX_TEXT) throw new DerError('input too large');
  let body = text;
  const blocks = pemBlocks(text);
  if (blocks.length > 1) throw new DerError('expected exactly one PEM certificate');
  if (blocks.length === 1)
    body = text
      .slice(...blocks[0]!)
      .replace(BEGIN, '')
      .replace(END, '');
  else if (text.includes('-----')) throw new DerError('not a PEM certificate');
  const b64 = body.replace(/\s+/g, '');
  if (b64.length === 0 || b64.length % 4 !== 0 || !BASE64.test(b64)) throw new DerError('invalid base64');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** Splits text holding several PEM certificates (a bundle) into one string per certificate. */
export function splitPem(text: string): string[] {
  return pemBlocks(text).map(([a, b]) => text.slice(a, b));
}

const unparsable = (why: string): Fault => fault('KER-PCM-001', 'parse', `certificate cannot be parsed: ${why}`);

/** Parses (or fetches from the cache) one certificate; never throws. */
export function parseCertificate(input: CertInput): ParsedCert | Fault {
  try {
    if (typeof input === 'string') {
      const hit = parsedByText.get(input);
      if (hit) return hit;
      const parsed = parseDer(decodeText(input));
      if (isParsed(parsed)) parsedByText.set(input, parsed);
      return parsed;
    }
    // Bytes are always hashed for the lookup: a caller may refill one buffer with another certificate.
    if (input instanceof Uint8Array) return parseDer(input);
    if (input && (input as { kind?: unknown }).kind === 'x509') return input;
    return unparsable('unsupported input type');
  } catch (e) {
    return unparsable(e instanceof DerError ? e.message : 'malformed input');
  }
}

function parseDer(input: Uint8Array): ParsedCert | Fault {
  if (input.length > MAX_DER) return unparsable('larger than 128 KiB');
  const thumbprint = thumbprintOf(input);
  const hit = parsedByThumbprint.get(thumbprint);
  if (hit) return hit;
  try {
    // Own copy: the caller may reuse its buffer, and cached spans must stay valid.
    const parsed = readCertificate(new Uint8Array(input), thumbprint);
    parsedByThumbprint.set(thumbprint, parsed);
    return parsed;
  } catch (e) {
    return unparsable(e instanceof DerError ? e.message : 'malformed DER');
  }
}

function readCertificate(der: Uint8Array, thumbprint: string): ParsedCert {
  const cert = readOnly(der);
  checkTree(der, cert, { nodes: MAX_NODES });
  const [tbsT, algT, sigT, extra] = children(der, expect(cert, TAG.SEQUENCE, 'Certificate'));
  if (!tbsT || !algT || !sigT || extra) throw new DerError('Certificate must have three fields');
  expect(tbsT, TAG.SEQUENCE, 'TBSCertificate');
  const outerAlg = readAlgorithmId(der, algT);
  const sig = readBitString(der, sigT);
  if (sig.unused !== 0) throw new DerError('signature has unused bits');

  const f = children(der, tbsT);
  let i = 0;
  let version = 1;
  const explicitVersion = f[i]?.tag === 0xa0;
  if (explicitVersion) {
    const [v, more] = children(der, f[i++]!);
    if (!v || more) throw new DerError('bad version');
    version = readSmallUint(der, v) + 1;
    if (version > 3) throw new DerError('unknown version');
  }
  const serial = readIntegerBytes(der, expect(f[i++], TAG.INTEGER, 'serialNumber'));
  const innerAlg = readAlgorithmId(der, expect(f[i++], TAG.SEQUENCE, 'signature'));
  if (Buffer.compare(innerAlg.der, outerAlg.der) !== 0)
    throw new DerError('signatureAlgorithm differs from tbsCertificate.signature');
  const issuer = readName(der, expect(f[i++], TAG.SEQUENCE, 'issuer'));
  const validity = children(der, expect(f[i++], TAG.SEQUENCE, 'validity'));
  if (validity.length !== 2) throw new DerError('bad validity');
  const notBefore = readTime(der, validity[0]!);
  const notAfter = readTime(der, validity[1]!);
  const subject = readName(der, expect(f[i++], TAG.SEQUENCE, 'subject'));
  const spkiT = expect(f[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const [keyAlgT, keyBitsT, spkiExtra] = children(der, spkiT);
  if (!keyAlgT || !keyBitsT || spkiExtra) throw new DerError('bad subjectPublicKeyInfo');
  const keyAlg = readAlgorithmId(der, keyAlgT);
  if (readBitString(der, keyBitsT).unused !== 0) throw new DerError('public key has unused bits');
  for (const tag of [0x81, 0x82]) {
    if (f[i]?.tag !== tag) continue;
    if (version < 2) throw new DerError('unique identifiers need version 2 or 3');
    readBitString(der, { ...f[i++]!, tag: TAG.BIT_STRING });
  }
  let ext: CertExtensions = { unknownCritical: [], notes: [] };
  if (f[i]?.tag === 0xa3) {
    if (version !== 3) throw new DerError('extensions need version 3');
    ext = readExtensions(der, f[i++]!);
  }
  if (i !== f.length) throw new DerError('unexpected field in tbsCertificate');

  const spki = whole(der, spkiT);
  let publicKey: PublicKeyInfo | Fault;
  try {
    publicKey = importPublicKey(spki, keyAlg);
  } catch {
    publicKey = fault('PD_PKI_007', 'keyPolicy', 'public key cannot be imported');
  }
  const parsed: ParsedCert = {
    kind: 'x509',
    der,
    thumbprint,
    version,
    serialNumber: hex(serial),
    tbs: whole(der, tbsT),
    signature: sig.bits,
    scheme: signatureScheme(outerAlg),
    publicKey,
    keyId: thumbprintOf(spki),
    issuer,
    subject,
    subjectEmails: subject.rdns
      .flat()
      .filter((a) => a.oid === OID_EMAIL_ADDRESS && a.isString)
      .map((a) => a.text),
    notBefore,
    notAfter,
    ext,
    selfIssued: issuer.key === subject.key,
    leniencies: [],
    faults: { version: null, profile: null, critical: null, asIssuer: null },
  };
  parsed.faults = intrinsicFaults(parsed);
  parsed.leniencies = leniencies(parsed, serial, explicitVersion && version === 1);
  return parsed;
}

/** RFC 5280 profile rules Java PKIX does not enforce (trust profiles, verdict.ts Leniency). */
function leniencies(c: ParsedCert, serial: Uint8Array, explicitV1: boolean): Leniency[] {
  const out: Leniency[] = [];
  const add = (
    warning: Leniency['warning'],
    why: string,
    scope: Leniency['scope'] = 'any',
    f: Fault = fault('PD_PKI_010', 'profile', why),
  ) => out.push({ warning, scope, fault: f });
  const bc = c.ext.basicConstraints;
  if (bc?.cA && !bc.critical)
    add(
      'PD_PKI_W04',
      'CA basicConstraints must be critical',
      'issuer',
      fault('PD_PKI_001', 'basicConstraints', 'CA basicConstraints must be critical'),
    );
  if (bc?.cA && c.ext.subjectKeyId === undefined)
    add('PD_PKI_W05', 'a CA certificate must carry a subjectKeyIdentifier');
  if (!c.selfIssued && c.ext.authorityKeyId === undefined)
    add(
      'PD_PKI_W05',
      'a certificate that is not self-issued must carry an authorityKeyIdentifier with a keyIdentifier',
    );
  // Not judged on a trust anchor (RFC 5280 6.1 takes only its name and key; real roots have serial 0).
  if (serial[0]! & 0x80) add('PD_PKI_W06', 'serial number is negative', 'signed');
  else if (serial.every((b) => b === 0)) add('PD_PKI_W06', 'serial number is zero', 'signed');
  else if (serial.length > (serial[0] === 0 ? 21 : 20))
    add('PD_PKI_W06', 'serial number is longer than 20 octets', 'signed');
  if (explicitV1) add('PD_PKI_W07', 'not DER: version v1 is encoded explicitly although it is the DEFAULT');
  for (const n of c.ext.notes)
    add(n.warning, n.warning === 'PD_PKI_W07' || n.warning === 'PD_PKI_W08' ? `not DER: ${n.why}` : n.why);
  for (const [field, name] of [
    ['subject', c.subject],
    ['issuer', c.issuer],
  ] as const)
    if (name.typeProblem) add('PD_PKI_W10', `${field} name: ${name.typeProblem}`);
  if ('family' in c.scheme && c.scheme.nullParameters)
    add(
      'PD_PKI_W09',
      'ECDSA signature algorithm has NULL parameters (RFC 5758: absent)',
      'signed',
      fault('KER-PCM-014', 'signatureAlgorithm', 'ECDSA signature parameters must be absent'),
    );
  return out;
}

const hasKu = (c: ParsedCert, bit: number): boolean =>
  c.ext.keyUsage !== undefined && (c.ext.keyUsage & (1 << bit)) !== 0;

function intrinsicFaults(c: ParsedCert): ParsedCert['faults'] {
  const { ext } = c;
  const isCa = ext.basicConstraints?.cA === true;
  const profile = (why: string) => fault('PD_PKI_010', 'profile', why);
  let p: Fault | null = null;
  if (c.issuer.rdns.length === 0) p = profile('issuer name is empty');
  else if (ext.profileProblem) p = profile(ext.profileProblem);
  else if (hasKu(c, KU.keyCertSign) && !isCa)
    p = fault('PD_PKI_003', 'keyUsage', 'keyCertSign is asserted but the certificate is not a CA');
  else if (ext.nameConstraints && !isCa) p = profile('nameConstraints in a certificate that is not a CA');
  else if (c.subject.rdns.length === 0 && !ext.subjectAltName?.critical)
    p = profile('empty subject requires a critical subjectAltName');

  // A non-critical basicConstraints on a CA is a leniency (PD_PKI_W04), judged by the trust profile.
  let asIssuer: Fault | null = null;
  if (c.subject.rdns.length === 0) asIssuer = profile('a CA must have a non-empty subject');
  else if (ext.basicConstraintsMalformed)
    asIssuer = fault(
      'PD_PKI_013',
      'basicConstraints',
      `issuer basicConstraints is malformed: ${ext.basicConstraintsMalformed}`,
    );
  else if (!ext.basicConstraints)
    asIssuer = fault('PD_PKI_001', 'basicConstraints', 'issuer has no basicConstraints extension');
  else if (!isCa) asIssuer = fault('PD_PKI_001', 'basicConstraints', 'issuer is not a CA (cA=false)');
  else if (ext.keyUsage !== undefined && !hasKu(c, KU.keyCertSign))
    asIssuer = fault('PD_PKI_003', 'keyUsage', 'issuer keyUsage lacks keyCertSign');

  return {
    version:
      c.version === 3
        ? null
        : fault('KER-PCM-007', 'version', `X.509 v${c.version}: only v3 certificates are accepted`),
    profile: p,
    critical: ext.unknownCritical.length
      ? fault('PD_PKI_004', 'criticalExtension', `unknown critical extension ${ext.unknownCritical.join(', ')}`)
      : null,
    asIssuer,
  };
}

/** Cache sizes, for tests and diagnostics. */
export const parseCacheStats = () => ({
  byThumbprint: parsedByThumbprint.size,
  byText: parsedByText.size,
});
export function clearParseCaches(): void {
  parsedByThumbprint.clear();
  parsedByText.clear();
}
