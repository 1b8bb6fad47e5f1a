import type { z } from 'zod';
import { Rng } from '../fuzz/mutator.ts';

/**
 * A seeded generator of contract inputs (fast-check is not installed; this is the small part of it
 * the property test needs): it walks a method's zod input schema and builds a value of that shape,
 * filling string slots with known-good values for the field (real ids from the database) or
 * hostile text, numbers with their bounds and odd values, and JSON slots with deep or dirty JSON.
 * Deterministic for a seed, so a failure is reproduced by re-running with the printed seed.
 */

/** Pieces of hostile text: what the store, the trigram search or the JSON columns could trip on. */
export const HOSTILE_PIECES: readonly string[] = [
  '\u0000', // NUL
  '\u0001',
  '\u0007',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f', // C0, DEL, C1 controls
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\ud800',
  '\udfff',
  '\udc00\ud800', // lone and reversed surrogates
  '\ud83c\udfe6', // a well-formed pair (emoji)
  '\ufeff', // BOM
  '\u200f',
  '\u200e',
  '\u202e',
  '\u2067',
  '\u2069', // RTL/LTR marks, bidi overrides and isolates
  'e\u0301',
  '\u0301',
  'Ω\u0308\u0323', // combining marks (NFD, a lone mark, several marks)
  '\u2028',
  '\u2029',
  '\u00a0',
  '\u3000', // separators, non-breaking and ideographic spaces
  '\uffff',
  '\ufffe',
  '\ufffd', // noncharacters, the replacement character
  'بنك',
  'Ünïcödé',
  'ǅ',
  'ﬁ', // Arabic, Latin-1, titlecase, a ligature (NFKC differs)
  '%',
  '_',
  '\\',
  "'",
  '"',
  '*',
  '^',
  '(',
  ')',
  '-',
  ':',
  'NEAR',
  'OR',
  'AND', // LIKE and FTS5 syntax
  "' OR 1=1 --",
  '%_%',
  '"*"',
  '{',
  '}',
  '[',
  ']',
  '$',
  '<script>',
  ' ',
  '  ',
  'a',
  'ab',
  'abc',
  'x',
];

const REFUSED_PIECE =
  // eslint-disable-next-line no-control-regex -- the pieces the contract's text schema refuses
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Hostile pieces that are still text (bidi, combining, BOM, noncharacters, LIKE/FTS5 syntax): they reach the core. */
export const TEXT_PIECES: readonly string[] = HOSTILE_PIECES.filter((p) => !REFUSED_PIECE.test(p));

export interface GenContext {
  rng: Rng;
  /** 0–1: how often a string slot gets hostile text rather than a known value (drawn per input). */
  hostility: number;
  /** Known-good values for a field, by its name (real ids, valid dates, allowed values). */
  known(field: string): readonly string[];
  /** Numeric overrides by field name (e.g. a delay kept short so the run stays fast). */
  numbers?: Record<string, readonly number[]>;
}

interface Def {
  type: string;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((c) => c._zod.def);

function bounds(def: Def): {
  min: number;
  max: number;
  pattern: RegExp | null;
  int: boolean;
  lo: number;
  hi: number;
} {
  let min = 0;
  let max = Infinity;
  let lo = -Number.MAX_SAFE_INTEGER;
  let hi = Number.MAX_SAFE_INTEGER;
  let pattern: RegExp | null = null;
  let int = false;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum ?? 0);
    else if (c.check === 'max_length') max = Math.min(max, c.maximum ?? Infinity);
    else if (c.check === 'length_equals') min = max = c.value ?? 0;
    else if (c.check === 'string_format' && c.pattern) pattern = c.pattern;
    else if (c.check === 'greater_than') lo = Math.max(lo, (c.value ?? lo) + (c.inclusive ? 0 : 1));
    else if (c.check === 'less_than') hi = Math.min(hi, (c.value ?? hi) - (c.inclusive ? 0 : 1));
    else if (c.check === 'number_format') int = true;
  }
  return { min, max, pattern, int, lo, hi };
}

/** A random hostile text of about `length` UTF-16 units, pieces and plain letters mixed. */
export function hostileText(rng: Rng, length: number, pieces: readonly string[] = HOSTILE_PIECES): string {
  let out = '';
  while (out.length < length) out += rng.chance(0.6) ? rng.pick(pieces) : String.fromCharCode(0x61 + rng.int(26));
  return out;
}

/** A known value, bent: wrapped in hostile pieces, decomposed, shouted, padded. */
function bend(rng: Rng, value: string): string {
  switch (rng.int(7)) {
    case 0:
      return value + rng.pick(HOSTILE_PIECES);
    case 1:
      return rng.pick(HOSTILE_PIECES) + value;
    case 2:
      return value.normalize('NFD');
    case 3:
      return value.toUpperCase();
    case 4:
      return `  ${value}\u00a0`;
    case 5: {
      const at = rng.int(value.length + 1);
      return value.slice(0, at) + rng.pick(HOSTILE_PIECES) + value.slice(at);
    }
    default:
      return value.slice(0, Math.max(1, value.length - 1));
  }
}

