import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { api } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { SelectField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { navigate } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { InfoTip, useMyPartners } from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type Available = Output<'linking.availablePolicies'>;
const MAX_COMMENTS = 500;

/** Request Policy (pms.md §1.4, §5.3): partner → its group (read-only) → an activated policy of it. */
export function RequestPolicyScreen() {
  const { t } = useTranslation();
  const commentsId = useId();
  const { partners, error: partnersError } = useMyPartners({ status: 'approved', policyGroupAvailable: true });
  const eligible = (partners ?? []).filter((p) => p.certificateUploaded && p.policyGroupId);
  const [picked, setPartnerId] = useState('');
  const [available, setAvailable] = useState<Available | null>(null);
  const [policyId, setPolicyId] = useState('');
  const [comments, setComments] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));

  // One eligible partner id: chosen for the user.
  const partnerId = picked || (eligible.length === 1 ? (eligible[0]?.partnerId ?? '') : '');

  useEffect(() => {
    if (!partnerId) return;
    let live = true;
    api.call('linking.availablePolicies', { partnerId }).then(
      (r) => live && setAvailable(r),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [partnerId]);

  const policies = available?.policies ?? [];
  const chosen = policies.find((p) => p.policyId === policyId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!partnerId) problems.partnerId = 'required';
    if (!policyId) problems.policyId = 'required';
    if (!comments.trim()) problems.comments = 'required';
    setErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await api.call('linking.request', { partnerId, policyId, comments: comments.trim() });
      dirty.current = false;
      navigate('/partner/policies/submitted', { force: true });
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      if (err.code === 'PMS_PRT_053' || err.code === 'PMS_PRT_060' || err.code === 'PMS_PRT_098') setErrors({ policyId: err.code });
    } finally {
      setBusy(false);
    }
  }

  const statusSuffix = (s: Available['policies'][number]['requestStatus']) => (s ? ` — ${t(`status.${s}`)}` : '');

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('partnerServices.request.title')} description={t('partnerServices.request.description')} back={{ to: '/partner/policies', label: t('partnerServices.policies.title') }} />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="request-policy-form">
        <FormError error={error ?? partnersError} />
        <SelectField
          name="partnerId"
          label={t('partnerServices.cols.partnerId')}
          value={partnerId}
          onChange={(v) => {
            dirty.current = true;
            setPartnerId(v);
            setPolicyId('');
            setAvailable(null);
          }}
          placeholder={t('partnerServices.request.partnerPlaceholder')}
          options={eligible.map((p) => ({ value: p.partnerId, label: p.partnerId }))}
          error={errors.partnerId}
          hint={
            <span className="inline-flex items-center">
              {partners && eligible.length === 0 ? <span data-testid="request-no-partner">{t('partnerServices.request.noPartner')}</span> : t('partnerServices.request.partnerHint')}
              <InfoTip text={t('partnerServices.request.partnerInfo')} testId="request-partner-info" />
            </span>
          }
          testId="request-partner"
        />
        <div>
          <p className="field-label">{t('partnerServices.cols.policyGroup')}</p>
          <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid="request-group">
            {available?.policyGroupName ?? t('common.none')}
          </p>
          {available?.policyGroupDescription ? <p className="field-hint">{available.policyGroupDescription}</p> : null}
        </div>
        <SelectField
          name="policyId"
          label={t('partnerServices.cols.policyName')}
          value={policyId}
          onChange={(v) => {
            dirty.current = true;
            setPolicyId(v);
            setErrors((e) => ({ ...e, policyId: '' }));
          }}
          placeholder={partnerId && available && policies.length === 0 ? t('partnerServices.request.noPolicy') : t('partnerServices.request.policyPlaceholder')}
          options={policies.map((p) => ({ value: p.policyId, label: `${p.policyName}${statusSuffix(p.requestStatus)}` }))}
          error={errors.policyId || undefined}
          hint={chosen ? <span data-testid="request-policy-description">{chosen.policyDescription}</span> : undefined}
          testId="request-policy"
        />
        <div>
          <label htmlFor={commentsId} className="field-label">
            {t('partnerServices.request.comments')}
          </label>
          <textarea
            id={commentsId}
            name="comments"
            rows={4}
            maxLength={MAX_COMMENTS}
            value={comments}
            onChange={(e) => {
              dirty.current = true;
              setComments(e.target.value);
              setErrors((x) => ({ ...x, comments: '' }));
            }}
            aria-invalid={Boolean(errors.comments)}
            aria-describedby={`${commentsId}-count`}
            className="field-input"
            data-testid="request-comments"
          />
          <p id={`${commentsId}-count`} className="field-hint text-end" data-testid="request-comments-count">
            {t('partnerServices.counter', { n: comments.length, max: MAX_COMMENTS })}
          </p>
          {errors.comments ? (
            <p className="field-error" data-testid="field-error-comments">
              {t('validation.required')}
            </p>
          ) : null}
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy} data-testid="request-submit">
            {busy ? t('partnerServices.submitting') : t('partnerServices.submit')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => navigate('/partner/policies')} data-testid="request-cancel">
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
