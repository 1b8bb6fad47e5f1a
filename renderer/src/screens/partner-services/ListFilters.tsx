import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/Field.tsx';
import type { ListStore } from '../../stores/pagedList.ts';

export interface FilterField {
  name: string;
  label: string;
  /** Options make a select (the first option should be "any"). */
  options?: readonly { value: string; label: string }[];
  ltr?: boolean;
}

/** Filters apply on "Apply Filter" (or Enter), not per keystroke, as the MOSIP admin lists. */
export function ListFilters<R, F extends Record<string, string>>({ store, fields, empty, testId }: { store: ListStore<R, F>; fields: readonly FilterField[]; empty: F; testId: string }) {
  const { t } = useTranslation();
  const applied = store((s) => s.filters);
  const applyFilters = store((s) => s.applyFilters);
  const [draft, setDraft] = useState<F>(applied);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyFilters(draft);
  }
  function clear() {
    setDraft(empty);
    applyFilters(empty);
  }
  const change = (name: string) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  return (
    <form noValidate onSubmit={submit} className="panel p-4" data-testid={testId} aria-label={t('partnerServices.list.filters')}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        {fields.map((field) =>
          field.options ? (
            <SelectField key={field.name} name={field.name} label={field.label} value={draft[field.name] ?? ''} onChange={change(field.name)} options={field.options} />
          ) : (
            <TextField key={field.name} name={field.name} label={field.label} value={draft[field.name] ?? ''} onChange={change(field.name)} dir={field.ltr ? 'ltr' : 'auto'} />
          ),
        )}
      </div>
      <div className="mt-3 flex gap-2">
        <button type="submit" className="btn btn-primary" data-testid={`${testId}-apply`}>
          {t('partnerServices.list.apply')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={clear} data-testid={`${testId}-clear`}>
          {t('partnerServices.list.clear')}
        </button>
      </div>
    </form>
  );
}