function genString(def: Def, field: string, ctx: GenContext): string {
  const { rng } = ctx;
  const { min, max, pattern } = bounds(def);
  const known = ctx.known(field);
  const calm = 1 - ctx.hostility;
  const roll = rng.next() / 0x1_0000_0000;
  // Hostile text that is still text half the time: it passes the schema and reaches the rules and SQL.
  const pieces = rng.chance(0.5) ? TEXT_PIECES : HOSTILE_PIECES;
  let value: string;
  if (known.length && roll < calm * 0.7) value = rng.pick(known);
  else if (known.length && roll < calm) value = bend(rng, rng.pick(known));
  else if (pattern) value = known.length && rng.chance(0.5) ? rng.pick(known) : hostileText(rng, 10, pieces);
  else if (rng.chance(0.25) && Number.isFinite(max))
    value = hostileText(rng, max, pieces); // as long as allowed (and a bit over, in code units)
  else value = hostileText(rng, Math.max(min, 1 + rng.int(Math.min(24, Number.isFinite(max) ? max : 24))), pieces);
  // Mostly within the length bounds, so most inputs reach the core past the schema.
  if (Number.isFinite(max) && value.length > max && rng.chance(0.8)) value = value.slice(0, max);
  return value;
}

const ODD_NUMBERS = [
  0,
  1,
  -1,
  2,
  7,
  8,
  25,
  100,
  1000,
  65_535,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];

function genNumber(def: Def, field: string, ctx: GenContext): number {
  const { rng } = ctx;
  const override = ctx.numbers?.[field];
  if (override) return rng.pick(override);
  const { lo, hi, int } = bounds(def);
  const candidates = [lo, hi, ...ODD_NUMBERS.filter((n) => n >= lo && n <= hi)].filter((n) => Number.isSafeInteger(n));
  const n = rng.chance(0.7)
    ? rng.pick(candidates)
    : lo + ((rng.next() * 0x1_0000_0000 + rng.next()) % Math.max(1, Math.min(hi - lo + 1, 1000)));
  return int ? Math.trunc(n) : rng.chance(0.2) ? n + 0.5 : n;
}

/** A JSON value: sometimes deep (up to thousands of levels), with hostile keys and strings. */
export function hostileJson(rng: Rng, budget = 3): unknown {
  const kind = rng.int(8);
  if (kind === 0) {
    let v: unknown = hostileText(rng, 3);
    const levels = rng.pick([10, 33, 999, 1001, 5_000]);
    for (let i = 0; i < levels; i++) v = rng.chance(0.5) ? [v] : { [rng.pick(['a', '\u0000', 'é'])]: v };
    return v;
  }
  if (kind === 1 || budget <= 0) return hostileText(rng, 1 + rng.int(12));
  if (kind === 2) return rng.pick([0, -1, 1.5, 1e308, null, true, false]);
  if (kind === 3) return Array.from({ length: rng.int(4) }, () => hostileJson(rng, budget - 1));
  const out: Record<string, unknown> = {};
  for (let i = rng.int(4); i > 0; i--) out[hostileText(rng, 1 + rng.int(6))] = hostileJson(rng, budget - 1);
  return out;
}

/** A value of the schema's shape; `field` names the slot (the object key it sits under). */
export function generate(schema: z.ZodType, ctx: GenContext, field = ''): unknown {
  const def = defOf(schema);
  const { rng } = ctx;
  switch (def.type) {
    case 'string':
      return genString(def, field, ctx);
    case 'number':
      return genNumber(def, field, ctx);
    case 'boolean':
      return rng.chance(0.5);
    case 'enum':
      return rng.pick(Object.values(def.entries as Record<string, string>));
    case 'literal':
      return rng.pick(def.values as unknown[]);
    case 'optional':
      return rng.chance(0.35) ? undefined : generate(def.innerType as z.ZodType, ctx, field);
    case 'default':
      return rng.chance(0.3) ? undefined : generate(def.innerType as z.ZodType, ctx, field);
    case 'nullable':
      return rng.chance(0.2) ? null : generate(def.innerType as z.ZodType, ctx, field);
    case 'pipe':
      return generate(def.in as z.ZodType, ctx, field);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const value = generate(child, ctx, key);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'union':
      return generate(rng.pick(def.options as z.ZodType[]), ctx, field);
    case 'array': {
      const { min, max } = bounds(def);
      const n = Math.min(Math.max(min, rng.int(4)), Number.isFinite(max) ? max : 4);
      return Array.from({ length: n }, () => generate(def.element as z.ZodType, ctx, field));
    }
    case 'record': {
      const keyDef = defOf(def.keyType as z.ZodType);
      const out: Record<string, unknown> = {};
      const known = ctx.known(field);
      if (keyDef.type === 'enum') {
        for (const key of Object.values(keyDef.entries as Record<string, string>))
          if (rng.chance(0.5)) out[key] = generate(def.valueType as z.ZodType, ctx, field);
        return out;
      }
      // A free-form JSON object (a JWK): a known good one, one bent with hostile members, or hostile JSON.
      if (known.length && rng.chance(1 - ctx.hostility)) return JSON.parse(rng.pick(known)) as unknown;
      const base = known.length && rng.chance(0.5) ? (JSON.parse(rng.pick(known)) as Record<string, unknown>) : {};
      for (let i = 1 + rng.int(3); i > 0; i--)
        base[rng.chance(0.5) ? rng.pick(Object.keys(base).concat('kty')) : hostileText(rng, 4)] = hostileJson(rng);
      return base;
    }
    case 'unknown':
    case 'any':
      return hostileJson(rng);
    default:
      throw new Error(`contract-inputs: no generator for zod type "${def.type}" (field "${field}")`);
  }
}
