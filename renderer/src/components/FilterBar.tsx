import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from './Field.tsx';

export interface FilterField<N extends string = string> {
  name: N;
  label: string;
  /** Options make a select; an "any" choice is added first. */
  options?: readonly { value: string; label: string }[];
  type?: 'text' | 'date' | 'number';
  ltr?: boolean;
  /** Under the input; shown as an error when `valid` refuses the text. */
  hint?: string;
  /** False keeps the filters unapplied and marks the field. */
  valid?(text: string): boolean;
  min?: number;
  max?: number;
}

export interface FilterBarIds {
  form: string;
  apply: string;
  clear: string;
}

interface FilterBarProps {
  fields: readonly FilterField[];
  applied: Record<string, string>;
  onApply(filters: Record<string, string>): void;
  ids: FilterBarIds;
  label: string;
  anyLabel: string;
}

/** Filters apply on "Apply Filter" (or Enter), not per keystroke, as the MOSIP admin lists. */
export function FilterBar({ fields, applied, onApply, ids, label, anyLabel }: FilterBarProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string>>(applied);
  const [invalid, setInvalid] = useState<string | null>(null);
  const base = useId();
  const change = (name: string) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const bad = fields.find((f) => f.valid && !f.valid(draft[f.name] ?? ''));
    setInvalid(bad?.name ?? null);
    if (bad) {
      document.getElementById(`${base}-${bad.name}`)?.focus();
      return;
    }
    onApply(draft);
  }
  function clear() {
    setDraft({});
    setInvalid(null);
    onApply({});
  }

  return (
    <form noValidate onSubmit={submit} className="panel p-4" data-testid={ids.form} aria-label={label}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6">
        {fields.map((field) => {
          const value = draft[field.name] ?? '';
          if (field.options) {
            return (
              <SelectField
                key={field.name}
                name={field.name}
                label={field.label}
                value={value}
                onChange={change(field.name)}
                options={[{ value: '', label: anyLabel }, ...field.options]}
              />
            );
          }
          if (field.hint || field.min !== undefined) {
            const id = `${base}-${field.name}`;
            return (
              <div key={field.name}>
                <label htmlFor={id} className="field-label">
                  {field.label}
                </label>
                <input
                  id={id}
                  name={field.name}
                  type={field.type ?? 'text'}
                  inputMode={field.type === 'number' ? 'numeric' : undefined}
                  min={field.min}
                  max={field.max}
                  value={value}
                  onChange={(event) => change(field.name)(event.target.value)}
                  aria-invalid={invalid === field.name}
                  aria-describedby={`${id}-hint`}
                  className="field-input"
                />
                <p
                  id={`${id}-hint`}
                  className={invalid === field.name ? 'field-error' : 'field-hint'}
                  data-testid={`${field.name}-hint`}
                >
                  {field.hint}
                </p>
              </div>
            );
          }
          return (
            <TextField
              key={field.name}
              name={field.name}
              type={field.type === 'date' ? 'date' : 'text'}
              label={field.label}
              value={value}
              onChange={change(field.name)}
              dir={field.ltr ? 'ltr' : 'auto'}
            />
          );
        })}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={clear} data-testid={ids.clear}>
          {t('list.clear')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid={ids.apply}>
          {t('list.apply')}
        </button>
      </div>
    </form>
  );
}
