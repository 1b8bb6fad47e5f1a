import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { toApiError } from '../../api/errors.ts';
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
  const { partners, error: partnersError } = useMyPartners({
    status: 'approved',
    policyGroupAvailable: true,
  });
  const eligible = (partners ?? []).filter((p) => p.certificateUploaded && p.policyGroupId);
  const [picked, setPartnerId] = useState('');
  const [policyId, setPolicyId] = useState('');
  const [comments, setComments] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const request = useCommand('linking.request');
  const { pending: busy } = request;
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));

  // One eligible partner id: chosen for the user.
  const partnerId = picked || (eligible.length === 1 ? (eligible[0]?.partnerId ?? '') : '');

  // Derived from the partner id: picking the same partner again keeps the list (and the choice).
  const availability = useRecord('linking.availablePolicies', partnerId ? { partnerId } : null);
  const available = availability.data ?? null;
  const error = request.error ?? availability.error;
  const policies = available?.policies ?? [];
  const chosen = policies.find((p) => p.policyId === policyId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!partnerId) problems.partnerId = 'required';
    if (!policyId) problems.policyId = 'required';
    if (!comments.trim()) problems.comments = 'required';
    setErrors(problems);
    request.reset();
    if (Object.keys(problems).length > 0) return;
    try {
      await request.call({ partnerId, policyId, comments: comments.trim() });
      dirty.current = false;
      navigate('/partner/policies/submitted', { force: true });
    } catch (e) {
      const code = toApiError(e).code;
      if (code === 'PMS_PRT_053' || code === 'PMS_PRT_060' || code === 'PMS_PRT_098') setErrors({ policyId: code });
    }
  }

  const statusSuffix = (s: Available['policies'][number]['requestStatus']) => (s ? ` — ${t(`status.${s}`)}` : '');

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t('partnerServices.request.title')}
        description={t('partnerServices.request.description')}
        back={{ to: '/partner/policies', label: t('partnerServices.policies.title') }}
      />
      <form
        noValidate
        onSubmit={(e) => void submit(e)}
        className="panel space-y-4 p-6"
        data-testid="request-policy-form"
      >
        <FormError error={error ?? partnersError} />
        <SelectField
          name="partnerId"
          label={t('partnerServices.cols.partnerId')}
          value={partnerId}
          onChange={(v) => {
            dirty.current = true;
            if (v === partnerId) return;
            setPartnerId(v);
            setPolicyId('');
          }}
          placeholder={t('partnerServices.request.partnerPlaceholder')}
          options={eligible.map((p) => ({ value: p.partnerId, label: p.partnerId }))}
          error={errors.partnerId}
          hint={
            <span className="inline-flex items-center">
              {partners && eligible.length === 0 ? (
                <span data-testid="request-no-partner">{t('partnerServices.request.noPartner')}</span>
              ) : (
                t('partnerServices.request.partnerHint')
              )}
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
          placeholder={
            partnerId && available && policies.length === 0
              ? t('partnerServices.request.noPolicy')
              : t('partnerServices.request.policyPlaceholder')
          }
          options={policies.map((p) => ({
            value: p.policyId,
            label: `${p.policyName}${statusSuffix(p.requestStatus)}`,
          }))}
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
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            aria-busy={busy}
            data-testid="request-submit"
          >
            {busy ? t('partnerServices.submitting') : t('partnerServices.submit')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => navigate('/partner/policies')}
            data-testid="request-cancel"
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
