import { AppError } from '../../contract/index.ts';

/**
 * The Form.io subset the portal enforces on the server (docs/portal-forms.md). OpenG2P stores its
 * portal forms as Form.io JSON; a browser-side renderer alone is no rule, so every answer is checked
 * here against the same schema. What the server cannot check without running the form's own
 * JavaScript (custom validation, calculated values, JSONLogic, remote select data) is refused when
 * the form is saved, so no form promises a rule that nobody enforces.
 */

export type FieldRule =
  'required' | 'type' | 'minLength' | 'maxLength' | 'pattern' | 'min' | 'max' | 'select' | 'email' | 'date' | 'unknown';

type InputType =
  | 'textfield'
  | 'textarea'
  | 'email'
  | 'phoneNumber'
  | 'number'
  | 'checkbox'
  | 'select'
  | 'radio'
  | 'selectboxes'
  | 'datetime'
  | 'day';
const INPUT_TYPES: ReadonlySet<string> = new Set<InputType>([
  'textfield',
  'textarea',
  'email',
  'phoneNumber',
  'number',
  'checkbox',
  'select',
  'radio',
  'selectboxes',
  'datetime',
  'day',
]);
/** Components that only lay out or show things; their children are read, they carry no answer. */
const LAYOUT_TYPES: ReadonlySet<string> = new Set([
  'panel',
  'fieldset',
  'well',
  'columns',
  'table',
  'htmlelement',
  'content',
  'button',
]);
/** Properties holding JavaScript or JSONLogic: the server would have to run them to enforce them. */
const CODE_PROPERTIES = [
  'customConditional',
  'calculateValue',
  'customDefaultValue',
  'allowCalculateOverride',
] as const;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** Longest answer to a text field without a maxLength of its own. */
const TEXT_MAX = 10_000;
const MAX_FIELDS = 500;

export interface FieldSpec {
  key: string;
  type: InputType;
  label: string;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  min?: number;
  max?: number;
  multiple: boolean;
  /** Allowed values of select / radio / selectboxes. */
  values?: readonly string[];
  /** Shown only when another answer equals a value (Form.io's simple conditional). */
  conditional?: { show: boolean; when: string; eq: string };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function refuse(path: string, why: string): never {
  throw new AppError(
    'PD_SSP_009',
    `The form cannot be enforced by the portal: ${path}: ${why}.`,
    { [path]: 'PD_SSP_009' },
    { component: path, reason: why },
  );
}

function optionalInt(v: unknown, path: string, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) refuse(path, `${name} must be a non-negative integer`);
  return v;
}

function optionalNumber(v: unknown, path: string, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) refuse(path, `${name} must be a number`);
  return v;
}

function valuesOf(c: Json, path: string): string[] {
  const list = c.type === 'select' ? (isObject(c.data) ? c.data.values : undefined) : c.values;
  if (c.type === 'select' && c.dataSrc !== undefined && c.dataSrc !== 'values')
    refuse(path, `select data from "${String(c.dataSrc)}" cannot be checked`);
  if (!Array.isArray(list) || list.length === 0) refuse(path, 'choices are missing');
  return list.map((entry, i) => {
    if (!isObject(entry) || (typeof entry.value !== 'string' && typeof entry.value !== 'number'))
      refuse(`${path}.values[${i}]`, 'a choice needs a value');
    return String(entry.value);
  });
}

function patternOf(v: unknown, path: string): RegExp | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || v.length > 512) refuse(path, 'the pattern is not a string');
  try {
    // Form.io anchors the pattern to the whole value.
    return new RegExp(`^(?:${v})$`, 'u');
  } catch {
    refuse(path, 'the pattern is not a valid regular expression');
  }
}

