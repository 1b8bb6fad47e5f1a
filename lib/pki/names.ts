import { DerError, TAG, ascii, bytes, children, expect, hex, readOid, readString, readTlv, whole } from './der.ts';
import type { Tlv } from './der.ts';

/**
 * Distinguished names and general names. Issuer/subject chaining and directoryName constraints
 * compare names the RFC 5280 §7.1 way: same RDN count, same attribute set per RDN, string values
 * equal after RFC 4518-style preparation (NFKC, case fold, insignificant spaces); other values
 * compare as bytes.
 */
export interface Attribute {
  oid: string;
  /** Prepared (normalized) text for string values; `#<hex>` of the DER for anything else. */
  match: string;
  /** Display text. */
  text: string;
  /** False for a non-string value, shown as `#<hex>`. */
  isString: boolean;
}

export interface DistinguishedName {
  rdns: Attribute[][];
  /** Normalized comparison key: equal keys ⇔ equal names. */
  key: string;
  /** RFC 4514 text, most specific RDN first. */
  text: string;
  /** The first attribute whose value type RFC 5280 Appendix A does not allow, or null. */
  typeProblem: string | null;
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GIVENNAME',
  '2.5.4.12': 'T',
  '2.5.4.46': 'DNQUALIFIER',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
};
export const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

const DIRECTORY_STRING = new Set<number>([TAG.TELETEX, TAG.PRINTABLE, TAG.UNIVERSAL, TAG.UTF8, TAG.BMP]);
const PRINTABLE_ONLY = new Set<number>([TAG.PRINTABLE]);
const IA5_ONLY = new Set<number>([TAG.IA5]);
/**
 * Value types RFC 5280 Appendix A gives the attributes it names: DirectoryString for the naming
 * attributes, PrintableString for countryName, serialNumber and dnQualifier, IA5String for
 * emailAddress and domainComponent. Other attribute types are not judged.
 */
const VALUE_TYPES: Record<string, ReadonlySet<number>> = {
  '2.5.4.3': DIRECTORY_STRING, // CN
  '2.5.4.4': DIRECTORY_STRING, // surname
  '2.5.4.5': PRINTABLE_ONLY, // serialNumber
  '2.5.4.6': PRINTABLE_ONLY, // countryName
  '2.5.4.7': DIRECTORY_STRING, // L
  '2.5.4.8': DIRECTORY_STRING, // ST
  '2.5.4.10': DIRECTORY_STRING, // O
  '2.5.4.11': DIRECTORY_STRING, // OU
  '2.5.4.12': DIRECTORY_STRING, // title
  '2.5.4.41': DIRECTORY_STRING, // name
  '2.5.4.42': DIRECTORY_STRING, // givenName
  '2.5.4.43': DIRECTORY_STRING, // initials
  '2.5.4.44': DIRECTORY_STRING, // generationQualifier
  '2.5.4.46': PRINTABLE_ONLY, // dnQualifier
  '2.5.4.65': DIRECTORY_STRING, // pseudonym
  '0.9.2342.19200300.100.1.25': IA5_ONLY, // domainComponent
  [OID_EMAIL_ADDRESS]: IA5_ONLY,
};
/** X.680 PrintableString characters. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function valueTypeProblem(oid: string, tag: number, text: string | null): string | null {
  const name = SHORT[oid] ?? oid;
  const allowed = VALUE_TYPES[oid];
  if (allowed && !allowed.has(tag))
    return `${name} has a value of type 0x${tag.toString(16).padStart(2, '0')}, not ${allowed === PRINTABLE_ONLY ? 'PrintableString' : allowed === IA5_ONLY ? 'IA5String' : 'a DirectoryString'}`;
  if (tag === TAG.PRINTABLE && text !== null && !PRINTABLE.test(text))
    return `${name} is a PrintableString with characters PrintableString does not have`;
  if (oid === '2.5.4.6' && text !== null && text.length !== 2) return 'countryName must be two letters';
  return null;
}
export const OID_ORGANIZATION = '2.5.4.10';

const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** RFC 4518 in the form validators use in practice: NFKC, lower case, spaces trimmed and collapsed. */
export const prepare = (s: string): string =>
  PLAIN_ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const escape4514 = (s: string): string =>
  s
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');

export function readName(buf: Uint8Array, t: Tlv): DistinguishedName {
  expect(t, TAG.SEQUENCE, 'Name');
  const rdns: Attribute[][] = [];
  let typeProblem: string | null = null;
  for (const set of children(buf, t)) {
    expect(set, TAG.SET, 'RDN');
    const avas = children(buf, set);
    if (avas.length === 0) throw new DerError('empty RDN');
    const rdn: Attribute[] = [];
    for (const ava of avas) {
      expect(ava, TAG.SEQUENCE, 'AttributeTypeAndValue');
      const [type, value, extra] = children(buf, ava);
      if (!type || !value || extra) throw new DerError('bad AttributeTypeAndValue');
      const oid = readOid(buf, type);
      const str = readString(buf, value);
      typeProblem ??= valueTypeProblem(oid, value.tag, str);
      rdn.push(
        str === null
          ? {
              oid,
              match: `#${hex(whole(buf, value))}`,
              text: `#${hex(whole(buf, value))}`,
              isString: false,
            }
          : { oid, match: prepare(str), text: str, isString: true },
      );
    }
    rdns.push(rdn);
  }
  return finishName(rdns, typeProblem);
}

