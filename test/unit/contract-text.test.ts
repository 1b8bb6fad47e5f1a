import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { JSON_MAX_DEPTH, JsonObject, METHOD_NAMES, TEXT_REFUSED, Text, contract } from '../../main/contract/index.ts';

interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every string slot of a schema with its path (through optional, default, arrays, records, unions, pipes). */
function stringSlots(schema: z.ZodType, path: string): Array<[string, z.ZodType]> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [[path, schema]];
    case 'optional':
    case 'default':
    case 'nullable':
      return stringSlots(def.innerType as z.ZodType, path);
    // A pipe (a transform) from a string is one slot, checked whole (ApiKeyLabel: collapsed, then text).
    case 'pipe': {
      let source = def.in as z.ZodType;
      while (defOf(source).type === 'pipe') source = defOf(source).in as z.ZodType;
      return defOf(source).type === 'string' ? [[path, schema]] : stringSlots(source, path);
    }
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => stringSlots(v, `${path}.${k}`));
    case 'array':
      return stringSlots(def.element as z.ZodType, `${path}[]`);
    case 'record':
      return stringSlots(def.valueType as z.ZodType, `${path}{}`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o, i) => stringSlots(o, `${path}|${i}`));
    default:
      return [];
  }
}

/** Secrets are hashed (or wrapped) and never stored or shown as text; file contents are base64 the core decodes. */
const NOT_TEXT = new Set([
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'apiKey',
  'mispLicenseKey',
  'partnerPrivateKey',
  'contentBase64',
  'record',
]);

describe('one text schema for every free-text input (issue 21)', () => {
  const slots = METHOD_NAMES.flatMap((m) =>
    stringSlots(contract[m].input, m).map(([path, schema]) => ({
      path,
      schema,
      field: path
        .split('.')
        .pop()!
        .replace(/(\[\]|\{\})+$/, ''),
    })),
  );

  it('finds the string slots it checks', () => {
    expect(slots.length).toBeGreaterThan(100);
    expect(slots.map((s) => s.path)).toContain('linking.list.partnerComment');
  });

  it('every string input but a secret or a file refuses NUL and a lone surrogate, naming the reason', () => {
    const lenient: string[] = [];
    for (const { path, schema, field } of slots) {
      if (NOT_TEXT.has(field)) continue;
      for (const bad of ['a\u0000b', 'a\ud800b']) {
        const r = schema.safeParse(bad);
        if (r.success || r.error.issues[0]?.message !== TEXT_REFUSED) lenient.push(`${path} ${JSON.stringify(bad)}`);
      }
    }
    expect(lenient).toEqual([]);
  });

  it('one-line text: trimmed (BOM too), then controls refused, then NFC, then the length counted', () => {
    const name = Text({ min: 1, max: 4 });
    expect(name.parse('  Cafe\u0301 ')).toBe('Caf\u00e9');
    expect(name.parse('\ufeffab')).toBe('ab');
    expect(name.parse('e\u0301e\u0301e\u0301e\u0301')).toBe('\u00e9'.repeat(4)); // 8 units typed, 4 stored
    for (const bad of ['\u0000abc', '\ufeff\u0000x', 'a\tb', 'a\nb', 'a\u0085b', 'a\u007fb', '\udc00a'])
      expect(name.safeParse(bad).error?.issues[0]?.message, JSON.stringify(bad)).toBe(TEXT_REFUSED);
    expect(name.safeParse('   ').success).toBe(false); // empty after trimming
    expect(name.safeParse('abcde').success).toBe(false);
    // bidi marks, a well-formed pair, combining marks are text
    expect(name.parse('\u200fبنك')).toBe('\u200fبنك');
    expect(name.parse('\ud83c\udfe6')).toBe('\ud83c\udfe6');
  });

  it('multi-line text keeps tab and line feed, turns CR LF and CR into LF, refuses other controls', () => {
    const text = Text({ max: 100, multiline: true });
    expect(text.parse('one\r\n\ttwo\rthree')).toBe('one\n\ttwo\nthree');
    expect(text.safeParse('one\u000btwo').error?.issues[0]?.message).toBe(TEXT_REFUSED);
    expect(text.safeParse('one\u0000').error?.issues[0]?.message).toBe(TEXT_REFUSED);
  });

  it('untrimmed text keeps its spaces for the core to name (a username with a space is PMS_PRT_066)', () => {
    expect(Text({ max: 10, trim: false }).parse(' a b ')).toBe(' a b ');
  });

  it('JSON objects: bounded nesting, clean keys and strings, checked without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(JsonObject.safeParse({ kty: 'EC', deep }).success).toBe(false);
    let ok: unknown = 'x';
    for (let i = 0; i < JSON_MAX_DEPTH - 1; i++) ok = [ok];
    expect(JsonObject.safeParse({ ok }).success).toBe(true);
    expect(JsonObject.safeParse({ kty: 'EC', crv: 'P-256\u0000' }).error?.issues[0]?.message).toBe(TEXT_REFUSED);
    expect(JsonObject.safeParse({ ['k\ud800']: 1 }).error?.issues[0]?.message).toBe(TEXT_REFUSED);
  });
});
