import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../contract.ts';
import { useRecord } from '../data/useRecord.ts';
import { useSession } from '../stores/session.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ProfileLanguage } from './ProfileLanguage.tsx';

export function ProfileScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();

  // Fresh details on every visit (an admin may have approved the partner meanwhile).
  // (A refusal leaves the header's copy; PD_AUTH_003 is handled by the client.)
  const me = useRecord('session.me', {}).data;
  useEffect(() => {
    if (me) useSession.getState().setUser(me);
  }, [me]);

  return (
    <div className="space-y-6">
      <h1 className="page-title">{t('profile.title')}</h1>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <ProfileDetails user={user} />
        <div className="space-y-6">
          <ProfileLanguage current={user.lang} />
          <ChangePasswordForm username={user.userId} />
        </div>
      </div>
    </div>
  );
}
