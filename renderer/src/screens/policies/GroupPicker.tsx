import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../data/useRecord.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useErrorText } from '../../lib/errorText.ts';

interface Option {
  policyGroupId: string;
  name: string;
  description: string;
}

interface GroupPickerProps {
  value: string;
  onChange: (policyGroupId: string, name: string) => void;
  error?: string | undefined;
  /** A group to leave out (the policy's own group when cloning). */
  exclude?: string;
  testId: string;
}

/**
 * Active policy groups, searched by name in the core and paged (never one endless dropdown,
 * MOSIP-39623): a search box, then a select of the matches.
 */
export function GroupPicker({ value, onChange, error, exclude, testId }: GroupPickerProps) {
  const { t } = useTranslation();
  const { field } = useErrorText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  const name = useDebounced(query.trim(), 200);
  const found = useRecord(
    'policyGroups.searchActive',
    { name: name || undefined, pageNo: 0, pageSize: 50 },
    { keepPrevious: true },
  );
  const options: Option[] = (found.data?.data ?? []).filter((g) => g.policyGroupId !== exclude);

  // Keep the chosen group listed even when the search no longer matches it.
  const shown =
    chosen && !options.some((o) => o.policyGroupId === chosen.policyGroupId) ? [chosen, ...options] : options;
  const described = [error ? `${id}-error` : '', `${id}-desc`].filter(Boolean).join(' ');

  return (
    <fieldset className="space-y-2" data-testid={testId}>
      <legend className="field-label">{t('policies.form.group')}</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        {t('policies.form.groupSearch')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        placeholder={t('policies.form.groupSearch')}
        onChange={(e) => setQuery(e.target.value)}
        className="field-input"
        data-testid={`${testId}-search`}
      />
      <label htmlFor={`${id}-select`} className="sr-only">
        {t('policies.form.group')}
      </label>
      <select
        id={`${id}-select`}
        name="policyGroupId"
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={described}
        onChange={(e) => {
          const option = shown.find((o) => o.policyGroupId === e.target.value);
          if (!option) return;
          setChosen(option);
          onChange(option.policyGroupId, option.name);
        }}
        className="field-input"
        data-testid={`${testId}-select`}
      >
        <option value="" disabled>
          {shown.length ? t('policies.form.groupPlaceholder') : t('policies.form.noGroups')}
        </option>
        {shown.map((o) => (
          <option key={o.policyGroupId} value={o.policyGroupId}>
            {o.name}
          </option>
        ))}
      </select>
      <p id={`${id}-desc`} className="field-hint">
        {shown.find((o) => o.policyGroupId === value)?.description ?? ''}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error" data-testid={`field-error-policyGroupId`}>
          {field(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
