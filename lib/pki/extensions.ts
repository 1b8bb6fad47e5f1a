import {
  DerError,
  TAG,
  bytes,
  children,
  expect,
  hex,
  readBoolean,
  readNamedBits,
  readOid,
  readOnly,
  readSmallUint,
  readUint,
} from './der.ts';
import type { Tlv } from './der.ts';
import { readGeneralName, readGeneralNames } from './names.ts';
import type { GeneralName } from './names.ts';
import { readNameConstraints } from './constraints.ts';
import type { NameConstraints } from './constraints.ts';
import type { PkiWarningCode } from './verdict.ts';

/** Extensions the validator reads. Each value is decoded strictly; a malformed one is a profile fault. */
export const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
} as const;

export const ANY_POLICY = '2.5.29.32.0';
export const ANY_EKU = '2.5.29.37.0';

/** Understood when critical: each of these is either enforced here or has no effect on path validity. */
const PROCESSED = new Set<string>([
  EXT.keyUsage,
  EXT.subjectAltName,
  EXT.issuerAltName,
  EXT.basicConstraints,
  EXT.nameConstraints,
  EXT.crlDistributionPoints, // revocation is out of scope by design, as in keymanager (revocation disabled)
  EXT.certificatePolicies,
  EXT.policyMappings,
  EXT.policyConstraints,
  EXT.extKeyUsage,
  EXT.inhibitAnyPolicy,
]);
/** RFC 5280: "Conforming CAs MUST mark this extension as non-critical". */
const MUST_BE_NON_CRITICAL = new Set<string>([
  EXT.authorityKeyIdentifier,
  EXT.subjectKeyIdentifier,
  EXT.authorityInfoAccess,
  EXT.subjectInfoAccess,
  EXT.freshestCrl,
]);
const KEY_IDS = new Set<string>([EXT.authorityKeyIdentifier, EXT.subjectKeyIdentifier]);
/** RFC 5280: "Conforming CAs MUST mark this extension as critical". */
const MUST_BE_CRITICAL = new Set<string>([EXT.nameConstraints, EXT.policyConstraints, EXT.inhibitAnyPolicy]);

/** keyUsage bit numbers (RFC 5280 4.2.1.3). */
export const KU = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;
export type KeyUsageName = keyof typeof KU;

export interface CertExtensions {
  basicConstraints?: { cA: boolean; pathLen?: number; critical: boolean };
  /** Bit i set ⇔ keyUsage bit i asserted. */
  keyUsage?: number;
  extKeyUsage?: string[];
  subjectAltName?: { names: GeneralName[]; critical: boolean };
  nameConstraints?: NameConstraints;
  subjectKeyId?: string;
  authorityKeyId?: string;
  policies?: string[];
  policyMappings?: Array<[issuerDomain: string, subjectDomain: string]>;
  policyConstraints?: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number };
  inhibitAnyPolicy?: number;
  /** Critical extensions nobody here understands (kept so that only certificates on a path fail). */
  unknownCritical: string[];
  /** The first RFC 5280 profile violation in the extensions, if any. */
  profileProblem?: string;
  /** basicConstraints is present but cannot be read (an issuer then gets PD_PKI_013, not "missing"). */
  basicConstraintsMalformed?: string;
  /** What Java PKIX reads past and `strict` refuses (see Leniency in verdict.ts). */
  notes: Array<{ warning: PkiWarningCode; why: string }>;
}

type Decoder = (buf: Uint8Array, t: Tlv, out: CertExtensions, critical: boolean) => void;

const seqOf = (buf: Uint8Array, t: Tlv, what: string): Tlv[] => {
  expect(t, TAG.SEQUENCE, what);
  const items = children(buf, t);
  if (items.length === 0) throw new DerError(`${what} must not be empty`);
  return items;
};

