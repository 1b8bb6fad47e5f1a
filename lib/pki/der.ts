/**
 * A strict DER reader. Certificates are read from the exact bytes received (signatures are
 * checked over the original TBS bytes, never a re-encoding), so every length is definite and
 * minimal, every element stays inside its parent, and nothing trails the outermost element.
 * Anything else throws DerError, which the parser turns into KER-PCM-001.
 */
export class DerError extends Error {}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  NUMERIC: 0x12,
  PRINTABLE: 0x13,
  TELETEX: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE: 0x1a,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One element: `tag` is the identifier octet; contents are buf[start, end). */
export interface Tlv {
  tag: number;
  /** Offset of the identifier octet. */
  head: number;
  start: number;
  end: number;
}

const MAX_DEPTH = 24;

export function readTlv(buf: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) throw new DerError('truncated element');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used in certificates');
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new DerError('indefinite length');
    if (n > 4) throw new DerError('length too large');
    if (start + n > limit) throw new DerError('truncated length');
    if (buf[start] === 0) throw new DerError('non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    if (len < 0x80) throw new DerError('non-minimal length');
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new DerError('element overruns its parent');
  return { tag, head: pos, start, end };
}

/** The single element that must fill buf[pos, limit) exactly. */
export function readOnly(buf: Uint8Array, pos = 0, limit = buf.length): Tlv {
  const t = readTlv(buf, pos, limit);
  if (t.end !== limit) throw new DerError('trailing data');
  return t;
}

export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  if (!(parent.tag & 0x20)) throw new DerError('expected a constructed element');
  const out: Tlv[] = [];
  for (let pos = parent.start; pos < parent.end;) {
    const t = readTlv(buf, pos, parent.end);
    out.push(t);
    pos = t.end;
  }
  return out;
}

export function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`${what}: unexpected element`);
  return t;
}

/**
 * Walks every constructed element so that a malformed nested element anywhere is caught up
 * front (DER forbids it even inside fields we never read). `budget.nodes` caps the work.
 */
export function checkTree(buf: Uint8Array, t: Tlv, budget: { nodes: number }, depth = 0): void {
  if (--budget.nodes < 0) throw new DerError('too many ASN.1 elements');
  if (!(t.tag & 0x20)) return;
  if (depth > MAX_DEPTH) throw new DerError('nesting too deep');
  for (let pos = t.start; pos < t.end;) {
    const c = readTlv(buf, pos, t.end);
    checkTree(buf, c, budget, depth + 1);
    pos = c.end;
  }
}

export const bytes = (buf: Uint8Array, t: Tlv): Uint8Array => buf.subarray(t.start, t.end);
export const whole = (buf: Uint8Array, t: Tlv): Uint8Array => buf.subarray(t.head, t.end);

export function readOid(buf: Uint8Array, t: Tlv): string {
  if (t.tag !== TAG.OID || t.end === t.start) throw new DerError('bad OID');
  const parts: number[] = [];
  let v = 0;
  let fresh = true;
  for (let i = t.start; i < t.end; i++) {
    const b = buf[i]!;
    if (fresh && b === 0x80) throw new DerError('non-minimal OID arc');
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) throw new DerError('OID arc too large');
    fresh = !(b & 0x80);
    if (fresh) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  if (!fresh) throw new DerError('truncated OID');
  return parts.join('.');
}

/** A DER INTEGER's two's-complement content, checked for minimal encoding. */
export function readIntegerBytes(buf: Uint8Array, t: Tlv): Uint8Array {
  if (t.tag !== TAG.INTEGER || t.end === t.start) throw new DerError('bad INTEGER');
  if (t.end - t.start > 1) {
    const a = buf[t.start]!;
    const b = buf[t.start + 1]!;
    if ((a === 0 && !(b & 0x80)) || (a === 0xff && b & 0x80)) throw new DerError('non-minimal INTEGER');
  }
  return bytes(buf, t);
}