function fieldOf(c: Json, path: string): FieldSpec {
  const key = c.key;
  if (typeof key !== 'string' || !KEY.test(key)) refuse(path, 'a component key must be a short identifier');
  const type = c.type as InputType;
  const validate = isObject(c.validate) ? c.validate : {};
  if (validate.custom !== undefined && validate.custom !== '')
    refuse(key, 'custom validation (JavaScript) cannot be enforced');
  if (validate.json !== undefined && validate.json !== '') refuse(key, 'JSONLogic validation cannot be enforced');
  for (const p of CODE_PROPERTIES)
    if (c[p] !== undefined && c[p] !== '' && c[p] !== false) refuse(key, `${p} cannot be enforced`);
  const spec: FieldSpec = {
    key,
    type,
    label: typeof c.label === 'string' ? c.label : key,
    required: validate.required === true,
    multiple: c.multiple === true && (type === 'select' || type === 'textfield'),
  };
  const minLength = optionalInt(validate.minLength, key, 'minLength');
  const maxLength = optionalInt(validate.maxLength, key, 'maxLength');
  const pattern = patternOf(validate.pattern, key);
  const min = optionalNumber(validate.min, key, 'min');
  const max = optionalNumber(validate.max, key, 'max');
  if (minLength !== undefined) spec.minLength = minLength;
  if (maxLength !== undefined) spec.maxLength = maxLength;
  if (pattern) spec.pattern = pattern;
  if (min !== undefined) spec.min = min;
  if (max !== undefined) spec.max = max;
  if (type === 'select' || type === 'radio' || type === 'selectboxes') spec.values = valuesOf(c, key);
  if (isObject(c.conditional)) {
    const cond = c.conditional;
    if (cond.json !== undefined && cond.json !== '' && cond.json !== null)
      refuse(key, 'JSONLogic conditions cannot be enforced');
    if (typeof cond.when === 'string' && cond.when !== '') {
      spec.conditional = {
        show: cond.show === true || cond.show === 'true',
        when: cond.when,
        eq: String(cond.eq ?? ''),
      };
    }
  }
  return spec;
}

/** Walks the components (layouts included) and returns every answer the form asks for. */
export function fieldsOf(schema: Json): FieldSpec[] {
  if (!Array.isArray(schema.components)) refuse('components', 'a Form.io form has a components list');
  const fields: FieldSpec[] = [];
  const seen = new Set<string>();
  const stack: Array<[unknown, string]> = [];
  const pushAll = (list: unknown, path: string) => {
    if (!Array.isArray(list)) refuse(path, 'components must be a list');
    for (let i = list.length - 1; i >= 0; i--) stack.push([list[i], `${path}[${i}]`]);
  };
  pushAll(schema.components, 'components');
  while (stack.length) {
    const [c, path] = stack.pop()!;
    if (!isObject(c) || typeof c.type !== 'string') refuse(path, 'a component needs a type');
    if (c.type === 'button') continue;
    if (LAYOUT_TYPES.has(c.type)) {
      if (c.components !== undefined) pushAll(c.components, `${path}.components`);
      if (c.type === 'columns') {
        if (!Array.isArray(c.columns)) refuse(path, 'columns need a columns list');
        // the stack reads last in first out: push later columns first, so fields keep the form's order
        for (let i = c.columns.length - 1; i >= 0; i--) {
          const col: unknown = c.columns[i];
          if (isObject(col) && col.components !== undefined)
            pushAll(col.components, `${path}.columns[${i}].components`);
        }
      }
      if (c.type === 'table' && Array.isArray(c.rows)) {
        const cells = c.rows.flatMap((row: unknown, r) =>
          Array.isArray(row)
            ? row.map((cell: unknown, i) => [cell, `${path}.rows[${r}][${i}].components`] as const)
            : [],
        );
        for (const [cell, at] of cells.reverse())
          if (isObject(cell) && cell.components !== undefined) pushAll(cell.components, at);
      }
      continue;
    }
    if (!INPUT_TYPES.has(c.type))
      refuse(typeof c.key === 'string' ? c.key : path, `component type "${c.type}" is not supported`);
    const field = fieldOf(c, path);
    if (seen.has(field.key)) refuse(field.key, 'two components have the same key');
    seen.add(field.key);
    fields.push(field);
    if (fields.length > MAX_FIELDS) refuse('components', `more than ${MAX_FIELDS} fields`);
  }
  for (const f of fields)
    if (f.conditional && !seen.has(f.conditional.when))
      refuse(f.key, `the condition names an unknown field "${f.conditional.when}"`);
  return fields;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function checkText(f: FieldSpec, v: unknown, partial: boolean): FieldRule | null {
  if (typeof v !== 'string') return 'type';
  if (v.length > (f.maxLength ?? TEXT_MAX)) return 'maxLength';
  if (partial) return null;
  if (f.minLength !== undefined && v.length < f.minLength) return 'minLength';
  if (f.pattern && !f.pattern.test(v)) return 'pattern';
  if (f.type === 'email' && !EMAIL.test(v)) return 'email';
  return null;
}

function checkOne(f: FieldSpec, v: unknown, partial: boolean): FieldRule | null {
  switch (f.type) {
    case 'textfield':
    case 'textarea':
    case 'email':
    case 'phoneNumber':
      return checkText(f, v, partial);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'type';
      if (f.min !== undefined && v < f.min) return 'min';
      if (f.max !== undefined && v > f.max) return 'max';
      return null;
    case 'checkbox':
      return typeof v === 'boolean' ? null : 'type';
    case 'select':
    case 'radio':
      if (typeof v !== 'string' && typeof v !== 'number') return 'type';
      return f.values!.includes(String(v)) ? null : 'select';
    case 'selectboxes':
      if (!isObject(v)) return 'type';
      for (const [k, on] of Object.entries(v)) if (!f.values!.includes(k) || typeof on !== 'boolean') return 'select';
      return null;
    case 'datetime':
      return typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v)) ? null : 'date';
    case 'day': {
      const m = typeof v === 'string' ? DAY.exec(v) : null;
      if (!m) return 'date';
      const [mm, dd, yyyy] = [Number(m[1]), Number(m[2]), Number(m[3])];
      // Form.io's day component allows 00 for an unknown day or month.
      return mm <= 12 && dd <= 31 && yyyy >= 1800 ? null : 'date';
    }
  }
}

