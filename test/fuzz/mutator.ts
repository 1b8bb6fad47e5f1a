/**
 * A seeded mutator for certificate inputs (no dependency): byte-level havoc plus DER-aware edits
 * (length fields, tags, element swaps) and PEM text damage. Deterministic for a given seed.
 */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** xorshift32 */
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }
}

const INTERESTING = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x82, 0x84,
  0xa0, 0xa3, 0xff,
];

/** Offsets of plausible TLV headers (identifier octet followed by a length) in the first bytes. */
function tlvHeads(d: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < d.length; i++) {
    const t = d[i]!;
    if (
      t === 0x30 ||
      t === 0x31 ||
      t === 0x02 ||
      t === 0x03 ||
      t === 0x04 ||
      t === 0x06 ||
      (t & 0xe0) === 0xa0 ||
      (t & 0xe0) === 0x80
    )
      out.push(i);
  }
  return out;
}

type Mutation = (r: Rng, d: Uint8Array, other: Uint8Array) => Uint8Array;

const MUTATIONS: Mutation[] = [
  // flip a few bits
  (r, d) => {
    const o = new Uint8Array(d);
    for (let n = 1 + r.int(4); n > 0 && o.length; n--) o[r.int(o.length)]! ^= 1 << r.int(8);
    return o;
  },
  // set bytes to interesting values
  (r, d) => {
    const o = new Uint8Array(d);
    for (let n = 1 + r.int(3); n > 0 && o.length; n--) o[r.int(o.length)] = r.pick(INTERESTING);
    return o;
  },
  // damage a length field
  (r, d) => {
    const heads = tlvHeads(d);
    if (!heads.length) return d;
    const o = new Uint8Array(d);
    const at = r.pick(heads) + 1;
    o[at] = r.pick([0x00, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff, (o[at]! + 1) & 0xff, (o[at]! - 1) & 0xff]);
    return o;
  },
  // change a tag
  (r, d) => {
    const heads = tlvHeads(d);
    if (!heads.length) return d;
    const o = new Uint8Array(d);
    o[r.pick(heads)] = r.pick(INTERESTING);
    return o;
  },
  // truncate
  (r, d) => d.subarray(0, r.int(d.length)),
  // delete a range
  (r, d) => {
    const a = r.int(d.length);
    const b = Math.min(d.length, a + 1 + r.int(32));
    return new Uint8Array([...d.subarray(0, a), ...d.subarray(b)]);
  },
  // insert random bytes
  (r, d) => {
    const at = r.int(d.length + 1);
    const ins = Array.from({ length: 1 + r.int(16) }, () => r.int(256));
    return new Uint8Array([...d.subarray(0, at), ...ins, ...d.subarray(at)]);
  },
  // duplicate a range (duplicate extensions, repeated RDNs…)
  (r, d) => {
    const a = r.int(d.length);
    const b = Math.min(d.length, a + 1 + r.int(64));
    return new Uint8Array([...d.subarray(0, b), ...d.subarray(a, b), ...d.subarray(b)]);
  },
  // splice with another seed
  (r, d, other) => new Uint8Array([...d.subarray(0, r.int(d.length)), ...other.subarray(r.int(other.length))]),
  // append trailing garbage
  (r, d) => new Uint8Array([...d, ...Array.from({ length: 1 + r.int(4) }, () => r.int(256))]),
];

export function mutateDer(r: Rng, seed: Uint8Array, other: Uint8Array): Uint8Array {
  let d = seed;
  for (let n = 1 + r.int(3); n > 0; n--) d = r.pick(MUTATIONS)(r, d, other);
  return d;
}

const pem = (d: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(d).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

/** PEM text: a mutated certificate wrapped correctly, or a correct one with damaged armour/base64. */
export function mutatePem(r: Rng, seed: Uint8Array, other: Uint8Array): string {
  if (r.chance(0.5)) return pem(mutateDer(r, seed, other));
  const text = pem(seed).split('');
  for (let n = 1 + r.int(4); n > 0; n--) {
    const at = r.int(text.length);
    const op = r.int(5);
    if (op === 0) text[at] = r.pick(['A', '/', '+', '=', '-', '\n', ' ', '$', '\u00e9', '\0']);
    else if (op === 1) text.splice(at, 1 + r.int(8));
    else if (op === 2) text.splice(at, 0, ...'-----END CERTIFICATE-----'.split(''));
    else if (op === 3) text.splice(at, 0, ...pem(other).split(''));
    else text.splice(at, 0, ...'\r\n\t '.slice(r.int(4)).split(''));
  }
  return text.join('');
}
