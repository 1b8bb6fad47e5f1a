import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPES, type UserProfile } from '../contract.ts';
import { CopyableId } from '../components/CopyButton.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { accountStatusOf } from '../lib/accountStatus.ts';
import { formatDateTime, formatList } from '../lib/format.ts';
import { useUi } from '../stores/ui.ts';

function useRoleName() {
  const { t } = useTranslation();
  return (role: UserProfile['roles'][number]): string => {
    if (role === 'PARTNER_ADMIN' || role === 'POLICYMANAGER') return t(`roles.${role}`);
    const type = PARTNER_TYPES.find((entry) => entry.role === role);
    return type ? t(`partnerTypes.${type.code}`) : role;
  };
}

export function ProfileDetails({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const roleName = useRoleName();
  const partner = user.partner;
  const none = t('common.none');

  const rows: [string, ReactNode, string][] = [
    [t('profile.name'), `${user.firstName} ${user.lastName}`, 'name'],
    [t('fields.orgName'), partner?.orgName ?? user.orgName, 'org'],
    [t('fields.email'), <span dir="ltr">{user.email}</span>, 'email'],
    [
      t('profile.partnerId'),
      partner ? <CopyableId value={partner.partnerId} label={t('profile.partnerId')} testId="partner-id" /> : none,
      'partner-id',
    ],
    [t('fields.partnerType'), partner ? t(`partnerTypes.${partner.partnerType}`) : none, 'partner-type'],
    [t('fields.address'), partner?.address || none, 'address'],
    [t('fields.phone'), partner?.phone ? <span dir="ltr">{partner.phone}</span> : none, 'phone'],
    [t('profile.status'), <StatusBadge status={accountStatusOf(user)} testId="profile-status" />, 'status'],
    [t('profile.roles'), formatList(user.roles.map(roleName), lang) || none, 'roles'],
    [t('profile.created'), formatDateTime(partner?.createdAt ?? user.createdAt, lang), 'created'],
  ];

  return (
    <section aria-labelledby="profile-details" className="panel p-5" data-testid="profile-details">
      <h2 id="profile-details" className="text-base font-semibold">
        {t('profile.details')}
      </h2>
      <dl className="mt-4 divide-y divide-slate-100">
        {rows.map(([label, value, key]) => (
          <div key={key} className="grid gap-1 py-2.5 sm:grid-cols-[12rem_1fr]">
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-words text-slate-900" data-testid={`profile-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
