import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { LANGUAGES, type Input, type Language, type Output } from '../../contract.ts';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useErrorText } from '../../lib/errorText.ts';
import { navigate, useRoute } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { ApprovedPolicyFields } from './ApprovedPolicyFields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type Detail = Output<'oidcClients.get'>;
const MAX_URIS = 5;
const MAX_URI = 2048;

/** Client-side convenience check of a redirect/logo URI; the core checks again. */
export function uriProblem(value: string): 'required' | 'uriScheme' | 'uriLength' | null {
  const v = value.trim();
  if (!v) return 'required';
  if (v.length > MAX_URI) return 'uriLength';
  if (!/^https?:\/\/[^\s/]+/i.test(v) || !URL.canParse(v)) return 'uriScheme';
  return null;
}

/** The JWK textarea: must be one JSON object with a key type before it is sent. */
export function parseJwk(text: string): Record<string, unknown> | 'required' | 'jwkJson' | 'jwkObject' {
  if (!text.trim()) return 'required';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'jwkJson';
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    typeof (parsed as { kty?: unknown }).kty !== 'string'
  )
    return 'jwkObject';
  return parsed as Record<string, unknown>;
}

interface Values {
  partnerId: string;
  policyId: string;
  name: string;
  names: Partial<Record<Language, string>>;
  publicKey: string;
  logoUri: string;
  redirectUris: string[];
  grantTypes: string[];
  clientAuthMethods: string[];
}

const EMPTY: Values = {
  partnerId: '',
  policyId: '',
  name: '',
  names: {},
  publicKey: '',
  logoUri: '',
  redirectUris: [''],
  grantTypes: [],
  clientAuthMethods: [],
};

function fromDetail(d: Detail): Values {
  return {
    partnerId: d.partnerId,
    policyId: d.policyId,
    name: d.clientName,
    names: { ...d.nameLangMap },
    publicKey: JSON.stringify(d.publicKey, null, 2),
    logoUri: d.logoUri,
    redirectUris: d.redirectUris.length ? d.redirectUris : [''],
    grantTypes: d.grantTypes,
    clientAuthMethods: d.clientAuthMethods,
  };
}