const DECODERS: Record<string, Decoder> = {
  [EXT.basicConstraints]: (buf, t, out, critical) => {
    expect(t, TAG.SEQUENCE, 'basicConstraints');
    const items = children(buf, t);
    let i = 0;
    let cA = false;
    if (items[i]?.tag === TAG.BOOLEAN) {
      cA = readBoolean(buf, items[i++]!);
      if (!cA)
        out.notes.push({
          warning: 'PD_PKI_W07',
          why: 'basicConstraints encodes the DEFAULT cA FALSE explicitly',
        });
    }
    const pathLen = items[i] ? readUint(buf, items[i++]!) : undefined;
    if (i !== items.length) throw new DerError('basicConstraints: trailing fields');
    if (pathLen !== undefined && !cA) throw new DerError('pathLenConstraint without cA');
    out.basicConstraints = { cA, critical, ...(pathLen === undefined ? {} : { pathLen }) };
  },
  [EXT.keyUsage]: (buf, t, out) => {
    const { bits, notDer } = readNamedBits(buf, t);
    if (notDer) out.notes.push({ warning: 'PD_PKI_W08', why: `keyUsage is not DER: ${notDer}` });
    let flags = 0;
    for (let bit = 0; bit < Math.min(bits.length * 8, 9); bit++)
      if (bits[bit >> 3]! & (0x80 >> (bit & 7))) flags |= 1 << bit;
    for (let bit = 9; bit < bits.length * 8; bit++)
      if (bits[bit >> 3]! & (0x80 >> (bit & 7))) {
        out.notes.push({
          warning: 'PD_PKI_W08',
          why: `keyUsage asserts bit ${bit}, past decipherOnly (RFC 5280 4.2.1.3 names bits 0–8)`,
        });
        break;
      }
    if (flags === 0) throw new DerError('keyUsage with no bit set');
    out.keyUsage = flags;
  },
  [EXT.extKeyUsage]: (buf, t, out) => {
    out.extKeyUsage = seqOf(buf, t, 'extKeyUsage').map((c) => readOid(buf, c));
  },
  [EXT.subjectAltName]: (buf, t, out, critical) => {
    const names = readGeneralNames(buf, t);
    for (const n of names)
      if (n.kind === 'ip' && n.bytes.length !== 4 && n.bytes.length !== 16)
        throw new DerError('iPAddress must be 4 or 16 bytes');
    out.subjectAltName = { names, critical };
  },
  [EXT.issuerAltName]: (buf, t) => void readGeneralNames(buf, t),
  [EXT.nameConstraints]: (buf, t, out) => {
    out.nameConstraints = readNameConstraints(buf, t);
  },
  [EXT.subjectKeyIdentifier]: (buf, t, out) => {
    expect(t, TAG.OCTET_STRING, 'subjectKeyIdentifier');
    out.subjectKeyId = hex(bytes(buf, t));
  },
  [EXT.authorityKeyIdentifier]: (buf, t, out) => {
    expect(t, TAG.SEQUENCE, 'authorityKeyIdentifier');
    let last = -1;
    for (const c of children(buf, t)) {
      const n = c.tag & 0x1f;
      if (n <= last || n > 2 || (c.tag & 0xc0) !== 0x80) throw new DerError('authorityKeyIdentifier: bad field');
      last = n;
      if (c.tag === 0x80) out.authorityKeyId = hex(bytes(buf, c));
      else if (c.tag === 0xa1) readGeneralNames(buf, { ...c, tag: TAG.SEQUENCE });
      else if (c.tag !== 0x82) throw new DerError('authorityKeyIdentifier: bad field');
    }
  },
  [EXT.certificatePolicies]: (buf, t, out) => {
    const ids = seqOf(buf, t, 'certificatePolicies').map((info) => {
      const [id, qualifiers, extra] = children(buf, expect(info, TAG.SEQUENCE, 'PolicyInformation'));
      if (!id || extra || (qualifiers && qualifiers.tag !== TAG.SEQUENCE)) throw new DerError('bad PolicyInformation');
      return readOid(buf, id);
    });
    if (new Set(ids).size !== ids.length) throw new DerError('a policy appears twice');
    out.policies = ids;
  },
  [EXT.policyMappings]: (buf, t, out) => {
    out.policyMappings = seqOf(buf, t, 'policyMappings').map((m) => {
      const [a, b, extra] = children(buf, expect(m, TAG.SEQUENCE, 'PolicyMapping'));
      if (!a || !b || extra) throw new DerError('bad PolicyMapping');
      return [readOid(buf, a), readOid(buf, b)];
    });
  },
  [EXT.policyConstraints]: (buf, t, out) => {
    const pc: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
    let last = -1;
    for (const c of seqOf(buf, t, 'policyConstraints')) {
      const n = c.tag - 0x80;
      if (n <= last || n > 1) throw new DerError('policyConstraints: bad field');
      last = n;
      const v = readSmallUint(buf, { ...c, tag: TAG.INTEGER });
      if (n === 0) pc.requireExplicitPolicy = v;
      else pc.inhibitPolicyMapping = v;
    }
    out.policyConstraints = pc;
  },
  [EXT.inhibitAnyPolicy]: (buf, t, out) => {
    out.inhibitAnyPolicy = readSmallUint(buf, t);
  },
  [EXT.authorityInfoAccess]: (buf, t) => accessDescriptions(buf, t),
  [EXT.subjectInfoAccess]: (buf, t) => accessDescriptions(buf, t),
  [EXT.crlDistributionPoints]: (buf, t) => void seqOf(buf, t, 'cRLDistributionPoints'),
  [EXT.freshestCrl]: (buf, t) => void seqOf(buf, t, 'freshestCRL'),
};

