import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';
import { TRUST_PROFILES, type TrustProfileName } from '../../contract.ts';
import { useTrustProfiles, type DomainProfile } from './useTrustProfiles.ts';

const PROFILES: readonly TrustProfileName[] = TRUST_PROFILES;

/** The admin sets the trust profile per partner domain (audited command `trustStore.setProfile`). */
export function TrustProfilesPanel() {
  const { t } = useTranslation();
  const titleId = useId();
  const { profiles, error } = useTrustProfiles();
  return (
    <section aria-labelledby={titleId} className="panel space-y-3 p-5" data-testid="trust-profiles">
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t('certificates.profile.label')}
      </h2>
      <p className="text-sm text-slate-600">
        {t('certificates.profile.keymanager')}: {t('certificates.profile.keymanagerHelp')}{' '}
        {t('certificates.profile.strict')}: {t('certificates.profile.strictHelp')}
      </p>
      <CertificateError error={error} />
      {profiles ? (
        <ul className="divide-y divide-slate-100">
          {profiles.map((p) => (
            <DomainProfileRow key={`${p.partnerDomain}-${p.profile}-${p.updatedAt ?? ''}`} current={p} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DomainProfileRow({ current }: { current: DomainProfile }) {
  const { t } = useTranslation();
  const setProfile = useCommand('trustStore.setProfile');
  const lang = useUi((s) => s.lang);
  const selectId = useId();
  const [choice, setChoice] = useState<TrustProfileName>(current.profile);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const domainName = t(`certificates.domains.${current.partnerDomain}`);

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await setProfile.call({ partnerDomain: current.partnerDomain, profile: choice });
      setSaved(true);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className="flex flex-wrap items-end gap-3 py-2"
      data-testid="trust-profile-row"
      data-domain={current.partnerDomain}
      data-profile={current.profile}
    >
      <div className="min-w-[12rem] flex-1">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          {domainName}
        </label>
        <select
          id={selectId}
          className="field-input mt-1"
          value={choice}
          onChange={(event) => setChoice(event.target.value === 'strict' ? 'strict' : 'keymanager')}
          data-testid="trust-profile-select"
        >
          {PROFILES.map((p) => (
            <option key={p} value={p}>
              {t(`certificates.profile.${p}`)}
            </option>
          ))}
        </select>
        {current.updatedAt ? (
          <p className="mt-1 text-xs text-slate-500">{formatDateTime(current.updatedAt, lang)}</p>
        ) : null}
      </div>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy || choice === current.profile}
        aria-busy={busy}
        onClick={() => void save()}
        data-testid="trust-profile-save"
      >
        {t('certificates.profile.save')}
      </button>
      {saved ? (
        <p role="status" className="basis-full text-sm text-ok-fg" data-testid="trust-profile-saved">
          {t('certificates.profile.saved', {
            domain: domainName,
            profile: t(`certificates.profile.${choice}`),
          })}
        </p>
      ) : null}
      {error ? (
        <div className="basis-full">
          <CertificateError error={error} />
        </div>
      ) : null}
    </li>
  );
}
