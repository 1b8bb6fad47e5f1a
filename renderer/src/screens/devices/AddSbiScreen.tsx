import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { SelectField, TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useErrorText } from '../../lib/errorText.ts';
import { Link } from '../../router/Link.tsx';
import { navigate, useRoute } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { useMyPartners } from '../partner-services/parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrefillNote, useSbiPrefill } from '../hardware/PrefillNote.tsx';

type Fields = {
  partnerId: string;
  sbiVersion: string;
  binaryHash: string;
  sbiCreatedDateTime: string;
  sbiExpiryDateTime: string;
};
const EMPTY: Fields = {
  partnerId: '',
  sbiVersion: '',
  binaryHash: '',
  sbiCreatedDateTime: '',
  sbiExpiryDateTime: '',
};

/** Field each core refusal belongs to (pms.md §3.4). */
const FIELD_OF: Record<string, keyof Fields> = {
  PMS_AUT_512: 'sbiVersion',
  PMS_AUT_514: 'sbiCreatedDateTime',
  PMS_AUT_516: 'sbiCreatedDateTime',
  PMS_AUT_508: 'sbiExpiryDateTime',
  PMS_AUT_515: 'sbiExpiryDateTime',
  PMS_AUT_002: 'partnerId',
};

/** The approved, active partner ids of one partner type, for the provider forms. */
export function useActivePartnerIds(type: 'Device_Provider' | 'FTM_Provider') {
  const { partners } = useMyPartners({ status: 'approved' });
  return partners === null
    ? null
    : partners.filter((p) => p.partnerType === type && p.isActive).map((p) => p.partnerId);
}

/** Add SBI (pms.md §1.7/§3.4): partner, version, binary hash, created and expiry dates. */
export function AddSbiScreen() {
  const { t } = useTranslation();
  const createSbi = useCommand('sbis.create');
  const { field } = useErrorText();
  const ids = useActivePartnerIds('Device_Provider');
  // Opened from device onboarding: partner and version come from the device (issue 6).
  const prefill = useSbiPrefill();
  const [values, setValues] = useState<Fields>(() =>
    prefill ? { ...EMPTY, partnerId: prefill.partnerId, sbiVersion: prefill.sbiVersion } : EMPTY,
  );
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));
  // A single partner id is chosen for the user.
  const partnerId = values.partnerId || (ids?.length === 1 ? (ids[0] ?? '') : '');
  const change = (name: keyof Fields) => (value: string) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Partial<Record<keyof Fields, string>> = {};
    for (const key of Object.keys(EMPTY) as (keyof Fields)[])
      if (!{ ...values, partnerId }[key].trim()) problems[key] = 'required';
    setErrors(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const sbi = await createSbi.call({ ...values, partnerId });
      dirty.current = false;
      navigate(`/provider/sbis/added?version=${encodeURIComponent(sbi.sbiVersion)}`, {
        force: true,
      });
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      const target = FIELD_OF[err.code];
      if (target) setErrors({ [target]: err.code });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t('devices.sbi.form.title')}
        description={t('devices.sbi.form.description')}
        back={{ to: '/provider/sbis', label: t('devices.sbi.title') }}
      />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="add-sbi-form">
        <FormError error={error} />
        <PrefillNote source={prefill?.source} />
        {ids !== null && ids.length === 0 ? (
          <p role="note" className="rounded-md bg-wait-bg p-3 text-sm text-wait-fg" data-testid="add-sbi-no-partner">
            {t('devices.sbi.form.noPartner')}
          </p>
        ) : null}
        <SelectField
          name="partnerId"
          label={t('devices.sbi.form.partner')}
          value={partnerId}
          onChange={change('partnerId')}
          options={(ids ?? []).map((id) => ({ value: id, label: id }))}
          placeholder={t('devices.sbi.form.choosePartner')}
          error={errors.partnerId ? field(errors.partnerId) : undefined}
          required
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="sbiVersion"
            label={t('devices.sbi.form.version')}
            value={values.sbiVersion}
            onChange={change('sbiVersion')}
            dir="ltr"
            required
            error={errors.sbiVersion ? field(errors.sbiVersion) : undefined}
          />
          <TextField
            name="binaryHash"
            label={t('devices.sbi.form.binaryHash')}
            value={values.binaryHash}
            onChange={change('binaryHash')}
            dir="ltr"
            required
            error={errors.binaryHash ? field(errors.binaryHash) : undefined}
          />
          <TextField
            type="date"
            name="sbiCreatedDateTime"
            label={t('devices.sbi.form.created')}
            value={values.sbiCreatedDateTime}
            onChange={change('sbiCreatedDateTime')}
            required
            error={errors.sbiCreatedDateTime ? field(errors.sbiCreatedDateTime) : undefined}
          />
          <TextField
            type="date"
            name="sbiExpiryDateTime"
            label={t('devices.sbi.form.expiry')}
            hint={t('devices.sbi.form.expiryHint')}
            value={values.sbiExpiryDateTime}
            onChange={change('sbiExpiryDateTime')}
            required
            error={errors.sbiExpiryDateTime ? field(errors.sbiExpiryDateTime) : undefined}
          />
        </div>
        <div className="flex justify-end gap-2">
          <Link to="/provider/sbis" className="btn btn-secondary" data-testid="add-sbi-cancel">
            {t('devices.sbi.form.cancel')}
          </Link>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            aria-busy={busy}
            data-testid="add-sbi-submit"
          >
            {t('devices.sbi.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The confirmation after a submitted SBI (every success lands on a confirmation, pms.md §5.6). */
export function SbiAddedScreen() {
  const { t } = useTranslation();
  const version = useRoute().query.get('version') ?? '';
  return (
    <Done
      title={t('devices.sbi.added.title')}
      description={t('devices.sbi.added.description', { version })}
      testId="sbi-added"
    >
      <Link to="/provider/sbis" className="btn btn-primary" data-testid="confirmation-back">
        {t('devices.sbi.added.back')}
      </Link>
    </Done>
  );
}

export function Done({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section data-testid="confirmation" data-kind={testId} className="mx-auto max-w-xl py-4 text-center">
      <div
        aria-hidden="true"
        className="mx-auto grid size-12 place-items-center rounded-full bg-ok-bg text-xl text-ok-fg"
      >
        ✓
      </div>
      <h1 ref={heading} tabIndex={-1} className="page-title mt-4">
        {title}
      </h1>
      <p className="mt-2 text-slate-700" data-testid={`${testId}-description`}>
        {description}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">{children}</div>
    </section>
  );
}