function finishName(rdns: Attribute[][], typeProblem: string | null): DistinguishedName {
  const key = JSON.stringify(
    rdns.map((rdn) =>
      rdn.length === 1 ? `${rdn[0]!.oid}=${rdn[0]!.match}` : rdn.map((a) => `${a.oid}=${a.match}`).sort(),
    ),
  );
  let text: string | undefined;
  return {
    rdns,
    key,
    typeProblem,
    // Built on first use: most names are only compared, never shown.
    get text() {
      return (text ??= rdns
        .slice()
        .reverse()
        .map((rdn) => rdn.map((a) => `${SHORT[a.oid] ?? a.oid}=${a.isString ? escape4514(a.text) : a.text}`).join('+'))
        .join(', '));
    },
  };
}

/** RDN-wise prefix: `name` lies in the subtree rooted at `base` (RFC 5280 4.2.1.10 directoryName). */
export function dnWithin(name: DistinguishedName, base: DistinguishedName): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  for (let i = 0; i < base.rdns.length; i++) {
    const a = base.rdns[i]!;
    const b = name.rdns[i]!;
    if (a.length !== b.length) return false;
    const keys = new Set(b.map((x) => `${x.oid}=${x.match}`));
    if (!a.every((x) => keys.has(`${x.oid}=${x.match}`))) return false;
  }
  return true;
}

export type GeneralName =
  | { kind: 'dns'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'uri'; value: string }
  | { kind: 'ip'; bytes: Uint8Array }
  | { kind: 'dn'; dn: DistinguishedName }
  | { kind: 'other'; form: 'otherName' | 'x400Address' | 'ediPartyName' | 'registeredID' };

export type NameForm = GeneralName['kind'] | 'otherName' | 'x400Address' | 'ediPartyName' | 'registeredID';
export const formOf = (n: GeneralName): NameForm => (n.kind === 'other' ? n.form : n.kind);

/** One GeneralName (RFC 5280 4.2.1.6); IA5 forms must be ASCII. */
export function readGeneralName(buf: Uint8Array, t: Tlv): GeneralName {
  switch (t.tag) {
    case 0xa0: {
      const [typeId, value, extra] = children(buf, t);
      if (!typeId || !value || extra || value.tag !== 0xa0) throw new DerError('bad otherName');
      readOid(buf, typeId);
      return { kind: 'other', form: 'otherName' };
    }
    case 0x81:
      return { kind: 'email', value: ascii(buf, t) };
    case 0x82:
      return { kind: 'dns', value: ascii(buf, t) };
    case 0xa3:
      return { kind: 'other', form: 'x400Address' };
    case 0xa4: {
      const [name, extra] = children(buf, t);
      if (!name || extra) throw new DerError('bad directoryName');
      return { kind: 'dn', dn: readName(buf, name) };
    }
    case 0xa5:
      return { kind: 'other', form: 'ediPartyName' };
    case 0x86:
      return { kind: 'uri', value: ascii(buf, t) };
    case 0x87:
      return { kind: 'ip', bytes: bytes(buf, t) };
    case 0x88:
      readOid(buf, { ...t, tag: TAG.OID });
      return { kind: 'other', form: 'registeredID' };
    default:
      throw new DerError('unknown GeneralName choice');
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName */
export function readGeneralNames(buf: Uint8Array, t: Tlv): GeneralName[] {
  expect(t, TAG.SEQUENCE, 'GeneralNames');
  const items = children(buf, t);
  if (items.length === 0) throw new DerError('empty GeneralNames');
  return items.map((c) => readGeneralName(buf, c));
}

/** Reads a standalone Name from DER (used by tests and by callers holding a raw subject). */
export function parseName(der: Uint8Array): DistinguishedName {
  const t = readTlv(der, 0, der.length);
  if (t.end !== der.length) throw new DerError('trailing data');
  return readName(der, t);
}

/** Hostname syntax (RFC 1034 preferred syntax as relaxed by RFC 1123), optionally with a leading "*." label. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const NUMERIC_TLD = /(?:^|\.)[0-9]+$/; // an all-numeric last label is an IP address in disguise

export function isDnsName(name: string, allowWildcard: boolean): boolean {
  const s = allowWildcard && name.startsWith('*.') ? name.slice(2) : name;
  return s.length > 0 && s.length <= 253 && HOST.test(s) && !NUMERIC_TLD.test(s);
}
