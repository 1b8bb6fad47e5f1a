import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../contract.ts';

interface LanguageSelectProps {
  value: Language;
  onChange: (lang: Language) => void;
  disabled?: boolean;
  /** Visually hide the label (it stays for screen readers). */
  compact?: boolean;
}

/** Language names are written in their own language, so anyone can find theirs. */
export function LanguageSelect({ value, onChange, disabled, compact }: LanguageSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'flex items-center gap-2' : ''}>
      <label htmlFor={id} className={compact ? 'sr-only' : 'field-label'}>
        {t('lang.label')}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid="lang-select"
        onChange={(event) => onChange(event.target.value as Language)}
        className={compact ? 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm' : 'field-input'}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`lang.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
