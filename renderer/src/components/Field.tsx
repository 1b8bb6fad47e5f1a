import { useId, type ReactNode } from 'react';
import { useErrorText } from '../lib/errorText.ts';

interface FieldShellProps {
  label: string;
  name: string;
  /** A contract error code or validation key; translated here. */
  error?: string | undefined;
  hint?: ReactNode;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, hint and error wired together (for/id, aria-describedby, aria-invalid). */
export function FieldShell({ label, name, error, hint, children }: FieldShellProps) {
  const id = useId();
  const { field } = useErrorText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" data-testid={`field-error-${name}`}>
          {field(error)}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'date';
  autoComplete?: string;
  required?: boolean;
  /** Identifiers and addresses read left-to-right even in Arabic. */
  dir?: 'ltr' | 'auto';
  multiline?: boolean;
}

export function TextField({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  autoComplete,
  required,
  dir,
  multiline,
}: TextFieldProps) {
  return (
    <FieldShell label={label} name={name} error={error} hint={hint}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            value={value}
            rows={3}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            autoComplete={autoComplete}
            className="field-input"
          />
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            autoComplete={autoComplete}
            dir={dir}
            className="field-input"
          />
        )
      }
    </FieldShell>
  );
}

interface SelectFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  testId?: string;
}

export function SelectField({
  label,
  name,
  value,
  onChange,
  options,
  placeholder,
  error,
  hint,
  required,
  testId,
}: SelectFieldProps) {
  return (
    <FieldShell label={label} name={name} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-required={required}
          data-testid={testId}
          className="field-input"
        >
          {placeholder !== undefined ? (
            <option value="" disabled>
              {placeholder}
            </option>
          ) : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
