import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/Field.tsx';
import { PARTNER_DOMAINS, parseExpiryPeriod } from '../../lib/certificates.ts';
import { EMPTY_TRUST_FILTERS, useTrustStore, type TrustFilters } from '../../stores/trustStore.ts';

/** Filters apply on "Apply Filter" (or Enter), not per keystroke, as the MOSIP admin lists. */
export function TrustStoreFilterForm() {
  const { t } = useTranslation();
  const applied = useTrustStore((s) => s.filters);
  const applyFilters = useTrustStore((s) => s.applyFilters);
  const [draft, setDraft] = useState<TrustFilters>(applied);
  const [expiryInvalid, setExpiryInvalid] = useState(false);
  const expiryId = useId();

  const text = (name: 'certificateId' | 'issuedTo' | 'issuedBy') => ({
    name,
    label: t(`certificates.trustStore.${name}`),
    value: draft[name],
    onChange: (value: string) => setDraft((d) => ({ ...d, [name]: value })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (parseExpiryPeriod(draft.expiryPeriod) === null) {
      setExpiryInvalid(true);
      document.getElementById(expiryId)?.focus();
      return;
    }
    setExpiryInvalid(false);
    applyFilters(draft);
  }

  function clear() {
    setDraft(EMPTY_TRUST_FILTERS);
    setExpiryInvalid(false);
    applyFilters(EMPTY_TRUST_FILTERS);
  }

  return (
    <form noValidate onSubmit={submit} className="panel p-4" data-testid="trust-filters" aria-label={t('certificates.trustStore.filters')}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <TextField {...text('certificateId')} dir="ltr" />
        <SelectField
          name="partnerDomain"
          label={t('certificates.trustStore.partnerDomain')}
          value={draft.partnerDomain}
          onChange={(value) => setDraft((d) => ({ ...d, partnerDomain: value as TrustFilters['partnerDomain'] }))}
          options={[{ value: '', label: t('certificates.trustStore.anyDomain') }, ...PARTNER_DOMAINS.map((d) => ({ value: d, label: t(`certificates.domains.${d}`) }))]}
        />
        <TextField {...text('issuedTo')} dir="auto" />
        <TextField {...text('issuedBy')} dir="auto" />
        <div>
          <label htmlFor={expiryId} className="field-label">
            {t('certificates.trustStore.expiryPeriod')}
          </label>
          <input
            id={expiryId}
            name="expiryPeriod"
            type="number"
            inputMode="numeric"
            min={1}
            max={30}
            step={1}
            value={draft.expiryPeriod}
            onChange={(event) => setDraft((d) => ({ ...d, expiryPeriod: event.target.value }))}
            aria-invalid={expiryInvalid}
            aria-describedby={`${expiryId}-hint`}
            className="field-input"
          />
          <p id={`${expiryId}-hint`} className={expiryInvalid ? 'field-error' : 'field-hint'} data-testid="expiry-hint">
            {t('certificates.trustStore.expiryHint')}
          </p>
        </div>
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={clear} data-testid="trust-clear">
          {t('certificates.trustStore.clear')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="trust-apply">
          {t('certificates.trustStore.apply')}
        </button>
      </div>
    </form>
  );
}