function isShown(f: FieldSpec, data: Json): boolean {
  if (!f.conditional) return true;
  const other = data[f.conditional.when];
  const equal = other !== undefined && other !== null && String(other) === f.conditional.eq;
  return f.conditional.show ? equal : !equal;
}

/**
 * Checks answers against the form: unknown keys, types, lengths, patterns, choices, and — unless
 * `partial` (a draft) — required answers, minimum lengths and patterns. Returns the clean answers
 * (buttons' values and hidden fields dropped) or throws PD_SSP_005 naming every failing field.
 */
export function checkSubmission(fields: readonly FieldSpec[], data: Json, partial: boolean): Json {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: Record<string, FieldRule> = {};
  const clean: Json = {};
  for (const key of Object.keys(data)) {
    if (!byKey.has(key) && key !== 'submit') problems[key] = 'unknown';
  }
  for (const f of fields) {
    const v = data[f.key];
    if (!isShown(f, data)) continue;
    if (isEmpty(v)) {
      if (!partial && f.required) problems[f.key] = 'required';
      continue;
    }
    if (f.multiple) {
      if (!Array.isArray(v) || v.length > 100) {
        problems[f.key] = 'type';
        continue;
      }
      const bad = v.map((item) => checkOne(f, item, partial)).find((r) => r !== null);
      if (bad) problems[f.key] = bad;
      else clean[f.key] = v;
      continue;
    }
    if (f.type === 'checkbox' && !partial && f.required && v === false) {
      problems[f.key] = 'required';
      continue;
    }
    const bad = checkOne(f, v, partial);
    if (bad) problems[f.key] = bad;
    else clean[f.key] = v;
  }
  const keys = Object.keys(problems);
  if (keys.length > 0) {
    throw new AppError(
      'PD_SSP_005',
      `The answers do not satisfy the form: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}.`,
      problems,
    );
  }
  return clean;
}
