import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/Field.tsx';
import type { Filters, PagedStore } from '../../stores/adminLists.ts';

export type FilterSpec = { name: string; label: string; ltr?: boolean } & ({ kind: 'text' } | { kind: 'select'; options: { value: string; label: string }[] });

/** Filters apply on "Apply Filter" (or Enter), not per keystroke, as the MOSIP admin lists. */
export function AdminFilters<Row>({ store, fields, testId }: { store: PagedStore<Row>; fields: FilterSpec[]; testId: string }) {
  const { t } = useTranslation();
  const applied = store((s) => s.filters);
  const applyFilters = store((s) => s.applyFilters);
  const [draft, setDraft] = useState<Filters>(applied);
  const set = (name: string) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyFilters(draft);
  }
  function clear() {
    const empty = Object.fromEntries(Object.keys(draft).map((k) => [k, '']));
    setDraft(empty);
    applyFilters(empty);
  }

  return (
    <form noValidate onSubmit={submit} className="panel p-4" data-testid={testId} aria-label={t('policies.list.filters')}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {fields.map((f) =>
          f.kind === 'text' ? (
            <TextField key={f.name} name={f.name} label={f.label} value={draft[f.name] ?? ''} onChange={set(f.name)} dir={f.ltr ? 'ltr' : 'auto'} />
          ) : (
            <SelectField
              key={f.name}
              name={f.name}
              label={f.label}
              value={draft[f.name] ?? ''}
              onChange={set(f.name)}
              options={[{ value: '', label: t('policies.list.any') }, ...f.options]}
            />
          ),
        )}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={clear} data-testid={`${testId}-clear`}>
          {t('policies.list.clear')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid={`${testId}-apply`}>
          {t('policies.list.apply')}
        </button>
      </div>
    </form>
  );
}
