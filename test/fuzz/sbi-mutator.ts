/**
 * Mutations of SBI answers for fuzzing the client's parsing and verification: byte havoc on the
 * JSON text (Buffer-based here: mutator.ts's DER havoc copies through JS arrays, too slow for
 * answers of several KiB; it still mutates the small JWS headers and signatures), structural edits of the parsed JSON (type swaps, huge numbers,
 * long strings, deep nesting, dropped keys), and edits inside the signed blocks — with the block
 * re-signed half of the time, so mutated payloads get past the signature into the later checks.
 */
import type { KeyObject } from 'node:crypto';
import { signJws } from '../../lib/sbi/jws.ts';
import { mutateDer } from './mutator.ts';
import type { Rng } from './mutator.ts';

type J = unknown;
const DEEP = '"\u0000deep\u0000"';
const DEPTH = 5000;

const REPLACEMENTS: Array<(r: Rng) => J> = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1e308,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 0.1,
  () => '',
  () => 'null',
  () => '0',
  () => 'x'.repeat(100_000),
  () => '\u0000\ud800',
  () => [],
  () => [[[]]],
  () => ({}),
  () => ({ __proto__: { polluted: true }, constructor: 'x' }),
  () => '\u0000deep\u0000',
  (r) => Array.from({ length: 1 + r.int(40) }, () => 'A'),
];

/** All [container, key] pairs in a JSON value, depth-first. */
function slots(
  v: J,
  out: Array<[Record<string, J> | J[], string | number]> = [],
): Array<[Record<string, J> | J[], string | number]> {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, J>, k]);
      slots(x, out);
    }
  }
  return out;
}

/** Serialises, turning the deep-nesting marker into DEPTH nested arrays. */
export function serialise(v: J): string {
  return JSON.stringify(v)
    .split(DEEP)
    .join(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
}

export function mutateStructure(r: Rng, value: J): J {
  const copy = JSON.parse(JSON.stringify(value)) as J;
  const all = slots(copy);
  if (all.length === 0) return r.pick(REPLACEMENTS)(r);
  for (let n = 1 + r.int(3); n > 0; n--) {
    const [container, key] = r.pick(all);
    const op = r.int(4);
    if (op === 0 && !Array.isArray(container)) delete (container as Record<string, J>)[key as string];
    else if (op === 1 && Array.isArray(container)) container.push(container[key as number]);
    else (container as Record<string | number, J>)[key] = r.pick(REPLACEMENTS)(r);
  }
  return copy;
}

/** Finds the compact-JWS strings in an answer. */
function jwsSlots(v: J): Array<[Record<string, J> | J[], string | number]> {
  return slots(v).filter(([c, k]) => {
    const x = (c as Record<string | number, J>)[k];
    return typeof x === 'string' && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(x);
  });
}

/** Mutates one signed block: its header, its payload (structurally or by bytes), or its signature. */
export function mutateSignedBlock(r: Rng, value: J, signer: { key: KeyObject; der: Uint8Array }): J {
  const copy = JSON.parse(JSON.stringify(value)) as J;
  const blocks = jwsSlots(copy);
  if (blocks.length === 0) return mutateStructure(r, copy);
  const [container, key] = r.pick(blocks);
  const [h, p, s] = String((container as Record<string | number, J>)[key]).split('.') as [string, string, string];
  const part = r.int(3);
  let out: string;
  if (part === 0)
    out = `${Buffer.from(mutateDer(r, Buffer.from(h, 'base64url'), Buffer.from(p, 'base64url'))).toString('base64url')}.${p}.${s}`;
  else if (part === 1) {
    let payload: J;
    try {
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      payload = {};
    }
    const mutated = r.chance(0.5)
      ? Buffer.from(serialise(mutateStructure(r, payload)))
      : havoc(r, Buffer.from(p, 'base64url'), Buffer.from(h, 'base64url'));
    out = r.chance(0.5) ? signJws(mutated, signer.key, signer.der) : `${h}.${mutated.toString('base64url')}.${s}`;
  } else
    out = `${h}.${p}.${Buffer.from(mutateDer(r, Buffer.from(s, 'base64url'), Buffer.alloc(0))).toString('base64url')}`;
  (container as Record<string | number, J>)[key] = out;
  return copy;
}

const BYTES = [0x00, 0x22, 0x2c, 0x2e, 0x30, 0x3a, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f, 0x80, 0xc0, 0xff];

/** Byte havoc on a text: bit flips, JSON-significant bytes, truncation, deletion, insertion, duplication, splicing. */
export function havoc(r: Rng, d: Buffer, other: Buffer): Buffer {
  let b = d;
  for (let n = 1 + r.int(3); n > 0; n--) {
    const at = r.int(b.length + 1);
    const len = 1 + r.int(64);
    switch (r.int(7)) {
      case 0:
        b = Buffer.from(b);
        for (let k = 1 + r.int(4); k > 0 && b.length; k--) b[r.int(b.length)]! ^= 1 << r.int(8);
        break;
      case 1:
        b = Buffer.from(b);
        if (b.length) b[r.int(b.length)] = r.pick(BYTES);
        break;
      case 2:
        b = b.subarray(0, at);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + len)]);
        break;
      case 4:
        b = Buffer.concat([
          b.subarray(0, at),
          Buffer.from(Array.from({ length: 1 + r.int(8) }, () => r.pick(BYTES))),
          b.subarray(at),
        ]);
        break;
      case 5:
        b = Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
        break;
      default:
        b = Buffer.concat([b.subarray(0, at), other.subarray(r.int(other.length))]);
    }
  }
  return b;
}

/** One mutated answer as bytes. */
export function mutateAnswer(r: Rng, seed: J, other: J, signer: { key: KeyObject; der: Uint8Array }): Buffer {
  const kind = r.int(3);
  if (kind === 0) return havoc(r, Buffer.from(JSON.stringify(seed)), Buffer.from(JSON.stringify(other)));
  if (kind === 1) return Buffer.from(serialise(mutateStructure(r, seed)));
  return Buffer.from(serialise(mutateSignedBlock(r, seed, signer)));
}
