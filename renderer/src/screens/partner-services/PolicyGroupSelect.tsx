import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPES, type Output, type UserProfile } from '../../contract.ts';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { FormError } from '../../components/FormError.tsx';
import { useRoute } from '../../router/hash.ts';
import { useSession } from '../../stores/session.ts';
import { useMyPartners, type MyPartner } from './parts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

type Group = Output<'policyGroups.searchActive'>['data'][number];
const PAGE = 10;

function policyRequired(user: UserProfile): boolean {
  const type = user.partner?.partnerType;
  return !user.isAdmin && PARTNER_TYPES.some((p) => p.code === type && p.policyRequired);
}

/**
 * The one-time "Select Policy Group" step (pms.md §1.2, §3.7). Groups are searched as you type
 * and paged: MOSIP's single dropdown breaks past a few thousand groups.
 */
export function PolicyGroupPicker({ partner, onDone }: { partner: MyPartner; onDone: (p: MyPartner) => void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [pageNo, setPageNo] = useState(0);
  const name = useDebounced(query.trim(), 200);
  const search = useRecord(
    'policyGroups.searchActive',
    { name: name || undefined, pageNo, pageSize: PAGE },
    { keepPrevious: true },
  );
  const result = search.data;
  const loadError = search.error;
  const [chosen, setChosen] = useState<string>(partner.policyGroupId ?? '');
  const setPolicyGroup = useCommand('partners.setPolicyGroup');
  const { error, pending: busy } = setPolicyGroup;
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) {
      setMissing(true);
      return;
    }
    const saved = await setPolicyGroup.run({ partnerId: partner.partnerId, policyGroupId: chosen });
    if (saved) onDone(saved);
  }

  const groups: Group[] = result?.data ?? [];
  const pages = Math.max(1, Math.ceil((result?.totalResults ?? 0) / PAGE));
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="policy-group-form">
      <div
        className="rounded-md border border-info-fg/30 bg-info-bg p-3 text-sm text-info-fg"
        data-testid="policy-group-one-time"
      >
        <p className="font-semibold">{t('partnerServices.group.oneTime')}</p>
        <p className="mt-1">{t('partnerServices.group.changeRule')}</p>
      </div>
      <p className="text-slate-700">
        {t('partnerServices.group.partner')}:{' '}
        <bdi dir="ltr" className="font-mono">
          {partner.partnerId}
        </bdi>
      </p>
      <FormError error={error ?? loadError} />
      <div>
        <label htmlFor={searchId} className="field-label">
          {t('partnerServices.group.search')}
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPageNo(0);
          }}
          placeholder={t('partnerServices.group.searchPlaceholder')}
          className="field-input"
          data-testid="policy-group-search"
          aria-describedby={`${searchId}-hint`}
        />
        <p id={`${searchId}-hint`} className="field-hint" aria-live="polite" data-testid="policy-group-count">
          {result ? t('partnerServices.group.found', { n: result.totalResults }) : t('app.loading')}
        </p>
      </div>
      <fieldset>
        <legend className="field-label">{t('partnerServices.group.choose')}</legend>
        {groups.length === 0 && result ? <p className="text-slate-600">{t('partnerServices.group.none')}</p> : null}
        <ul className="max-h-80 space-y-2 overflow-y-auto" role="radiogroup" aria-invalid={missing}>
          {groups.map((g) => (
            <li key={g.policyGroupId}>
              <label
                className={`flex cursor-pointer gap-3 rounded-md border p-3 ${chosen === g.policyGroupId ? 'border-brand-600 bg-brand-50' : 'border-slate-200'}`}
                data-testid="policy-group-option"
                data-name={g.name}
              >
                <input
                  type="radio"
                  name="policyGroupId"
                  value={g.policyGroupId}
                  checked={chosen === g.policyGroupId}
                  onChange={() => {
                    setChosen(g.policyGroupId);
                    setMissing(false);
                  }}
                  className="mt-1"
                />
                <span className="min-w-0">
                  <span className="block font-medium text-slate-900">
                    <bdi>{g.name}</bdi>
                  </span>
                  <span className="block text-sm text-slate-600">
                    <bdi>{g.description}</bdi>
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {missing ? (
          <p className="field-error" data-testid="field-error-policyGroupId">
            {t('partnerServices.group.required')}
          </p>
        ) : null}
      </fieldset>
      {pages > 1 ? (
        <div className="flex items-center gap-2">
          <button
            type="button"
            className="btn btn-secondary px-3 py-1"
            disabled={pageNo <= 0}
            onClick={() => setPageNo(pageNo - 1)}
          >
            {t('partnerServices.list.previous')}
          </button>
          <span>{t('partnerServices.list.pageOf', { page: pageNo + 1, pages })}</span>
          <button
            type="button"
            className="btn btn-secondary px-3 py-1"
            disabled={pageNo + 1 >= pages}
            onClick={() => setPageNo(pageNo + 1)}
            data-testid="policy-group-next"
          >
            {t('partnerServices.list.next')}
          </button>
        </div>
      ) : null}
      <button
        type="submit"
        className="btn btn-primary"
        disabled={busy}
        aria-busy={busy}
        data-testid="policy-group-submit"
      >
        {busy ? t('partnerServices.group.saving') : t('partnerServices.group.submit')}
      </button>
    </form>
  );
}

function refreshProfile() {
  fetchOnce('session.me', {}).then(
    (me) => useSession.getState().setUser(me),
    () => undefined,
  );
}

/**
 * On the dashboard, while a partner type that needs a policy group has none, the "Select Policy
 * Group" step comes first (MOSIP shows it as a popup there): the certificate upload (PMS_PRT_054)
 * and every policy request need it. Other pages stay reachable.
 */
export function PolicyGroupGate({ user, children }: { user: UserProfile; children: ReactNode }) {
  const { t } = useTranslation();
  const onDashboard = useRoute().path === '/dashboard';
  const needs = policyRequired(user) && onDashboard;
  const partners = useRecord('partners.mine', needs ? {} : null).data?.partners;
  const pending = needs
    ? partners?.find((p) => p.policyRequired && p.canSelectPolicyGroup && !p.policyGroupId)
    : undefined;
  if (!pending) return children;
  return (
    <div className="space-y-6">
      <section
        className="mx-auto max-w-2xl space-y-4"
        data-testid="policy-group-step"
        aria-labelledby="policy-group-step-title"
      >
        <div>
          <h2 id="policy-group-step-title" className="page-title">
            {t('partnerServices.group.title')}
          </h2>
          <p className="mt-1 text-slate-600">{t('partnerServices.group.description')}</p>
        </div>
        <PolicyGroupPicker
          partner={pending}
          // partners.mine refetches on its own (the command changes `partners`); the profile is the session's.
          onDone={refreshProfile}
        />
      </section>
      {children}
    </div>
  );
}

/** `#/partner/policy-group`: the current group, changeable only while the partner is inactive (PMS_PRT_050). */
export function PolicyGroupScreen() {
  const { t } = useTranslation();
  const { partners, error } = useMyPartners({});
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const list = (partners ?? []).filter((p) => p.policyRequired);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('partnerServices.group.screenTitle')} description={t('partnerServices.group.changeRule')} />
      <FormError error={error} />
      {saved ? (
        <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-ok-fg" data-testid="policy-group-saved">
          {t('partnerServices.group.saved')}
        </p>
      ) : null}
      {list.map((p) => (
        <section key={p.partnerId} className="panel space-y-3 p-5" data-testid="policy-group-card">
          <p>
            <bdi dir="ltr" className="font-mono">
              {p.partnerId}
            </bdi>
          </p>
          <p className="font-medium" data-testid="policy-group-current">
            {p.policyGroupName ?? t('common.none')}
          </p>
          {p.policyGroupDescription ? <p className="text-sm text-slate-600">{p.policyGroupDescription}</p> : null}
          {editing === p.partnerId ? (
            <PolicyGroupPicker
              partner={p}
              onDone={() => {
                setEditing(null);
                setSaved(true);
                refreshProfile();
              }}
            />
          ) : p.canSelectPolicyGroup ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => setEditing(p.partnerId)}
              data-testid="policy-group-change"
            >
              {t('partnerServices.group.change')}
            </button>
          ) : (
            <p className="text-sm text-slate-600" data-testid="policy-group-locked">
              {t('errors.PMS_PRT_050')}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