function Checkboxes({
  legend,
  name,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  options: string[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const { field } = useErrorText();
  return (
    <fieldset>
      <legend className="field-label">{legend}</legend>
      <div className="flex flex-wrap gap-4">
        {options.map((o) => (
          <label key={o} className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              name={name}
              value={o}
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
              data-testid={`${name}-${o}`}
            />
            <span dir="ltr" className="font-mono text-sm">
              {o}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" data-testid={`field-error-${name}`}>
          {field(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Create OIDC Client and Edit OIDC Client (pms.md §1.6, §5.3). */
export function OidcClientFormScreen({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const createClient = useCommand('oidcClients.create');
  const updateClient = useCommand('oidcClients.update');
  const { field } = useErrorText();
  const keyId = useId();
  const clientId = useRoute().query.get('id');
  const [values, setValues] = useState<Values>(EMPTY);
  const [existing, setExisting] = useState<Detail | null>(null);
  const [options, setOptions] = useState<Output<'oidcClients.options'> | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [uriErrors, setUriErrors] = useState<(string | null)[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));

  useEffect(() => {
    let live = true;
    fetchOnce('oidcClients.options', {}).then(
      (o) => {
        if (!live) return;
        setOptions(o);
        // MOSIP's defaults: the first grant type and auth method offered.
        if (mode === 'create')
          setValues((v) => ({
            ...v,
            grantTypes: o.grantTypes.slice(0, 1),
            clientAuthMethods: o.clientAuthMethods.slice(0, 1),
          }));
      },
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [mode]);

  useEffect(() => {
    if (mode !== 'edit' || !clientId) return;
    let live = true;
    fetchOnce('oidcClients.get', { clientId }).then(
      (d) => live && (setExisting(d), setValues(fromDetail(d))),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [mode, clientId]);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    dirty.current = true;
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }
  const onPartner = useCallback((v: string) => {
    dirty.current = true;
    setValues((x) => ({ ...x, partnerId: v }));
  }, []);
  const onPolicy = useCallback((v: string) => {
    setValues((x) => ({ ...x, policyId: v }));
    setErrors((e) => ({ ...e, policyId: undefined }));
  }, []);

  const locked = existing?.status === 'INACTIVE';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (locked) return;
    const problems: Record<string, string | undefined> = {};
    if (mode === 'create') {
      if (!values.partnerId) problems.partnerId = 'required';
      if (!values.policyId) problems.policyId = 'required';
    }
    if (!values.name.trim()) problems.name = 'required';
    const jwk = mode === 'create' ? parseJwk(values.publicKey) : null;
    if (typeof jwk === 'string') problems.publicKey = jwk;
    const logo = uriProblem(values.logoUri);
    if (logo) problems.logoUri = logo;
    const trimmed = values.redirectUris.map((u) => u.trim());
    const perUri = trimmed.map((u, i) => uriProblem(u) ?? (trimmed.indexOf(u) !== i ? 'uriDuplicate' : null));
    if (values.grantTypes.length === 0) problems.grantTypes = 'required';
    if (mode === 'create' && values.clientAuthMethods.length === 0) problems.clientAuthMethods = 'required';
    setErrors(problems);
    setUriErrors(perUri);
    setError(null);
    if (Object.values(problems).some(Boolean) || perUri.some(Boolean)) return;
    const nameLangMap = Object.fromEntries(Object.entries(values.names).filter(([, v]) => v?.trim())) as Partial<
      Record<Language, string>
    >;
    const common = {
      name: values.name,
      logoUri: values.logoUri.trim(),
      redirectUris: trimmed,
      grantTypes: values.grantTypes,
      ...(Object.keys(nameLangMap).length ? { nameLangMap } : {}),
    };
    setBusy(true);
    try {
      let saved: Detail;
      if (mode === 'create' && jwk && typeof jwk !== 'string') {
        const input: Input<'oidcClients.create'> = {
          ...common,
          partnerId: values.partnerId,
          policyId: values.policyId,
          publicKey: jwk,
          clientAuthMethods: values.clientAuthMethods,
        };
        saved = await createClient.call(input);
      } else {
        saved = await updateClient.call({ ...common, clientId: clientId ?? '' });
      }
      dirty.current = false;
      navigate(`/partner/oidc-clients/view?id=${encodeURIComponent(saved.clientId)}&saved=${mode}`, { force: true });
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      if (err.code === 'PMS_ESI_001' || err.code === 'PMS_ESI_007') setErrors({ publicKey: err.code });
      if (err.code === 'PMS_ESI_002' || err.code === 'PMS_PRT_057') setErrors({ policyId: err.code });
    } finally {
      setBusy(false);
    }
  }

  const problemText = (p: string | undefined | null) =>
    p
      ? p === 'required' || p.includes('_')
        ? field(p)
        : t(`partnerServices.oidc.problems.${p as 'uriScheme'}`)
      : undefined;
  const title = mode === 'create' ? t('partnerServices.oidc.create') : t('partnerServices.oidc.editTitle');

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={title}
        description={t('partnerServices.oidc.formDescription')}
        back={{ to: '/partner/oidc-clients', label: t('partnerServices.oidc.title') }}
      />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="oidc-form">
        <FormError error={error} />
        {locked ? (
          <p role="note" className="rounded-md bg-off-bg px-3 py-2 text-off-fg" data-testid="oidc-locked">
            {t('errors.PMS_ESI_008')}
          </p>
        ) : null}
        {mode === 'create' ? (
          <ApprovedPolicyFields
            authOnly
            partnerId={values.partnerId}
            policyId={values.policyId}
            onPartner={onPartner}
            onPolicy={onPolicy}
            errors={errors}
            prefix="oidc"
          />
        ) : existing ? (
          <p className="text-sm text-slate-700">
            <bdi dir="ltr">{existing.partnerId}</bdi> · {existing.policyName}
          </p>
        ) : null}
        <TextField
          name="name"
          label={t('partnerServices.cols.clientName')}
          value={values.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          required
        />
        <details className="rounded-md border border-slate-200 p-3" open={Object.values(values.names).some(Boolean)}>
          <summary className="cursor-pointer text-sm font-medium">{t('partnerServices.oidc.namesPerLanguage')}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-3">
            {LANGUAGES.map((l) => (
              <TextField
                key={l}
                name={`name-${l}`}
                label={t(`lang.${l}`)}
                value={values.names[l] ?? ''}
                onChange={(v) => set('names', { ...values.names, [l]: v })}
                dir="auto"
              />
            ))}
          </div>
        </details>
        {mode === 'create' ? (
          <div>
            <label htmlFor={keyId} className="field-label">
              {t('partnerServices.oidc.publicKey')}
            </label>
            <textarea
              id={keyId}
              name="publicKey"
              rows={6}
              dir="ltr"
              spellCheck={false}
              value={values.publicKey}
              onChange={(e) => set('publicKey', e.target.value)}
              aria-invalid={Boolean(errors.publicKey)}
              aria-describedby={`${keyId}-hint`}
              className="field-input font-mono text-xs"
              data-testid="oidc-public-key"
            />
            <p id={`${keyId}-hint`} className="field-hint">
              {t('partnerServices.oidc.publicKeyHint')}
            </p>
            {errors.publicKey ? (
              <p className="field-error" data-testid="field-error-publicKey">
                {problemText(errors.publicKey)}
              </p>
            ) : null}
          </div>
        ) : null}
        <div>
          <TextField
            name="logoUri"
            label={t('partnerServices.oidc.logoUri')}
            value={values.logoUri}
            onChange={(v) => set('logoUri', v)}
            dir="ltr"
            required
          />
          {errors.logoUri ? (
            <p className="field-error -mt-1" data-testid="field-error-logoUri">
              {problemText(errors.logoUri)}
            </p>
          ) : null}
        </div>
        <fieldset>
          <legend className="field-label">{t('partnerServices.oidc.redirectUris')}</legend>
          <p className="field-hint">{t('partnerServices.oidc.redirectHint', { max: MAX_URIS })}</p>
          <ul className="space-y-2">
            {values.redirectUris.map((uri, i) => (
              <li key={i}>
                <div className="flex items-center gap-2">
                  <input
                    name={`redirectUri-${i}`}
                    dir="ltr"
                    value={uri}
                    aria-label={t('partnerServices.oidc.redirectUriN', { n: i + 1 })}
                    aria-invalid={Boolean(uriErrors[i])}
                    onChange={(e) => {
                      set(
                        'redirectUris',
                        values.redirectUris.map((u, j) => (j === i ? e.target.value : u)),
                      );
                      setUriErrors((x) => x.map((p, j) => (j === i ? null : p)));
                    }}
                    className="field-input"
                    data-testid="oidc-redirect-uri"
                  />
                  <button
                    type="button"
                    className="btn btn-quiet"
                    disabled={values.redirectUris.length <= 1}
                    onClick={() => {
                      set(
                        'redirectUris',
                        values.redirectUris.filter((_, j) => j !== i),
                      );
                      setUriErrors((x) => x.filter((_, j) => j !== i));
                    }}
                    aria-label={t('partnerServices.oidc.removeUri', { n: i + 1 })}
                    data-testid="oidc-redirect-remove"
                  >
                    ✕
                  </button>
                </div>
                {uriErrors[i] ? (
                  <p className="field-error" data-testid="field-error-redirectUri">
                    {problemText(uriErrors[i])}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn-secondary mt-2"
            disabled={values.redirectUris.length >= MAX_URIS}
            onClick={() => set('redirectUris', [...values.redirectUris, ''])}
            data-testid="oidc-redirect-add"
          >
            {t('partnerServices.oidc.addUri')}
          </button>
        </fieldset>
        {options ? (
          <>
            <Checkboxes
              legend={t('partnerServices.oidc.grantTypes')}
              name="grantTypes"
              options={options.grantTypes}
              value={values.grantTypes}
              onChange={(v) => set('grantTypes', v)}
              error={errors.grantTypes}
            />
            {mode === 'create' ? (
              <Checkboxes
                legend={t('partnerServices.oidc.authMethods')}
                name="clientAuthMethods"
                options={options.clientAuthMethods}
                value={values.clientAuthMethods}
                onChange={(v) => set('clientAuthMethods', v)}
                error={errors.clientAuthMethods}
              />
            ) : null}
          </>
        ) : null}
        <div className="flex gap-2">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || locked}
            aria-busy={busy}
            title={locked ? t('errors.PMS_ESI_008') : undefined}
            data-testid="oidc-submit"
          >
            {busy
              ? t('partnerServices.submitting')
              : mode === 'create'
                ? t('partnerServices.oidc.createSubmit')
                : t('partnerServices.oidc.saveSubmit')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => navigate('/partner/oidc-clients')}
            data-testid="oidc-cancel"
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
