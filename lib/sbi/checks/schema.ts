/** Shape checks: an envelope against its zod schema, and (strict mode) no keys beyond the specification's. */
import type { z } from 'zod';
import { extraKeys, safeWire } from '../wire/index.ts';
import { fail, failFrom, pass } from './types.ts';
import type { Check } from './types.ts';

export function checkShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  name: string,
  what: string,
): { check: Check; value: T | null } {
  const r = safeWire(schema, value, what);
  return r.ok
    ? { check: pass(name, 'schema'), value: r.value }
    : { check: failFrom(name, 'schema', r.error), value: null };
}

/** The CTK schemas set additionalProperties:false; `also` lists keys that are tolerated anyway. */
export function checkExtraKeys(value: unknown, allowed: readonly string[], name: string): Check {
  const extra = extraKeys(value, allowed);
  return extra.length === 0
    ? pass(name, 'schema')
    : fail(
        name,
        'schema',
        'SBI_MALFORMED',
        `keys the specification does not define: ${extra.slice(0, 5).join(', ').slice(0, 200)}`,
        { keys: extra.length },
      );
}
