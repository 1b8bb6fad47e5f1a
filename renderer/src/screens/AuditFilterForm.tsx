import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../components/Field.tsx';
import { EMPTY_FILTERS, useAudit, type AuditFilters } from '../stores/audit.ts';

/** Filters apply on "Apply Filter" (or Enter), not per keystroke, as the MOSIP admin lists. */
export function AuditFilterForm() {
  const { t } = useTranslation();
  const applied = useAudit((s) => s.filters);
  const applyFilters = useAudit((s) => s.applyFilters);
  const [draft, setDraft] = useState<AuditFilters>(applied);

  const field = (name: 'module' | 'action' | 'actor') => ({
    name,
    label: t(`audit.${name}`),
    value: draft[name],
    onChange: (value: string) => setDraft((d) => ({ ...d, [name]: value })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyFilters(draft);
  }

  function clear() {
    setDraft(EMPTY_FILTERS);
    applyFilters(EMPTY_FILTERS);
  }

  return (
    <form noValidate onSubmit={submit} className="panel p-4" data-testid="audit-filters" aria-label={t('audit.filters')}>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <TextField {...field('module')} />
        <TextField {...field('action')} />
        <TextField {...field('actor')} dir="ltr" />
        <SelectField
          name="result"
          label={t('audit.result')}
          value={draft.result}
          onChange={(value) => setDraft((d) => ({ ...d, result: value as AuditFilters['result'] }))}
          options={[
            { value: '', label: t('audit.anyResult') },
            { value: 'success', label: t('status.success') },
            { value: 'failure', label: t('status.failure') },
          ]}
        />
        <TextField name="from" type="date" label={t('audit.from')} value={draft.from} onChange={(value) => setDraft((d) => ({ ...d, from: value }))} />
        <TextField name="to" type="date" label={t('audit.to')} value={draft.to} onChange={(value) => setDraft((d) => ({ ...d, to: value }))} />
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={clear} data-testid="audit-clear">
          {t('audit.clear')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
      </div>
    </form>
  );
}
