import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { Output } from '../../contract.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useErrorText } from '../../lib/errorText.ts';
import { navigate } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { Modal } from '../../components/Modal.tsx';
import { ApprovedPolicyFields } from './ApprovedPolicyFields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiKeySyncNote } from '../sync/ApiKeySyncNote.tsx';

const MAX_LABEL = 36;
type Generated = Output<'apiKeys.generate'>;

/** The key, shown once: copy it now, Partner Desk keeps only its hash. */
function OnceDialog({ generated, onClose }: { generated: Generated; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('partnerServices.apiKeys.onceTitle')} onClose={onClose} testId="api-key-once">
      <p
        role="alert"
        className="mt-3 rounded-md border border-wait-fg/30 bg-wait-bg p-3 text-sm text-wait-fg"
        data-testid="api-key-once-warning"
      >
        {t('partnerServices.apiKeys.onceWarning')}
      </p>
      <p className="mt-3 text-sm text-slate-700">
        {t('partnerServices.apiKeys.onceFor', {
          label: generated.label,
          policy: generated.policyName,
        })}
      </p>
      <ApiKeySyncNote />
      <div className="mt-2 flex items-center gap-1 rounded-md border border-slate-300 bg-slate-50 p-2">
        <code dir="ltr" className="min-w-0 flex-1 break-all font-mono text-sm" data-testid="api-key-value">
          {generated.apiKey}
        </code>
        <CopyButton value={generated.apiKey} label={t('partnerServices.apiKeys.keyLabel')} testId="api-key-copy" />
      </div>
      <div className="mt-5 flex justify-end">
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid="api-key-once-close">
          {t('partnerServices.apiKeys.onceClose')}
        </button>
      </div>
    </Modal>
  );
}

/** Generate API Key (pms.md §1.5): partner, approved policy, a label unique per partner and policy. */
export function GenerateApiKeyScreen() {
  const { t } = useTranslation();
  const generateKey = useCommand('apiKeys.generate');
  const { field } = useErrorText();
  const labelId = useId();
  const [partnerId, setPartnerId] = useState('');
  const [policyId, setPolicyId] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));
  const onPartner = useCallback((v: string) => {
    dirty.current = true;
    setPartnerId(v);
  }, []);
  const onPolicy = useCallback((v: string) => {
    setPolicyId(v);
    setErrors((e) => ({ ...e, policyId: undefined }));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string | undefined> = {};
    if (!partnerId) problems.partnerId = 'required';
    if (!policyId) problems.policyId = 'required';
    if (!label.trim()) problems.label = 'required';
    setErrors(problems);
    setError(null);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    try {
      const result = await generateKey.call({ partnerId, policyId, label });
      dirty.current = false;
      setGenerated(result);
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      if (err.code === 'PMS_PRT_110') setErrors({ label: err.code });
      if (err.code === 'PMS_PRT_109' || err.code === 'PMS_PMP_014') setErrors({ policyId: err.code });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t('partnerServices.apiKeys.generate')}
        description={t('partnerServices.apiKeys.generateDescription')}
        back={{ to: '/partner/api-keys', label: t('partnerServices.apiKeys.title') }}
      />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="generate-key-form">
        <FormError error={error} />
        <ApprovedPolicyFields
          partnerId={partnerId}
          policyId={policyId}
          onPartner={onPartner}
          onPolicy={onPolicy}
          errors={errors}
          prefix="generate-key"
        />
        <div>
          <label htmlFor={labelId} className="field-label">
            {t('partnerServices.cols.apiKeyName')}
          </label>
          <input
            id={labelId}
            name="label"
            value={label}
            maxLength={MAX_LABEL}
            onChange={(e) => {
              dirty.current = true;
              setLabel(e.target.value);
              setErrors((x) => ({ ...x, label: undefined }));
            }}
            aria-invalid={Boolean(errors.label)}
            aria-describedby={`${labelId}-count${errors.label ? ` ${labelId}-error` : ''}`}
            className="field-input"
            data-testid="generate-key-label"
          />
          <p id={`${labelId}-count`} className="field-hint text-end" data-testid="generate-key-count">
            {t('partnerServices.counter', { n: label.length, max: MAX_LABEL })}
          </p>
          {errors.label ? (
            <p id={`${labelId}-error`} className="field-error" data-testid="field-error-label">
              {field(errors.label)}
            </p>
          ) : null}
        </div>
        <div className="flex gap-2">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            aria-busy={busy}
            data-testid="generate-key-submit"
          >
            {busy ? t('partnerServices.submitting') : t('partnerServices.apiKeys.generateSubmit')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => navigate('/partner/api-keys')}
            data-testid="generate-key-cancel"
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {generated ? (
        <OnceDialog generated={generated} onClose={() => navigate('/partner/api-keys', { force: true })} />
      ) : null}
    </div>
  );
}
