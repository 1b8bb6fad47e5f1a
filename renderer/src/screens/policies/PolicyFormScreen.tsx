import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { useCommand } from '../../data/useCommand.ts';
import type { Output } from '../../contract.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { navigate, useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import type { PolicyTypeName } from './rows.ts';
import { BackLink } from './Bits.tsx';
import { GroupPicker } from './GroupPicker.tsx';
import { policyTypeOf } from './PoliciesScreen.tsx';
import { POLICY_MAX_CHARS, SAMPLE_POLICIES, checkPolicyText } from './samples.ts';

type Detail = Output<'policies.get'>;

/** `#/admin/policies/create?type=` and `#/admin/policies/edit?id=`: saved as a draft → confirmation. */
export function PolicyFormScreen({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const createPolicy = useCommand('policies.create');
  const updatePolicy = useCommand('policies.update');
  const query = useRoute().query;
  const editId = mode === 'edit' ? (query.get('id') ?? '') : '';
  const [existing, setExisting] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const type: PolicyTypeName =
    mode === 'edit' ? policyTypeOf(existing?.policyType ?? null) : policyTypeOf(query.get('type'));

  const [group, setGroup] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  const textId = useId();
  useUnsavedGuard(useCallback(() => dirty.current, []));

  useEffect(() => {
    if (mode !== 'edit' || !editId) return;
    fetchOnce('policies.get', { policyId: editId }).then(
      (p) => {
        setExisting(p);
        setName(p.policyName);
        setDescription(p.policyDescription);
        setText(JSON.stringify(p.policy, null, 2));
      },
      (caught: unknown) => setLoadError(toApiError(caught)),
    );
  }, [mode, editId]);

  const check = text ? checkPolicyText(text) : null;
  const tooLong = check !== null && check.length > POLICY_MAX_CHARS;
  const back = `/admin/policies?type=${type}`;

  const edit = (set: (v: string) => void) => (value: string) => {
    dirty.current = true;
    set(value);
  };

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!/\.json$/i.test(file.name)) {
      setFileNote(t('policies.form.fileNotJson'));
      return;
    }
    dirty.current = true;
    setText(await file.text());
    setFileNote(t('policies.form.fileLoaded', { name: file.name }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (mode === 'create' && !group) problems.policyGroupId = 'required';
    if (!name.trim()) problems.name = 'required';
    if (!description.trim()) problems.description = 'required';
    if (!text.trim()) problems.policy = 'required';
    else if (check && !check.ok) problems.policy = 'PMS_POL_052';
    else if (tooLong) problems.policy = 'PD_POL_001';
    setErrors(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const saved =
        mode === 'create'
          ? await createPolicy.call({
              policyGroupId: group,
              policyType: type,
              name: name.trim(),
              description: description.trim(),
              policy: text,
            })
          : await updatePolicy.call({
              policyId: editId,
              name: name.trim(),
              description: description.trim(),
              policy: text,
            });
      dirty.current = false;
      navigate(`/admin/policies/saved?type=${saved.policyType}&name=${encodeURIComponent(saved.policyName)}`, {
        force: true,
      });
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setErrors({
        ...(apiError.fields.name ? { name: apiError.fields.name } : {}),
        ...(apiError.fields.policyGroupId ? { policyGroupId: apiError.fields.policyGroupId } : {}),
        ...(apiError.fields.policy ? { policy: apiError.fields.policy } : {}),
      });
      setBusy(false);
    }
  }

  // PMS_POL_051 names where the JSON breaks its type's schema: "policy.allowedAuthTypes.0.authType".
  const schemaProblems =
    error?.code === 'PMS_POL_051' ? Object.entries(error.fields).filter(([k]) => k.startsWith('policy.')) : [];
  const title = mode === 'edit' ? t('policies.form.editTitle') : t(`policies.form.createTitle${type}`);

  if (mode === 'edit' && (loadError || !existing)) {
    return (
      <div className="space-y-4">
        <BackLink to={back} />
        {loadError ? <FormError error={loadError} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <BackLink to={back} label={t('policies.form.backToPolicies')} />
      <h1 className="page-title">{title}</h1>
      <form
        noValidate
        onSubmit={(e) => void submit(e)}
        className="panel space-y-4 p-6"
        data-testid="policy-form"
        data-type={type}
      >
        <FormError error={error} />
        {error && !error.network && (error.code === 'PMS_POL_051' || error.code === 'PMS_POL_052') ? (
          <p className="break-words font-mono text-xs text-slate-700" data-testid="policy-core-detail">
            <bdi dir="ltr">{error.message}</bdi>
          </p>
        ) : null}
        {schemaProblems.length ? (
          <ul className="list-disc space-y-1 ps-6 text-sm text-bad-fg" data-testid="policy-schema-problems">
            {schemaProblems.map(([path, message]) => (
              <li key={path}>{t('policies.form.schemaAt', { path: path.replace(/^policy\./, ''), message })}</li>
            ))}
          </ul>
        ) : null}
        {mode === 'create' ? (
          <GroupPicker
            value={group}
            onChange={(id) => edit(setGroup)(id)}
            error={errors.policyGroupId}
            testId="policy-group"
          />
        ) : (
          <p>
            <span className="field-label">{t('policies.form.group')}</span>
            <bdi data-testid="policy-form-group">{existing?.policyGroupName}</bdi>
          </p>
        )}
        <TextField
          name="name"
          label={t('policies.form.name')}
          value={name}
          onChange={edit(setName)}
          error={errors.name}
          required
        />
        <TextField
          name="description"
          label={t('policies.form.description')}
          value={description}
          onChange={edit(setDescription)}
          error={errors.description}
          required
          multiline
        />
        <div>
          <label htmlFor={textId} className="field-label">
            {t('policies.form.policy')}
          </label>
          <div className="mb-2 flex flex-wrap items-center gap-2">
            <label className="btn btn-secondary cursor-pointer">
              {t('policies.form.upload')}
              <input
                type="file"
                accept=".json,application/json"
                className="sr-only"
                onChange={(e) => void onFile(e)}
                data-testid="policy-file"
              />
            </label>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => edit(setText)(JSON.stringify(SAMPLE_POLICIES[type], null, 2))}
              data-testid="policy-sample"
            >
              {t('policies.form.sample')}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              disabled={!check?.ok}
              onClick={() => setText(JSON.stringify(JSON.parse(text), null, 2))}
              data-testid="policy-format"
            >
              {t('policies.form.format')}
            </button>
            {fileNote ? (
              <span role="status" className="text-sm text-slate-700" data-testid="policy-file-note">
                {fileNote}
              </span>
            ) : null}
          </div>
          <textarea
            id={textId}
            name="policy"
            dir="ltr"
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(e) => edit(setText)(e.target.value)}
            aria-invalid={Boolean(errors.policy) || (check !== null && !check.ok) || tooLong}
            aria-describedby={`${textId}-state`}
            className="field-input font-mono text-xs"
            data-testid="policy-text"
          />
          <div id={`${textId}-state`} className="mt-1 flex flex-wrap justify-between gap-2 text-sm">
            <span className={check && !check.ok ? 'text-bad-fg' : 'text-slate-600'} data-testid="policy-parse">
              {check && !check.ok
                ? t('policies.form.parseError', { message: check.message })
                : t('policies.form.policyHint')}
            </span>
            <span className={tooLong ? 'font-semibold text-bad-fg' : 'text-slate-600'} data-testid="policy-counter">
              {t('policies.form.counter', { n: check?.length ?? 0, max: POLICY_MAX_CHARS })}
            </span>
          </div>
          {tooLong ? <p className="field-error">{t('policies.form.tooLong')}</p> : null}
          {errors.policy && errors.policy !== 'PD_POL_001' ? (
            <p className="field-error" data-testid="field-error-policy">
              {t(
                errors.policy === 'required'
                  ? 'validation.required'
                  : errors.policy === 'PMS_POL_052'
                    ? 'errors.PMS_POL_052'
                    : 'errors.PMS_POL_051',
              )}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Link to={back} className="btn btn-secondary">
            {t('policies.form.cancel')}
          </Link>
          <SubmitButton
            busy={busy}
            label={t('policies.form.submit')}
            busyLabel={t('policies.list.saving')}
            testId="policy-submit"
          />
        </div>
      </form>
    </div>
  );
}
