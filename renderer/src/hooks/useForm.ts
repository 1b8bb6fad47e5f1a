import { useCallback, useRef, useState, type FormEvent } from 'react';
import { TEXT_REFUSED, isErrorCode, type ErrorCode } from '../contract.ts';
import { ApiError, toApiError } from '../api/errors.ts';
import { useUnsavedGuard } from '../router/useUnsavedGuard.ts';
import type { ValidationKey } from '../lib/errorText.ts';

type Values = Record<string, string>;
/** Field name → problem: a contract error code or a client validation key. */
export type FieldErrors<V extends Values> = Partial<Record<keyof V & string, ErrorCode | ValidationKey | string>>;

export interface FormOptions<V extends Values> {
  initial: V;
  /** Convenience checks only; the core enforces every rule again. */
  validate?: (values: V) => FieldErrors<V>;
  /** Where a field-less server error belongs, e.g. PMS_PRT_012 → email. */
  codeFields?: Partial<Record<ErrorCode, keyof V & string>>;
  onSubmit: (values: V) => Promise<void>;
  /** Ask before leaving with edits (default). Off for forms with nothing worth keeping, e.g. sign-in. */
  guard?: boolean;
}

export function requireFields<V extends Values>(values: V, names: readonly (keyof V & string)[]): FieldErrors<V> {
  const errors: FieldErrors<V> = {};
  for (const name of names) if (!values[name]?.trim()) errors[name] = 'required';
  return errors;
}

export function useForm<V extends Values>({ initial, validate, codeFields, onSubmit, guard = true }: FormOptions<V>) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const dirty = useRef(false);
  const formRef = useRef<HTMLFormElement | null>(null);

  useUnsavedGuard(useCallback(() => guard && dirty.current, [guard]));

  function focusField(name: string | undefined) {
    const element = name ? formRef.current?.elements.namedItem(name) : null;
    if (element instanceof HTMLElement) element.focus();
  }

  function set(name: keyof V & string, value: string) {
    dirty.current = true;
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => (previous[name] ? { ...previous, [name]: undefined } : previous));
  }

  function serverFieldErrors(error: ApiError): FieldErrors<V> {
    const mapped: FieldErrors<V> = {};
    for (const [path, code] of Object.entries(error.fields)) {
      // Hosts may report 'input.email' or 'email'; the last segment names the form field.
      const name = path.split('.').pop() ?? path;
      // Values may be codes, the contract's text refusal, or core-specific details ("upper,digit"): show the code's message then.
      if (name in values)
        mapped[name as keyof V & string] = isErrorCode(code) || code === TEXT_REFUSED ? code : error.code;
    }
    const target = codeFields?.[error.code];
    if (target && !mapped[target]) mapped[target] = error.code;
    return mapped;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formRef.current = event.currentTarget;
    if (submitting) return;
    const problems: FieldErrors<V> = validate?.(values) ?? {};
    const invalid = Object.keys(problems).filter((name) => problems[name as keyof V & string]);
    setFormError(null);
    setErrors(problems);
    if (invalid.length > 0) {
      focusField(invalid[0]);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
      dirty.current = false; // saved; screens that navigate away do so with force anyway
    } catch (caught) {
      const error = toApiError(caught);
      const mapped = serverFieldErrors(error);
      setFormError(error);
      setErrors(mapped);
      focusField(Object.keys(mapped)[0]);
    } finally {
      setSubmitting(false);
    }
  }

  function reset(next: V = initial) {
    dirty.current = false;
    setValues(next);
    setErrors({});
  }

  return { values, set, errors, formError, submitting, handleSubmit, reset };
}
