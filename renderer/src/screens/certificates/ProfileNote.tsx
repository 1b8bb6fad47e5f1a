import { useTranslation } from 'react-i18next';
import type { TrustProfileName } from '../../contract.ts';
import type { PartnerDomain } from '../../lib/certificates.ts';

/** "Trust profile for Device: keymanager (as MOSIP)" with what the profile means, on every upload screen. */
export function ProfileNote({
  domain,
  profile,
  testId = 'trust-profile',
}: {
  domain: PartnerDomain;
  profile: TrustProfileName;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <p
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
      data-testid={testId}
      data-profile={profile}
    >
      <span className="font-semibold">
        {t('certificates.profile.inForce', {
          domain: t(`certificates.domains.${domain}`),
          profile: t(`certificates.profile.${profile}`),
        })}
      </span>{' '}
      — {t(profile === 'strict' ? 'certificates.profile.strictHelp' : 'certificates.profile.keymanagerHelp')}
    </p>
  );
}