function accessDescriptions(buf: Uint8Array, t: Tlv): void {
  for (const d of seqOf(buf, t, 'AccessDescription list')) {
    const [method, location, extra] = children(buf, expect(d, TAG.SEQUENCE, 'AccessDescription'));
    if (!method || !location || extra) throw new DerError('bad AccessDescription');
    readOid(buf, method);
    readGeneralName(buf, location);
  }
}

/**
 * Reads `[3] EXPLICIT Extensions`. Structural errors in the list itself throw (unparsable
 * certificate); problems inside one extension's value are recorded as `profileProblem` so the
 * certificate still parses and is only refused if it lands on a path.
 */
export function readExtensions(buf: Uint8Array, wrapper: Tlv): CertExtensions {
  const out: CertExtensions = { unknownCritical: [], notes: [] };
  const [list, extra] = children(buf, wrapper);
  if (!list || extra) throw new DerError('bad extensions wrapper');
  const seen = new Set<string>();
  const problem = (p: string) => {
    out.profileProblem ??= p;
  };
  for (const ext of seqOf(buf, list, 'Extensions')) {
    const parts = children(buf, expect(ext, TAG.SEQUENCE, 'Extension'));
    const oid = readOid(buf, expect(parts[0], TAG.OID, 'extnID'));
    let i = 1;
    let critical = false;
    if (parts[i]?.tag === TAG.BOOLEAN) {
      critical = readBoolean(buf, parts[i++]!);
      if (!critical)
        out.notes.push({
          warning: 'PD_PKI_W07',
          why: `extension ${oid} encodes the DEFAULT critical FALSE explicitly`,
        });
    }
    const value = expect(parts[i++], TAG.OCTET_STRING, 'extnValue');
    if (i !== parts.length) throw new DerError('Extension: trailing fields');
    if (seen.has(oid)) problem(`extension ${oid} appears more than once`);
    seen.add(oid);
    // Java PKIX reads AKI/SKI and enforces the constraint extensions whatever their marking (so
    // does the desk); a critical AIA/SIA/freshestCRL it does not process, and refuses.
    if (critical && MUST_BE_NON_CRITICAL.has(oid)) {
      if (KEY_IDS.has(oid)) out.notes.push({ warning: 'PD_PKI_W11', why: `extension ${oid} must not be critical` });
      else problem(`extension ${oid} must not be critical`);
    }
    if (!critical && MUST_BE_CRITICAL.has(oid))
      out.notes.push({ warning: 'PD_PKI_W11', why: `extension ${oid} must be critical` });
    const decode = DECODERS[oid];
    if (!decode) {
      if (critical) out.unknownCritical.push(oid);
      continue;
    }
    if (critical && !PROCESSED.has(oid) && !MUST_BE_NON_CRITICAL.has(oid)) out.unknownCritical.push(oid);
    try {
      decode(buf, readOnly(buf, value.start, value.end), out, critical);
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
      problem(`extension ${oid} is malformed: ${e.message}`);
      if (oid === EXT.basicConstraints) out.basicConstraintsMalformed = e.message;
    }
  }
  return out;
}