/** A small non-negative INTEGER (path lengths, skip counts). */
export function readSmallUint(buf: Uint8Array, t: Tlv): number {
  const b = readIntegerBytes(buf, t);
  if (b[0]! & 0x80) throw new DerError('negative INTEGER');
  if (b.length > 4) throw new DerError('INTEGER too large');
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

/**
 * A non-negative INTEGER of any length (pathLenConstraint is INTEGER (0..MAX)). Values past
 * 2^32 are returned as MAX_SAFE_INTEGER: no path is that deep, so they mean "unlimited".
 */
export function readUint(buf: Uint8Array, t: Tlv): number {
  const b = readIntegerBytes(buf, t);
  if (b[0]! & 0x80) throw new DerError('negative INTEGER');
  const digits = b[0] === 0 ? b.subarray(1) : b;
  if (digits.length > 4) return Number.MAX_SAFE_INTEGER;
  let v = 0;
  for (const x of digits) v = v * 256 + x;
  return v;
}

export function readBoolean(buf: Uint8Array, t: Tlv): boolean {
  if (t.tag !== TAG.BOOLEAN || t.end - t.start !== 1) throw new DerError('bad BOOLEAN');
  const v = buf[t.start]!;
  if (v !== 0 && v !== 0xff) throw new DerError('non-DER BOOLEAN');
  return v === 0xff;
}

/** BIT STRING: returns the unused-bit count and the bit bytes. */
export function readBitString(buf: Uint8Array, t: Tlv): { unused: number; bits: Uint8Array } {
  if (t.tag !== TAG.BIT_STRING || t.end === t.start) throw new DerError('bad BIT STRING');
  const unused = buf[t.start]!;
  if (unused > 7 || (unused > 0 && t.end - t.start === 1)) throw new DerError('bad BIT STRING padding');
  const bits = buf.subarray(t.start + 1, t.end);
  if (unused > 0 && (bits[bits.length - 1]! & ((1 << unused) - 1)) !== 0) throw new DerError('non-zero padding bits');
  return { unused, bits };
}

/**
 * A named bit list (keyUsage) read the way Java does: padding bits are ignored. `notDer` says why
 * the encoding is not DER (X.690 11.2.2: padding bits zero and trailing zero bits removed), or null.
 */
export function readNamedBits(buf: Uint8Array, t: Tlv): { bits: Uint8Array; notDer: string | null } {
  if (t.tag !== TAG.BIT_STRING || t.end === t.start) throw new DerError('bad BIT STRING');
  const unused = buf[t.start]!;
  if (unused > 7 || (unused > 0 && t.end - t.start === 1)) throw new DerError('bad BIT STRING padding');
  const bits = new Uint8Array(buf.subarray(t.start + 1, t.end));
  let notDer: string | null = null;
  if (bits.length > 0) {
    const last = bits.length - 1;
    if (bits[last]! & ((1 << unused) - 1)) notDer = `${unused} padding bit(s) are declared unused but set`;
    bits[last]! &= 0xff << unused;
    if (notDer === null && !(bits[last]! & (1 << unused))) notDer = 'trailing zero bits are not removed';
  }
  return { bits, notDer };
}

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw new DerError('bad time digit');
    v = v * 10 + c;
  }
  return v;
};

/**
 * RFC 5280 4.1.2.5: UTCTime YYMMDDHHMMSSZ (years 1950–2049) or GeneralizedTime YYYYMMDDHHMMSSZ,
 * always with seconds, always Zulu, never fractional. Returns epoch milliseconds.
 */
export function readTime(buf: Uint8Array, t: Tlv): number {
  const s = ascii(buf, t);
  let year: number;
  let rest: number;
  if (t.tag === TAG.UTC_TIME) {
    if (s.length !== 13) throw new DerError('UTCTime must be YYMMDDHHMMSSZ');
    const yy = digits(s, 0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = 2;
  } else if (t.tag === TAG.GENERALIZED_TIME) {
    if (s.length !== 15) throw new DerError('GeneralizedTime must be YYYYMMDDHHMMSSZ');
    year = digits(s, 0, 4);
    rest = 4;
  } else throw new DerError('bad time type');
  if (s[s.length - 1] !== 'Z') throw new DerError('time must be UTC');
  const month = digits(s, rest, 2);
  const day = digits(s, rest + 2, 2);
  const hour = digits(s, rest + 4, 2);
  const minute = digits(s, rest + 6, 2);
  const second = digits(s, rest + 8, 2);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    throw new DerError('time out of range');
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) throw new DerError('no such day');
  return ms;
}

/** IA5String / PrintableString-like content as text; rejects non-ASCII. */
export function ascii(buf: Uint8Array, t: Tlv): string {
  let s = '';
  for (let i = t.start; i < t.end; i++) {
    const c = buf[i]!;
    if (c > 0x7f) throw new DerError('non-ASCII character');
    s += String.fromCharCode(c);
  }
  return s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** The text of a directory string, or null for a value that is not a string type. */
export function readString(buf: Uint8Array, t: Tlv): string | null {
  const content = bytes(buf, t);
  switch (t.tag) {
    case TAG.UTF8:
      try {
        return utf8.decode(content);
      } catch {
        throw new DerError('invalid UTF-8');
      }
    case TAG.PRINTABLE:
    case TAG.IA5:
    case TAG.NUMERIC:
    case TAG.VISIBLE:
      return ascii(buf, t);
    case TAG.TELETEX:
      return latin1.decode(content); // T.61 in practice carries Latin-1
    case TAG.BMP: {
      if (content.length % 2) throw new DerError('odd BMPString');
      let s = '';
      for (let i = 0; i < content.length; i += 2) s += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL: {
      if (content.length % 4) throw new DerError('bad UniversalString');
      let s = '';
      for (let i = 0; i < content.length; i += 4) {
        const cp = ((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0;
        if (cp > 0x10ffff) throw new DerError('bad UniversalString');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return null;
  }
}

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
